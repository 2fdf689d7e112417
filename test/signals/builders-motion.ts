import type { FocusEvent, InputEvent, MoveEvent, NavEvent, ScrollEvent, Signal, TargetInfo, TickEvent, ZcEvent } from '../../src/engine/types.js';

/** Recorded events for the motion and silence detectors (hesitation, u-turn, reload loop, thrash). */

const PAGE = '/checkout';

/** A form field as the sensors describe it. */
export const field = (fp = 'input#email', traits: TargetInfo['traits'] = ['field', 'text-entry']): TargetInfo => ({ fp, tag: fp.split(/[#.]/)[0] ?? 'input', hits: [], traits });

/** A one-second tick. */
export const tick = (t: number, page = PAGE): TickEvent => ({ type: 'tick', t, page });

/** Ticks every `every` ms from `from` to `to`, both included. */
export const ticks = (from: number, to: number, page = PAGE, every = 1000): TickEvent[] => {
  const out: TickEvent[] = [];
  for (let t = from; t <= to; t += every) out.push(tick(t, page));
  return out;
};

/** Focus on a target, or on nothing. */
export const focus = (t: number, target?: TargetInfo, page = PAGE): FocusEvent => ({ type: 'focus', t, page, ...(target ? { target } : {}) });

/** A change to a field. */
export const input = (t: number, target = field(), page = PAGE): InputEvent => ({ type: 'input', t, page, target });

/** A route change. */
export const nav = (t: number, kind: NavEvent['kind'], page: string, from = '', reload?: boolean): NavEvent => ({ type: 'nav', t, kind, page, from, ...(reload === undefined ? {} : { reload }) });

/** A reload of a page (a new SDK lifetime: `from` is empty). */
export const reload = (t: number, page = PAGE): NavEvent => nav(t, 'load', page, '', true);

/** Scroll samples through the given offsets, one every `every` ms after `t0`, starting from `start`. */
export function scrollTo(t0: number, start: number, ys: readonly number[], o: { every?: number; scroller?: string; page?: string } = {}): ScrollEvent[] {
  let prev = start;
  return ys.map((y, i) => {
    const e: ScrollEvent = { type: 'scroll', t: t0 + (i + 1) * (o.every ?? 50), page: o.page ?? PAGE, y, dy: y - prev, scroller: o.scroller ?? '' };
    prev = y;
    return e;
  });
}

/** Offsets of a back-and-forth path from `start`: each leg a signed travel, walked in steps of at most `step` px. */
export function legs(start: number, travels: readonly number[], step = 50): number[] {
  const ys: number[] = [];
  let y = start;
  for (const travel of travels) {
    const n = Math.max(1, Math.ceil(Math.abs(travel) / step));
    const end = y + travel;
    for (let i = 1; i <= n; i++) ys.push(i === n ? end : y + Math.round((travel * i) / n));
    y = end;
  }
  return ys;
}

/** Pointer samples at the given (time, x, y). */
export const moves = (points: ReadonlyArray<readonly [t: number, x: number, y: number]>, page = PAGE): MoveEvent[] =>
  points.map(([t, x, y]) => ({ type: 'move', t, page, x, y }));

/** Every event moved by `d` ms. */
export const shiftEvents = (events: readonly ZcEvent[], d: number): ZcEvent[] => events.map((e) => ({ ...e, t: e.t + d }));

/** A signal as it would be if its whole session had been `d` ms later. */
export const shiftSignal = (s: Signal, d: number): Signal => ({ ...s, t: s.t + d, evidence: { ...s.evidence, first: s.evidence.first + d, last: s.evidence.last + d } });

/** Events merged into one recording, in time order (stable for equal times). */
export const byTime = (...groups: ReadonlyArray<readonly ZcEvent[]>): ZcEvent[] => groups.flat().sort((a, b) => a.t - b.t);

/** Direction changes in a sequence of signed movements (zeros ignored): an upper bound on any reversal count. */
export function signChanges(deltas: readonly number[]): number {
  let n = 0;
  let dir = 0;
  for (const d of deltas) {
    const s = Math.sign(d);
    if (s === 0) continue;
    if (dir !== 0 && s !== dir) n++;
    dir = s;
  }
  return n;
}

/** Scroll samples at the given (time, offset) points, starting from offset `start`. */
export const scrollAt = (points: ReadonlyArray<readonly [t: number, y: number]>, start = 0, scroller = '', page = PAGE): ScrollEvent[] => {
  let prev = start;
  return points.map(([t, y]) => {
    const e: ScrollEvent = { type: 'scroll', t, page, y, dy: y - prev, scroller };
    prev = y;
    return e;
  });
};
