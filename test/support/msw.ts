// Test-only network mocking: one msw service worker per test page.
//
//   beforeEach(() => startMsw(http.post('/collect', () => new HttpResponse(null, { status: 204 }))));
//   const sent = captureRequests('/collect');        // bodies land here, in order
//   const first = nextRequest('/collect');           // or await exactly the next one
//
// The worker script is served at /mockServiceWorker.js by web-test-runner.config.mjs
// (from demo/), so its scope '/' covers the pages wtr serves at '/'.
import { setupWorker, type SetupWorker } from 'msw/browser';
import { http, type AnyHandler } from 'msw';

/** Which requests to observe: a URL (relative to the page, query ignored unless given), a RegExp on the full URL, or a test. */
export type RequestMatch = string | RegExp | ((request: Request) => boolean);

/** The bodies of matching requests, in arrival order, plus a way to stop recording. */
export type CapturedBodies<T> = T[] & { stop(): void };

type Tap = (request: Request, body: () => Promise<unknown>) => void;

let worker: SetupWorker | undefined;
let starting: Promise<SetupWorker> | undefined;
const taps = new Set<Tap>();
const seen = new Set<string>();

/**
 * Sees every request before any other handler, records it for the taps and falls
 * through (returns nothing), so the real handlers still answer. Body reads finish
 * before the response is sent, so a test that awaited its fetch sees the capture.
 */
const tapHandler = http.all('*', async ({ request, requestId }) => {
  if (taps.size === 0 || seen.has(requestId)) return;
  seen.add(requestId);
  let parsed: Promise<unknown> | undefined;
  const body = () => (parsed ??= request.clone().text().then(parseBody));
  const pending: Promise<unknown>[] = [];
  for (const tap of [...taps]) {
    tap(request, () => {
      const p = body();
      pending.push(p);
      return p;
    });
  }
  await Promise.all(pending);
});

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function matches(match: RequestMatch, request: Request): boolean {
  if (typeof match === 'function') return match(request);
  if (match instanceof RegExp) return match.test(request.url);
  const want = new URL(match, location.href);
  const got = new URL(request.url);
  if (want.origin !== got.origin || want.pathname !== got.pathname) return false;
  return want.search === '' || want.search === got.search;
}

/**
 * Starts msw for this page with the given handlers, or, if it is already running,
 * replaces its handlers with them (and drops earlier captures). Call it in
 * `beforeEach`. Requests no handler answers (the runner's own modules) pass through.
 */
export async function startMsw(...handlers: AnyHandler[]): Promise<SetupWorker> {
  taps.clear();
  seen.clear();
  if (worker) {
    worker.resetHandlers(tapHandler, probeHandler, ...handlers);
    await ensureIntercepting(worker);
    return worker;
  }
  starting ??= (async () => {
    await awaitControl();
    const w = setupWorker(tapHandler, ...handlers);
    // worker.use() prepends; keep the tap in front so runtime handlers are observed too.
    const use = w.use.bind(w);
    w.use = (...more: AnyHandler[]) => use(tapHandler, ...more);
    await w.start(START);
    worker = w;
    return w;
  })();
  const started = await starting;
  started.resetHandlers(tapHandler, probeHandler, ...handlers);
  await ensureIntercepting(started);
  return started;
}

/**
 * msw's start() reloads the page when a worker is registered but does not control it, and a
 * reload aborts the test file. That happens to a page that loaded while the first registration
 * was still installing: its activation claims the page moments later, so wait for that.
 */
async function awaitControl(): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller || !(await container.getRegistration('/'))) return;
  if (container.controller) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('msw: a worker is registered but never took control of this page')), 5_000);
    container.addEventListener('controllerchange', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

const START = { serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true } as const;
const PROBE = '/__msw-probe';
const probeHandler = http.get(PROBE, () => new Response(null, { status: 204 }));

/**
 * msw's worker unregisters itself when its last client page closes. With several test pages
 * coming and going, a page can start msw just as that happens and be left uncontrolled, so its
 * requests silently reach the real server. Prove interception with a probe, and restart if not.
 */
async function ensureIntercepting(w: SetupWorker): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await fetch(PROBE).catch(() => undefined))?.status === 204) return;
    w.stop();
    await awaitControl();
    await w.start(START);
  }
  throw new Error('msw could not take control of this page (the probe request was not intercepted)');
}

/**
 * Records the bodies (parsed as JSON; raw text if not JSON) of every `method`
 * request matching `match`, from now until `stop()` or the next `startMsw`.
 * Call after `startMsw`.
 */
export function captureRequests<T = unknown>(match: RequestMatch, method = 'POST'): CapturedBodies<T> {
  const bodies = [] as unknown as CapturedBodies<T>;
  const tap: Tap = (request, body) => {
    if (request.method !== method.toUpperCase() || !matches(match, request)) return;
    // Reserve the slot now so bodies stay in arrival order whatever their size.
    const index = bodies.length;
    bodies.length += 1;
    void body().then((value) => {
      bodies[index] = value as T;
    });
  };
  taps.add(tap);
  Object.defineProperty(bodies, 'stop', { value: () => taps.delete(tap), enumerable: false });
  return bodies;
}

/** Resolves with the parsed body of the next `method` request matching `match`. Call before the request is sent. */
export function nextRequest<T = unknown>(match: RequestMatch, method = 'POST'): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const tap: Tap = (request, body) => {
      if (request.method !== method.toUpperCase() || !matches(match, request)) return;
      taps.delete(tap);
      body().then((value) => resolve(value as T), reject);
    };
    taps.add(tap);
  });
}
