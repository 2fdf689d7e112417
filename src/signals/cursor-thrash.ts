import { filter, map, scan } from 'rxjs';
import type { MoveEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';
import { zigzag } from './zigzag.js';

/** Thresholds of the cursor-thrash detector; every one can be overridden by a rule pack. */
export interface CursorThrashOptions {
  /** Direction reversals on one axis needed to call it thrash. */
  readonly reversals: number;
  /** Max time from the first to the last of those reversals, ms. */
  readonly within: number;
  /** Least travel on the axis of each stretch between reversals, px; less is hand tremor. */
  readonly minTravel: number;
}

/** Defaults: ten reversals of at least 20 px on one axis within 2 s (docs/signals.md). */
export const CURSOR_THRASH_DEFAULTS: CursorThrashOptions = { reversals: 10, within: 2000, minTravel: 20 };

/** One axis, as a zig-zag: `anchor` is the last turning point, `ext` the furthest point since. */
interface Axis {
  readonly anchor: number;
  readonly ext: number;
  /** 1, -1, or 0 until the first stretch of `minTravel` (then anchor/ext hold min/max). */
  readonly dir: number;
  /** Times of the latest reversals on this axis, at most `reversals`. */
  readonly times: readonly number[];
}

interface State {
  readonly x?: Axis;
  readonly y?: Axis;
  /** Latest reversal on either axis: a pause longer than `within` after it ends the episode. */
  readonly last?: number;
  readonly fired: boolean;
  readonly fire?: Signal;
}

const at = (p: number): Axis => ({ anchor: p, ext: p, dir: 0, times: [] });

/** Advances the state by one pointer sample; pure. */
function step(s: State, e: MoveEvent, o: CursorThrashOptions): State {
  let x = zigzag(s.x ?? at(e.x), e.x, o.minTravel);
  let y = zigzag(s.y ?? at(e.y), e.y, o.minTravel);
  if (!x.reversed && !y.reversed) return { x: x.next, y: y.next, last: s.last, fired: s.fired };
  // A pause longer than `within` ends the episode: both axes start counting afresh.
  const quiet = s.last === undefined || e.t < s.last || e.t - s.last > o.within;
  if (quiet) {
    x = { ...x, next: { ...x.next, times: [] } };
    y = { ...y, next: { ...y.next, times: [] } };
  }
  let fired = s.fired && !quiet;
  let fire: Signal | undefined;
  const count = (r: { next: Axis; reversed: boolean }): Axis => {
    if (!r.reversed) return r.next;
    const times = [...r.next.times, e.t].slice(-o.reversals);
    const first = times[0]!;
    if (!fired && times.length >= o.reversals && e.t - first <= o.within) {
      fired = true;
      const evidence = { count: times.length, first, last: e.t, reversals: times.length };
      fire = { type: 'signal', signal: 'cursor-thrash', t: e.t, page: e.page, evidence };
    }
    return { ...r.next, times };
  };
  return { x: count(x), y: count(y), last: e.t, fired, fire };
}

/**
 * Detects cursor thrash, over event time: the pointer is shaken back and forth, reversing
 * direction `reversals` times on one axis within `within` ms, each stretch at least `minTravel`
 * px on that axis (so tremor and sensor jitter do not count). Once per episode: after a signal,
 * the pointer must rest (no reversal) for longer than `within` before the next.
 */
export const cursorThrash = defineDetector<CursorThrashOptions>({
  name: 'cursor-thrash',
  defaults: CURSOR_THRASH_DEFAULTS,
  durations: ['within'],
  ranges: { reversals: [3, 50], within: [200, 10_000], minTravel: [1, 500] },
  detect: (o) => (events) =>
    events.pipe(
      filter((e: ZcEvent): e is MoveEvent => e.type === 'move'),
      scan<MoveEvent, State>((s, e) => step(s, e, o), { fired: false }),
      map((s) => s.fire),
      filter((s): s is Signal => s !== undefined),
    ),
});
