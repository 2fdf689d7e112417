import { parseDuration } from '../engine/duration.js';
import { DEFAULT_STRUGGLE_MODEL, STRUGGLE_FEATURES, type StruggleFeature, type StruggleModel } from '../engine/struggle.js';
import { isObject, num, onlyKeys, ptr, str, type Problems } from './checks.js';

/** Bounds of a pack's struggle model: a window from 10 s to 30 min, bias ±20, weights ±10. */
export const STRUGGLE_RANGES = { window: [10_000, 1_800_000], bias: [-20, 20], weight: [-10, 10] } as const;

/** The `struggle` section of a pack as written: the window as a duration string. */
export interface StruggleSection {
  readonly window?: string;
  readonly bias?: number;
  readonly weights?: Readonly<Record<string, number>>;
}

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

/**
 * The model for a checked section: the pack's window and bias, and its weights laid over the
 * default weights, so a pack that tunes one feature keeps the others (set one to 0 to drop it).
 * No section gives DEFAULT_STRUGGLE_MODEL.
 */
export function compileStruggle(v: StruggleSection | undefined): StruggleModel {
  if (v === undefined) return DEFAULT_STRUGGLE_MODEL;
  const weights: Partial<Record<StruggleFeature, number>> = { ...DEFAULT_STRUGGLE_MODEL.weights };
  for (const f of STRUGGLE_FEATURES) {
    const w = v.weights?.[f];
    if (w !== undefined) weights[f] = w;
  }
  return {
    window: (v.window === undefined ? undefined : parseDuration(v.window)) ?? DEFAULT_STRUGGLE_MODEL.window,
    bias: v.bias ?? DEFAULT_STRUGGLE_MODEL.bias,
    weights,
  };
}
