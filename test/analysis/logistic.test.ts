import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { type Example, fitLogistic, predict } from '../../src/analysis/logistic.js';
import { auc, confusion } from '../../src/analysis/metrics.js';
import { fnv1a32, splitOf, splitPoint } from '../../src/analysis/split.js';
import { mulberry32 } from '../support/random.js';

const logit = (p: number): number => Math.log(p / (1 - p));
const norm = (v: readonly number[]): number => Math.hypot(...v);

/** n examples from the model bias + w·x, x uniform on [-2, 2]^d, labels drawn from its probabilities. */
function sample(n: number, bias: number, w: readonly number[], seed: number): Example[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const x = w.map(() => random() * 4 - 2);
    const z = x.reduce((s, v, j) => s + v * w[j], bias);
    return { x, y: random() < 1 / (1 + Math.exp(-z)) ? 1 : 0 };
  });
}

/** The penalised loss as the docs state it, written out independently of the module. */
function penalised(examples: readonly Example[], l2: number, beta: readonly number[]): number {
  let sum = 0;
  for (const e of examples) {
    const z = Array.from(e.x).reduce((s, v, j) => s + v * beta[j + 1], beta[0]);
    sum += (e.weight ?? 1) * (Math.log1p(Math.exp(-Math.abs(z))) + Math.max(z, 0) - e.y * z);
  }
  return sum + (l2 / 2) * norm(beta.slice(1)) ** 2;
}
/** Central differences of `penalised` at beta, per unit of total weight. */
function gradient(examples: readonly Example[], l2: number, beta: readonly number[]): number[] {
  const total = examples.reduce((s, e) => s + (e.weight ?? 1), 0);
  const h = 1e-5;
  return beta.map((_, a) => {
    const up = beta.map((b, k) => (k === a ? b + h : b));
    const down = beta.map((b, k) => (k === a ? b - h : b));
    return (penalised(examples, l2, up) - penalised(examples, l2, down)) / (2 * h * total);
  });
}
const maxAbs = (v: readonly number[]): number => Math.max(...v.map(Math.abs));

/** Grouped data with a closed-form MLE: 3 of 10 positive at x = 0, 7 of 10 at x = 1. */
const GROUPED: Example[] = [0, 1].flatMap((x) =>
  Array.from({ length: 10 }, (_, i): Example => ({ x: [x], y: i < (x === 0 ? 3 : 7) ? 1 : 0 })),
);
const KNOWN = sample(4000, -2, [1.5, -1, 0], 1);

describe('logistic regression (zerocall train)', () => {
  describe('fitLogistic', () => {
    it('recovers the coefficients of the model that generated the data', () => {
      const fit = fitLogistic(KNOWN, { l2: 0.01 });
      expect(fit.converged).to.equal(true);
      expect(fit.iterations).to.be.within(1, 15);
      expect(fit.bias).to.be.closeTo(-2, 0.2);
      expect(fit.weights).to.have.length(3);
      [1.5, -1, 0].forEach((w, j) => expect(fit.weights[j]).to.be.closeTo(w, 0.2));
    });

    it('matches the closed-form maximum likelihood on grouped data, and reports the loss per unit weight', () => {
      const fit = fitLogistic(GROUPED, { l2: 0 });
      expect(fit.converged).to.equal(true);
      expect(fit.bias).to.be.closeTo(logit(0.3), 1e-6);
      expect(fit.weights[0]).to.be.closeTo(logit(0.7) - logit(0.3), 1e-6);
      // Every group is fitted to its own rate, so the loss is the binary entropy of 0.3.
      expect(fit.loss).to.be.closeTo(-(0.3 * Math.log(0.3) + 0.7 * Math.log(0.7)), 1e-9);
      expect(predict(fit, [0])).to.be.closeTo(0.3, 1e-6);
      expect(predict(fit, [1])).to.be.closeTo(0.7, 1e-6);
    });

    it('shrinks the weights as the penalty grows, but lets the bias settle at the base rate', () => {
      const norms = [0, 1, 10, 100, 1000, 10_000].map((l2) => norm(fitLogistic(KNOWN, { l2 }).weights));
      norms.slice(1).forEach((n, k) => expect(n).to.be.below(norms[k]));
      const flat = fitLogistic(KNOWN, { l2: 1e7 });
      const positives = KNOWN.filter((e) => e.y === 1).length;
      expect(maxAbs(flat.weights)).to.be.below(1e-3);
      expect(flat.bias).to.be.closeTo(logit(positives / KNOWN.length), 1e-3);
      expect(flat.bias).to.be.below(-1);
    });

    it('returns a point where the gradient of the penalised loss vanishes (checked numerically)', () => {
      const examples = KNOWN.slice(0, 500).map((e, i) => ({ ...e, weight: 1 + (i % 3) }));
      for (const l2 of [0, 0.5, 20]) {
        const fit = fitLogistic(examples, { l2 });
        const beta = [fit.bias, ...fit.weights];
        expect(maxAbs(gradient(examples, l2, beta)), `l2 = ${l2}`).to.be.below(1e-6);
        expect(fit.loss).to.be.closeTo(penalised(examples, l2, beta) / examples.reduce((s, e) => s + e.weight, 0), 1e-12);
        // The check can fail: a step off the optimum shows a clear slope.
        expect(maxAbs(gradient(examples, l2, [fit.bias + 0.05, ...fit.weights]))).to.be.above(1e-3);
      }
    });

    it('converges to a stationary point on random data (property)', () => {
      const data = fc.record({
        d: fc.integer({ min: 1, max: 4 }),
        n: fc.integer({ min: 4, max: 40 }),
        seed: fc.integer(),
        l2: fc.double({ min: 0.05, max: 20, noNaN: true }),
      });
      fc.assert(
        fc.property(data, ({ d, n, seed, l2 }) => {
          const random = mulberry32(seed);
          const examples: Example[] = Array.from({ length: n }, (_, i) => ({
            x: Array.from({ length: d }, () => Math.round((random() * 6 - 3) * 10) / 10),
            y: i < 2 ? (i as 0 | 1) : random() < 0.4 ? 1 : 0,
            weight: Math.floor(random() * 3),
          }));
          examples[0] = { ...examples[0], weight: 1 };
          examples[1] = { ...examples[1], weight: 1 };
          const fit = fitLogistic(examples, { l2 });
          expect(fit.converged).to.equal(true);
          expect(maxAbs(gradient(examples, l2, [fit.bias, ...fit.weights]))).to.be.below(1e-5);
        }),
        { numRuns: 60 },
      );
    });

    it('treats an example of weight 2 as two copies, and weight 0 as absent', () => {
      const base = sample(60, 0.3, [1, -0.5], 2);
      const weighted = base.map((e, i) => ({ ...e, weight: i % 4 === 0 ? 2 : i % 4 === 1 ? 0 : 1 }));
      const copied = base.flatMap((e, i) => (i % 4 === 0 ? [e, e] : i % 4 === 1 ? [] : [e]));
      for (const l2 of [0, 1]) {
        const a = fitLogistic(weighted, { l2 });
        const b = fitLogistic(copied, { l2 });
        expect(a.bias).to.be.closeTo(b.bias, 1e-9);
        a.weights.forEach((w, j) => expect(w).to.be.closeTo(b.weights[j], 1e-9));
        expect(a.loss).to.be.closeTo(b.loss, 1e-12);
      }
    });

    it('keeps separable data finite with a penalty, and stops at the cap without one', () => {
      const separable: Example[] = [
        { x: [-2, 1], y: 0 },
        { x: [-1, 0], y: 0 },
        { x: [-0.5, 3], y: 0 },
        { x: [0.5, -1], y: 1 },
        { x: [1, 2], y: 1 },
        { x: [3, 0], y: 1 },
      ];
      const penalisedFit = fitLogistic(separable, { l2: 1 });
      expect(penalisedFit.converged).to.equal(true);
      expect(maxAbs(penalisedFit.weights)).to.be.below(10);
      expect(maxAbs(gradient(separable, 1, [penalisedFit.bias, ...penalisedFit.weights]))).to.be.below(1e-6);

      const free = fitLogistic(separable, { l2: 0 });
      expect(free.converged).to.equal(false);
      expect(free.iterations).to.equal(50);
      expect([free.bias, ...free.weights, free.loss].every(Number.isFinite)).to.equal(true);
      for (const e of separable) expect(predict(free, e.x) > 0.5).to.equal(e.y === 1);
      // Run long enough, every probability rounds to 0 or 1: it still stops, and still says not converged.
      const long = fitLogistic(separable, { l2: 0, iterations: 5000 });
      expect(long.converged).to.equal(false);
      expect([long.bias, ...long.weights, long.loss].every(Number.isFinite)).to.equal(true);
    });

    it('reports no unique optimum without a penalty when a feature is always 0; the penalty settles it at 0', () => {
      const examples = GROUPED.map((e) => ({ ...e, x: [e.x[0], 0] }));
      const free = fitLogistic(examples, { l2: 0 });
      expect(free.converged).to.equal(false);
      expect(free.weights[0]).to.be.closeTo(logit(0.7) - logit(0.3), 1e-6);
      expect(free.weights[1]).to.equal(0);
      const fit = fitLogistic(examples, { l2: 0.1 });
      expect(fit.converged).to.equal(true);
      expect(fit.weights[1]).to.equal(0);
    });

    it('with 0 iterations returns the base rate as bias and no weights', () => {
      const fit = fitLogistic(GROUPED, { iterations: 0 });
      expect(fit).to.deep.include({ iterations: 0, converged: false, weights: [0] });
      expect(fit.bias).to.be.closeTo(0, 1e-12);
    });
  });

  describe('input errors name the example', () => {
    const good: Example[] = [
      { x: [0, 1, 2], y: 0 },
      { x: [1, 1, 0], y: 1 },
      { x: [2, 0, 1], y: 1 },
      { x: [0, 0, 0], y: 0 },
    ];
    const throws = (examples: readonly Example[], message: RegExp | string, options = {}): void => {
      expect(() => fitLogistic(examples, options)).to.throw(RangeError, message);
    };

    it('rejects a wrong-length x, a non-finite value, a bad label or weight', () => {
      throws(good.map((e, i) => (i === 3 ? { ...e, x: [1, 2] } : e)), 'example 3: x has 2 values, expected 3 (as example 0)');
      throws(good.map((e, i) => (i === 2 ? { ...e, x: [1, NaN, 0] } : e)), /^example 2: x\[1\] is NaN/);
      throws(good.map((e, i) => (i === 1 ? { ...e, x: [Infinity, 0, 0] } : e)), /^example 1: x\[0\] is Infinity/);
      throws(good.map((e, i) => (i === 1 ? { ...e, weight: -1 } : e)), /^example 1: weight is -1/);
      throws(good.map((e, i) => (i === 0 ? { ...e, weight: NaN } : e)), /^example 0: weight is NaN/);
      throws(good.map((e, i) => (i === 2 ? { ...e, y: 2 as 0 | 1 } : e)), /^example 2: y is 2, expected 0 or 1/);
    });

    it('rejects no examples, one label, and bad options', () => {
      throws([], /no examples/);
      throws(good.filter((e) => e.y === 1), /none labelled 0/);
      throws(good.map((e) => (e.y === 1 ? { ...e, weight: 0 } : e)), /none labelled 1/);
      throws(good, 'l2 is -1', { l2: -1 });
      throws(good, 'l2 is NaN', { l2: NaN });
      throws(good, 'iterations is 1.5', { iterations: 1.5 });
      expect(() => predict({ bias: 0, weights: [1, 2] }, [1])).to.throw(RangeError, 'x has 1 values, expected 2');
    });
  });

  describe('predict', () => {
    it('is sigmoid(bias + w·x), finite at any logit', () => {
      expect(predict({ bias: -1, weights: [2, 0.5] }, [1, 2])).to.be.closeTo(1 / (1 + Math.exp(-2)), 1e-15);
      expect(predict({ bias: 0, weights: [] }, [])).to.equal(0.5);
      expect(predict({ bias: 0, weights: [1] }, [1000])).to.equal(1);
      expect(predict({ bias: 0, weights: [1] }, [-1000])).to.equal(0);
    });
  });

  describe('auc', () => {
    it('is 1 when ranked perfectly, 0 when reversed, 0.5 when all tied, NaN with one class', () => {
      expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).to.equal(1);
      expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).to.equal(0);
      expect(auc([0.4, 0.4, 0.4, 0.4, 0.4], [0, 1, 1, 0, 0])).to.equal(0.5);
      expect(auc([0.1, 0.9], [1, 1])).to.be.NaN;
      expect(auc([0.1, 0.9], [0, 0])).to.be.NaN;
      expect(auc([], [])).to.be.NaN;
    });

    it('counts a tie as half (worked by hand)', () => {
      // Positives 0.4 and 0.9 against negatives 0.1, 0.4, 0.6: (1 + ½ + 0) + (1 + 1 + 1) = 4.5 of 6 pairs.
      expect(auc([0.1, 0.4, 0.4, 0.6, 0.9], [0, 1, 0, 0, 1])).to.equal(0.75);
      // Infinite scores sort too: positives ∞ and 0 against −∞ and ∞ give (1 + ½) + (1 + 0) of 4.
      expect(auc([-Infinity, Infinity, Infinity, 0], [0, 1, 0, 1])).to.equal(0.625);
    });

    it('rejects mismatched lengths and NaN scores', () => {
      expect(() => auc([0.1, 0.2], [1])).to.throw(RangeError, '2 scores for 1 labels');
      expect(() => auc([0.1, NaN], [0, 1])).to.throw(RangeError, 'score 1 is NaN');
    });

    const scored = fc
      .array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom<0 | 1>(0, 1)), { minLength: 2, maxLength: 60 })
      .filter((pairs) => pairs.some(([, y]) => y === 1) && pairs.some(([, y]) => y === 0));
    const split = (pairs: readonly (readonly [number, 0 | 1])[]): [number[], (0 | 1)[]] => [pairs.map(([s]) => s), pairs.map(([, y]) => y)];

    it('equals the share of (positive, negative) pairs ranked right, ties half (property)', () => {
      fc.assert(
        fc.property(scored, (pairs) => {
          let right = 0;
          let all = 0;
          for (const [sp, yp] of pairs) {
            if (yp !== 1) continue;
            for (const [sn, yn] of pairs) {
              if (yn !== 0) continue;
              all++;
              right += sp > sn ? 1 : sp === sn ? 0.5 : 0;
            }
          }
          expect(auc(...split(pairs))).to.be.closeTo(right / all, 1e-12);
        }),
      );
    });

    it('flips to 1 − auc when the scores are negated, and ignores strictly increasing transforms (property)', () => {
      fc.assert(
        fc.property(scored, (pairs) => {
          const [scores, labels] = split(pairs);
          const a = auc(scores, labels);
          expect(auc(scores.map((s) => -s), labels)).to.be.closeTo(1 - a, 1e-12);
          expect(auc(scores.map((s) => s ** 3 + 3 * s - 5), labels)).to.equal(a);
          expect(auc(scores.map((s) => Math.exp(s / 50)), labels)).to.equal(a);
        }),
      );
    });
  });

  describe('confusion', () => {
    const scores = [0.9, 0.8, 0.7, 0.5, 0.4, 0.2];
    const labels: (0 | 1)[] = [1, 0, 1, 1, 0, 0];

    it('predicts 1 at or above the threshold', () => {
      expect(confusion(scores, labels, 0.5)).to.deep.equal({ tp: 3, fp: 1, tn: 2, fn: 0, precision: 0.75, recall: 1 });
      expect(confusion(scores, labels, 0.75)).to.deep.equal({ tp: 1, fp: 1, tn: 2, fn: 2, precision: 0.5, recall: 1 / 3 });
    });

    it('gives NaN precision when nothing is predicted positive, NaN recall when there are no positives', () => {
      const none = confusion(scores, labels, 0.95);
      expect(none).to.deep.include({ tp: 0, fp: 0, tn: 3, fn: 3, recall: 0 });
      expect(none.precision).to.be.NaN;
      const negatives = confusion([0.2, 0.8], [0, 0], 0.5);
      expect(negatives).to.deep.include({ tp: 0, fp: 1, tn: 1, fn: 0, precision: 0 });
      expect(negatives.recall).to.be.NaN;
      expect(() => confusion(scores, labels, NaN)).to.throw(RangeError, 'threshold is NaN');
    });
  });

  describe('splitOf', () => {
    /** Session ids as the SDK makes them: random UUIDs, here from a seeded PRNG. */
    const random = mulberry32(3);
    const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
    const ids = Array.from({ length: 10_000 }, () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`);
    const share = (seed?: string): number => ids.filter((id) => splitOf(id, 0.25, seed) === 'test').length / ids.length;

    it('hashes with FNV-1a 32-bit over UTF-8 (reference vectors)', () => {
      expect(fnv1a32('')).to.equal(0x811c9dc5);
      expect(fnv1a32('a')).to.equal(0xe40c292c);
      expect(fnv1a32('foobar')).to.equal(0xbf9cf968);
      // As Node's Buffer.from(s, 'utf8') bytes hash; a lone surrogate encodes as U+FFFD.
      expect(fnv1a32('é')).to.equal(0x1e9de8c1);
      expect(fnv1a32('😀')).to.equal(0x33a29608);
      expect(fnv1a32('\ud800x')).to.equal(0x5bbae2b6);
    });

    it('puts an id in test when its split point (the mixed hash of `${seed}:${id}`) is below the share', () => {
      const h = splitPoint('abc', 's1');
      expect(h).to.not.equal(fnv1a32('s1:abc') / 2 ** 32);
      expect(splitOf('abc', h, 's1')).to.equal('train');
      expect(splitOf('abc', h + 2 ** -32, 's1')).to.equal('test');
      expect(splitOf('abc', 0.5)).to.equal(splitPoint('abc') < 0.5 ? 'test' : 'train');
      expect(ids.every((id) => splitOf(id, 0) === 'train' && splitOf(id, 1) === 'test')).to.equal(true);
      expect(() => splitOf('abc', 1.5)).to.throw(RangeError, 'testShare is 1.5');
    });

    it('is deterministic and depends on the seed', () => {
      const first = ids.map((id) => splitOf(id, 0.25, 'a'));
      expect(ids.map((id) => splitOf(id, 0.25, 'a'))).to.deep.equal(first);
      const moved = ids.filter((id, i) => splitOf(id, 0.25, 'b') !== first[i]).length / ids.length;
      // Independent assignments disagree on 2 · 0.25 · 0.75 = 37.5% of ids.
      expect(moved).to.be.closeTo(0.375, 0.03);
    });

    it('sends about the share asked for to test', () => {
      for (const seed of [undefined, 'a', 'zerocall', '2024-06']) expect(share(seed), String(seed)).to.be.closeTo(0.25, 0.02);
    });

    it('spreads sequential ids like random ones (plain FNV-1a would cluster s00…s59)', () => {
      for (const ids of [Array.from({ length: 60 }, (_, i) => `s${String(i).padStart(2, '0')}`), Array.from({ length: 10_000 }, (_, i) => `session-${i}`)]) {
        for (const seed of ['zerocall', 'x', 'b']) {
          const test = ids.filter((id) => splitOf(id, 0.3, seed) === 'test').length / ids.length;
          expect(test, `${ids.length} ids, seed ${seed}`).to.be.closeTo(0.3, ids.length < 100 ? 0.15 : 0.02);
        }
      }
    });
  });
});
