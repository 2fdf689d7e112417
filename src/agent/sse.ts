/**
 * A Server-Sent Events client over fetch, shared by the SDK's agent channel and the agent
 * client. Why not EventSource: it cannot send an `Authorization` header (a key would have to
 * ride in the URL, and so in every access log), it retries forever at a fixed pace, and it
 * hides the HTTP status of a refusal, so "the session ended" and "the network blinked" look
 * the same. This one reconnects with backoff, resumes with `Last-Event-ID`, and stops for good
 * on a refusal, saying why. Timers are injected, so tests run it on virtual time.
 */
import type { RelayError, RelayErrorCode } from './protocol.js';

/** One event off the stream. */
export interface StreamEvent {
  readonly id: string | undefined;
  /** The `event:` field; "message" when absent. */
  readonly type: string;
  readonly data: string;
}

/** Why a stream stopped for good. */
export interface StreamEnd {
  readonly error: RelayErrorCode | 'closed';
  readonly message: string;
  readonly status?: number;
}

export interface StreamOptions {
  readonly url: string;
  /** Sent as `Authorization: Bearer <key>`. */
  readonly key: string;
  readonly fetch: typeof fetch;
  readonly after: (ms: number, fn: () => void) => () => void;
  /** Resume after this event (e.g. kept across a page load). */
  readonly lastEventId?: string;
  readonly onEvent: (e: StreamEvent) => void;
  /** Connected (again); `attempt` 0 is the first connection. */
  readonly onOpen?: (attempt: number) => void;
  /** The connection dropped; the next try is in `delay` ms. */
  readonly onRetry?: (delay: number, why: string) => void;
  /** Refused for good (401, 403, 404, 410): the session is over or was never ours. */
  readonly onEnd: (end: StreamEnd) => void;
  /** For jitter; tests pass a fixed one. */
  readonly random?: () => number;
}

export interface Stream {
  close(): void;
  /** The id of the last event seen, to resume from. */
  lastEventId(): string | undefined;
}

/** First retry after this long, ms; doubled per failure up to MAX_DELAY. */
const BASE_DELAY = 1000;
const MAX_DELAY = 30_000;
/** With nothing at all from the relay for this long (it sends a keep-alive every 15 s), the connection is dead: reconnect. */
const IDLE = 45_000;
/** How long one request to the relay may take. */
const REQUEST_TIMEOUT = 15_000;
/** Statuses after which reconnecting cannot help. */
const FINAL = new Set([400, 401, 403, 404, 410]);

/** Reads a relay's JSON error body, or makes one from the status. */
export async function relayError(res: Response): Promise<RelayError> {
  try {
    const body = (await res.json()) as Partial<RelayError>;
    if (typeof body.error === 'string' && typeof body.message === 'string') return body as RelayError;
  } catch {
    // Not JSON: a gateway's own page.
  }
  const byStatus: Record<number, RelayErrorCode> = { 401: 'unauthorized', 403: 'forbidden', 404: 'not-found', 405: 'method-not-allowed', 410: 'session-ended', 413: 'too-large', 429: 'rate-limited' };
  const error = byStatus[res.status] ?? (res.status >= 500 ? 'unavailable' : 'bad-request');
  return { error, message: `the relay answered HTTP ${res.status}` };
}

/** Opens the stream and keeps it open until closed or refused. */
export function openStream(o: StreamOptions): Stream {
  let lastId = o.lastEventId;
  let closed = false;
  let attempt = 0;
  let abort: AbortController | undefined;
  let cancelTimer = (): void => undefined;
  let serverRetry: number | undefined;
  const random = o.random ?? Math.random;

  const end = (e: StreamEnd): void => {
    if (closed) return;
    closed = true;
    o.onEnd(e);
  };

  const retry = (why: string, wait?: number): void => {
    if (closed) return;
    const backoff = Math.min(MAX_DELAY, (serverRetry ?? BASE_DELAY) * 2 ** attempt);
    // Full jitter on the upper half: many pages dropped by one relay restart do not return at once.
    const delay = wait ?? Math.round(backoff / 2 + (random() * backoff) / 2);
    attempt++;
    o.onRetry?.(delay, why);
    cancelTimer = o.after(delay, connect);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    abort = new AbortController();
    let res: Response;
    try {
      res = await o.fetch(o.url, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${o.key}`, ...(lastId !== undefined ? { 'last-event-id': lastId } : {}) },
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch (error) {
      return retry(closed ? 'closed' : `network error (${error instanceof Error ? error.message : String(error)})`);
    }
    if (FINAL.has(res.status)) {
      const body = await relayError(res);
      return end({ ...body, status: res.status });
    }
    if (!res.ok || !res.body) {
      void res.body?.cancel().catch(() => undefined);
      const seconds = Number(res.headers.get('retry-after'));
      return retry(`HTTP ${res.status}`, res.status === 429 && seconds > 0 ? seconds * 1000 : undefined);
    }
    o.onOpen?.(attempt);
    attempt = 0;
    try {
      await read(res.body);
    } catch {
      // Aborted or the connection broke mid-stream: both end up below.
    }
    retry('the stream ended');
  }

  /** Parses the event stream format (html.spec.whatwg.org, "server-sent events"). */
  async function read(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let data: string[] = [];
    let type = '';
    let id: string | undefined;
    // A half-open connection reads nothing forever: abort it, and the loop below ends in a retry.
    let idle = o.after(IDLE, () => abort?.abort());
    try {
      for (;;) {
        const { value, done } = await reader.read();
        idle();
        if (done || closed) return;
        idle = o.after(IDLE, () => abort?.abort());
        buffer += decoder.decode(value, { stream: true });
        // The last piece may be half a line; a "\r" at the very end may be half a "\r\n".
        const cut = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
        const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/);
        buffer = (lines.pop() ?? '') + buffer.slice(cut);
        for (const line of lines) {
          if (line === '') {
            if (id !== undefined) lastId = id;
            if (data.length > 0) o.onEvent({ id: lastId, type: type || 'message', data: data.join('\n') });
            [data, type, id] = [[], '', undefined];
            continue;
          }
          if (line.startsWith(':')) continue; // a comment: the relay's keep-alive
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const v = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1));
          if (field === 'data') data.push(v);
          else if (field === 'event') type = v;
          else if (field === 'id' && !v.includes('\0')) id = v;
          else if (field === 'retry' && /^\d+$/.test(v)) serverRetry = Number(v);
          if (closed) return;
        }
      }
    } finally {
      idle();
    }
  }

  void connect();
  return {
    close() {
      closed = true;
      cancelTimer();
      abort?.abort();
    },
    lastEventId: () => lastId,
  };
}

/** A JSON request to the relay: the parsed body on success, the relay's error otherwise. */
export async function relayRequest<T>(
  fetcher: typeof fetch,
  method: 'POST' | 'DELETE',
  url: string,
  bearer: string,
  body?: unknown,
  keepalive = false,
): Promise<{ ok: true; value: T } | { ok: false; status: number; error: RelayError }> {
  let res: Response;
  try {
    res = await fetcher(url, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      cache: 'no-store',
      keepalive,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT),
    });
  } catch (error) {
    return { ok: false, status: 0, error: { error: 'unreachable', message: `the relay could not be reached (${error instanceof Error ? error.message : String(error)})` } };
  }
  if (!res.ok) return { ok: false, status: res.status, error: await relayError(res) };
  try {
    const text = res.status === 204 ? '' : await res.text();
    return { ok: true, value: (text ? JSON.parse(text) : undefined) as T };
  } catch {
    return { ok: false, status: res.status, error: { error: 'bad-request', message: `the relay answered HTTP ${res.status} with a body that is not JSON` } };
  }
}
