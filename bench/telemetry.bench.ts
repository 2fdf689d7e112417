// Browser side of the telemetry benchmark (bench/telemetry.mjs drives it): a real transport,
// built exactly as src/runtime.ts builds it, over a real IndexedDB outbox, posting to the
// loopback collector of bench/run.mjs. One round sends 1,000 records the way the runtime does
// and flushes until the collector has them all. Bundled by esbuild for the browser.
import { openOutbox } from '../src/store/outbox.js';
import { connect } from '../src/store/store.js';
import { scrubRecord } from '../src/transport/scrub.js';
import type { RecordDraft, TelemetryRecord } from '../src/transport/record.js';
import { createTransport, type Transport } from '../src/transport/transport.js';
import { createWorkerTransport, spawnWorker } from '../src/transport/worker-transport.js';

const DB = 'zc-bench';
const PACK = 'checkout-help@2026.3.1';
const PAGES = ['/checkout/pay', '/orders', '/orders/1042', '/settings/billing', '/cart'];
const TARGETS = ['main > form#pay > button#submit', 'ul#list > li:nth-child(7) > button.open', 'header > nav > button.menu', 'input#card', 'span.hint'];
const SIGNALS = ['rage-click', 'dead-click', 'error-click', 'hesitation', 'form-error-loop'];
const OUTCOMES = ['shown', 'engaged', 'dismissed', 'helpful', 'unhelpful'] as const;


let transport: Transport | undefined;
let db: ReturnType<typeof connect> | undefined;
const stamp = { base: crypto.randomUUID(), sid: crypto.randomUUID(), pack: PACK };
/** What the engine hands the runtime's `record()`: everything but the ids the transport adds. */
let drafts: RecordDraft[] = [];
const longTasks: PerformanceEntry[] = [];
let observer: PerformanceObserver | undefined;

const deleteDb = (): Promise<void> =>
  new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });

let fellBack = false;

/**
 * A fresh database and a transport over it, as src/runtime.ts creates one (defaults: batches of
 * 100, a 5 s timer): in a dedicated worker when `workerSource` (the script that serves it) is
 * given, as the script tag runs it, or on the main thread.
 */
export async function setup(workerSource?: string): Promise<{ isolated: boolean }> {
  await deleteDb();
  db = connect(window, DB);
  const endpoint = new URL('/collect', location.href).href;
  const after = (ms: number, fn: () => void): (() => void) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  };
  const scrub = (r: TelemetryRecord): TelemetryRecord => scrubRecord(r, { base: location.href, allowParams: [] });
  const onMain = (first = 0): Transport =>
    createTransport({
      first,
      endpoint,
      fetch: window.fetch.bind(window),
      now: () => Date.now(),
      after,
      stamp,
      outbox: openOutbox(db, { records: 5000, bytes: 2_000_000 }),
      exclusive: navigator.locks ? (fn) => navigator.locks.request('zerocall:flush', fn).then(() => undefined) : undefined,
      online: () => navigator.onLine !== false,
      scrub,
    });
  if (!workerSource) {
    transport = onMain();
    return { isolated: crossOriginIsolated };
  }
  const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  transport = createWorkerTransport({
    endpoint,
    fetch: window.fetch.bind(window),
    now: () => Date.now(),
    worker: spawnWorker(url),
    init: { endpoint, maxQueue: 5000, maxQueueBytes: 2_000_000, held: false, allowParams: [], stamp, db: DB },
    base: () => location.href,
    scrub,
    after,
    fallback(first) {
      fellBack = true;
      return onMain(first);
    },
  });
  URL.revokeObjectURL(url);
  // Started: the worker has answered.
  await transport.flush();
  return { isolated: crossOriginIsolated };
}

/** Whether the worker failed and the main thread took over (the figures would then be the main thread's). */
export const fallback = (): boolean => fellBack;

/**
 * The next round's records as the engine produces them, made outside the measurement: 60%
 * signals with a target and evidence, 25% decisions, 15% outcomes, on a handful of pages.
 */
export function prepare(n: number): void {
  const t0 = Date.now();
  drafts = Array.from({ length: n }, (_, i): RecordDraft => {
    const t = t0 + i * 40;
    const page = PAGES[i % PAGES.length]!;
    const rule = `rule-${i % 12}`;
    const signal = SIGNALS[i % SIGNALS.length]!;
    const r = i % 20;
    if (r < 12) return { kind: 'signal', t, page, signal, target: TARGETS[i % TARGETS.length]!, evidence: { count: 3 + (i % 4), first: t - 1800, last: t } };
    if (r < 17) return { kind: 'decision', t, page, rule, signal };
    const outcome = OUTCOMES[i % OUTCOMES.length]!;
    return { kind: 'outcome', t, page, rule, outcome, ...(outcome === 'unhelpful' ? { reason: 'not-my-problem' } : {}) };
  });
}

export interface Round {
  /** The 1,000 send() calls, ms: what the caller's task pays at once. */
  syncMs: number;
  /** From the first send() until the collector had every record, ms of wall time. */
  wallMs: number;
  sent: number;
  flushes: number;
}

/** One round: send what `prepare` made, as the runtime's `record()` does, then flush until the collector has it all. */
export async function round(): Promise<Round> {
  const tr = transport!;
  const before = tr.stats().sent;
  performance.clearResourceTimings();
  const start = performance.now();
  // As the runtime's record() does: the transport stamps ids, session and pack.
  for (const d of drafts) tr.send(d);
  const syncMs = performance.now() - start;
  let flushes = 0;
  while (tr.stats().sent - before < drafts.length && flushes < 100) {
    await tr.flush();
    flushes++;
  }
  const wallMs = performance.now() - start;
  return { syncMs, wallMs, sent: tr.stats().sent - before, flushes };
}

/** Segments still queued: read outside the measured window. */
export async function queued(): Promise<number> {
  const d = await db!();
  return d ? d.count('outbox') : -1;
}

/** A round that does nothing: what the harness itself (the CDP calls, the evaluate) costs the main thread. */
export async function control(): Promise<Round> {
  return { syncMs: 0, wallMs: 0, sent: 0, flushes: 0 };
}

/** Long tasks from now until `stopLongTasks`. */
export function watchLongTasks(): boolean {
  longTasks.length = 0;
  try {
    observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: false });
    return true;
  } catch {
    return false;
  }
}

export function stopLongTasks(): number[] {
  for (const e of observer?.takeRecords() ?? []) longTasks.push(e);
  observer?.disconnect();
  return longTasks.map((e) => e.duration);
}

/** Stops the transport and deletes the database. */
export async function teardown(): Promise<void> {
  transport?.stop();
  (await db?.())?.close();
  await deleteDb();
}
