import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Signal, ZcEvent } from '../../src/engine/types.js';
import { jsError, JS_ERROR_DEFAULTS } from '../../src/signals/js-error.js';
import { replay } from '../engine/recorded.js';
import { jsErr, nav, netEnd, shiftEvents, shiftSignal, tap, tick } from './builders-errors.js';

const je = (o: Partial<typeof JS_ERROR_DEFAULTS> = {}) => jsError.detect({ ...JS_ERROR_DEFAULTS, ...o });
/** `n` different messages at time `t`. */
const distinct = (t: number, n: number, tag = 'm') => Array.from({ length: n }, (_, i) => jsErr(t, `${tag}${i}`));
const timesOf = (signals: Signal[]) => signals.map((s) => s.t);

describe('js-error detector (event time)', () => {
  it('turns an uncaught error and an unhandled rejection into signals with the message', async () => {
    const signals = await replay([jsErr(1000, 'TypeError: a'), jsErr(2000, 'Failed to fetch', { kind: 'rejection' })], je());
    expect(signals).to.have.length(2);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'js-error', t: 1000, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 1000, last: 1000, message: 'TypeError: a' });
    expect(signals[0]).to.not.have.property('target');
    expect(signals[1]!.evidence.message).to.equal('Failed to fetch');
  });

  it('drops the cross-origin "Script error." without a source, and keeps it with one', async () => {
    expect(await replay([jsErr(0, 'Script error.'), jsErr(1, 'Script error'), jsErr(2, ' Script error. ')], je())).to.be.empty;
    expect(await replay([jsErr(0, 'Script error.', { source: '/app.js:10' })], je())).to.have.length(1);
    expect(await replay([jsErr(0, 'Script error: boom')], je())).to.have.length(1);
  });

  it('signals one message at most perMessage times per page, counting every occurrence from the first', async () => {
    const events = Array.from({ length: 8 }, (_, i) => jsErr(i * 20_000, 'boom'));
    const signals = await replay(events, je());
    expect(signals.map((s) => s.evidence.count)).to.deep.equal([1, 2, 3, 4, 5]);
    expect(signals.every((s) => s.evidence.first === 0)).to.equal(true);
    expect(signals.map((s) => s.evidence.last)).to.deep.equal([0, 20_000, 40_000, 60_000, 80_000]);
    expect(await replay(events, je({ perMessage: 2 }))).to.have.length(2);
  });

  it('starts the per-message cap and the count again on another page, not on the same page', async () => {
    const five = Array.from({ length: 6 }, (_, i) => jsErr(i * 20_000, 'boom'));
    const other = await replay([...five, nav(200_000, '/orders'), jsErr(220_000, 'boom', { page: '/orders' })], je());
    expect(other).to.have.length(6);
    expect(other[5]!.evidence).to.deep.include({ count: 1, first: 220_000, last: 220_000 });
    const same = await replay([...five, nav(200_000, '/checkout', '/checkout', 'hash'), jsErr(220_000, 'boom')], je());
    expect(same).to.have.length(5);
  });

  it('lets a burst of 10 through, then one per 10 s, exactly at the refill edge', async () => {
    const events = [...distinct(0, 15, 'a'), jsErr(9_999, 'b0'), jsErr(10_000, 'b1'), jsErr(10_001, 'b2'), jsErr(19_999, 'b3'), jsErr(20_000, 'b4')];
    expect(timesOf(await replay(events, je()))).to.deep.equal([...Array(10).fill(0), 10_000, 20_000]);
  });

  it('earns back at most a full bucket, however long the page was quiet', async () => {
    const events = [...distinct(0, 10, 'a'), ...distinct(3_600_000, 15, 'b')];
    expect(await replay(events, je())).to.have.length(20);
  });

  it('carries the part of a token already earned, so the limit is one per refill on average', async () => {
    // Burst spent at 0; tokens come at 10 s, 20 s, 30 s whatever the errors' phase.
    const events = [...distinct(0, 10, 'a'), jsErr(15_000, 'b'), jsErr(21_000, 'c'), jsErr(29_000, 'd'), jsErr(30_000, 'e')];
    expect(timesOf(await replay(events, je()))).to.deep.equal([...Array(10).fill(0), 15_000, 21_000, 30_000]);
  });

  it('counts a repeat the bucket held back, and spends no token on a message over its cap', async () => {
    const held = await replay([jsErr(0, 'x'), jsErr(1_000, 'x'), jsErr(10_000, 'x')], je({ burst: 1 }));
    expect(held.map((s) => s.evidence)).to.deep.equal([
      { count: 1, first: 0, last: 0, message: 'x' },
      { count: 3, first: 0, last: 10_000, message: 'x' },
    ]);
    const capped = await replay([jsErr(0, 'x'), jsErr(0, 'x'), jsErr(0, 'x'), jsErr(0, 'y'), jsErr(0, 'z')], je({ burst: 3, perMessage: 1 }));
    expect(capped.map((s) => s.evidence.message)).to.deep.equal(['x', 'y', 'z']);
  });

  it('remembers at most 100 messages, forgetting the least recently seen', async () => {
    const o = { burst: 100, refill: 100 };
    const m = (t: number, i: number) => jsErr(t, `m${i}`);
    const events = [...Array.from({ length: 99 }, (_, i) => m(i * 100, i)), m(10_000, 0), m(10_100, 99), m(10_200, 100), m(10_300, 1), m(10_400, 0)];
    const counts = (await replay(events, je(o))).slice(99).map((s) => [s.evidence.message, s.evidence.count]);
    // m0 seen again is the most recent, so m100 pushes out m1, and m1 back pushes out m2.
    expect(counts).to.deep.equal([
      ['m0', 2],
      ['m99', 1],
      ['m100', 1],
      ['m1', 1],
      ['m0', 3],
    ]);
  });

  it('ignores every other event', async () => {
    const events: ZcEvent[] = [tap(0), tick(1000), netEnd(1500, 1, 500)];
    expect(await replay(events, je())).to.be.empty;
  });

  // Mostly quick errors, so the bucket runs dry; now and then a quiet stretch, so it refills.
  const errArb = fc.array(
    fc.record({
      gap: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 30_000 })),
      msg: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'Script error.'),
      nav: fc.constantFrom(false, false, false, false, false, false, false, false, false, true),
    }),
    { maxLength: 80 },
  );
  const recordErrors = (steps: ReadonlyArray<{ gap: number; msg: string; nav: boolean }>): ZcEvent[] => {
    let t = 0;
    let page = '/a';
    return steps.map((s) => {
      t += s.gap;
      if (!s.nav) return jsErr(t, s.msg, { page });
      const from = page;
      page = page === '/a' ? '/b' : '/a';
      return nav(t, page, from);
    });
  };

  it('never lets more through in any stretch of time than the bucket allows (property)', async () => {
    const optsArb = fc.record({ burst: fc.integer({ min: 1, max: 5 }), refill: fc.integer({ min: 100, max: 5_000 }), perMessage: fc.integer({ min: 1, max: 100 }) });
    await fc.assert(
      fc.asyncProperty(errArb, optsArb, async (steps, o) => {
        const t = timesOf(await replay(recordErrors(steps), je(o)));
        for (let i = 0; i < t.length; i++) {
          for (let j = i; j < t.length; j++) expect(j - i + 1).to.be.at.most(o.burst + Math.floor((t[j]! - t[i]!) / o.refill));
        }
      }),
    );
  });

  it('never signals one message more than perMessage times on one page, and never "Script error." (property)', async () => {
    await fc.assert(
      fc.asyncProperty(errArb, fc.integer({ min: 1, max: 4 }), async (steps, perMessage) => {
        // Strictly increasing times, so each signal maps back to the one event it came from.
        const events = recordErrors(steps.map((s) => ({ ...s, gap: s.gap + 1 })));
        const visitAt = new Map<number, number>();
        let visit = 0;
        for (const e of events) visitAt.set(e.t, e.type === 'nav' ? ++visit : visit);
        const perVisit = new Map<string, number>();
        for (const s of await replay(events, je({ perMessage, burst: 100 }))) {
          const key = `${visitAt.get(s.t)}|${s.evidence.message}`;
          perVisit.set(key, (perVisit.get(key) ?? 0) + 1);
          expect(s.evidence.message).to.not.equal('Script error.');
        }
        for (const n of perVisit.values()) expect(n).to.be.at.most(perMessage);
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(errArb, fc.integer({ min: -1e6, max: 1e12 }), async (steps, d) => {
        const events = recordErrors(steps);
        const a = await replay(events, je());
        const b = await replay(shiftEvents(events, d), je());
        expect(b).to.deep.equal(a.map((s) => shiftSignal(s, d)));
      }),
    );
  });
});
