import { show } from './logistic.js';

// Deterministic train/test split of sessions by id.

/** FNV-1a 32-bit over the UTF-8 bytes of s (a lone surrogate as U+FFFD, as TextEncoder writes it). */
export function fnv1a32(s: string): number {
  let h = 0x811c9dc5;
  const put = (byte: number): void => {
    h = Math.imul(h ^ byte, 0x01000193);
  };
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0xfffd;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) put(c);
    else if (c < 0x800) put(0xc0 | (c >> 6));
    else if (c < 0x10000) put(0xe0 | (c >> 12));
    else put(0xf0 | (c >> 18));
    for (let shift = c < 0x80 ? -6 : c < 0x800 ? 0 : c < 0x10000 ? 6 : 12; shift >= 0; shift -= 6) put(0x80 | ((c >> shift) & 63));
  }
  return h >>> 0;
}

/** murmur3's final mix: spreads ids that differ only in their last characters over the whole range. */
function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Deterministic train/test assignment by id: FNV-1a 32-bit of `${seed}:${id}`, mixed (fmix32),
 * / 2^32 < testShare → 'test'. The same id lands on the same side on every run and machine; a
 * new seed reshuffles; sequential ids (`s1`, `s2`, …) spread like random ones.
 */
export function splitOf(id: string, testShare: number, seed = ''): 'train' | 'test' {
  if (!(testShare >= 0 && testShare <= 1)) throw new RangeError(`testShare is ${show(testShare)}, expected a number from 0 to 1`);
  return splitPoint(id, seed) < testShare ? 'test' : 'train';
}

/** Where an id falls in [0, 1) for splitOf. */
export const splitPoint = (id: string, seed = ''): number => fmix32(fnv1a32(`${seed}:${id}`)) / 2 ** 32;
