/**
 * The agent-push protocol, `zc-agent/1` (docs/agent-push.md, schema/agent-push.schema.json):
 * what the page (the user's side), an agent console and the relay between them say to each
 * other. Pure: no DOM, no Node, so the SDK, the agent client and the relay share it.
 *
 * HTTP, relative to the relay's base URL (e.g. `https://relay.example.com/zc/v1`):
 *
 *   POST   {base}/sessions                 user, `Authorization: Bearer <app token>`, body CreateSession → 201 SessionCreated
 *   POST   {base}/pair                     agent, `Authorization: Bearer <agent token>`, body PairRequest → 200 Paired
 *   GET    {base}/sessions/{id}/events     either side, `Bearer <session key>`, optional `Last-Event-ID` → text/event-stream
 *   POST   {base}/sessions/{id}/messages   either side, `Bearer <session key>`, body one message → 202 Accepted
 *   DELETE {base}/sessions/{id}            either side, `Bearer <session key>` → 204: the shared session ends for both
 *
 * Every error is JSON `{ "error": <RelayErrorCode>, "message": "<what and where>" }`.
 *
 * Each event on a stream is `id: <n>` (a counter per session and side, from 1), `event: <type>`
 * and `data: <the message as JSON>`. A client that reconnects sends the last id it saw as
 * `Last-Event-ID` and the relay replays what came after it.
 */

/** Protocol name and version; sent as `protocol` when a session is created. */
export const PROTOCOL = 'zc-agent/1';

/** Which end of a shared session a key belongs to. */
export type Role = 'user' | 'agent';

/** A pairing code: six digits the user reads out, shown as "482 913". */
export const CODE_PATTERN = /^\d{6}$/;
/** A push id: chosen by the agent's console, echoed in every answer about it. */
export const PUSH_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** The largest message a side may post, in bytes of JSON. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** POST {base}/sessions: the page asks for a shared session. */
export interface CreateSession {
  readonly protocol: typeof PROTOCOL;
  /** The SDK version. */
  readonly sdk: string;
  /** `packId@version` of the running pack, so the console knows which rules it may name. */
  readonly pack?: string;
  /** The UI locale ("en", "zh-CN"). */
  readonly locale?: string;
}

/** 201 to CreateSession. */
export interface SessionCreated {
  /** The session id (random, 22+ characters): part of the URLs. */
  readonly session: string;
  /** The user side's key: `Authorization: Bearer <key>` for the session's URLs. Never shown. */
  readonly key: string;
  /** The pairing code the page shows and the user reads to the agent. */
  readonly code: string;
  /** Epoch ms after which the code no longer pairs. */
  readonly codeExpires: number;
  /** Epoch ms after which the session ends unless used (each message moves it on). */
  readonly expires: number;
}

/** POST {base}/pair: the agent's console pairs with the code the user read out. */
export interface PairRequest {
  readonly code: string;
  /** How the page introduces the agent ("Alex, Acme support"); at most 64 characters. */
  readonly name?: string;
}

/** 200 to PairRequest. */
export interface Paired {
  readonly session: string;
  /** The agent side's key, for this one session only. */
  readonly key: string;
  readonly expires: number;
  /** What the page said when it created the session. */
  readonly user: { readonly sdk: string; readonly pack?: string; readonly locale?: string };
}

/** Why the relay refused a request. */
export type RelayErrorCode =
  | 'bad-request' // 400: malformed JSON, or a message that breaks the protocol (the message names where)
  | 'method-not-allowed' // 405: the path answers other methods (`Allow` lists them)
  | 'unauthorized' // 401: no token or key, or one the relay does not accept
  | 'forbidden' // 403: a key for another session, or a message type this side may not send
  | 'unknown-code' // 404: no session has this pairing code
  | 'not-found' // 404: no such session (ended, expired or never existed)
  | 'already-paired' // 409: the code was used by an agent already
  | 'code-expired' // 410: the code is older than its lifetime; the user gets a new one
  | 'session-ended' // 410: the session ended or expired
  | 'too-large' // 413: a message over MAX_MESSAGE_BYTES
  | 'rate-limited' // 429: too many requests; `Retry-After` says when to try again
  | 'unavailable' // 503: the relay is shutting down or failed inside; try again shortly
  | 'unreachable'; // no answer at all (clients only: the network or the relay is down)

/** An error body. */
export interface RelayError {
  readonly error: RelayErrorCode;
  readonly message: string;
}

/** A located problem in a message (JSON pointer into the message, as in pack validation). */
export interface MessageProblem {
  readonly path: string;
  readonly message: string;
}

// ---- Agent → user ----

/**
 * Pushes a solution into the user's page: either a rule of the page's pack by id (`rule`), or
 * an inline `solution` of the pack schema's solution shape, whose string ids resolve in
 * `strings` (by locale) and then in the pack's strings. Exactly one of `rule` or `solution`.
 */
export interface PushMessage {
  readonly type: 'push';
  readonly id: string;
  readonly rule?: string;
  readonly solution?: unknown;
  readonly strings?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Either side ends the shared session; the relay also sends it when the session expires. */
export interface EndMessage {
  readonly type: 'end';
  /** Set by the relay on delivery: who ended it. */
  readonly by?: Role | 'relay';
  /** `ended` (someone chose to), `expired` (unused too long). */
  readonly reason?: 'ended' | 'expired';
}

// ---- Relay → user ----

/** The agent paired with the code: the page now shows who it is sharing with. */
export interface PairedMessage {
  readonly type: 'paired';
  readonly name?: string;
}

// ---- User → agent ----

/** A friction signal as the agent sees it: no values, targets by CSS path. */
export interface AgentSignal {
  readonly signal: string;
  readonly t: number;
  readonly page: string;
  readonly target?: string;
}

/** What the user was doing: sent when the agent pairs and when the page changes. */
export interface ContextMessage {
  readonly type: 'context';
  readonly page: string;
  readonly pages: readonly string[];
  readonly signals: readonly AgentSignal[];
  readonly pack: string;
  readonly locale: string;
  /** Host actions and data providers the page registered: what pushed solutions may use. */
  readonly actions: readonly string[];
  readonly providers: readonly string[];
  /** Rules of the pack an agent may push by id, with their component. */
  readonly rules: ReadonlyArray<{ readonly id: string; readonly component: string }>;
}

/** A friction signal, as it happens. */
export interface SignalMessage extends AgentSignal {
  readonly type: 'signal';
}

/** Outcomes an answer reports: the solution outcomes, plus `refused` (never mounted). */
export type AnswerOutcome =
  | 'shown'
  | 'engaged'
  | 'picked'
  | 'action-succeeded'
  | 'action-failed'
  | 'uploaded'
  | 'escalated'
  | 'completed'
  | 'target-missing'
  | 'helpful'
  | 'unhelpful'
  | 'dismissed'
  | 'dont-show-again'
  | 'closed'
  | 'refused';

/** What became of a push: each outcome as it happens. */
export interface AnswerMessage {
  readonly type: 'answer';
  /** The push's id. */
  readonly push: string;
  readonly outcome: AnswerOutcome;
  /** `picked` and later: the record the user chose, id and label only. */
  readonly record?: { readonly id: string; readonly label: string };
  readonly step?: number;
  /** `unhelpful`: the reason's string id. */
  readonly reason?: string;
  /** `refused`: why, located in the push (`/solution/component: …`). */
  readonly problems?: readonly MessageProblem[];
}

/** What the agent posts. */
export type AgentMessage = PushMessage | EndMessage;
/** What the user's page posts. */
export type UserMessage = ContextMessage | SignalMessage | AnswerMessage | EndMessage;
/** What the user's stream carries. */
export type ToUser = PushMessage | PairedMessage | EndMessage;
/** What the agent's stream carries. */
export type ToAgent = ContextMessage | SignalMessage | AnswerMessage | EndMessage;

/**
 * The components a rule's solution may name (the pack schema's list, pinned equal to
 * check-solution.ts by a test): spelled out here because the page's lazy agent file must not
 * import the core's validator, and the relay has no use for the rest of it.
 */
export const COMPONENT_NAMES: readonly string[] = ['zc-card', 'zc-tip', 'zc-steps', 'zc-picker', 'zc-action', 'zc-upload', 'zc-handoff', 'zc-feedback'];

/** Message types each side may post (the relay refuses the rest with 403). */
export const POSTS: Readonly<Record<Role, readonly string[]>> = {
  agent: ['push', 'end'],
  user: ['context', 'signal', 'answer', 'end'],
};

const ANSWER_OUTCOMES: readonly string[] = ['shown', 'engaged', 'picked', 'action-succeeded', 'action-failed', 'uploaded', 'escalated', 'completed', 'target-missing', 'helpful', 'unhelpful', 'dismissed', 'dont-show-again', 'closed', 'refused'];

/** One JSON-pointer token (RFC 6901). */
const escape = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * Checks the envelope of a message one side posts: its type is one that side may send, and its
 * fields have the protocol's shapes. A push's solution is checked by the page, against its pack
 * (like any pack solution); the relay passes it on as it is. Returns the problems, none if good.
 */
export function checkMessage(role: Role, m: unknown): MessageProblem[] {
  const out: MessageProblem[] = [];
  const bad = (path: string, message: string): void => void out.push({ path, message });
  if (!isRecord(m)) return [{ path: '', message: 'expected a JSON object' }];
  if (typeof m.type !== 'string' || !POSTS[role].includes(m.type)) {
    return [{ path: '/type', message: `expected one of ${POSTS[role].join(', ')} (what the ${role} side may send), got ${JSON.stringify(m.type ?? null)}` }];
  }
  const allowed: Record<string, readonly string[]> = {
    push: ['type', 'id', 'rule', 'solution', 'strings'],
    end: ['type', 'reason'],
    context: ['type', 'page', 'pages', 'signals', 'pack', 'locale', 'actions', 'providers', 'rules'],
    signal: ['type', 'signal', 't', 'page', 'target'],
    answer: ['type', 'push', 'outcome', 'record', 'step', 'reason', 'problems'],
  };
  for (const k of Object.keys(m)) if (!allowed[m.type]!.includes(k)) bad(`/${escape(k)}`, `unknown property; expected one of ${allowed[m.type]!.join(', ')}`);
  switch (m.type) {
    case 'push':
      if (typeof m.id !== 'string' || !PUSH_ID_PATTERN.test(m.id)) bad('/id', 'expected 1 to 64 letters, digits, "_" or "-"');
      if ((m.rule === undefined) === (m.solution === undefined)) bad('', 'needs exactly one of "rule" (a rule id of the page\'s pack) or "solution" (an inline solution)');
      if (m.rule !== undefined && !isText(m.rule, 64)) bad('/rule', 'expected a rule id');
      if (m.solution !== undefined && !isRecord(m.solution)) bad('/solution', 'expected an object');
      if (m.strings !== undefined) {
        if (!isRecord(m.strings)) bad('/strings', 'expected an object of locales');
        else
          for (const [locale, table] of Object.entries(m.strings)) {
            if (!isRecord(table) || !Object.values(table).every((s) => typeof s === 'string' && s.length <= 2000)) bad(`/strings/${escape(locale)}`, 'expected an object of string ids to texts (at most 2000 characters each)');
          }
      }
      break;
    case 'end':
      if (m.reason !== undefined && m.reason !== 'ended' && m.reason !== 'expired') bad('/reason', 'expected "ended" or "expired"');
      break;
    case 'signal':
      if (!isText(m.signal, 64)) bad('/signal', 'expected a signal name');
      if (typeof m.t !== 'number' || !Number.isFinite(m.t)) bad('/t', 'expected a time in epoch ms');
      if (!isText(m.page, 2000)) bad('/page', 'expected a page path');
      if (m.target !== undefined && !isText(m.target, 2000)) bad('/target', 'expected a CSS path');
      break;
    case 'context': {
      if (!isText(m.page, 2000)) bad('/page', 'expected a page path');
      const items: Record<string, [string, (v: unknown) => boolean]> = {
        pages: ['a page path', (v) => isText(v, 2000)],
        signals: ['{ signal, t, page, target? }', (v) => isRecord(v) && isText(v.signal, 64) && Number.isFinite(v.t) && isText(v.page, 2000) && (v.target === undefined || isText(v.target, 2000))],
        actions: ['a host action name', (v) => isText(v, 64)],
        providers: ['a data provider name', (v) => isText(v, 64)],
        rules: ['{ id, component } with a component of the pack schema', (v) => isRecord(v) && isText(v.id, 64) && COMPONENT_NAMES.includes(v.component as string)],
      };
      for (const [k, [what, ok]] of Object.entries(items)) {
        const list = m[k];
        if (!Array.isArray(list)) bad(`/${k}`, 'expected an array');
        else list.forEach((v, i) => ok(v) || bad(`/${k}/${i}`, `expected ${what}`));
      }
      if (!isText(m.pack, 200)) bad('/pack', 'expected "packId@version"');
      if (!isText(m.locale, 16)) bad('/locale', 'expected a locale');
      break;
    }
    case 'answer':
      if (typeof m.push !== 'string' || !PUSH_ID_PATTERN.test(m.push)) bad('/push', 'expected the id of a push');
      if (typeof m.outcome !== 'string' || !ANSWER_OUTCOMES.includes(m.outcome)) bad('/outcome', `expected one of ${ANSWER_OUTCOMES.join(', ')}`);
      // Id and label only: whatever else the host's record holds stays in the page.
      if (m.record !== undefined && !(isRecord(m.record) && Object.keys(m.record).length === 2 && isText(m.record.id, 200) && isText(m.record.label, 500))) bad('/record', 'expected { id, label } and nothing else');
      if (m.reason !== undefined && !isText(m.reason, 64)) bad('/reason', 'expected the string id of a reason');
      if (m.step !== undefined && !(Number.isInteger(m.step) && (m.step as number) >= 0)) bad('/step', 'expected a step index');
      if (m.problems !== undefined && !(Array.isArray(m.problems) && m.problems.every((p) => isRecord(p) && Object.keys(p).length === 2 && typeof p.path === 'string' && typeof p.message === 'string'))) bad('/problems', 'expected [{ path, message }]');
      break;
  }
  return out;
}

/** Formats a pairing code for reading out: "482913" → "482 913". */
export const spacedCode = (code: string): string => (code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code);
