/**
 * The agent's side of `zc-agent/1` (protocol.ts), for an agent console: pair with the code the
 * user reads out, push solutions into the user's page, hear what the user does with them. A
 * browser ES module with no dependencies beyond fetch and timers (`zerocall/agent-client`).
 */
import type { AnswerMessage, ContextMessage, EndMessage, Paired, PushMessage, RelayError, RelayErrorCode, SignalMessage } from './protocol.js';
import { CODE_PATTERN, checkMessage } from './protocol.js';
import type { Stream } from './sse.js';
import { openStream, relayRequest } from './sse.js';
import { warnOnce } from '../core/warn.js';

/** How to pair: where the relay is, who the agent is, and the code the user read out. */
export interface PairOptions {
  /** The relay's base URL (`/zc/v1`, `https://relay.example.com/zc/v1`); a relative one resolves against `location`. */
  readonly url: string;
  /** The agent token the relay accepts. */
  readonly token: string;
  /** The six digits the user read out; spaces allowed ("482 913"). */
  readonly code: string;
  /** How the page introduces the agent ("Alex"); at most 64 characters. */
  readonly name?: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  readonly fetch?: typeof fetch;
}

/** The state of the event stream: `retrying` says in how many ms, `ended` is for good and says why. */
export interface ConnectionEvent {
  readonly state: 'open' | 'retrying' | 'ended';
  readonly delay?: number;
  readonly why?: string;
}

/** What `on` listens to: the messages the user's side sends, and the stream's state. */
export interface AgentEvents {
  readonly context: ContextMessage;
  readonly signal: SignalMessage;
  readonly answer: AnswerMessage;
  readonly end: EndMessage;
  readonly connection: ConnectionEvent;
}

/** A push: a rule of the user's pack by id, or an inline solution with its strings by locale. */
export type Push =
  | { readonly id: string; readonly rule: string }
  | { readonly id: string; readonly solution: unknown; readonly strings?: PushMessage['strings'] };

/** What became of posting a push: the relay took it, or refused it and said why. */
export type PushResult = { readonly ok: true } | { readonly ok: false; readonly error: RelayError };

/** What `resumeAgent` needs to pick a session up again, e.g. kept in sessionStorage across a reload. */
export interface SavedAgent {
  /** The relay's base URL, absolute. */
  readonly url: string;
  readonly session: string;
  readonly key: string;
  /** The last event seen: the relay replays what came after it. */
  readonly lastEventId?: string;
  readonly expires: number;
  readonly user: Paired['user'];
}

/** A shared session, seen from the agent's console. */
export interface AgentSession {
  readonly session: string;
  /** Epoch ms when the session would end unused, as the relay said at pairing. */
  readonly expires: number;
  /** What the page said about itself: SDK version, pack, locale. */
  readonly user: Paired['user'];
  /** Events whose data was not JSON, dropped. */
  readonly dropped: number;
  /** Listens for a message type or `connection`; the event stream opens on the first call. Returns an unsubscribe. */
  on<K extends keyof AgentEvents>(type: K, fn: (detail: AgentEvents[K]) => void): () => void;
  /** Posts a push; resolves with the relay's refusal (`rate-limited`, `bad-request` with the located message…), never rejects. */
  push(p: Push): Promise<PushResult>;
  /** Ends the shared session for both sides; rejects with an AgentClientError only if the relay could not be told. */
  end(): Promise<void>;
  /** Stops listening without ending the session (the console page unloads). */
  close(): void;
  /** What `resumeAgent` needs to pick up after a console reload. */
  saved(): SavedAgent;
}

/** Why pairing (or ending) failed: the relay's error code and its message, kept as it said it. */
export class AgentClientError extends Error {
  /** The relay's error code (`unknown-code`, `code-expired`, `already-paired`, `unauthorized`, `unreachable`…). */
  readonly code: RelayErrorCode;
  constructor(code: RelayErrorCode, message: string) {
    super(message);
    this.name = 'AgentClientError';
    this.code = code;
  }
}

const TYPES: readonly string[] = ['context', 'signal', 'answer', 'end'];
const globalFetch: typeof fetch = (...args) => fetch(...args);
const after = (ms: number, fn: () => void): (() => void) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The base URL, absolute and without a trailing slash, so saved sessions resume from any page. */
function baseUrl(url: string): string {
  const absolute = typeof location === 'undefined' ? url : new URL(url, location.href).href;
  return absolute.replace(/\/+$/, '');
}

/** Pairs with the code the user read out; rejects with an AgentClientError carrying the relay's code and message. */
export async function pairAgent(o: PairOptions): Promise<AgentSession> {
  const code = o.code.replace(/\s+/g, '');
  if (!CODE_PATTERN.test(code)) throw new AgentClientError('bad-request', `expected the 6 digits the user reads out, like "482 913"; got ${JSON.stringify(o.code)}`);
  const url = baseUrl(o.url);
  const fetcher = o.fetch ?? globalFetch;
  const name = o.name?.trim();
  const res = await relayRequest<Paired>(fetcher, 'POST', `${url}/pair`, o.token, { code, ...(name ? { name } : {}) });
  if (!res.ok) throw new AgentClientError(res.error.error, res.error.message);
  const p = res.value;
  if (!isRecord(p) || typeof p.session !== 'string' || typeof p.key !== 'string' || !isRecord(p.user)) {
    throw new AgentClientError('bad-request', `the relay answered ${url}/pair without a session, key and user`);
  }
  return start({ url, session: p.session, key: p.key, expires: p.expires, user: p.user }, fetcher);
}

/** Picks up a session after a console reload, from what `saved()` returned; resumes after its last event. */
export function resumeAgent(saved: SavedAgent, o: { readonly fetch?: typeof fetch } = {}): AgentSession {
  if (!isRecord(saved) || typeof saved.url !== 'string' || typeof saved.session !== 'string' || typeof saved.key !== 'string') {
    throw new TypeError('resumeAgent: expected what AgentSession.saved() returned ({ url, session, key, lastEventId, expires, user })');
  }
  return start(saved, o.fetch ?? globalFetch);
}

function start(s: SavedAgent, fetcher: typeof fetch): AgentSession {
  const listeners = new Map<keyof AgentEvents, Set<(detail: never) => void>>();
  const sessionUrl = `${s.url}/sessions/${encodeURIComponent(s.session)}`;
  let stream: Stream | undefined;
  let closed = false;
  let dropped = 0;

  const emit = <K extends keyof AgentEvents>(type: K, detail: AgentEvents[K]): void => {
    for (const fn of [...(listeners.get(type) ?? [])]) {
      try {
        (fn as (d: AgentEvents[K]) => void)(detail);
      } catch (error) {
        // A console's bug must not stop the stream: report it as uncaught, out of the read loop.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  };

  const stop = (): void => {
    closed = true;
    stream?.close();
  };

  const onData = (data: string): void => {
    let m: unknown;
    try {
      m = JSON.parse(data);
    } catch {
      dropped++;
      warnOnce('agent-event-json', `agent client: dropped an event from ${sessionUrl}/events whose data is not JSON; session.dropped counts them`);
      return;
    }
    // Types this version does not know are a newer relay's additions: skipped, not an error.
    if (!isRecord(m) || typeof m.type !== 'string' || !TYPES.includes(m.type)) return;
    emit(m.type as keyof AgentEvents, m as unknown as AgentEvents[keyof AgentEvents]);
    if (m.type === 'end') {
      // The relay closes the stream next; reconnecting would only hear "session ended".
      stop();
      emit('connection', { state: 'ended', why: 'the session ended' });
    }
  };

  const listen = (): void => {
    stream = openStream({
      url: `${sessionUrl}/events`,
      key: s.key,
      fetch: fetcher,
      after,
      ...(s.lastEventId !== undefined ? { lastEventId: s.lastEventId } : {}),
      onEvent: (e) => onData(e.data),
      onOpen: () => emit('connection', { state: 'open' }),
      onRetry: (delay, why) => emit('connection', { state: 'retrying', delay, why }),
      onEnd: (end) => {
        closed = true;
        emit('connection', { state: 'ended', why: end.message });
      },
    });
  };

  return {
    session: s.session,
    expires: s.expires,
    user: s.user,
    get dropped() {
      return dropped;
    },
    on(type, fn) {
      let set = listeners.get(type);
      if (!set) listeners.set(type, (set = new Set()));
      set.add(fn as (detail: never) => void);
      // Opened on the first listener, so nothing the relay sends first (the context) is missed.
      if (!stream && !closed) listen();
      return () => void set.delete(fn as (detail: never) => void);
    },
    async push(p) {
      const message = { type: 'push', ...p };
      // The relay checks the same envelope; checking here too saves a round trip and a rate-limit slot.
      const problems = checkMessage('agent', message);
      if (problems.length > 0) return { ok: false, error: { error: 'bad-request', message: problems.map((q) => `${q.path || '/'}: ${q.message}`).join('; ') } };
      const res = await relayRequest<unknown>(fetcher, 'POST', `${sessionUrl}/messages`, s.key, message);
      return res.ok ? { ok: true } : { ok: false, error: res.error };
    },
    async end() {
      const res = await relayRequest<unknown>(fetcher, 'DELETE', sessionUrl, s.key);
      // Gone already (the user ended it, it expired, or the relay forgot its key after a restart) is what was asked for.
      if (!res.ok && !['not-found', 'session-ended', 'unauthorized'].includes(res.error.error)) throw new AgentClientError(res.error.error, res.error.message);
      stop();
    },
    close: stop,
    saved: () => {
      const lastEventId = stream?.lastEventId() ?? s.lastEventId;
      return { url: s.url, session: s.session, key: s.key, ...(lastEventId !== undefined ? { lastEventId } : {}), expires: s.expires, user: s.user };
    },
  };
}
