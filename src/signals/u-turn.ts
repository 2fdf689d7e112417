import { filter, map, scan } from 'rxjs';
import type { NavEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the u-turn detector; every one can be overridden by a rule pack. */
export interface UTurnOptions {
  /** Max time from leaving a page to coming back to it, ms. */
  readonly within: number;
}

/** Default: back on the page within 10 s of leaving it (docs/signals.md). */
export const U_TURN_DEFAULTS: UTurnOptions = { within: 10_000 };

/** The last page change the user made: from `a` to `b` at `left`. One trip is all the history needed. */
interface Trip {
  readonly a: string;
  readonly b: string;
  readonly left: number;
}

interface State {
  /** The page the user is on, for loads, whose `from` is always ''. */
  readonly page?: string;
  readonly trip?: Trip;
  readonly fire?: Signal;
}

/** Advances the state by one navigation; pure. */
function step(s: State, e: NavEvent, o: UTurnOptions): State {
  const from = e.from || s.page;
  const to = e.page;
  // Same path: a reload, or a hash change within the page. Not a move.
  if (from === to) return { page: to, trip: s.trip };
  if (e.kind === 'replace') {
    // replaceState is the app's doing (a redirect, a canonical URL), not the user's: it renames
    // the page the user is on, and a redirect back to A is not the user turning round.
    const trip = s.trip && s.trip.b === from && s.trip.a !== to ? { ...s.trip, b: to } : undefined;
    return { page: to, trip };
  }
  const { trip } = s;
  if (trip && trip.b === from && trip.a === to && e.t >= trip.left && e.t - trip.left <= o.within) {
    const fire: Signal = {
      type: 'signal',
      signal: 'u-turn',
      t: e.t,
      page: to,
      evidence: { count: 1, first: trip.left, last: e.t, pages: [trip.a, trip.b] },
    };
    // The trip is spent: going on to B again starts a new trip, it does not make B→A→B a second u-turn.
    return { page: to, fire };
  }
  return { page: to, trip: from === undefined ? undefined : { a: from, b: to, left: e.t } };
}

/**
 * Detects a u-turn, over event time: the user goes from page A to page B and comes straight back
 * to A within `within` ms of leaving it (B was not what they were looking for). Push, back/forward
 * and full page loads all count; replaceState and same-path changes do not.
 */
export const uTurn = defineDetector<UTurnOptions>({
  name: 'u-turn',
  defaults: U_TURN_DEFAULTS,
  durations: ['within'],
  ranges: { within: [1000, 120_000] },
  detect: (o) => (events) =>
    events.pipe(
      filter((e: ZcEvent): e is NavEvent => e.type === 'nav'),
      scan<NavEvent, State>((s, e) => step(s, e, o), {}),
      map((s) => s.fire),
      filter((s): s is Signal => s !== undefined),
    ),
});
