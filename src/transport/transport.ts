import { uid } from '../core/uid.js';
import { SDK_VERSION } from '../version.js';
import type { Batch, TelemetryRecord } from './record.js';

/** What the transport needs; timers and network are injected so tests run on virtual time. */
export interface TransportOptions {
  readonly endpoint: string;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  /** Runs `fn` once after `ms`; returns a cancel function. */
  readonly after: (ms: number, fn: () => void) => () => void;
  /** Records per batch; a full batch is sent at once. */
  readonly maxBatch?: number;
  /** How long a record may wait for its batch to fill, ms. */
  readonly flushAfter?: number;
  /** Records kept while the collector is unreachable; the oldest are dropped beyond it. */
  readonly maxQueue?: number;
}

/** Sends records to the collector in batches. */
export interface Transport {
  send(record: TelemetryRecord): void;
  /** Sends everything queued now; resolves when the collector has answered. */
  flush(): Promise<void>;
  /** The page is going away: hand everything to the browser to deliver (keepalive). */
  flushOnExit(): void;
  /** Records dropped because the queue overflowed. */
  readonly dropped: number;
}

/** keepalive bodies share a 64 KB budget per page; stay under it with room for headers. */
const EXIT_CHUNK_BYTES = 60_000;
const MAX_BACKOFF = 60_000;

/**
 * Batches records and POSTs them as JSON. A failed batch goes back to the head of the queue,
 * keeping its batch id, and is retried with a doubling delay: nothing is lost to a flaky network.
 */
export function createTransport(o: TransportOptions): Transport {
  const maxBatch = o.maxBatch ?? 20;
  const flushAfter = o.flushAfter ?? 5000;
  const maxQueue = o.maxQueue ?? 1000;
  const queue: TelemetryRecord[] = [];
  /** The batch on the wire; resent on exit too, since its answer may never arrive (ids dedupe). */
  let sending: TelemetryRecord[] = [];
  let inflight: Promise<void> | undefined;
  let cancelTimer: (() => void) | undefined;
  let backoff = 0;
  let dropped = 0;

  const post = (events: readonly TelemetryRecord[], batch: string, keepalive: boolean): Promise<Response> => {
    const body: Batch = { v: 1, batch, sdk: SDK_VERSION, sent: o.now(), events };
    return o.fetch(o.endpoint, { method: 'POST', keepalive, credentials: 'omit', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  };

  const schedule = (ms: number): void => {
    if (cancelTimer) return;
    cancelTimer = o.after(ms, () => {
      cancelTimer = undefined;
      void flush();
    });
  };

  /** A batch that failed: resent first, under the same id, so the collector can dedupe it. */
  let retry: { batch: string; events: TelemetryRecord[] } | undefined;

  const sendOne = async (): Promise<void> => {
    const next = retry ?? { batch: uid(), events: queue.splice(0, maxBatch) };
    retry = undefined;
    sending = next.events;
    let ok = false;
    try {
      ok = (await post(next.events, next.batch, false)).ok;
    } catch {
      ok = false;
    }
    sending = [];
    if (ok) {
      backoff = 0;
      return;
    }
    retry = next;
    backoff = Math.min(MAX_BACKOFF, backoff ? backoff * 2 : flushAfter);
    schedule(backoff);
    throw new Error('collector unavailable');
  };

  const flush = (): Promise<void> => {
    inflight ??= (async () => {
      cancelTimer?.();
      cancelTimer = undefined;
      try {
        while (retry || queue.length) await sendOne();
      } catch {
        // Kept in the queue and rescheduled by sendOne.
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  };

  return {
    send(record) {
      queue.push(record);
      if (queue.length > maxQueue) dropped += queue.splice(0, queue.length - maxQueue).length;
      if (queue.length >= maxBatch && !backoff) void flush();
      else schedule(flushAfter);
    },
    flush,
    flushOnExit() {
      cancelTimer?.();
      cancelTimer = undefined;
      let chunk: TelemetryRecord[] = [];
      let bytes = 0;
      const ship = (): void => {
        if (chunk.length) post(chunk, uid(), true).catch(() => undefined);
        chunk = [];
        bytes = 0;
      };
      const pending = [...sending, ...(retry?.events ?? []), ...queue.splice(0)];
      retry = undefined;
      for (const r of pending) {
        const size = JSON.stringify(r).length + 1;
        if (bytes + size > EXIT_CHUNK_BYTES) ship();
        chunk.push(r);
        bytes += size;
      }
      ship();
    },
    get dropped() {
      return dropped;
    },
  };
}
