import { filter, map, scan } from 'rxjs';
import type { ClickEvent, NavEvent, ScrollEvent, Signal, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';
import { zigzag } from './zigzag.js';

/** Thresholds of the scroll-thrash detector; every one can be overridden by a rule pack. */
export interface ScrollThrashOptions {
  /** Direction reversals needed to call it thrash. */
  readonly reversals: number;
  /** Max time from the first to the last of those reversals, ms. */
  readonly within: number;
  /** Least travel of each stretch between reversals, px; less is jitter (trackpad, momentum bounce). */
  readonly minTravel: number;
}

/** Defaults: four reversals of at least 200 px within 10 s (docs/signals.md). */
export const SCROLL_THRASH_DEFAULTS: ScrollThrashOptions = { reversals: 4, within: 10_000, minTravel: 200 };

/** Scrollers followed at once; the least recently scrolled is forgotten first. */
const MAX_SCROLLERS = 8;

/** One scroller, as a zig-zag: `anchor` is the last turning point, `ext` the furthest point since. */
interface Track {
  readonly scroller: string;
  readonly anchor: number;
  readonly ext: number;
  /** 1 down, -1 up, 0 until the first stretch of `minTravel` (then anchor/ext hold min/max). */
  readonly dir: number;
  /** Times of the latest reversals, at most `reversals`. */
  readonly times: readonly number[];
  readonly fired: boolean;
}

/** What the detector listens to. */
type Relevant = ScrollEvent | ClickEvent | NavEvent;

interface State {
  readonly tracks: readonly Track[];
  readonly fire?: Signal;
}

const START: State = { tracks: [] };
const NO_TIMES: readonly number[] = [];
const calm = (k: Track): boolean => k.times.length === 0 && !k.fired;

/** Advances the state by one event; pure. A click that changes nothing returns the same state. */
function step(s: State, e: Relevant, o: ScrollThrashOptions): State {
  // A click means the user found something; a new page is a new layout.
  if (e.type === 'nav') return START;
  if (e.type === 'click') {
    if (s.tracks.every(calm)) return s.fire ? { tracks: s.tracks } : s;
    return { tracks: s.tracks.map((k) => (calm(k) ? k : { ...k, times: NO_TIMES, fired: false })) };
  }
  const old = s.tracks.find((k) => k.scroller === e.scroller);
  const from = e.y - e.dy;
  const base: Track = old ?? { scroller: e.scroller, anchor: from, ext: from, dir: 0, times: [], fired: false };
  const moved = zigzag(base, e.y, o.minTravel);
  let track = moved.next;
  let fire: Signal | undefined;
  if (moved.reversed) {
    const prev = track.times[track.times.length - 1];
    // A pause longer than `within` ends the episode, so a later bout can fire again.
    const continues = prev !== undefined && e.t >= prev && e.t - prev <= o.within;
    const times = continues ? [...track.times, e.t].slice(-o.reversals) : [e.t];
    const fired = continues && track.fired;
    const first = times[0]!;
    const fires = !fired && times.length >= o.reversals && e.t - first <= o.within;
    track = { ...track, times, fired: fired || fires };
    if (fires) {
      const evidence = { count: times.length, first, last: e.t, reversals: times.length };
      fire = { type: 'signal', signal: 'scroll-thrash', t: e.t, page: e.page, evidence };
    }
  }
  const tracks = [...s.tracks.filter((k) => k !== old), track].slice(-MAX_SCROLLERS);
  return { tracks, fire };
}

/**
 * Detects scroll thrash, over event time: the user scrolls one scroller up and down, reversing
 * `reversals` times within `within` ms, each stretch at least `minTravel` px, with no click in
 * between (searching and not finding). Vertical scrolling only. Once per episode.
 */
export const scrollThrash = defineDetector<ScrollThrashOptions>({
  name: 'scroll-thrash',
  defaults: SCROLL_THRASH_DEFAULTS,
  durations: ['within'],
  ranges: { reversals: [2, 20], within: [1000, 60_000], minTravel: [20, 5000] },
  detect: (o) => (events) =>
    events.pipe(
      filter((e: ZcEvent): e is Relevant => e.type === 'scroll' || e.type === 'click' || e.type === 'nav'),
      scan<Relevant, State>((s, e) => step(s, e, o), START),
      map((s) => s.fire),
      filter((s): s is Signal => s !== undefined),
    ),
});
