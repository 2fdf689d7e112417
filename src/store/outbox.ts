import type { IDBPDatabase } from 'idb';
import type { Db } from './store.js';

/**
 * Records written together: the unit of the telemetry queue. Each record is kept as the JSON it
 * goes on the wire as, so it is serialised once, and IndexedDB copies strings, not objects.
 */
export interface Segment {
  /** Sorts the queue oldest first, across tabs: time, tab, counter. */
  readonly key: string;
  readonly events: readonly string[];
}

/** What the flusher sends as one request. */
export interface Take {
  readonly batch: string;
  readonly segments: readonly Segment[];
  /** Failed attempts before this one, in a row. */
  readonly attempt: number;
}

/** When the collector may next be tried; shared by every tab, so none hammers a collector that asked for a pause. */
export interface Backoff {
  readonly until: number;
  readonly attempt: number;
  /** The collector asked for the pause (Retry-After): coming back online does not end it. */
  readonly asked?: boolean;
}

/** How much may wait for the collector; beyond it the oldest records go first. */
export interface OutboxBounds {
  readonly records: number;
  readonly bytes: number;
}

/**
 * The telemetry queue, in IndexedDB so records survive a reload, a crash or a collector that is
 * down for a day, and so every tab of the origin feeds one queue. Every call settles and none
 * throws. Where IndexedDB is missing, or refuses a write (quota, private modes), the queue moves
 * to this page's memory with what it can still read: the SDK keeps working and only a page that
 * dies before the collector answers loses what it held.
 */
export interface Outbox {
  /** Writes new segments; resolves with the number of old records evicted to stay in bounds. */
  add(segments: readonly Segment[]): Promise<number>;
  /**
   * What to send now: the batch a page was sending when it went (whole, under its id), or else
   * the oldest segments up to `records` and `bytes` under the id `batch`, noted before it is
   * sent. A number is the time to wait until (a backoff); undefined, nothing is queued.
   */
  take(records: number, bytes: number, batch: string, now: number): Promise<Take | number | undefined>;
  /** Delivered, or refused for good: forgets the batch and ends any backoff. */
  done(take: Take): Promise<void>;
  /** Splits a refused-as-too-large batch in two; false when it is one record. */
  halve(take: Take): Promise<boolean>;
  /** Forgets every queued record (consent withdrawn). */
  clear(): Promise<unknown>;
  backoff(): Promise<Backoff>;
  setBackoff(b: Backoff): Promise<unknown>;
  /** False once the queue lives in memory. */
  readonly durable: boolean;
}

/** One transaction's view of the queue: IndexedDB's or the in-memory fallback's. */
interface Tx {
  get(key: string): Promise<Segment | undefined>;
  /** Whether `key` is queued, without reading the segment. */
  has(key: string): Promise<boolean>;
  put(s: Segment): Promise<unknown>;
  del(key: string): Promise<unknown>;
  /** Segments oldest first, until `visit` returns false. */
  scan(visit: (s: Segment) => boolean): Promise<void>;
  meta<T>(key: string): Promise<T | undefined>;
  setMeta(key: string, value: unknown): Promise<unknown>;
  clear(): Promise<unknown>;
}

interface Totals {
  records: number;
  bytes: number;
}

/** A segment's size: its records' JSON length (UTF-16 units; bytes for the ASCII the wire mostly is). */
const size = (events: readonly string[]): number => events.reduce((a, e) => a + e.length + 1, 0);

/** The batch on the wire, noted so that whoever flushes next (this page, the next load, another tab) resends it as it was. */
interface Sending {
  readonly batch: string;
  readonly keys: readonly string[];
}

function idbTx(d: IDBPDatabase): { tx: Tx; done: Promise<void> } {
  const t = d.transaction(['outbox', 'meta'], 'readwrite');
  const q = t.objectStore('outbox');
  const m = t.objectStore('meta');
  return {
    done: t.done,
    tx: {
      get: (key) => q.get(key) as Promise<Segment | undefined>,
      has: async (key) => (await q.count(key)) > 0,
      put: (s) => q.put(s),
      del: (key) => q.delete(key),
      async scan(visit) {
        let c = await q.openCursor();
        while (c && visit(c.value as Segment)) c = await c.continue();
      },
      meta: (key) => m.get(key),
      setMeta: (key, value) => m.put(value, key),
      clear: () => Promise.all([q.clear(), m.clear()]),
    },
  };
}

function memoryTx(segments: Map<string, Segment>, meta: Map<string, unknown>): Tx {
  const sorted = (): Segment[] => [...segments.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const done = Promise.resolve();
  return {
    get: async (key) => segments.get(key),
    has: async (key) => segments.has(key),
    put: async (s) => segments.set(s.key, s),
    del: async (key) => segments.delete(key),
    async scan(visit) {
      for (const s of sorted()) if (!visit(s)) return;
    },
    meta: async <T>(key: string) => meta.get(key) as T | undefined,
    setMeta: async (key, value) => meta.set(key, value),
    clear: () => done.then(() => (segments.clear(), meta.clear())),
  };
}

/** Running totals, kept in the same transactions as the queue so every tab sees the same. */
async function totals(tx: Tx): Promise<Totals> {
  const known = await tx.meta<Totals>('totals');
  // Two tabs without Web Locks can both count one delivery; recount rather than drift.
  if (known && known.records >= 0 && known.bytes >= 0) return { ...known };
  const t = { records: 0, bytes: 0 };
  await tx.scan((s) => ((t.records += s.events.length), (t.bytes += size(s.events)), true));
  return t;
}

/** The queue over `db` (see `connect`); without one, in memory from the start. */
export function openOutbox(db: Db | undefined, bounds: OutboxBounds): Outbox {
  let memory: { segments: Map<string, Segment>; meta: Map<string, unknown> } | undefined;

  /** Runs `fn` in one IndexedDB transaction, or in memory once IndexedDB has failed. */
  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    const d = memory ? undefined : await db?.();
    if (d) {
      let done: Promise<void> | undefined;
      try {
        const t = idbTx(d);
        done = t.done;
        const result = await fn(t.tx);
        await done;
        return result;
      } catch {
        done?.catch(() => undefined);
      }
    }
    if (!memory) {
      // Take along what IndexedDB still lets us read: it stays there too, for the next page
      // load to send if this one cannot (at least once; the collector dedupes by id).
      memory = { segments: new Map(), meta: new Map() };
      try {
        for (const s of ((await d?.getAll('outbox')) ?? []) as Segment[]) memory.segments.set(s.key, s);
      } catch {
        // Nothing readable: start empty.
      }
    }
    return fn(memoryTx(memory.segments, memory.meta));
  }

  const over = (t: Totals): boolean => t.records > bounds.records || t.bytes > bounds.bytes;

  return {
    add: (segments) =>
      run(async (tx) => {
        const t = await totals(tx);
        for (const s of segments) {
          await tx.put(s);
          t.records += s.events.length;
          t.bytes += size(s.events);
        }
        let evicted = 0;
        if (over(t)) {
          // The batch on the wire is left alone: its records may already have arrived.
          const sending = new Set((await tx.meta<Sending>('sending'))?.keys);
          const trimmed: Segment[] = [];
          await tx.scan((s) => {
            if (sending.has(s.key)) return true;
            let i = 0;
            for (; i < s.events.length && over(t); i++) {
              t.records--;
              t.bytes -= s.events[i]!.length + 1;
            }
            evicted += i;
            if (i) trimmed.push({ key: s.key, events: s.events.slice(i) });
            return over(t);
          });
          for (const s of trimmed) await (s.events.length ? tx.put(s) : tx.del(s.key));
        }
        await tx.setMeta('totals', t);
        return evicted;
      }),

    take: (records, bytes, batch, now) =>
      run(async (tx) => {
        const b = (await tx.meta<Backoff>('backoff')) ?? { until: 0, attempt: 0 };
        if (b.until > now) return b.until;
        const sending = await tx.meta<Sending>('sending');
        const group: Segment[] = [];
        for (const key of sending?.keys ?? []) {
          const s = await tx.get(key);
          if (s) group.push(s);
        }
        if (group.length) return { batch: sending!.batch, segments: group, attempt: b.attempt };
        let n = 0;
        let total = 0;
        await tx.scan((s) => {
          const fits = group.length === 0 || (n + s.events.length <= records && total + size(s.events) <= bytes);
          if (fits) {
            group.push(s);
            n += s.events.length;
            total += size(s.events);
          }
          return fits;
        });
        if (!group.length) {
          await tx.setMeta('totals', { records: 0, bytes: 0 });
          return undefined;
        }
        await tx.setMeta('sending', { batch, keys: group.map((s) => s.key) });
        return { batch, segments: group, attempt: b.attempt };
      }),

    done: (take) =>
      run(async (tx) => {
        const t = await totals(tx);
        // An exit's keepalive and the flusher can both see the same batch delivered: count it once.
        for (const s of take.segments) {
          if (!(await tx.has(s.key))) continue;
          await tx.del(s.key);
          t.records -= s.events.length;
          t.bytes -= size(s.events);
        }
        await tx.setMeta('totals', t);
        if ((await tx.meta<Sending>('sending'))?.batch === take.batch) await tx.setMeta('sending', undefined);
        if (take.attempt) await tx.setMeta('backoff', { until: 0, attempt: 0 });
      }),

    halve: (take) =>
      run(async (tx) => {
        const events = take.segments.flatMap((s) => s.events);
        if (events.length < 2) return false;
        for (const s of take.segments) await tx.del(s.key);
        const mid = events.length >> 1;
        const key = take.segments[0]!.key;
        // Keys have a fixed length, so `key0` and `key1` sort after `key` and before any other segment's: the order holds.
        await tx.put({ key: `${key}0`, events: events.slice(0, mid) });
        await tx.put({ key: `${key}1`, events: events.slice(mid) });
        // The collector took none of it: the halves go as new batches.
        await tx.setMeta('sending', undefined);
        return true;
      }),

    clear: () => run((tx) => tx.clear()),
    backoff: () => run(async (tx) => (await tx.meta<Backoff>('backoff')) ?? { until: 0, attempt: 0 }),
    setBackoff: (b) => run((tx) => tx.setMeta('backoff', b)),
    get durable() {
      return db !== undefined && !memory;
    },
  };
}
