import { filter, map, scan } from 'rxjs';
import type { NavEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the reload-loop detector; every one can be overridden by a rule pack. */
export interface ReloadLoopOptions {
  /** Reloads of one page needed to call it a loop. */
  readonly count: number;
  /** Max time from the first to the last of those reloads, ms. */
  readonly within: number;
}

/** Defaults: three reloads of the same page within a minute (docs/signals.md). */
export const RELOAD_LOOP_DEFAULTS: ReloadLoopOptions = { count: 3, within: 60_000 };

interface Chain {
  readonly page: string;
  /** The latest reloads, at most `count` of them. */
  readonly times: readonly number[];
  /** The chain has had its signal; it lasts while reloads keep coming within `within` of each other. */
  readonly fired: boolean;
  readonly fire?: Signal;
}

const isReload = (e: ZcEvent): e is NavEvent => e.type === 'nav' && e.kind === 'load' && e.reload === true;

/** Advances the chain by one reload; pure. */
function step(c: Chain | undefined, e: NavEvent, o: ReloadLoopOptions): Chain {
  const prev = c?.times[c.times.length - 1];
  const continues = c !== undefined && prev !== undefined && c.page === e.page && e.t >= prev && e.t - prev <= o.within;
  const times = continues ? [...c.times, e.t].slice(-o.count) : [e.t];
  const fired = continues && c.fired;
  const first = times[0]!;
  if (fired || times.length < o.count || e.t - first > o.within) return { page: e.page, times, fired };
  const fire: Signal = {
    type: 'signal',
    signal: 'reload-loop',
    t: e.t,
    page: e.page,
    evidence: { count: times.length, first, last: e.t, pages: [e.page] },
  };
  return { page: e.page, times, fired: true, fire };
}

/**
 * Detects a reload loop, over event time: `count` reloads of the same page within `within` ms
 * (the page is stuck and reloading is the user's only remedy). Once per chain of reloads.
 * Each reload restarts the SDK, so in a live page this sees one reload per lifetime until
 * history persists across loads; over a recorded multi-load session it sees them all.
 */
export const reloadLoop = defineDetector<ReloadLoopOptions>({
  name: 'reload-loop',
  defaults: RELOAD_LOOP_DEFAULTS,
  durations: ['within'],
  ranges: { count: [2, 10], within: [5000, 600_000] },
  detect: (o) => (events) =>
    events.pipe(
      filter(isReload),
      scan<NavEvent, Chain | undefined>((c, e) => step(c, e, o), undefined),
      map((c) => c?.fire),
      filter((s): s is Signal => s !== undefined),
    ),
});
