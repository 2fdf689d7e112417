import { expect } from '@open-wc/testing';
import { splitOf } from '../../src/analysis/split.js';
import { type LabelledSession, snapshots } from '../../src/analysis/sessions.js';
import { formatDuration, train, type TrainResult } from '../../src/analysis/train.js';
import { compilePack } from '../../src/engine/compile-pack.js';
import { STRUGGLE_FEATURES } from '../../src/engine/struggle.js';
import type { ZcEvent } from '../../src/engine/types.js';
import { click, packWith } from '../engine/recorded.js';
import { mulberry32 } from '../support/random.js';


const T0 = 1_700_000_000_000;
const PAGE = '/checkout';
const CALM = ['a#details', 'button#next', 'input#name', 'a#terms'];

/**
 * One synthetic session of 60–90 s with a tick a second and a calm click every 6–12 s on one of
 * several controls (never a burst). A struggling one (every other) also has 1–3 bursts of 3–4
 * clicks on the pay button, 10 s apart, the first at its onset (20–40 s in).
 */
function synth(i: number, random: () => number): LabelledSession {
  // Ids like the SDK's session ids: random hex.
  const id = Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join('');
  const struggling = i % 2 === 0;
  const start = T0 + i * 3_600_000;
  const seconds = 60 + Math.floor(random() * 30);
  const events: ZcEvent[] = [{ type: 'nav', t: start, page: PAGE, kind: 'load', from: '' }];
  for (let s = 1; s <= seconds; s++) events.push({ type: 'tick', t: start + s * 1000, page: PAGE });
  for (let s = 2 + Math.floor(random() * 5); s < seconds; s += 6 + Math.floor(random() * 7)) {
    const fp = CALM[Math.floor(random() * CALM.length)]!;
    events.push(click(start + s * 1000 + 700, fp, { x: Math.floor(random() * 800), y: Math.floor(random() * 600), hits: [] }));
  }
  const onset = start + (20 + Math.floor(random() * 20)) * 1000 + 100;
  if (struggling) {
    const bursts = 1 + Math.floor(random() * 3);
    for (let b = 0; b < bursts; b++) {
      const clicks = 3 + Math.floor(random() * 2);
      for (let k = 0; k < clicks; k++) events.push(click(onset + b * 10_000 + k * 150, 'button#pay', { x: 400 + k, y: 300 }));
    }
  }
  events.sort((a, b) => a.t - b.t);
  return { id, events, label: struggling ? { id, struggling, onset, persona: 'stuck' } : { id, struggling, persona: 'calm' } };
}

const random = mulberry32(42);
const SESSIONS = Array.from({ length: 60 }, (_, i) => synth(i, random));
const PACK = compilePack(packWith([{ id: 'pay' }]));
const OPTIONS = { threshold: 0.5, testShare: 0.3 } as const;
const inTest = (s: LabelledSession, seed = 'zerocall'): boolean => splitOf(s.id, OPTIONS.testShare, seed) === 'test';
const splitError = (name: string, n: number): string =>
  `the ${name} split (${n} sessions) needs both struggling and smooth sessions; label more sessions or change --test`;

describe('zerocall train', () => {
  describe('train', () => {
    let result: TrainResult;
    before(() => {
      result = train(SESSIONS, PACK, OPTIONS);
    });

    it('learns that rage clicks mean struggle, and tells the test sessions apart', () => {
      const w = result.section.weights;
      expect(w['rage-click']).to.be.above(0);
      expect(w['rage-click']).to.be.above(w['scroll-thrash']!);
      // A feature never seen is held at 0 by the L2 penalty.
      expect(w['scroll-thrash']).to.equal(0);
      expect(result.test.trained.auc).to.be.at.least(0.9);
      expect(result.test.trained.recall).to.be.at.least(0.9);
      expect(result.test.trained.falsePositiveRate).to.be.at.most(0.1);
      expect(result.fit.converged).to.equal(true);
    });

    it('writes a pack section: the pack window, every feature, values rounded to 3 decimals within the limits', () => {
      const { section } = result;
      expect(section.window).to.equal(formatDuration(PACK.struggle.window));
      expect(section.window).to.equal('2m');
      expect(Object.keys(section.weights)).to.deep.equal([...STRUGGLE_FEATURES]);
      for (const [f, v] of Object.entries(section.weights)) {
        expect(v, f).to.be.within(-10, 10);
        expect(Math.round(v * 1000) / 1000, f).to.equal(v);
      }
      expect(section.bias).to.be.within(-20, 20);
      expect(Math.round(section.bias * 1000) / 1000).to.equal(section.bias);
      expect(section.bias).to.be.closeTo(result.fit.bias, 5e-4);
      STRUGGLE_FEATURES.forEach((f, i) => expect(section.weights[f], f).to.be.closeTo(result.fit.weights[i]!, 5e-4));
      expect(result.clamped).to.deep.equal([]);
      const short = compilePack(packWith([{ id: 'pay' }], { struggle: { window: '90s' } }));
      expect(train(SESSIONS, short, OPTIONS).section.window).to.equal('90s');
    });

    it('splits by session id: the counts add up, every tick and signal of a training session is an example', () => {
      const test = SESSIONS.filter((s) => inTest(s));
      const trainSet = SESSIONS.filter((s) => !inTest(s));
      const examples = trainSet.reduce((n, s) => n + snapshots(s.events, PACK).length, 0);
      expect(result.split).to.deep.equal({ train: trainSet.length, test: test.length, examples, seed: 'zerocall' });
      expect(result.split.train + result.split.test).to.equal(SESSIONS.length);
      expect(result.test.struggling + result.test.smooth).to.equal(result.split.test);
      expect(result.test.struggling).to.equal(test.filter((s) => s.label.struggling).length);
      // Roughly the share asked for.
      expect(result.split.test).to.be.within(10, 26);
    });

    it('is deterministic, and a seed reshuffles the split', () => {
      expect(train(SESSIONS, PACK, OPTIONS)).to.deep.equal(result);
      const other = train(SESSIONS, PACK, { ...OPTIONS, seed: 'other' });
      expect(other.split.seed).to.equal('other');
      expect(other.split.test).to.equal(SESSIONS.filter((s) => inTest(s, 'other')).length);
      expect(SESSIONS.some((s) => inTest(s) !== inTest(s, 'other'))).to.equal(true);
    });

    it('measures the current pack model on the same test sessions', () => {
      // Default weights: one rage click alone scores ≈0.29, under the threshold; two in the window score ≈0.72.
      const { current } = result.test;
      expect(current.auc).to.be.at.least(0.9);
      expect(current.falsePositiveRate).to.equal(0);
      expect(current.recall).to.be.within(0, 1);
    });

    it('clamps what the validator would refuse and names it, when nothing holds the weights back', () => {
      // Without a penalty the separable data drive the rage-click weight and the bias to infinity.
      const free = train(SESSIONS, PACK, { ...OPTIONS, l2: 0 });
      expect(free.section.weights['rage-click']).to.equal(10);
      expect(free.section.bias).to.equal(-20);
      expect(free.clamped.some((c) => /^rage-click \d+(\.\d+)? → 10$/.test(c)), free.clamped.join('; ')).to.equal(true);
      expect(free.clamped.some((c) => /^bias -\d+(\.\d+)? → -20$/.test(c)), free.clamped.join('; ')).to.equal(true);
      for (const v of Object.values(free.section.weights)) expect(v).to.be.within(-10, 10);
    });

    it('throws a RangeError naming the split that lacks a kind of session', () => {
      const stuck = SESSIONS.filter((s) => s.label.struggling);
      const training = stuck.filter((s) => !inTest(s)).length;
      expect(() => train(stuck, PACK, OPTIONS)).to.throw(RangeError, splitError('training', training));
      // Smooth sessions only in training: the test split has none.
      const lopsided = SESSIONS.filter((s) => s.label.struggling || !inTest(s));
      const tested = lopsided.filter((s) => inTest(s)).length;
      expect(tested).to.be.above(0);
      expect(() => train(lopsided, PACK, OPTIONS)).to.throw(RangeError, splitError('test', tested));
      expect(() => train(SESSIONS, PACK, { ...OPTIONS, testShare: 0 })).to.throw(RangeError, splitError('test', 0));
    });
  });

  describe('formatDuration', () => {
    it('writes the largest whole unit a pack duration can use', () => {
      expect(formatDuration(120_000)).to.equal('2m');
      expect(formatDuration(90_000)).to.equal('90s');
      expect(formatDuration(1500)).to.equal('1500ms');
      expect(formatDuration(3_600_000)).to.equal('1h');
      expect(formatDuration(5_400_000)).to.equal('90m');
      expect(formatDuration(10_000)).to.equal('10s');
    });
  });
});
