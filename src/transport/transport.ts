import { uid } from '../core/uid.js';
import type { Outbox, Segment, Take } from '../store/outbox.js';
import { SDK_VERSION } from '../version.js';
import { toOtlp } from './otlp.js';
import { stamp, type RecordDraft, type Stamp, type TelemetryRecord } from './record.js';

/** Why records never reached the collector; each is counted and reported (docs/telemetry.md). */
export type DropReason = 'evicted' | 'rejected' | 'too-large';

/** What the transport needs; time, network and storage are injected so tests control them. */
export interface TransportOptions {
  readonly endpoint: string;
  /** `zerocall` (docs/telemetry.md) or `otlp`: OpenTelemetry logs, OTLP/HTTP JSON. */
  readonly format?: 'zerocall' | 'otlp';
  readonly fetch: typeof fetch;
  /** `navigator.sendBeacon`, for an exit when a keepalive fetch is refused. */
  readonly beacon?: (url: string, body: Blob) => boolean;
  readonly now: () => number;
  /** Runs `fn` once after `ms`; returns a cancel function. */
  readonly after: (ms: number, fn: () => void) => () => void;
  /** In [0, 1), for backoff jitter. */
  readonly random?: () => number;
  readonly outbox: Outbox;
  /** Runs `fn` holding the one flush lock of the origin (Web Locks); without it each tab flushes alone. */
  readonly exclusive?: (fn: () => Promise<void>) => Promise<void>;
  /** False while the browser knows it is offline. */
  readonly online?: () => boolean;
  /** What the page's records share: the base of their ids, the session and the pack. */
  readonly stamp: Stamp;
  /** The number of the first record sent (its id); a transport that takes over from a worker continues its count. */
  readonly first?: number;
  /** The privacy scrubber every record passes before it is queued (scrub.ts). */
  readonly scrub: (r: TelemetryRecord) => TelemetryRecord;
  /** Records per batch; a full batch goes at once. */
  readonly batchSize?: number;
  /** How long a record may wait for its batch to fill, ms. */
  readonly flushInterval?: number;
  /** Hold everything, sending nothing, until `consent(true)`. */
  readonly held?: boolean;
  /** Records lost for `reason`; `report` is false when they were themselves loss reports, so none loops. */
  readonly onDrop?: (reason: DropReason, count: number, report: boolean, status?: number) => void;
  /** Something `stats()` or `exitPoint()` reports changed: a batch delivered or dropped, records evicted. */
  readonly onChange?: () => void;
}

/** Counters for `ZeroCall.debug.telemetry()`. */
export interface TransportStats {
  /** Records the collector accepted. */
  sent: number;
  /** Records lost, by reason. */
  dropped: Record<DropReason, number>;
  /** False when the queue had to fall back to memory. */
  durable: boolean;
  /** True while a worker sends (worker-transport.ts); false on the main thread. */
  worker: boolean;
}

/** See `Transport.exitPoint`. */
export interface ExitPoint {
  readonly from: number;
  readonly until: number;
}

/** Sends records to the collector, at least once each. */
export interface Transport {
  /** Queues a record; the transport gives it its id, session and pack. */
  send(draft: RecordDraft): void;
  /** Sends what is queued now; resolves when the collector has answered or the queue waits for a retry. */
  flush(): Promise<void>;
  /**
   * The page is hidden (`leaving` false) or going away: hand this page's undelivered records to
   * keepalive requests. The worker transport sends from the worker while the page is only hidden.
   */
  flushOnExit(leaving?: boolean): void;
  /** Granted: send, starting with what earlier pages queued. Withdrawn: forget everything queued, in every tab, and send nothing. */
  consent(granted: boolean): Promise<void>;
  /** The browser is back online: end a pause that network failures caused, and send. */
  online(): Promise<void>;
  /** Shutdown: no more timers; what is queued stays for the next page. */
  stop(): void;
  stats(): TransportStats;
  /**
   * What an exit made elsewhere (the worker transport's page) must know: `from`, how many of
   * the records given to send(), counted from the first, are delivered, dropped or were never
   * queued (the rest may still need the exit); `until`, when the collector's pause ends.
   */
  exitPoint(): ExitPoint;
}

/** keepalive bodies in flight share 64 KiB per page; an exit stays under it. */
const EXIT_BUDGET = 63_000;
/** A segment fits one keepalive request, so an exit can send it as it is. */
const SEGMENT_BYTES = 60_000;
/** A batch: large enough that a burst goes in few requests, small enough for any collector's body limit (a 413 halves it anyway). */
const BATCH_BYTES = 250_000;
/** A request with no answer by then counts as a network failure: it must not hold the flush lock. */
const REQUEST_TIMEOUT = 30_000;
const BACKOFF_BASE = 1000;
const BACKOFF_MAX = 300_000;
/** The longest pause a collector's Retry-After is taken at its word for. */
const RETRY_AFTER_MAX = 3_600_000;
/** How a loss report looks inside its JSON; a report string in a message would have its quotes escaped. */
const LOSS_REPORT = '"kind":"dropped"';

const recordsIn = (take: Pick<Take, 'segments'>): string[] => take.segments.flatMap((s) => s.events);

/** The request body, built around records already in JSON. */
export function requestBody(format: TransportOptions['format'], batch: string, events: readonly string[], now: number): string {
  const head = { v: 1, batch, sdk: SDK_VERSION, sent: now } as const;
  if (format === 'otlp') return JSON.stringify(toOtlp({ ...head, events: events.map((e) => JSON.parse(e) as TelemetryRecord) }));
  return `${JSON.stringify(head).slice(0, -1)},"events":[${events.join(',')}]}`;
}

/** Where requests go and how; what an exit needs of a transport's options. */
export type Wire = Pick<TransportOptions, 'endpoint' | 'format' | 'fetch' | 'beacon' | 'now'>;

const post = (o: Wire, data: string, init: RequestInit = {}): Promise<Response> =>
  o.fetch(o.endpoint, { method: 'POST', credentials: 'omit', headers: { 'content-type': 'application/json' }, body: data, ...init });

/** A batch for an exit: its id, its records as JSON and what to do if the page lives to see it accepted. */
export interface ExitBatch {
  readonly batch: string;
  readonly events: readonly string[];
  readonly ok?: () => void;
}

/**
 * Hands batches, in order, to keepalive requests (a beacon where one is refused) until the
 * 64 KiB the page's keepalive bodies share is spent; the rest waits for the next page load.
 */
export function sendOnExit(o: Wire, batches: readonly ExitBatch[]): void {
  let budget = EXIT_BUDGET;
  for (const { batch, events, ok } of batches) {
    if (!events.length) continue;
    const data = requestBody(o.format, batch, events, o.now());
    const bytes = new Blob([data]).size;
    if (bytes > budget) return;
    budget -= bytes;
    const beacon = (): unknown => o.beacon?.(o.endpoint, new Blob([data], { type: 'application/json' }));
    try {
      post(o, data, { keepalive: true }).then((res) => res.ok && ok?.(), beacon);
    } catch {
      beacon();
    }
  }
}

/** Consecutive records in batches of at most `limit`, each under a fresh id. */
export const exitBatches = (events: readonly string[], limit: number): ExitBatch[] =>
  Array.from({ length: Math.ceil(events.length / limit) }, (_, i) => ({ batch: uid(), events: events.slice(i * limit, (i + 1) * limit) }));

/** Retry-After in ms: delta-seconds or an HTTP date. */
function retryAfter(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), RETRY_AFTER_MAX) : undefined;
}

/**
 * Batches records, persists them (outbox.ts) and POSTs them as JSON. Delivery is at least
 * once: a record leaves the queue only when the collector accepted it (2xx) or refused it for
 * good (4xx), and every record and batch carries an id to dedupe on.
 */
export function createTransport(o: TransportOptions): Transport {
  const interval = o.flushInterval ?? 5000;
  /** Records per batch; lowered for the page after a 413. */
  let limit = o.batchSize ?? 100;
  const tab = uid().slice(0, 8);
  let seq = 0;
  /** Records as JSON, waiting for the burst's one write. */
  let pending: string[] = [];
  /** This page's records not known delivered, by segment key: an exit cannot read IndexedDB in time. */
  const mine = new Map<string, Segment>();
  /** Where each segment in `mine` starts, counting every record given to send(). */
  const startOf = new Map<string, number>();
  /** Records given to send(), and where the ones in `pending` start. */
  let given = o.first ?? 0;
  let pendingFrom = 0;
  /** The batch this page has on the wire. */
  let inflight: Take | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  let unsent = 0;
  let running: Promise<void> | undefined;
  let cancelTimer: (() => void) | undefined;
  let until = 0;
  let asked = false;
  let allowed = !o.held;
  let stopped = false;
  let sent = 0;
  const dropped: Record<DropReason, number> = { evicted: 0, rejected: 0, 'too-large': 0 };

  const drop = (reason: DropReason, lost: readonly string[] | number, status?: number): void => {
    const count = typeof lost === 'number' ? lost : lost.length;
    dropped[reason] += count;
    o.onDrop?.(reason, count, typeof lost === 'number' || lost.some((e) => !e.includes(LOSS_REPORT)), status);
  };

  const schedule = (ms: number, replace = false): void => {
    if (stopped || (cancelTimer && !replace)) return;
    cancelTimer?.();
    let fired = false;
    const cancel = o.after(ms, () => {
      fired = true;
      cancelTimer = undefined;
      void flush();
    });
    if (!fired) cancelTimer = cancel;
  };

  /** Writes what send() gathered, in segments of at most a batch that each fit a keepalive request. */
  const persist = (): void => {
    if (!pending.length) return;
    const segments: Segment[] = [];
    let events: string[] = [];
    let total = 0;
    let at = pendingFrom;
    const cut = (): void => {
      if (!events.length) return;
      const key = `${o.now().toString(36).padStart(9, '0')}${tab}${(seq++).toString(36).padStart(5, '0')}`;
      segments.push({ key, events });
      startOf.set(key, at);
      at += events.length;
      events = [];
      total = 0;
    };
    for (const e of pending) {
      if (events.length >= limit || total + e.length > SEGMENT_BYTES) cut();
      events.push(e);
      total += e.length + 1;
    }
    cut();
    unsent += pending.length;
    pending = [];
    for (const s of segments) mine.set(s.key, s);
    writes = writes
      .then(() => o.outbox.add(segments))
      .then((evicted) => {
        if (evicted) drop('evicted', evicted);
        if (evicted) o.onChange?.();
      });
    if (unsent >= limit) void flush();
    else schedule(interval);
  };

  /** One request; what the collector said. */
  async function deliver(take: Take): Promise<'ok' | 'retry' | number> {
    try {
      const res = await post(o, requestBody(o.format, take.batch, recordsIn(take), o.now()), { signal: AbortSignal.timeout?.(REQUEST_TIMEOUT) });
      if (res.ok) return 'ok';
      if (res.status === 408 || res.status === 429 || res.status >= 500) {
        const wait = retryAfter(res.headers.get('retry-after'), o.now());
        if (wait !== undefined) [until, asked] = [o.now() + wait, true];
        return 'retry';
      }
      return res.status;
    } catch {
      return 'retry';
    }
  }

  const forgetMine = (segments: readonly Segment[]): void =>
    segments.forEach((s) => {
      mine.delete(s.key);
      startOf.delete(s.key);
    });

  /** Sends batches until the queue is empty or the collector needs a pause. Runs under the flush lock. */
  async function drain(): Promise<void> {
    for (;;) {
      if (!allowed || o.online?.() === false) return;
      const take = await o.outbox.take(limit, BATCH_BYTES, uid(), o.now());
      if (take === undefined) return;
      if (typeof take === 'number') return schedule(take - o.now(), true);
      inflight = take;
      [until, asked] = [0, false];
      const answer = await deliver(take);
      if (answer === 'retry') {
        const attempt = take.attempt + 1;
        const cap = Math.min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (attempt - 1));
        // Equal jitter: tabs and users that failed together do not retry together.
        const wait = until ? until - o.now() : cap / 2 + ((o.random ?? Math.random)() * cap) / 2;
        until = o.now() + wait;
        await o.outbox.setBackoff({ until, attempt, asked });
        return schedule(wait, true);
      }
      inflight = undefined;
      forgetMine(take.segments);
      const records = recordsIn(take);
      if (answer === 413) {
        limit = Math.max(1, Math.ceil(records.length / 2));
        if (await o.outbox.halve(take)) continue;
        drop('too-large', records);
      } else if (answer !== 'ok') drop('rejected', records, answer);
      else sent += records.length;
      await o.outbox.done(take);
      o.onChange?.();
    }
  }

  function flush(): Promise<void> {
    running ??= (async () => {
      try {
        // Again while records arrived during a pass: a caller awaiting flush() gets them sent too.
        do {
          cancelTimer?.();
          cancelTimer = undefined;
          persist();
          unsent = 0;
          await writes;
          await (o.exclusive ? o.exclusive(drain) : drain());
        } while (unsent && allowed);
      } catch {
        // A storage or lock failure: everything is still queued; try again later.
        schedule(interval);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  // Records earlier pages queued go out soon after start, unless consent is awaited.
  if (allowed) schedule(interval);

  return {
    send(draft) {
      const n = given++;
      if (!allowed) return;
      if (!pending.length) pendingFrom = n;
      pending.push(JSON.stringify(o.scrub(stamp(o.stamp, n, draft))));
      // One write per burst: the engine records a pass's signals, decisions and outcomes together.
      if (pending.length === 1) queueMicrotask(persist);
    },
    flush,
    flushOnExit() {
      persist();
      if (!allowed || o.online?.() === false || until > o.now()) return;
      // The batch on the wire goes again under its id; the rest in new batches. What does not fit
      // the budget stays queued for the next page load, as does all of it if these never arrive.
      const onWire = new Set(inflight?.segments.map((s) => s.key));
      const batches: ExitBatch[] = [];
      const batch = (id: string, segments: Segment[]): ExitBatch => ({
        batch: id,
        events: recordsIn({ segments }),
        ok() {
          forgetMine(segments);
          writes = writes.then(() => o.outbox.done({ batch: id, segments, attempt: 0 }));
        },
      });
      if (inflight) batches.push(batch(inflight.batch, [...mine.values()].filter((s) => onWire.has(s.key))));
      // `mine` is in the order the page recorded.
      let fresh: Segment[] = [];
      let n = 0;
      const cut = (): void => {
        if (fresh.length) batches.push(batch(uid(), fresh));
        [fresh, n] = [[], 0];
      };
      for (const s of mine.values()) {
        if (onWire.has(s.key)) continue;
        if (n + s.events.length > limit) cut();
        fresh.push(s);
        n += s.events.length;
      }
      cut();
      sendOnExit(o, batches);
    },
    async consent(granted) {
      allowed = granted;
      if (granted) return flush();
      cancelTimer?.();
      cancelTimer = undefined;
      pending = [];
      mine.clear();
      startOf.clear();
      await writes;
      await o.outbox.clear();
    },
    async online() {
      const b = await o.outbox.backoff();
      if (!b.asked && b.until) await o.outbox.setBackoff({ until: 0, attempt: b.attempt });
      return flush();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
    },
    stats: () => ({ sent, dropped: { ...dropped }, durable: o.outbox.durable, worker: false }),
    exitPoint() {
      const first = mine.keys().next();
      return { from: first.done ? (pending.length ? pendingFrom : given) : startOf.get(first.value)!, until };
    },
  };
}
