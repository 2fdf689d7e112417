import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { scrollThrash, SCROLL_THRASH_DEFAULTS } from '../../src/signals/scroll-thrash.js';
import { click, replay } from '../engine/recorded.js';
import { byTime, legs, nav, scrollAt, scrollTo, shiftEvents, shiftSignal, signChanges } from './builders-motion.js';

const st = (o: Partial<typeof SCROLL_THRASH_DEFAULTS> = {}) => scrollThrash.detect({ ...SCROLL_THRASH_DEFAULTS, ...o });
/** Up and down `n` legs of `travel` px, in 50 px samples every 50 ms: reversal k is confirmed at 500 + 300·(k-1) ms. */
const zigzag = (n: number, travel = 300, o: { t0?: number; scroller?: string } = {}) =>
  scrollTo(o.t0 ?? 0, 0, legs(0, Array.from({ length: n }, (_, i) => (i % 2 ? -travel : travel))), { scroller: o.scroller });
/** One sample per leg: 200 px jumps at the given times (the first sets the direction, each later one reverses). */
const jumps = (times: readonly number[], scroller = '') => scrollAt(times.map((t, i) => [t, i % 2 ? 200 : 0] as const), 200, scroller);

describe('scroll-thrash detector (event time)', () => {
  it('fires at the fourth reversal of 200 px or more within 10 s, with its evidence', async () => {
    const signals = await replay(zigzag(5), st());
    expect(signals).to.deep.equal([{ type: 'signal', signal: 'scroll-thrash', t: 1400, page: '/checkout', evidence: { count: 4, first: 500, last: 1400, reversals: 4 } }]);
  });

  it('counts a stretch of exactly `minTravel` and not one pixel less', async () => {
    expect(await replay(scrollTo(0, 0, legs(0, [200, -200, 200, -200, 200])), st())).to.have.length(1);
    expect(await replay(scrollTo(0, 0, legs(0, [199, -199, 199, -199, 199])), st())).to.be.empty;
    expect(await replay(scrollTo(0, 0, legs(0, [300, -300, 300, -300, 199])), st())).to.be.empty;
    // The first stretch too: before it there is no direction to reverse.
    expect(await replay(scrollTo(0, 0, legs(0, [200, -300, 300, -300, 300])), st())).to.have.length(1);
    expect(await replay(scrollTo(0, 0, legs(0, [199, -300, 300, -300, 300])), st())).to.be.empty;
    expect(await replay(scrollTo(0, 0, legs(0, [120, -120, 120, -120, 120])), st({ minTravel: 120 }))).to.have.length(1);
  });

  it('fires with the first and fourth reversal exactly `within` apart, and not a millisecond more', async () => {
    expect(await replay(jumps([0, 1000, 4000, 7000, 11_000]), st())).to.have.length(1);
    expect(await replay(jumps([0, 1000, 4000, 7000, 11_001]), st())).to.be.empty;
  });

  it('measures the first stretch from its real start, so a short first move is not lost', async () => {
    const signals = await replay(scrollTo(0, 0, legs(0, [150, -300, 300, -300, 300, -300])), st());
    expect(signals.map((s) => s.evidence.reversals)).to.deep.equal([4]);
  });

  it('ignores jitter: small counter-moves while scrolling on, and wobbling in place', async () => {
    const onward = scrollTo(0, 0, legs(0, [400, -199, 400, -199, 400, -199, 400, -199, 400, -199, 400]));
    expect(await replay(onward, st())).to.be.empty;
    const wobble = scrollTo(0, 1000, Array.from({ length: 60 }, (_, i) => 1000 + (i % 2 ? 190 : -9)));
    expect(await replay(wobble, st())).to.be.empty;
  });

  it('restarts the count after a click or a navigation', async () => {
    const eight = zigzag(8);
    expect((await replay(eight, st())).map((s) => s.t)).to.deep.equal([1400]);
    const clicked = await replay(byTime(eight, [click(1150)]), st());
    expect(clicked.map((s) => s.evidence)).to.deep.equal([{ count: 4, first: 1400, last: 2300, reversals: 4 }]);
    expect(await replay(byTime(zigzag(5), [nav(1150, 'push', '/b', '/checkout')]), st())).to.be.empty;
  });

  it('counts each scroller on its own', async () => {
    // Merged into one stream, these two would reverse at every sample.
    const list = scrollAt([[50, 1000], [150, 1200], [250, 1000], [350, 1200]], 1200, 'div#list');
    expect(await replay(byTime(jumps([0, 100, 200, 300]), list), st())).to.be.empty;
    expect(await replay(byTime(jumps([0, 100, 200, 300, 400]), jumps([50, 150, 250], 'div#list')), st())).to.have.length(1);
  });

  it('fires once per episode, and again after a pause longer than `within`', async () => {
    expect(await replay(zigzag(20), st())).to.have.length(1);
    const bout = [0, 100, 200, 300, 400, 500, 600];
    const again = (pause: number) => [...bout, ...[0, 100, 200, 300].map((d) => 600 + pause + d)];
    expect((await replay(jumps(again(10_001)), st())).map((s) => s.t)).to.deep.equal([400, 10_901]);
    expect((await replay(jumps(again(10_000)), st())).map((s) => s.t)).to.deep.equal([400]);
  });

  const arbSteps = fc.array(
    fc.record({
      dy: fc.oneof(fc.integer({ min: -450, max: -150 }), fc.integer({ min: 150, max: 450 }), fc.integer({ min: -60, max: 60 })),
      gap: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 800 }), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 12_000 }), weight: 1 }),
      click: fc.oneof({ arbitrary: fc.constant(false), weight: 9 }, { arbitrary: fc.constant(true), weight: 1 }),
      list: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
    }),
    { minLength: 20, maxLength: 80 },
  );
  const session = (steps: Array<{ dy: number; gap: number; click: boolean; list: boolean }>, scrollers = true): ZcEvent[] => {
    let t = 0;
    const y = { '': 0, 'div#list': 0 };
    return steps.map((s): ZcEvent => {
      t += s.gap;
      if (s.click && scrollers) return click(t);
      const scroller = s.list && scrollers ? 'div#list' : '';
      y[scroller] += s.dy;
      return { type: 'scroll', t, page: '/checkout', y: y[scroller], dy: s.dy, scroller };
    });
  };

  it('never fires with fewer reversals than the threshold, and only with evidence that meets it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbSteps, fc.integer({ min: 2, max: 6 }), async (steps, reversals) => {
        const events = session(steps, false);
        const signals = await replay(events, st({ reversals }));
        const dys = events.map((e) => (e.type === 'scroll' ? e.dy : 0));
        expect(signals.length * reversals).to.be.at.most(signChanges(dys));
        for (const s of signals) {
          expect(s.evidence).to.include({ count: reversals, reversals });
          expect(s.evidence.last - s.evidence.first).to.be.within(0, SCROLL_THRASH_DEFAULTS.within);
        }
      }),
    );
  });

  it('never fires while the scroll stays within a band narrower than `minTravel` (property)', async () => {
    const band = fc.array(fc.integer({ min: 0, max: SCROLL_THRASH_DEFAULTS.minTravel - 1 }), { maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(band, async (ys) => {
        expect(await replay(scrollTo(0, 0, ys), st({ reversals: 2 }))).to.be.empty;
      }),
    );
  });

  it('never fires while the user scrolls on with counter-moves shorter than `minTravel` (property)', async () => {
    const onward = fc.array(fc.tuple(fc.integer({ min: 200, max: 600 }), fc.integer({ min: 0, max: 199 })), { maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(onward, fc.boolean(), async (pairs, up) => {
        const travels = pairs.flatMap(([on, back]) => (up ? [-on, back] : [on, -back]));
        expect(await replay(scrollTo(0, 5000, legs(5000, travels, 40)), st({ reversals: 2 }))).to.be.empty;
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(arbSteps, fc.integer({ min: -1e9, max: 1e12 }), async (steps, shift) => {
        const events = session(steps);
        const a = await replay(events, st({ reversals: 3 }));
        if (a.length > 0) shown++;
        expect(await replay(shiftEvents(events, shift), st({ reversals: 3 }))).to.deep.equal(a.map((s) => shiftSignal(s, shift)));
      }),
    );
    // The property says nothing unless the sessions it draws do produce signals.
    expect(shown, 'runs with a signal').to.be.at.least(10);
  });
});
