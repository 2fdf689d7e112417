import { openOutbox } from '../store/outbox.js';
import { connect } from '../store/store.js';
import { scrubRecord, type ScrubContext } from './scrub.js';
import { createTransport, type Transport } from './transport.js';
import type { FromWorker, ToWorker } from './worker-transport.js';

/** Where the page's messages arrive and answers go: a dedicated worker's scope, or a shared worker's port. */
export interface PagePort {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
}

/** What the worker uses of its global scope (the DOM typings describe a window, not a worker). */
export interface WorkerScope extends PagePort {
  readonly indexedDB?: IDBFactory;
  readonly navigator: { readonly onLine?: boolean; readonly locks?: LockManager };
  fetch: typeof fetch;
  close(): void;
  /** Present in a shared worker: each page that connects gets its own port. */
  readonly onconnect?: unknown;
}

/**
 * Entry of a telemetry worker, dedicated or shared. A shared worker's loads are no frame's, so
 * the page's main thread is not told of each request, as it is for a dedicated worker's.
 */
export function startTelemetryWorker(scope: WorkerScope): void {
  if (!('onconnect' in scope)) return serveTelemetry(scope, scope);
  (scope as unknown as { addEventListener(type: 'connect', fn: (e: MessageEvent) => void): void }).addEventListener('connect', (e) => {
    const port = e.ports[0]!;
    serveTelemetry(scope, port as unknown as PagePort);
    port.start();
  });
}

/** How often, at most, the page hears of deliveries it did not ask about, ms. */
const STATE_INTERVAL = 1000;

/**
 * The worker half of worker-transport.ts: the same transport, outbox and scrubber as on the main
 * thread, answering the page's messages. Every change the page must know of (sent, dropped,
 * what is settled) goes back as one `state` message per burst.
 */
export function serveTelemetry(scope: WorkerScope, port: PagePort): void {
  let transport: Transport | undefined;
  /** Set by `init` and by each `send`: the page URL the records' links resolve against. */
  const ctx: { -readonly [K in keyof ScrubContext]: ScrubContext[K] } = { base: '', allowParams: [] };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const state = (id?: number): void => {
    clearTimeout(timer);
    timer = undefined;
    if (transport) port.postMessage({ t: 'state', stats: transport.stats(), exit: transport.exitPoint(), ...(id === undefined ? {} : { id }) });
  };
  // Each message costs the page's main thread a task: changes go at most once a second, and
  // answers at once (a flush's answer carries everything up to it).
  const onChange = (): void => void (timer ??= setTimeout(state, STATE_INTERVAL));

  const handle = async (m: ToWorker): Promise<void> => {
    switch (m.t) {
      case 'init': {
        const { init } = m;
        ctx.allowParams = init.allowParams;
        const nav = scope.navigator;
        transport = createTransport({
          endpoint: init.endpoint,
          format: init.format,
          batchSize: init.batchSize,
          flushInterval: init.flushInterval,
          held: init.held,
          stamp: init.stamp,
          fetch: scope.fetch.bind(scope),
          now: () => Date.now(),
          after(ms, fn) {
            const id = setTimeout(fn, ms);
            return () => clearTimeout(id);
          },
          outbox: openOutbox(connect(scope, init.db), { records: init.maxQueue, bytes: init.maxQueueBytes }),
          exclusive: nav.locks ? (fn) => nav.locks!.request('zerocall:flush', fn).then(() => undefined) : undefined,
          online: () => nav.onLine !== false,
          scrub: (r) => scrubRecord(r, ctx),
          onDrop: (reason, count, report, status) => port.postMessage({ t: 'drop', reason, count, report, ...(status ? { status } : {}) }),
          onChange,
        });
        return state();
      }
      case 'send':
        ctx.base = m.base;
        for (const r of m.records) transport!.send(r);
        return;
      case 'flush':
        await transport!.flush();
        return state(m.id);
      case 'consent':
        await transport!.consent(m.granted);
        return state(m.id);
      case 'online':
        return transport!.online();
      case 'stop':
        transport?.stop();
        return scope.close();
    }
  };

  port.addEventListener('message', (e) => {
    handle(e.data).catch((error: unknown) => port.postMessage({ t: 'fail', message: error instanceof Error ? error.message : String(error) }));
  });
}
