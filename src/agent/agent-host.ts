/**
 * What the agent channel (components/agent/, a file loaded on `ZeroCall.connect`) gets from the
 * running SDK. Everything the channel shows goes through the core's own mount stage and checks,
 * so a pushed solution is validated and mounted exactly like a pack's; the channel itself only
 * talks to the relay. Types only: the core and the lazy file share nothing else.
 */
import type { HandoffPacket, ZcRecord } from '../../components/host.js';
import type { Guard } from '../core/guard.js';
import type { OutcomeKind } from '../engine/types.js';
import type { UiLocale } from '../mount/locale.js';
import type { OutcomeExtra } from '../mount/mount.js';
import type { FlowSolution, RulePack, Solution } from '../pack/types.js';
import type { AgentSignal, MessageProblem } from './protocol.js';

/** Where a shared session stands; `ZeroCall.agent` and the `agent` event report it. */
export interface AgentStatus {
  /**
   * `off`: none. `connecting`: asking the relay. `waiting`: the code is shown, no agent yet.
   * `paired`: an agent is connected. `ended`: it ended (`reason` says how). `failed`: it could not start (`error` says why).
   */
  readonly state: 'off' | 'connecting' | 'waiting' | 'paired' | 'ended' | 'failed';
  /** The pairing code, while waiting ("482913"; the bar shows "482 913"). */
  readonly code?: string;
  /** Epoch ms when the code stops pairing. */
  readonly codeExpires?: number;
  /** The agent's name, once paired. */
  readonly agent?: string;
  /** `ended`: who ended it and why. */
  readonly endedBy?: 'user' | 'agent' | 'relay';
  readonly reason?: 'ended' | 'expired' | 'code-expired';
  /** `failed`: what went wrong, in words. */
  readonly error?: string;
}

/** What `ZeroCall.connect` takes; the script tag's `data-agent-channel` and `data-agent-token` fill it. */
export interface ConnectOptions {
  /** The relay's base URL, e.g. "https://relay.example.com/zc/v1" (relative: against the page). */
  readonly url: string;
  /** The app's token for this user, which the relay (or the gateway in front of it) checks. */
  readonly token?: string;
}

/** What the agent channel hears from the SDK while it runs. */
export interface AgentListener {
  /** A friction signal (no values; the target by CSS path). */
  signal(s: AgentSignal): void;
  /** The page changed (route change or load). */
  page(): void;
  /** An outcome of a pushed solution. */
  outcome(push: string, outcome: OutcomeKind, extra: OutcomeExtra, record: ZcRecord | undefined): void;
}

/** The running SDK, as the agent channel sees it: values and functions only, so the lazy file imports nothing of the core. */
export interface AgentHost {
  readonly win: Window;
  readonly locale: UiLocale;
  readonly sdk: string;
  /** The running pack, and `packId@version`. */
  readonly pack: RulePack;
  readonly ref: string;
  /** Where the tab keeps its shared session (sessionStorage). */
  readonly store: string;
  readonly guard: Guard;
  readonly now: () => number;
  readonly after: (ms: number, fn: () => void) => () => void;
  /** Marks the relay's URLs as the SDK's own, so the network sensor never reports them as the page's. */
  own(prefix: string): void;
  /** The pack's own check of a solution (check-solution.ts), string ids resolved in `strings`; problems located under `at`. */
  validate(solution: unknown, at: string, strings: Readonly<Record<string, string>>): MessageProblem[];
  /** What a solution needs that the page never registered (`ZeroCall.action('x', fn)`…). */
  missing(solution: Solution | FlowSolution): string[];
  /** The names of the host actions and data providers the page registered. */
  names(): { readonly actions: string[]; readonly providers: string[] };
  /** A pack string in the UI locale. */
  text(id: string): string;
  /** Shows a checked push through the mount stage (its placement missing: docked at the end). */
  mount(push: string, m: { readonly solution: Solution | FlowSolution; readonly text: (id: string) => string; readonly record: ZcRecord | undefined }): void;
  /** Takes down what a push shows (reported as `closed`). */
  close(push: string): void;
  /** Starts hearing signals, pages and outcomes of pushes; returns a function that stops. */
  listen(l: AgentListener): () => void;
  /** What a hand-off would carry now: pages and signals, no values. */
  packet(): HandoffPacket;
  /** An agent is sharing the session (true) or no longer (false): the SDK's own help holds back meanwhile. */
  paired(on: boolean): void;
  /** Tells the page's `ZeroCall.on('agent')` listeners. */
  status(s: AgentStatus): void;
  /** Reports a problem the way the SDK reports its others (console once). */
  warn(code: string, message: string): void;
  /** Connects again with what connect() was last given (the user asked for a new code). */
  renew(): void;
}

/** What the agent file exports. */
export interface AgentChunk {
  /** Opens (or resumes) the shared session; returns a handle to end it or to stop listening. */
  startChannel(host: AgentHost, options: ConnectOptions | undefined): AgentChannel;
}

/** A running shared session. */
export interface AgentChannel {
  /** The user ends it: the relay and the agent are told, the bar goes. */
  end(): Promise<void>;
  /** The SDK stops (shutdown): stop listening, keep the session for the next page. */
  detach(): void;
}

/** Where the tab keeps a shared session across its page loads (sessionStorage). */
export const AGENT_KEY = 'zc:agent';
