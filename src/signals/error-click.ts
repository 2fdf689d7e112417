import { filter, map, scan } from 'rxjs';
import type { ClickEvent, Signal, SignalEvidence, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the error-click detector; every one can be overridden by a rule pack. */
export interface ErrorClickOptions {
  /** How long after a click an error is blamed on it, ms. */
  readonly within: number;
  /** Lowest HTTP status that counts as a failed request (0, a network failure, always does). */
  readonly minStatus: number;
}

/** Defaults: an error within 2 s of the click, Amplitude's window; any 4xx or 5xx (docs/signals.md). */
export const ERROR_CLICK_DEFAULTS: ErrorClickOptions = { within: 2000, minStatus: 400 };

/** The detector's state between events: the click errors are blamed on, and the signal this event made. */
export interface ErrorClickState {
  readonly click?: ClickEvent;
  /** A click is blamed once: the cascade of errors one failure often causes is still one failure. */
  readonly blamed: boolean;
  readonly signal?: Signal;
}

/** A link that opens a new tab: whatever fails next happens in the other tab, not because of this page. */
export const isErrorClickCandidate = (c: ClickEvent): boolean => !(c.target.traits ?? []).includes('new-tab');

/** The evidence an event adds when it is a failure (a request failing at `minStatus` or above), else undefined. */
export function failureOf(e: ZcEvent, minStatus: number): Partial<SignalEvidence> | undefined {
  if (e.type === 'js-error') return { message: e.message };
  if (e.type !== 'net' || e.phase !== 'end' || e.status === undefined || e.aborted) return undefined;
  // Status 0 is a network failure or an abort: the user's action did not go through either way.
  return e.status === 0 || e.status >= minStatus ? { method: e.method, path: e.path, status: e.status } : undefined;
}

/** The state minus the signal the last event made; the same state (no garbage) when it made none. */
const quiet = (s: ErrorClickState): ErrorClickState => (s.signal ? { click: s.click, blamed: s.blamed } : s);

/** Advances the state by one event; pure, so it is unit-testable without rxjs. */
export function nextErrorClick(s: ErrorClickState, e: ZcEvent, o: ErrorClickOptions): ErrorClickState {
  // Only the most recent click is blamed: it is the likeliest cause and it is where help belongs.
  if (e.type === 'click') return isErrorClickCandidate(e) ? { click: e, blamed: false } : quiet(s);
  const c = s.click;
  const failure = c === undefined || s.blamed ? undefined : failureOf(e, o.minStatus);
  // Inclusive: an error exactly `within` after the click is still blamed on it.
  if (c === undefined || failure === undefined || e.t < c.t || e.t > c.t + o.within) return quiet(s);
  return {
    click: c,
    blamed: true,
    // The page is where the error happened: a click that navigated leaves the user there.
    signal: { type: 'signal', signal: 'error-click', t: e.t, page: e.page, target: c.target, evidence: { count: 1, first: c.t, last: e.t, ...failure } },
  };
}

/**
 * Detects error clicks over event time: a click followed within `within` by an uncaught
 * JavaScript error or a failed request. Emitted at the time of the error, once per click.
 */
export const errorClick = defineDetector<ErrorClickOptions>({
  name: 'error-click',
  defaults: ERROR_CLICK_DEFAULTS,
  durations: ['within'],
  ranges: { within: [100, 30_000], minStatus: [400, 599] },
  detect: (o) => (events) =>
    events.pipe(
      scan<ZcEvent, ErrorClickState>((s, e) => nextErrorClick(s, e, o), { blamed: false }),
      map((s) => s.signal),
      filter((s): s is Signal => s !== undefined),
    ),
});
