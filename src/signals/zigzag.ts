/** One axis of back-and-forth movement (pointer x or y, a scroller's offset). */
export interface ZigZag {
  /** Where the current stretch started, and its far end so far. */
  readonly anchor: number;
  readonly ext: number;
  /** 1, -1, or 0 until the first stretch of `min` (then anchor/ext hold the min/max seen). */
  readonly dir: number;
}

/**
 * Moves a zig-zag to position `p`. A reversal is confirmed only once the movement has come back
 * `min` from the turning point, so every stretch counted, before and after a reversal, is at
 * least `min`: jitter and small corrections never count as thrashing. Shared by the scroll and
 * cursor thrash detectors.
 */
export function zigzag<T extends ZigZag>(a: T, p: number, min: number): { next: T; reversed: boolean } {
  if (a.dir === 0) {
    const lo = Math.min(a.anchor, p);
    const hi = Math.max(a.ext, p);
    if (hi - lo < min) return { next: { ...a, anchor: lo, ext: hi }, reversed: false };
    return { next: { ...a, anchor: p === hi ? lo : hi, ext: p, dir: p === hi ? 1 : -1 }, reversed: false };
  }
  if ((p - a.ext) * a.dir >= 0) return { next: { ...a, ext: p }, reversed: false };
  if ((a.ext - p) * a.dir < min) return { next: a, reversed: false };
  return { next: { ...a, anchor: a.ext, ext: p, dir: -a.dir }, reversed: true };
}
