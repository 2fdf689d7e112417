import { parseDuration } from '../engine/duration.js';
import { STRUGGLE_FEATURES } from '../engine/struggle.js';
import { isObject, num, onlyKeys, ptr, str, type Problems } from './checks.js';

/** Bounds of a pack's struggle model: a window from 10 s to 30 min, bias ±20, weights ±10. */
export const STRUGGLE_RANGES = { window: [10_000, 1_800_000], bias: [-20, 20], weight: [-10, 10] } as const;

const inWindow = (s: string): boolean => {
  const v = parseDuration(s);
  return v !== undefined && v >= STRUGGLE_RANGES.window[0] && v <= STRUGGLE_RANGES.window[1];
};

/**
 * Checks a pack's `struggle` section (docs/struggle-score.md) at JSON pointer `at`: only
 * `window`, `bias` and `weights`; weights only for known features, so a typo is named with
 * the list of valid ones instead of silently weighing nothing.
 */
export function checkStruggle(v: unknown, at: string, out: Problems): void {
  if (!isObject(v, at, out)) return;
  onlyKeys(v, ['window', 'bias', 'weights'], at, out);
  str(v, 'window', at, out, { test: inWindow, expected: 'a duration from 10s to 30m, like "2m"' });
  num(v, 'bias', at, out, STRUGGLE_RANGES.bias[0], STRUGGLE_RANGES.bias[1], false);
  if (v.weights === undefined) return;
  const wAt = ptr(at, 'weights');
  if (!isObject(v.weights, wAt, out)) return;
  onlyKeys(v.weights, STRUGGLE_FEATURES, wAt, out);
  for (const f of STRUGGLE_FEATURES) num(v.weights, f, wAt, out, STRUGGLE_RANGES.weight[0], STRUGGLE_RANGES.weight[1], false);
}
