import { scan } from 'rxjs';
import { flatten } from './flatten.js';
import type { ClickEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the dead-click detector; every one can be overridden by a rule pack. */
export interface DeadClickOptions {
  /** How long the page has to respond to a click before the click is dead, ms. */
  readonly within: number;
}

/** Defaults: no response within 2.5 s, the window PostHog uses for its dead clicks (docs/signals.md). */
export const DEAD_CLICK_DEFAULTS: DeadClickOptions = { within: 2500 };

/**
 * Clicks waiting for a verdict. A user hammering a dead button leaves one pending click per
 * click; keeping the newest few is enough to call them dead and keeps the state bounded.
 */
const MAX_PENDING = 10;

/** The detector's state between events: clicks still waiting, and the verdicts this event reached. */
export interface DeadClickState {
  readonly pending: readonly ClickEvent[];
  readonly dead: readonly ClickEvent[];
}

/**
 * Clicks that can be dead: only what looks clickable promises a response. Links that open a
 * new tab or download a file respond outside this page, a file input opens the OS picker, and
 * a click in a text field only places the caret; none of them shows a change here.
 */
export function isDeadClickCandidate(c: ClickEvent): boolean {
  const traits = c.target.traits ?? [];
  if (!traits.includes('interactive')) return false;
  return !(traits.includes('new-tab') || traits.includes('download') || traits.includes('file-input') || traits.includes('text-entry'));
}

/**
 * Events that show the page reacted. Pointer moves, ticks and errors do not: the user sees no
 * change. `invalid` does: the browser shows its validation message even when focus stays put.
 */
export function isResponse(e: ZcEvent): boolean {
  switch (e.type) {
    case 'mutation':
    case 'nav':
    case 'scroll':
    case 'selection':
    case 'focus':
    case 'input':
    case 'invalid':
    case 'submit':
      return true;
    case 'net':
      // The request starting is the response; how long it takes is a different friction.
      return e.phase === 'start';
    default:
      return false;
  }
}

const NO_CLICKS: readonly ClickEvent[] = [];
const IDLE: DeadClickState = { pending: NO_CLICKS, dead: NO_CLICKS };

/**
 * Advances the state by one event; pure, so it is unit-testable without rxjs. An event that
 * changes nothing returns the state it was given: this runs on most events, and garbage on
 * every one of them shows up as collector pauses on the page (bench/storm.mjs).
 */
export function nextDeadClicks(s: DeadClickState, e: ZcEvent, o: DeadClickOptions): DeadClickState {
  const candidate = e.type === 'click' && isDeadClickCandidate(e);
  if (s.pending.length === 0 && !candidate) return s.dead.length === 0 ? s : IDLE;
  // The engine has no clock: any event past a click's deadline (a tick at the latest) proves
  // the deadline passed in silence. That check comes first, so a late response cannot save it.
  const anyDead = s.pending.some((c) => e.t > c.t + o.within);
  const dead = anyDead ? s.pending.filter((c) => e.t > c.t + o.within) : NO_CLICKS;
  let pending = anyDead ? s.pending.filter((c) => e.t <= c.t + o.within) : s.pending;
  // Inclusive at both ends: a response at the click's own time or exactly at its deadline counts.
  if (isResponse(e) && pending.some((c) => c.t <= e.t)) pending = pending.filter((c) => c.t > e.t);
  if (candidate) pending = [...pending.slice(1 - MAX_PENDING), e];
  return pending === s.pending && dead.length === 0 && s.dead.length === 0 ? s : { pending, dead };
}

const NO_SIGNALS: readonly Signal[] = [];

/** The signal for a dead click, stamped at its deadline: the moment it became dead, not when that was noticed. */
const toSignal = (c: ClickEvent, o: DeadClickOptions): Signal => ({
  type: 'signal',
  signal: 'dead-click',
  t: c.t + o.within,
  page: c.page,
  target: c.target,
  evidence: { count: 1, first: c.t, last: c.t },
});

/**
 * Detects dead clicks over event time: a click on something interactive after which nothing
 * on the page changed within `within`. The verdict needs a later event (the 1 s tick) to
 * arrive; clicks still pending when the stream ends get none.
 */
export const deadClick = defineDetector<DeadClickOptions>({
  name: 'dead-click',
  defaults: DEAD_CLICK_DEFAULTS,
  durations: ['within'],
  ranges: { within: [100, 30_000] },
  detect: (o) => (events) =>
    events.pipe(
      scan<ZcEvent, DeadClickState>((s, e) => nextDeadClicks(s, e, o), { pending: [], dead: [] }),
      flatten((s) => (s.dead.length === 0 ? NO_SIGNALS : s.dead.map((c) => toSignal(c, o)))),
    ),
});
