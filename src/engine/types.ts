/**
 * The event model shared by sensors, signals and the engine. Everything here is plain data
 * with an event-time timestamp `t` (ms since the epoch), so a recorded session replays
 * identically in the page and in Node.
 */

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
}

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
}

/** A route change: initial load, history push/replace, back/forward. */
export interface NavEvent extends EventBase {
  readonly type: 'nav';
  readonly kind: 'load' | 'push' | 'replace' | 'pop';
  /** Path before the change ('' on load). */
  readonly from: string;
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
}

/** The outcomes a surface reports. */
export type OutcomeKind = 'shown' | 'dismissed' | 'helpful' | 'not-helpful' | 'closed';

/** Everything the sensors and the mount stage put on the event stream. */
export type ZcEvent = ClickEvent | NavEvent | TickEvent | TrackEvent | OutcomeEvent;

/** A recognised friction pattern, with the evidence that made it. */
export interface Signal {
  readonly type: 'signal';
  /** Detector name, e.g. 'rage-click'. */
  readonly signal: string;
  readonly t: number;
  readonly page: string;
  readonly target?: TargetInfo;
  readonly evidence: {
    readonly count: number;
    /** Event time of the first and last event that make up the signal. */
    readonly first: number;
    readonly last: number;
  };
}

/** What the engine consumes. */
export type EngineInput = ZcEvent | Signal;
