import { filter, map, scan } from 'rxjs';
import type { ClickEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the rage-click detector; every one can be overridden by a rule pack. */
export interface RageClickOptions {
  /** Clicks needed to call it rage. */
  readonly count: number;
  /** Max time between consecutive clicks of one burst, ms. */
  readonly within: number;
  /** Max distance of any click from the first click of the burst, CSS px. */
  readonly radius: number;
}

/** Defaults: three clicks on one element, each within a second of the last, within 30 px (docs/signals.md). */
export const RAGE_CLICK_DEFAULTS: RageClickOptions = { count: 3, within: 1000, radius: 30 };

interface Burst {
  readonly first: ClickEvent;
  readonly last: ClickEvent;
  readonly count: number;
  /** Set on the one step at which the burst reaches the threshold. */
  readonly fire: boolean;
}

/**
 * Clicks that are not frustration however fast they come: steppers and pagination are meant
 * to be clicked repeatedly, clicks in a text field place the caret, and a double or triple
 * click on text (not on a control) selects a word or a line.
 */
export function isRageCandidate(c: ClickEvent): boolean {
  const traits = c.target.traits ?? [];
  if (traits.includes('stepper') || traits.includes('pagination') || traits.includes('text-entry')) return false;
  return !((c.detail ?? 1) >= 2 && !traits.includes('interactive'));
}

/** Advances the burst state by one click; pure, so it is unit-testable without rxjs. */
export function nextBurst(burst: Burst | undefined, click: ClickEvent, o: RageClickOptions): Burst {
  const continues =
    burst !== undefined &&
    click.target.fp === burst.first.target.fp &&
    click.t - burst.last.t <= o.within &&
    click.t >= burst.last.t &&
    Math.hypot(click.x - burst.first.x, click.y - burst.first.y) <= o.radius;
  if (!continues) return { first: click, last: click, count: 1, fire: o.count <= 1 };
  const count = burst.count + 1;
  // Fire once per burst: a user who keeps clicking is still the same frustration.
  return { first: burst.first, last: click, count, fire: count === o.count };
}

/** Detects rage clicks in an event stream, over event time. A text selection ends a burst. */
export const rageClick = defineDetector<RageClickOptions>({
  name: 'rage-click',
  defaults: RAGE_CLICK_DEFAULTS,
  durations: ['within'],
  ranges: { count: [2, 20], within: [50, 10_000], radius: [0, 500] },
  detect: (o) => (events) =>
    events.pipe(
      filter((e): e is ClickEvent | Extract<ZcEvent, { type: 'selection' }> => e.type === 'selection' || (e.type === 'click' && isRageCandidate(e))),
      scan<ZcEvent, Burst | undefined>((burst, e) => (e.type === 'click' ? nextBurst(burst, e, o) : undefined), undefined),
      filter((b): b is Burst => b !== undefined && b.fire),
      map(
        (b): Signal => ({
          type: 'signal',
          signal: 'rage-click',
          t: b.last.t,
          page: b.last.page,
          target: b.last.target,
          evidence: { count: b.count, first: b.first.t, last: b.last.t },
        }),
      ),
    ),
});
