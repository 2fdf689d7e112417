/**
 * The event model shared by sensors, signals and the engine. Everything here is plain data
 * with an event-time timestamp `t` (ms since the epoch), so a recorded session replays
 * identically in the page and in Node.
 */
import type { HelpLevel } from '../pack/types.js';

/** What the engine knows about the element an event happened on. */
export interface TargetInfo {
  /** A CSS path that identifies the element in its document (stable across identical renders). */
  readonly fp: string;
  /** Lower-case tag name. */
  readonly tag: string;
  /**
   * The pack's target selectors that this element matches (itself or an ancestor). Selector
   * matching happens once, at the edge, with the browser's own parser, so the engine stays pure.
   */
  readonly hits: readonly string[];
  /** What the element looks like to a user, for detectors' inclusions and exclusions. */
  readonly traits?: readonly TargetTrait[];
}

/**
 * Traits of a target, read from the DOM by the sensors (tag, role, type, attributes; never text
 * or values). `interactive`: looks clickable (button, link, role=button, onclick, cursor:pointer…);
 * `text-entry`: a text field or contenteditable; `stepper`: +/- or number spin controls;
 * `pagination`: next/previous/page controls; `new-tab`: a link with target=_blank;
 * `download`: a link with download; `file-input`: input type=file; `field`: any form control.
 */
export type TargetTrait = 'interactive' | 'text-entry' | 'stepper' | 'pagination' | 'new-tab' | 'download' | 'file-input' | 'field';

interface EventBase {
  /** Event time, ms since the epoch. */
  readonly t: number;
  /** Path of the page (no query, no fragment). */
  readonly page: string;
}

/** A primary-button click or tap. */
export interface ClickEvent extends EventBase {
  readonly type: 'click';
  /** Viewport coordinates, CSS pixels. */
  readonly x: number;
  readonly y: number;
  readonly target: TargetInfo;
  /** The browser's click count (2 for the second click of a double click). */
  readonly detail?: number;
}

/** A route change: initial load, history push/replace, back/forward. */
export interface NavEvent extends EventBase {
  readonly type: 'nav';
  readonly kind: 'load' | 'push' | 'replace' | 'pop' | 'hash';
  /** Path before the change ('' on load). */
  readonly from: string;
  /** On load: the page was reloaded (Navigation Timing type "reload"). */
  readonly reload?: boolean;
}

/** The DOM changed (coalesced: at most one per animation frame; the SDK's own surfaces excluded). */
export interface MutationEvent extends EventBase {
  readonly type: 'mutation';
}

/** A scroll, sampled at most once per animation frame per scroller. */
export interface ScrollEvent extends EventBase {
  readonly type: 'scroll';
  /** Scroll offset after the move and the vertical change since the last sample, px. */
  readonly y: number;
  readonly dy: number;
  /** CSS path of the scrolling element ('' for the document). */
  readonly scroller: string;
}

/** A pointer position, sampled at most once per animation frame. */
export interface MoveEvent extends EventBase {
  readonly type: 'move';
  readonly x: number;
  readonly y: number;
}

/** The text selection changed. */
export interface SelectionEvent extends EventBase {
  readonly type: 'selection';
}

/** Focus moved to an element (target) or away from everything (no target). */
export interface FocusEvent extends EventBase {
  readonly type: 'focus';
  readonly target?: TargetInfo;
}

/** The user changed a field. Never carries the value, the key, or the length. */
export interface InputEvent extends EventBase {
  readonly type: 'input';
  readonly target: TargetInfo;
}

/** A field was rejected: the constraint `invalid` event, or aria-invalid turning true. */
export interface InvalidEvent extends EventBase {
  readonly type: 'invalid';
  readonly target: TargetInfo;
  /** CSS path of the field's form, if any. */
  readonly form?: string;
  readonly source: 'constraint' | 'aria';
}

/** A form was submitted. */
export interface SubmitEvent extends EventBase {
  readonly type: 'submit';
  /** CSS path of the form. */
  readonly form: string;
}

/** A fetch or XHR request started or ended. The body is never read. */
export interface NetEvent extends EventBase {
  readonly type: 'net';
  /** Pairs the start and end of one request. */
  readonly id: number;
  readonly phase: 'start' | 'end';
  readonly method: string;
  /** Path of the URL (origin kept only when cross-origin), no query, no fragment. */
  readonly path: string;
  /** On end: the HTTP status, 0 for a network failure or an abort. */
  readonly status?: number;
  /** On end: the page cancelled the request itself (AbortController, xhr.abort()): not a failure. */
  readonly aborted?: boolean;
}

/** An uncaught error or unhandled promise rejection. */
export interface JsErrorEvent extends EventBase {
  readonly type: 'js-error';
  readonly kind: 'error' | 'rejection';
  /** The error message, truncated; used to group repeats. */
  readonly message: string;
  /** Script path (no query) and line, when the browser gives them. */
  readonly source?: string;
}

/** Emitted every second while the page is visible, so silence is observable in event time. */
export interface TickEvent extends EventBase {
  readonly type: 'tick';
}

/** A business event reported by the host through `ZeroCall.track(name)`. */
export interface TrackEvent extends EventBase {
  readonly type: 'track';
  readonly name: string;
}

/** What a mounted solution reports back (see OutcomeKind). */
export interface OutcomeEvent extends EventBase {
  readonly type: 'outcome';
  readonly outcome: OutcomeKind;
  readonly rule: string;
  /** Id of the record picked in the solution (zc-picker), carried by every later outcome. */
  readonly record?: string;
  /** `unhelpful`: the string id of the reason the user chose. */
  readonly reason?: string;
  /** zc-steps: the step (0-based) the outcome is about. */
  readonly step?: number;
  /** A flow's step the outcome is about (flows the pack declares). */
  readonly flowStep?: string;
  /** `transition`: the step the flow moved to, or "end". */
  readonly to?: string;
}

/** Every outcome a surface may report, in the order of a typical journey; docs/components.md says which component reports which. */
export const OUTCOMES = [
  'shown',
  'engaged',
  'picked',
  'action-succeeded',
  'action-failed',
  'uploaded',
  'escalated',
  'completed',
  'target-missing',
  'helpful',
  'unhelpful',
  'dismissed',
  'dont-show-again',
  'closed',
  'held-out',
  'transition',
] as const;

/**
 * The outcomes of a solution. `engaged`: the user followed a link or went on to a step.
 * `picked`: chose a record. `action-succeeded` / `action-failed`: a host remedy ran.
 * `uploaded`: evidence was sent. `escalated`: handed to a human. `completed`: the last guided
 * step was done. `target-missing`: a guided step's control never appeared. `helpful` /
 * `unhelpful`: "did this help?". `dismissed`: closed by the user (not again this session);
 * `dont-show-again`: never again for this user. `closed`: taken down by the SDK (route change,
 * unmountable). `held-out`: the rule fired for a user in the holdout group, so nothing was shown.
 * `transition`: a flow moved from one step (`flowStep`) to the next (`to`, or "end").
 */
export type OutcomeKind = (typeof OUTCOMES)[number];

/** A value the host may put in the context rules test (`ZeroCall.identify`). */
export type ContextValue = string | number | boolean;

/** The host described the user or session (`ZeroCall.identify({ plan: 'pro' })`); replaces earlier values of the same keys. */
export interface ContextEvent extends EventBase {
  readonly type: 'context';
  readonly values: Readonly<Record<string, ContextValue>>;
}

/** The user granted or withdrew consent for in-page help (`ZeroCall.consent`). */
export interface ConsentEvent extends EventBase {
  readonly type: 'consent';
  readonly granted: boolean;
}

/**
 * A human agent is (or no longer is) sharing the session with the user (`ZeroCall.connect`):
 * while one is, the agent decides what help to show, and the SDK's own help holds back.
 */
export interface AgentEvent extends EventBase {
  readonly type: 'agent';
  readonly on: boolean;
}

/** The user chose how proactive help is (`ZeroCall.preferences.set`); no `help`: back to the pack's default. */
export interface PreferenceEvent extends EventBase {
  readonly type: 'preference';
  readonly help?: HelpLevel;
}

/** Everything the sensors and the mount stage put on the event stream. */
export type ZcEvent =
  | ClickEvent
  | NavEvent
  | TickEvent
  | TrackEvent
  | OutcomeEvent
  | MutationEvent
  | ScrollEvent
  | MoveEvent
  | SelectionEvent
  | FocusEvent
  | InputEvent
  | InvalidEvent
  | SubmitEvent
  | NetEvent
  | JsErrorEvent
  | ContextEvent
  | ConsentEvent
  | AgentEvent
  | PreferenceEvent;

/**
 * Evidence a signal carries, for the rule engine and for a hand-off to a human agent. `count`,
 * `first` and `last` always; the rest where the detector knows them.
 */
export interface SignalEvidence {
  readonly count: number;
  /** Event time of the first and last event that make up the signal. */
  readonly first: number;
  readonly last: number;
  /** Requests: method, path and status of the (last) failing request. */
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
  /** Forms: CSS paths of the rejected field and its form. */
  readonly field?: string;
  readonly form?: string;
  /** Navigation: the pages involved, in order. */
  readonly pages?: readonly string[];
  /** Errors: the (last) error message. */
  readonly message?: string;
  /** Repeated actions: the failing result that repeated, e.g. "POST /api/pay 502". */
  readonly result?: string;
  /** Thrash: direction reversals counted. */
  readonly reversals?: number;
  /** Hesitation: how long nothing happened, ms. */
  readonly idle?: number;
}

/** A recognised friction pattern, with the evidence that made it. */
export interface Signal {
  readonly type: 'signal';
  /** Detector name, e.g. 'rage-click'. */
  readonly signal: string;
  readonly t: number;
  readonly page: string;
  readonly target?: TargetInfo;
  readonly evidence: SignalEvidence;
}

/** What the engine consumes. */
export type EngineInput = ZcEvent | Signal;
