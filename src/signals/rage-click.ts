import { filter, scan, map, type OperatorFunction } from 'rxjs';
import type { ClickEvent, Signal, ZcEvent } from '../engine/types.js';

/** Thresholds of the rage-click detector; every one can be overridden by a rule pack. */
export interface RageClickOptions {
  /** Clicks needed to call it rage. */
  readonly count: number;
  /** Max time between consecutive clicks of one burst, ms. */
  readonly within: number;
  /** Max distance of any click from the first click of the burst, CSS px. */
  readonly radius: number;
}

/**
 * Defaults follow the common definition used by frustration-analytics SDKs: three or more
 * clicks on the same element in quick succession, close together.
 */
export const RAGE_CLICK_DEFAULTS: RageClickOptions = { count: 3, within: 1000, radius: 30 };

interface Burst {
  readonly first: ClickEvent;
  readonly last: ClickEvent;
  readonly count: number;
  /** Set on the one step at which the burst reaches the threshold. */
  readonly fire: boolean;
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

/** Detects rage clicks in an event stream, over event time. */
export function rageClick(options: Partial<RageClickOptions> = {}): OperatorFunction<ZcEvent, Signal> {
  const o: RageClickOptions = { ...RAGE_CLICK_DEFAULTS, ...options };
  return (events) =>
    events.pipe(
      filter((e): e is ClickEvent => e.type === 'click'),
      scan<ClickEvent, Burst | undefined>((burst, click) => nextBurst(burst, click, o), undefined),
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
    );
}
