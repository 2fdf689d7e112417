import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { checkStruggle } from '../../src/pack/check-struggle.js';
import { formatProblem, type Problems } from '../../src/pack/checks.js';
import {
  compileStruggle,
  createStruggle,
  DEFAULT_STRUGGLE_MODEL,
  STRUGGLE_FEATURES,
  STRUGGLE_LIMITS,
  type Struggle,
  type StruggleFeature,
  type StruggleModel,
} from '../../src/engine/struggle.js';
import type { EngineInput, NetEvent, Signal, ZcEvent } from '../../src/engine/types.js';
import { input, invalid, jsErr, nav, netEnd, netStart, PAGE, submit, tap, tick } from '../signals/builders-errors.js';

/** A detector signal as the pipeline hands it to the engine. */
const sig = (t: number, signal: string, page = PAGE): Signal => ({ type: 'signal', signal, t, page, evidence: { count: 1, first: t, last: t } });
const move = (t: number): ZcEvent => ({ type: 'move', t, page: PAGE, x: 10, y: 10 });
const scroll = (t: number): ZcEvent => ({ type: 'scroll', t, page: PAGE, y: 40, dy: 40, scroller: '' });
const aborted = (t: number): NetEvent => ({ ...netEnd(t, 9, 0), aborted: true });

const SIGNAL_FEATURES = STRUGGLE_FEATURES.slice(0, 12);
const COUNT_FEATURES = STRUGGLE_FEATURES.filter((f) => f !== 'idle');
/** Every weight 1 and no bias: explain() then reads back each feature's measurement. */
const UNIT: StruggleModel = { window: 120_000, bias: 0, weights: Object.fromEntries(STRUGGLE_FEATURES.map((f) => [f, 1])) };
const MAX_SIZE = COUNT_FEATURES.length * STRUGGLE_LIMITS.timestamps + STRUGGLE_LIMITS.pages + STRUGGLE_LIMITS.fields;

function feed(inputs: readonly EngineInput[], model: StruggleModel = UNIT): Struggle {
  const s = createStruggle(model);
  for (const i of inputs) s.update(i);
  return s;
}
/** The measured value of every feature with a non-zero contribution at `t`. */
const values = (s: Struggle, t: number): Partial<Record<StruggleFeature, number>> =>
  Object.fromEntries(s.explain(t).features.map((f) => [f.feature, f.value]));
const counts = (inputs: readonly EngineInput[], t: number): Partial<Record<StruggleFeature, number>> => {
  const { idle: _idle, ...rest } = values(feed(inputs), t);
  return rest;
};
const logit = (p: number): number => Math.log(p / (1 - p));

describe('struggle score', () => {
  it('names its features in a stable order (public API)', () => {
    expect(STRUGGLE_FEATURES).to.deep.equal([
      'rage-click', 'dead-click', 'error-click', 'repeated-action', 'api-error', 'js-error', 'form-error-loop', 'hesitation',
      'u-turn', 'reload-loop', 'scroll-thrash', 'cursor-thrash', 'errors', 'backtracks', 'corrections', 'idle',
    ]);
  });

  describe('features (recorded sequences)', () => {
    it('counts each friction signal kind in the window, and ignores signals it has no feature for', () => {
      const inputs: EngineInput[] = [];
      SIGNAL_FEATURES.forEach((f, i) => {
        for (let k = 0; k <= i % 3; k++) inputs.push(sig(1000 * i + k, f));
      });
      inputs.push(sig(20_000, 'zigzag'), sig(20_001, 'rage'));
      expect(counts(inputs, 20_001)).to.deep.equal(Object.fromEntries(SIGNAL_FEATURES.map((f, i) => [f, (i % 3) + 1])));
    });

    it('errors: JS errors and failed requests; not successes, redirects, aborts, starts or ends without a status', () => {
      const inputs = [jsErr(0), jsErr(10, 'x', { kind: 'rejection' }), netEnd(20, 1, 500), netEnd(30, 2, 404), netEnd(40, 3, 0)];
      const noise = [netStart(50, 4), netEnd(60, 4, 200), netEnd(70, 5, 302), netEnd(80, 6, 399), aborted(90), netEnd(100, 7, undefined)];
      expect(counts([...inputs, ...noise], 1000)).to.deep.equal({ errors: 5 });
    });

    it('backtracks: back/forward and returns to a page seen in the window; not new pages, reloads or same-page changes', () => {
      const visits = [
        nav(0, '/cart', '', 'load'),
        nav(1000, '/checkout', '/cart'),
        nav(2000, '/cart', '/checkout', 'pop'), // back: 1
        nav(3000, '/help', '/cart'),
        nav(4000, '/checkout', '/help'), // seen at 1000: 2
        nav(5000, '/checkout', '/checkout', 'replace'),
        nav(6000, '/checkout', '/checkout', 'hash'),
        nav(7000, '/checkout', '', 'load'), // a reload
        nav(8000, '/done', '/checkout', 'push'),
      ];
      expect(counts(visits, 8000)).to.deep.equal({ backtracks: 2 });
      // A page visited longer than the window ago is a new visit, and a pop is a backtrack wherever it goes.
      expect(counts([nav(0, '/a', '', 'load'), nav(1000, '/b', '/a'), nav(200_000, '/a', '/b')], 200_000)).to.deep.equal({});
      expect(counts([nav(0, '/a', '', 'load'), nav(1000, '/b', '/a', 'pop')], 1000)).to.deep.equal({ backtracks: 1 });
      // The page left counts as visited even when its own load was never seen.
      expect(counts([nav(0, '/b', '/a'), nav(1000, '/a', '/b')], 1000)).to.deep.equal({ backtracks: 1 });
    });

    it('corrections: the first change to a field after each rejection, within the window', () => {
      const typing = (t0: number, fp: string) => [0, 100, 200, 300].map((d) => input(t0 + d, fp));
      const card = 'input#card';
      expect(counts([invalid(0, card), ...typing(1000, card)], 2000)).to.deep.equal({ corrections: 1 });
      expect(counts([invalid(0, card), ...typing(1000, 'input#name')], 2000)).to.deep.equal({});
      expect(counts([invalid(0, card), ...typing(1000, card), invalid(2000, card), ...typing(3000, card)], 4000)).to.deep.equal({ corrections: 2 });
      expect(counts([...typing(0, card), invalid(1000, card)], 2000)).to.deep.equal({});
      expect(counts([invalid(0, card), input(120_000, card)], 120_000)).to.deep.equal({});
    });

    it('idle: seconds since the last click, input, submit or track, capped at the window; navigation is not progress', () => {
      const idle = (inputs: readonly EngineInput[], t: number): number | undefined => values(feed(inputs), t).idle;
      expect(idle([nav(0, '/checkout', '', 'load'), tap(1000)], 31_000)).to.equal(30);
      expect(idle([tap(1000), nav(20_000, '/help')], 31_000)).to.equal(30);
      expect(idle([tap(1000), input(5000, 'input#card'), submit(9000)], 9500)).to.equal(0.5);
      expect(idle([tap(0), { type: 'track', t: 60_000, page: PAGE, name: 'paid' }], 61_000)).to.equal(1);
      expect(idle([tap(0)], 10_000_000)).to.equal(120);
      // Before any progress, idle counts from the first event seen; before any event it is 0.
      expect(idle([tick(0), tick(1000)], 45_000)).to.equal(45);
      expect(idle([], 45_000)).to.equal(undefined);
      const s = feed([tap(0)], { ...UNIT, weights: { idle: 1 } });
      expect(s.explain(90_000).features).to.deep.equal([{ feature: 'idle', value: 90, contribution: 1.5 }]);
    });
  });

  describe('the window', () => {
    it('forgets an occurrence once it is a window old, and does not restart on a page change', () => {
      const s = feed([sig(0, 'rage-click'), nav(60_000, '/help', PAGE), sig(60_000, 'u-turn', '/help')]);
      expect(values(s, 119_999)['rage-click']).to.equal(1);
      expect(values(s, 120_000)['rage-click']).to.equal(undefined);
      expect(values(s, 179_999)['u-turn']).to.equal(1);
      expect(counts([sig(0, 'rage-click')], 30_000)).to.deep.equal({ 'rage-click': 1 });
      expect(counts([sig(0, 'rage-click')], 30_000 + 10 * 60_000)).to.deep.equal({});
    });

    it('takes its length from the model', () => {
      const s = feed([sig(0, 'dead-click')], { ...UNIT, window: 10_000 });
      expect(values(s, 9999)['dead-click']).to.equal(1);
      expect(values(s, 10_000)['dead-click']).to.equal(undefined);
      expect(values(s, 60_000).idle).to.equal(10);
    });

    it('prunes what is out of the window when it updates', () => {
      const s = feed([sig(0, 'rage-click'), sig(1, 'dead-click'), jsErr(2), nav(3, '/a', '/b')]);
      expect(s.size()).to.equal(3 + 2);
      s.update(tick(200_000));
      expect(s.size()).to.equal(2); // the pages go when the page table is next touched
      s.update(nav(200_001, '/c', '/d'));
      expect(s.size()).to.equal(2);
      expect(values(s, 200_001)).to.deep.equal({ idle: 120 });
    });
  });

  describe('bounded state', () => {
    it('keeps at most 64 timestamps per feature, 32 pages and 16 fields over 100,000 events', () => {
      const s = createStruggle(UNIT);
      let t = 1_700_000_000_000;
      // Every sixth event of a kind: a signal (the twelve in turn), an error, a navigation over
      // 100 pages (every third a back), a rejection of one of 100 fields, the fix of that field, a move.
      for (let i = 0; i < 100_000; i++) {
        t += 10;
        const n = Math.floor(i / 6);
        const r = i % 6;
        if (r === 0) s.update(sig(t, SIGNAL_FEATURES[n % 12]!));
        else if (r === 1) s.update(n % 2 ? jsErr(t) : netEnd(t, i, 503));
        else if (r === 2) s.update(nav(t, `/p${n % 100}`, `/p${(n + 99) % 100}`, n % 3 ? 'push' : 'pop'));
        else if (r === 3) s.update(invalid(t, `input#f${n % 100}`));
        else if (r === 4) s.update(input(t, `input#f${n % 100}`));
        else s.update(move(t));
      }
      expect(s.size()).to.be.at.most(MAX_SIZE);
      expect(s.size()).to.be.at.least(COUNT_FEATURES.length * STRUGGLE_LIMITS.timestamps);
      const v = values(s, t);
      for (const f of COUNT_FEATURES) expect(v[f], f).to.equal(STRUGGLE_LIMITS.timestamps);
      // Silence lets it all go.
      s.update(tick(t + 120_000));
      expect(s.size()).to.be.at.most(STRUGGLE_LIMITS.pages + STRUGGLE_LIMITS.fields);
    });
  });

  describe('explain()', () => {
    const session = [tap(0), sig(100, 'rage-click'), netEnd(200, 1, 502), netEnd(300, 2, 502), sig(300, 'api-error'), sig(400, 'api-error'), nav(500, '/help', PAGE, 'pop')];

    it('lists non-zero contributions, largest first, whose sum with the bias is the logit', () => {
      const s = feed(session, DEFAULT_STRUGGLE_MODEL);
      const { score, features } = s.explain(30_000);
      expect(score).to.equal(s.score(30_000));
      expect(features.map((f) => f.feature)).to.deep.equal(['rage-click', 'api-error', 'backtracks', 'errors', 'idle']);
      const w = DEFAULT_STRUGGLE_MODEL.weights;
      expect(features[0]).to.deep.equal({ feature: 'rage-click', value: 1, contribution: w['rage-click']! * Math.log1p(1) });
      expect(features.find((f) => f.feature === 'idle')).to.deep.equal({ feature: 'idle', value: 30, contribution: w.idle! * 0.5 });
      for (let i = 1; i < features.length; i++) expect(Math.abs(features[i - 1]!.contribution)).to.be.at.least(Math.abs(features[i]!.contribution));
      const sum = DEFAULT_STRUGGLE_MODEL.bias + features.reduce((a, f) => a + f.contribution, 0);
      expect(logit(score)).to.be.closeTo(sum, 1e-9);
      expect(s.explain(30_000, 2).features).to.deep.equal(features.slice(0, 2));
      expect(s.explain(30_000, 0).features).to.deep.equal([]);
    });

    it('orders negative weights by size too, and leaves out features without a weight', () => {
      const model: StruggleModel = { window: 120_000, bias: -1, weights: { 'rage-click': 1, 'scroll-thrash': -3 } };
      const s = feed([sig(0, 'rage-click'), sig(0, 'scroll-thrash'), sig(0, 'dead-click')], model);
      expect(s.explain(0).features).to.deep.equal([
        { feature: 'scroll-thrash', value: 1, contribution: -3 * Math.log1p(1) },
        { feature: 'rage-click', value: 1, contribution: Math.log1p(1) },
      ]);
      expect(logit(s.score(0))).to.be.closeTo(-1 - 2 * Math.log(2), 1e-9);
    });
  });

  describe('default calibration', () => {
    const score = (inputs: readonly EngineInput[], t: number): number => feed(inputs, DEFAULT_STRUGGLE_MODEL).score(t);

    /** Browse a catalogue, go back once, fill a form and pay: three minutes, nothing goes wrong. */
    const calm: ZcEvent[] = [
      nav(0, '/products', '', 'load'),
      netEnd(400, 1, 200),
      tap(8000),
      nav(8100, '/products/42', '/products'),
      netEnd(8500, 2, 200),
      nav(40_000, '/products', '/products/42', 'pop'),
      tap(52_000),
      nav(52_100, '/checkout', '/products'),
      ...[60, 61, 62, 63, 64, 70, 71, 72, 73].map((s) => input(s * 1000, s < 70 ? 'input#name' : 'input#card')),
      submit(95_000),
      netEnd(96_000, 3, 201),
      nav(96_100, '/done', '/checkout'),
      ...Array.from({ length: 180 }, (_, i) => tick(i * 1000)),
    ].sort((a, b) => a.t - b.t);

    it('scores a calm session well under 0.1 all along', () => {
      let max = 0;
      const s = createStruggle(DEFAULT_STRUGGLE_MODEL);
      for (const e of calm) {
        s.update(e);
        max = Math.max(max, s.score(e.t));
      }
      // The peak (≈0.052) is the back navigation at 40 s plus a minute idle on the last page.
      expect(max).to.be.below(0.06);
      expect(score([], 0)).to.be.closeTo(0.018, 0.001);
    });

    it('scores one rage click alone near 0.3', () => {
      expect(score([tap(0), tap(300), tap(600), sig(600, 'rage-click')], 600)).to.be.within(0.27, 0.33);
    });

    it('keeps one background error or failed request under 0.1', () => {
      expect(score([tap(0), jsErr(100), sig(100, 'js-error')], 1000)).to.be.below(0.1);
      expect(score([tap(0), netEnd(100, 1, 404), sig(100, 'api-error')], 1000)).to.be.below(0.1);
    });

    it('scores rage clicks with failing requests and a form that keeps rejecting input above 0.8 (0.99)', () => {
      const card = 'input#card';
      const stuck: EngineInput[] = [
        invalid(0, card), input(2000, card), invalid(5000, card), input(7000, card), invalid(10_000, card), sig(10_000, 'form-error-loop'),
        input(15_000, card), submit(20_000), netEnd(21_000, 1, 502), sig(21_000, 'api-error'),
        tap(25_000), netEnd(26_000, 2, 502), sig(26_000, 'api-error'),
        tap(27_000), tap(27_300), tap(27_600), sig(27_600, 'rage-click'),
      ];
      expect(score(stuck, 28_000)).to.be.above(0.9);
      // The form loop with its own rejections and fixes, and the raw failures, stays under 0.5.
      expect(score(stuck.filter((e) => e.type !== 'signal' || e.signal === 'form-error-loop'), 28_000)).to.be.below(0.5);
    });
  });

  describe('properties', () => {
    const pages = ['/a', '/b', '/c'];
    const kinds = [...SIGNAL_FEATURES, 'click', 'input', 'invalid', 'net-500', 'net-200', 'js-error', 'push', 'pop', 'tick', 'submit'] as const;
    const make = (kind: (typeof kinds)[number], t: number, k: number): EngineInput => {
      switch (kind) {
        case 'click': return tap(t);
        case 'input': return input(t, `input#f${k % 3}`);
        case 'invalid': return invalid(t, `input#f${k % 3}`);
        case 'net-500': return netEnd(t, k, 500);
        case 'net-200': return netEnd(t, k, 200);
        case 'js-error': return jsErr(t);
        case 'push': return nav(t, pages[k % 3]!, pages[(k + 1) % 3]!);
        case 'pop': return nav(t, pages[k % 3]!, pages[(k + 1) % 3]!, 'pop');
        case 'tick': return tick(t);
        case 'submit': return submit(t);
        default: return sig(t, kind);
      }
    };
    /** A session in time order from 0, with gaps up to 30 s. */
    const arbSession = fc
      .array(fc.record({ gap: fc.integer({ min: 0, max: 30_000 }), kind: fc.constantFrom(...kinds), k: fc.nat(9) }), { maxLength: 80 })
      .map((steps) => {
        let t = 0;
        return steps.map((s) => make(s.kind, (t += s.gap), s.k));
      });
    const arbWeights = (min: number) => fc.record(Object.fromEntries(STRUGGLE_FEATURES.map((f) => [f, fc.double({ min, max: 10, noNaN: true })])) as Record<StruggleFeature, fc.Arbitrary<number>>);
    const arbModel = (min = -10) =>
      fc.record({ window: fc.integer({ min: 10_000, max: 1_800_000 }), bias: fc.double({ min: -20, max: 20, noNaN: true }), weights: arbWeights(min) });
    const end = (events: readonly EngineInput[]): number => events.at(-1)?.t ?? 0;

    it('scores strictly between 0 and 1 for any session and any weights a pack may set', () => {
      fc.assert(
        fc.property(arbSession, arbModel(), fc.nat(200_000), (events, model, after) => {
          const s = feed(events, model);
          for (const t of [0, end(events), end(events) + after]) {
            const p = s.score(t);
            expect(p > 0 && p < 1, `${p}`).to.be.true;
          }
        }),
      );
      const all10 = Object.fromEntries(STRUGGLE_FEATURES.map((f) => [f, 10]));
      const saturated = feed(Array.from({ length: 1000 }, (_, i) => sig(i, SIGNAL_FEATURES[i % 12]!)), { window: 120_000, bias: 20, weights: all10 });
      expect(saturated.score(1000)).to.be.below(1);
      const all_10 = Object.fromEntries(STRUGGLE_FEATURES.map((f) => [f, -10]));
      expect(feed([tick(0), sig(1, 'rage-click')], { window: 120_000, bias: -20, weights: all_10 }).score(120_000)).to.be.above(0);
    });

    it('gives the same score when every timestamp is shifted by a constant', () => {
      fc.assert(
        fc.property(arbSession, fc.integer({ min: -1e12, max: 1e12 }), fc.nat(200_000), (events, shift, after) => {
          const shifted = events.map((e) => ({ ...e, t: e.t + shift }));
          const t = end(events) + after;
          expect(feed(shifted, DEFAULT_STRUGGLE_MODEL).explain(t + shift)).to.deep.equal(feed(events, DEFAULT_STRUGGLE_MODEL).explain(t));
        }),
      );
    });

    it('never lowers the score when a friction signal is added, if no weight is negative', () => {
      fc.assert(
        fc.property(arbSession, arbModel(0), fc.constantFrom(...SIGNAL_FEATURES), fc.nat(), fc.nat(200_000), (events, model, name, at, after) => {
          const i = events.length === 0 ? 0 : at % (events.length + 1);
          const ts = i === 0 ? 0 : events[i - 1]!.t;
          const more = [...events.slice(0, i), sig(ts, name), ...events.slice(i)];
          const t = Math.max(end(events), ts) + after;
          expect(feed(more, model).score(t)).to.be.at.least(feed(events, model).score(t));
        }),
      );
    });

    it('is not changed by pointer moves, scrolls and other events no feature reads', () => {
      const others = (t: number, k: number): ZcEvent[] => [
        move(t), scroll(t),
        { type: 'mutation', t, page: PAGE }, { type: 'selection', t, page: PAGE },
        { type: 'focus', t, page: PAGE, target: { fp: `input#f${k % 3}`, tag: 'input', hits: [] } },
        { type: 'outcome', t, page: PAGE, rule: 'r', outcome: 'shown' },
      ];
      fc.assert(
        fc.property(arbSession, fc.array(fc.nat(5)), fc.nat(200_000), (events, picks, after) => {
          const noisy: EngineInput[] = [];
          events.forEach((e, i) => {
            // Between the previous event and this one (or 5 s before the first), so noise could move the idle clock.
            const at = i === 0 ? e.t - 5000 : Math.floor((events[i - 1]!.t + e.t) / 2);
            noisy.push(...others(at, i).slice(0, picks[i] ?? 0));
            noisy.push(e);
          });
          noisy.push(...others(end(events) + 1, 0));
          const t = end(events) + 1 + after;
          expect(feed(noisy, DEFAULT_STRUGGLE_MODEL).explain(t)).to.deep.equal(feed(events, DEFAULT_STRUGGLE_MODEL).explain(t));
        }),
      );
    });
  });
});

describe('struggle section of a pack', () => {
  const problems = (v: unknown): string[] => {
    const out: Problems = [];
    checkStruggle(v, '/struggle', out);
    return out.map(formatProblem);
  };
  const NAMES = 'rage-click, dead-click, error-click, repeated-action, api-error, js-error, form-error-loop, hesitation, u-turn, reload-loop, scroll-thrash, cursor-thrash, errors, backtracks, corrections, idle';

  it('accepts an empty section and a full one', () => {
    expect(problems({})).to.deep.equal([]);
    expect(problems({ window: '2m', bias: -4.2, weights: { 'rage-click': 1.1, idle: -0.5, corrections: 0 } })).to.deep.equal([]);
    expect(problems({ window: '10s' })).to.deep.equal([]);
    expect(problems({ window: '30m' })).to.deep.equal([]);
  });

  it('names the JSON pointer and the expectation for each mistake', () => {
    const corpus: Array<[unknown, string]> = [
      ['fast', '/struggle: expected an object, got "fast"'],
      [{ windw: '2m' }, '/struggle/windw: unknown property; expected one of window, bias, weights'],
      [{ window: '9s' }, '/struggle/window: expected a duration from 10s to 30m, like "2m", got "9s"'],
      [{ window: '31m' }, '/struggle/window: expected a duration from 10s to 30m, like "2m", got "31m"'],
      [{ window: '2 min' }, '/struggle/window: expected a duration from 10s to 30m, like "2m", got "2 min"'],
      [{ window: 120000 }, '/struggle/window: expected a duration from 10s to 30m, like "2m", got 120000'],
      [{ bias: 21 }, '/struggle/bias: expected a number from -20 to 20, got 21'],
      [{ bias: 'low' }, '/struggle/bias: expected a number from -20 to 20, got "low"'],
      [{ weights: [] }, '/struggle/weights: expected an object, got an empty array'],
      [{ weights: { 'rage-clicks': 1 } }, `/struggle/weights/rage-clicks: unknown property; expected one of ${NAMES}`],
      [{ weights: { idle: 11 } }, '/struggle/weights/idle: expected a number from -10 to 10, got 11'],
      [{ weights: { 'u-turn': null } }, '/struggle/weights/u-turn: expected a number from -10 to 10, got null'],
    ];
    for (const [v, expected] of corpus) expect(problems(v), expected).to.deep.equal([expected]);
  });

  it('reports every problem of a section at once', () => {
    expect(problems({ window: '1s', bias: 100, weights: { 'a/b': 1, errors: -11 } })).to.deep.equal([
      '/struggle/window: expected a duration from 10s to 30m, like "2m", got "1s"',
      '/struggle/bias: expected a number from -20 to 20, got 100',
      `/struggle/weights/a~1b: unknown property; expected one of ${NAMES}`,
      '/struggle/weights/errors: expected a number from -10 to 10, got -11',
    ]);
  });

  it('compiles to the defaults, with the pack window, bias and weights laid over them', () => {
    expect(compileStruggle(undefined)).to.equal(DEFAULT_STRUGGLE_MODEL);
    expect(compileStruggle({})).to.deep.equal(DEFAULT_STRUGGLE_MODEL);
    expect(DEFAULT_STRUGGLE_MODEL.window).to.equal(120_000);
    expect(Object.keys(DEFAULT_STRUGGLE_MODEL.weights)).to.deep.equal([...STRUGGLE_FEATURES]);
    const m = compileStruggle({ window: '5m', bias: -3, weights: { 'rage-click': 2, idle: 0 } });
    expect(m).to.deep.equal({ window: 300_000, bias: -3, weights: { ...DEFAULT_STRUGGLE_MODEL.weights, 'rage-click': 2, idle: 0 } });
    expect(DEFAULT_STRUGGLE_MODEL.weights['rage-click']).to.equal(4.5);
  });
});
