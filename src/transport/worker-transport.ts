import { stamp, type RecordDraft, type Stamp } from './record.js';
import { exitBatches, sendOnExit, type DropReason, type ExitPoint, type Transport, type TransportOptions, type TransportStats, type Wire } from './transport.js';

/** What the worker needs to build its transport (telemetry-worker.ts); plain data, it crosses postMessage. */
export interface WorkerInit {
  readonly endpoint: string;
  readonly format?: 'zerocall' | 'otlp';
  readonly batchSize?: number;
  readonly flushInterval?: number;
  readonly maxQueue: number;
  readonly maxQueueBytes: number;
  readonly held: boolean;
  readonly allowParams: readonly string[];
  readonly stamp: Stamp;
  /** The IndexedDB database, `zerocall` but for tests. */
  readonly db: string;
}

/** Page → worker. `id` pairs a request with the `state` that answers it. */
export type ToWorker =
  | { readonly t: 'init'; readonly init: WorkerInit }
  /** Records as the engine made them (the worker numbers them in order), and the page URL their links resolve against. */
  | { readonly t: 'send'; readonly base: string; readonly records: readonly RecordDraft[] }
  | { readonly t: 'flush'; readonly id: number }
  | { readonly t: 'consent'; readonly granted: boolean; readonly id: number }
  | { readonly t: 'online' }
  | { readonly t: 'stop' };

/** Worker → page. */
export type FromWorker =
  | { readonly t: 'state'; readonly stats: TransportStats; readonly exit: ExitPoint; readonly id?: number }
  | { readonly t: 'drop'; readonly reason: DropReason; readonly count: number; readonly report: boolean; readonly status?: number }
  /** The worker cannot run a transport (storage or a fault); the page takes over. */
  | { readonly t: 'fail'; readonly message: string };

/** What a worker looks like to the page: a Worker, or a fake in tests. */
export interface WorkerPort {
  postMessage(message: ToWorker): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (e: Event) => void): void;
  terminate(): void;
}

export interface WorkerTransportOptions extends Wire {
  readonly worker: WorkerPort;
  readonly init: WorkerInit;
  /** The page URL now: the worker scrubs against it. */
  readonly base: () => string;
  /** The scrubber, for an exit the page sends itself. */
  readonly scrub: TransportOptions['scrub'];
  readonly after: TransportOptions['after'];
  readonly online?: TransportOptions['online'];
  readonly onDrop?: TransportOptions['onDrop'];
  /** The main-thread transport, built if the worker fails, numbering from `first`; it gets every record not known settled. */
  readonly fallback: (first: number) => Transport;
  /** How long the worker may take to start before the page takes over, ms. */
  readonly startTimeout?: number;
}

/**
 * Starts the telemetry worker whose script is at `url`: a shared worker where the browser has
 * them, since a dedicated worker's requests each cost the page's main thread a notice of the
 * load (bench/telemetry.mjs); a dedicated one elsewhere (Chrome for Android).
 */
export function spawnWorker(url: string): WorkerPort {
  if (typeof SharedWorker !== 'function') return new Worker(url, { name: 'zerocall-telemetry' }) as WorkerPort;
  const w = new SharedWorker(url, { name: 'zerocall-telemetry' });
  const port = w.port;
  port.start();
  return {
    postMessage: (m) => port.postMessage(m),
    // Loading errors arrive at the worker object, messages at its port.
    addEventListener: (type, listener) => (type === 'error' ? w : port).addEventListener(type, listener),
    terminate: () => port.close(),
  };
}

/**
 * Starts `zerocall.js` at `src` as the telemetry worker. A worker's script must be same-origin
 * and the SDK usually is not, so a one-line blob script of the page's origin imports it
 * (importScripts may cross origins); it runs under the page's origin, with the page's IndexedDB
 * and Web Locks. Throws where a Content-Security-Policy refuses blob: workers at once.
 */
export function spawnScriptWorker(src: string): WorkerPort {
  const url = URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(src)})`], { type: 'text/javascript' }));
  try {
    return spawnWorker(url);
  } finally {
    URL.revokeObjectURL(url);
  }
}

const STATS: TransportStats = { sent: 0, dropped: { evicted: 0, rejected: 0, 'too-large': 0 }, durable: true, worker: true };

/**
 * The transport in a worker (telemetry-worker.ts), shared or dedicated: the page only hands over records,
 * once per burst, and the worker scrubs, persists and sends them, so IndexedDB, the requests and
 * the answers cost the page's main thread nothing. A page that is leaving cannot wait for a
 * worker, so the page keeps the records the worker has not yet settled and sends those itself on
 * `pagehide`. If the worker fails to start or later breaks, the main-thread transport takes over
 * with every record not known settled: nothing is lost, a few may arrive twice (dedupe by id).
 */
export function createWorkerTransport(o: WorkerTransportOptions): Transport {
  const limit = o.init.batchSize ?? 100;
  let allowed = !o.init.held;
  /** Records given to the worker and not known settled; `kept[0]` is record number `keptFrom`. */
  let kept: RecordDraft[] = [];
  let keptFrom = 0;
  /** Records of this burst, for the next postMessage. */
  let outgoing: RecordDraft[] = [];
  let state: { stats: TransportStats; exit: ExitPoint } = { stats: STATS, exit: { from: 0, until: 0 } };
  let ready = false;
  /** The main-thread transport, once the worker failed. */
  let fallback: Transport | undefined;
  let nextId = 0;
  const waiting = new Map<number, () => void>();

  const post = (m: ToWorker): void => {
    if (fallback) return;
    try {
      o.worker.postMessage(m);
    } catch {
      fail();
    }
  };
  const hand = (): void => {
    if (!outgoing.length || fallback) return;
    const records = outgoing;
    outgoing = [];
    post({ t: 'send', base: o.base(), records });
  };
  /** Sends `m` with a fresh id; resolves on the worker's answer, or when the page took over. */
  const ask = (m: (id: number) => ToWorker, instead: (t: Transport) => Promise<void>): Promise<void> => {
    hand();
    // Handing over may have found the worker broken.
    if (fallback) return instead(fallback);
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      post(m(id));
    });
  };

  /** The worker failed (the reason does not change what the page does): the main thread takes over. */
  function fail(): void {
    if (fallback) return;
    cancelStart();
    try {
      o.worker.terminate();
    } catch {
      // Already gone.
    }
    // `kept` holds `outgoing` too: each record once, under the number the worker would have given it.
    const t = (fallback = o.fallback(keptFrom));
    if (allowed !== !o.init.held) void t.consent(allowed);
    for (const r of kept) t.send(r);
    [kept, outgoing] = [[], []];
    const flushed = t.flush();
    for (const resolve of waiting.values()) void flushed.then(resolve);
    waiting.clear();
  }

  const cancelStart = o.after(o.startTimeout ?? 10_000, () => ready || fail());

  o.worker.addEventListener('message', (e) => {
    const m = (e as MessageEvent<FromWorker>).data;
    if (fallback) return;
    if (m.t === 'fail') return fail();
    if (m.t === 'drop') return o.onDrop?.(m.reason, m.count, m.report, m.status);
    ready = true;
    state = m;
    // Records the worker settled: an exit no longer needs them.
    const n = Math.min(m.exit.from - keptFrom, kept.length);
    if (n > 0) [kept, keptFrom] = [kept.slice(n), keptFrom + n];
    if (m.id !== undefined) {
      waiting.get(m.id)?.();
      waiting.delete(m.id);
    }
  });
  o.worker.addEventListener('error', (e) => {
    // Its script failed to load or threw: a Content-Security-Policy without blob: workers, say.
    e.preventDefault();
    fail();
  });
  o.worker.addEventListener('messageerror', () => fail());
  post({ t: 'init', init: o.init });

  return {
    send(record) {
      if (fallback) return fallback.send(record);
      if (!allowed) return;
      kept.push(record);
      outgoing.push(record);
      // Bounded like the queue: the oldest wait in IndexedDB for a later page, not in this one's memory.
      if (kept.length > o.init.maxQueue) [kept, keptFrom] = [kept.slice(-o.init.maxQueue), keptFrom + kept.length - o.init.maxQueue];
      // One message per burst, as the main-thread transport writes once per burst.
      if (outgoing.length === 1) queueMicrotask(hand);
    },
    flush: () => ask((id) => ({ t: 'flush', id }), (t) => t.flush()),
    flushOnExit(leaving) {
      if (fallback) return fallback.flushOnExit(leaving);
      hand();
      // Hidden only: the worker lives on and sends at once.
      if (!leaving) return void ask((id) => ({ t: 'flush', id }), (t) => t.flush());
      if (!allowed || o.online?.() === false || state.exit.until > o.now() || !kept.length) return;
      // Leaving: the worker dies with the page. Send what it has not settled from here, in new
      // batches; it stays queued in IndexedDB for the next page load in case these never arrive.
      sendOnExit(o, exitBatches(kept.map((d, i) => JSON.stringify(o.scrub(stamp(o.init.stamp, keptFrom + i, d)))), limit));
    },
    consent(granted) {
      allowed = granted;
      // What this burst recorded goes to the worker first, which forgets it with the rest.
      const answered = ask((id) => ({ t: 'consent', granted, id }), (t) => t.consent(granted));
      if (!granted) [kept, keptFrom] = [[], keptFrom + kept.length];
      return answered;
    },
    online() {
      if (fallback) return fallback.online();
      post({ t: 'online' });
      return Promise.resolve();
    },
    stop() {
      cancelStart();
      if (fallback) return fallback.stop();
      post({ t: 'stop' });
    },
    stats() {
      if (!fallback) return { ...state.stats, worker: true };
      // The worker's counters stay in the totals.
      const [was, now] = [state.stats, fallback.stats()];
      const dropped = { ...now.dropped };
      for (const k of Object.keys(dropped) as DropReason[]) dropped[k] += was.dropped[k];
      return { sent: was.sent + now.sent, dropped, durable: now.durable, worker: false };
    },
    exitPoint: () => (fallback ? fallback.exitPoint() : state.exit),
  };
}
