import { scrubUrl } from './scrub-url.js';
import { currentPage, type Sensor, type SensorContext } from './sensor.js';

let nextId = 1;

/**
 * Emits the start and end of every fetch and XMLHttpRequest the page makes: method, path
 * (scrubbed) and status, where 0 means the request failed or was aborted. Bodies and headers
 * are never touched. The host's call runs exactly as before: we observe its promise and its
 * events, and our bookkeeping is guarded, so it can neither break nor delay the request.
 */
export const networkSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const own = new Set((ctx.ownUrls ?? []).map((u) => new URL(u, win.location.href).href.split('?')[0]));
  const report = ctx.guard.wrap('network-sensor', (id: number, phase: 'start' | 'end', method: string, url: string, status?: number, aborted?: boolean) => {
    const u = new URL(url, win.location.href);
    if (own.has(u.href.split('?')[0]) || ctx.ownPrefixes?.some((p) => u.href.startsWith(p))) return;
    const path = scrubUrl(u, win.location.href, ctx.allowParams);
    ctx.emit({ type: 'net', t: ctx.now(), page: currentPage(win, ctx.allowParams), id, phase, method: method.toUpperCase(), path, ...(status === undefined ? {} : { status }), ...(aborted ? { aborted } : {}) });
  });
  return combine(wrapFetch(ctx, report), wrapXhr(report));
};

type Report = (id: number, phase: 'start' | 'end', method: string, url: string, status?: number, aborted?: boolean) => void;
const combine = (...stops: Array<() => void>) => (): void => stops.forEach((s) => s());

function wrapFetch({ win }: SensorContext, report: Report): () => void {
  const original = win.fetch;
  const wrapped: typeof fetch = function (this: unknown, input, init) {
    const id = nextId++;
    let method = 'GET';
    let url = '';
    try {
      method = init?.method ?? (input instanceof Request ? input.method : 'GET');
      url = input instanceof Request ? input.url : String(input);
      report(id, 'start', method, url);
    } catch {
      // Observation only; the request goes ahead untouched.
    }
    const result = original.call(this ?? win, input, init);
    result.then(
      (res) => report(id, 'end', method, url, res.status),
      (error: unknown) => report(id, 'end', method, url, 0, error instanceof DOMException && error.name === 'AbortError'),
    );
    return result;
  };
  win.fetch = wrapped;
  return () => {
    if (win.fetch === wrapped) win.fetch = original;
  };
}

function wrapXhr(report: Report): () => void {
  const proto = XMLHttpRequest.prototype;
  const { open, send } = proto;
  const seen = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  const wrappedOpen = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    seen.set(this, { method, url: String(url) });
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  const wrappedSend = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    const req = seen.get(this);
    if (req) {
      const id = nextId++;
      report(id, 'start', req.method, req.url);
      let aborted = false;
      this.addEventListener('abort', () => (aborted = true), { once: true });
      this.addEventListener('loadend', () => report(id, 'end', req.method, req.url, this.status, aborted), { once: true });
    }
    return send.call(this, body);
  };
  proto.open = wrappedOpen;
  proto.send = wrappedSend;
  // As with history: restore only what nobody wrapped after us.
  return () => {
    if (proto.open === wrappedOpen) proto.open = open;
    if (proto.send === wrappedSend) proto.send = send;
  };
}
