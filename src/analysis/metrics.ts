import { show } from './logistic.js';

// How well scores separate labelled cases: `zerocall train`'s AUC, precision and recall.

function checkScores(scores: readonly number[], labels: readonly (0 | 1)[]): void {
  if (scores.length !== labels.length) throw new RangeError(`${scores.length} scores for ${labels.length} labels`);
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || Number.isNaN(s)) throw new RangeError(`score ${i} is ${show(s)}, expected a number`);
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`label ${i} is ${show(labels[i])}, expected 0 or 1`);
  });
}

/** Area under the ROC curve (ties count half); NaN when one class is missing. */
export function auc(scores: readonly number[], labels: readonly (0 | 1)[]): number {
  checkScores(scores, labels);
  // Comparisons, not subtraction: Infinity - Infinity is NaN and would scramble the sort.
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] < scores[b] ? -1 : scores[a] > scores[b] ? 1 : 0));
  // Twice the count of (positive, negative) pairs ranked right, ties counting one: whole numbers, exact.
  let twice = 0;
  let negativesBelow = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    let p = 0;
    let n = 0;
    while (end < order.length && scores[order[end]] === scores[order[start]]) {
      if (labels[order[end]] === 1) p++;
      else n++;
      end++;
    }
    twice += p * (2 * negativesBelow + n);
    negativesBelow += n;
    positives += p;
    start = end;
  }
  if (positives === 0 || negativesBelow === 0) return NaN;
  return twice / (2 * positives * negativesBelow);
}

/** Counts at one threshold, and the rates the CLI reports. */
export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  readonly precision: number;
  readonly recall: number;
}

/** At score >= threshold → predicted 1. precision is NaN when nothing is predicted positive; recall NaN when there are no positives. */
export function confusion(scores: readonly number[], labels: readonly (0 | 1)[], threshold: number): Confusion {
  checkScores(scores, labels);
  if (Number.isNaN(threshold)) throw new RangeError('threshold is NaN, expected a number');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    if (s >= threshold) {
      if (labels[i] === 1) tp++;
      else fp++;
    } else if (labels[i] === 1) fn++;
    else tn++;
  });
  // 0 / 0 is NaN: exactly the rules above.
  return { tp, fp, tn, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}
