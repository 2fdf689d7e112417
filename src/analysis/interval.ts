// Interval statistics for `zerocall report`'s lift against the holdout.

const ACKLAM_A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1, 1];
const ACKLAM_C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416, 1];
const horner = (cs: readonly number[], x: number): number => cs.reduce((acc, c) => acc * x + c, 0);

/** The standard normal quantile (Acklam's algorithm, relative error below 1.2e-9): 0.975 gives 1.959964. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be between 0 and 1, got ${p}`);
  const tail = (q: number): number => horner(ACKLAM_C, q) / horner(ACKLAM_D, q);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  return (horner(ACKLAM_A, q * q) * q) / horner(ACKLAM_B, q * q);
}

/** Wilson score interval of hits / n. */
function wilson(hits: number, n: number, z: number): [number, number] {
  const p = hits / n;
  const z2 = z * z;
  const mid = 2 * n * p + z2;
  const half = z * Math.sqrt(z2 + 4 * n * p * (1 - p));
  return [(mid - half) / (2 * (n + z2)), (mid + half) / (2 * (n + z2))];
}

/**
 * Interval of the difference hits1/n1 - hits0/n0 by Newcombe's hybrid score method (method 10 of
 * Newcombe 1998, Statistics in Medicine 17:873): Wilson intervals of each rate, combined. Unlike
 * the textbook Wald interval it stays inside [-1, 1] and behaves with rates near 0 or 1 and with small groups.
 */
export function newcombeInterval(hits1: number, n1: number, hits0: number, n0: number, confidence = 0.95): { low: number; high: number } {
  for (const [hits, n] of [[hits1, n1], [hits0, n0]] as const) {
    if (!(Number.isInteger(n) && n > 0 && Number.isInteger(hits) && hits >= 0 && hits <= n)) {
      throw new RangeError(`newcombeInterval: expected whole hits between 0 and n > 0, got ${hits}/${n}`);
    }
  }
  const z = normalQuantile((1 + confidence) / 2);
  const [p1, p0] = [hits1 / n1, hits0 / n0];
  const [l1, u1] = wilson(hits1, n1, z);
  const [l0, u0] = wilson(hits0, n0, z);
  const d = p1 - p0;
  // Clamped for rounding only: the method's bounds lie in [-1, 1] and around d.
  return { low: Math.max(-1, d - Math.hypot(p1 - l1, u0 - p0)), high: Math.min(1, d + Math.hypot(u1 - p1, p0 - l0)) };
}
