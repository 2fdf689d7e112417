import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { cursorThrash, CURSOR_THRASH_DEFAULTS } from '../../src/signals/cursor-thrash.js';
import { replay } from '../engine/recorded.js';
import { moves, shiftEvents, shiftSignal, signChanges } from './builders-motion.js';

const ct = (o: Partial<typeof CURSOR_THRASH_DEFAULTS> = {}) => cursorThrash.detect({ ...CURSOR_THRASH_DEFAULTS, ...o });

/**
 * A shake: `n` samples every 50 ms from `t0`, alternating between 100 and 100 + `amp` px on the
 * given axes. Sample 1 sets the direction, so reversal k is at sample k + 1 (t0 + 50·(k + 1)).
 */
const shake = (n: number, o: { t0?: number; amp?: number; axes?: 'x' | 'y' | 'xy' } = {}) => {
  const { t0 = 0, amp = 30, axes = 'x' } = o;
  return moves(Array.from({ length: n }, (_, i) => {
    const p = 100 + (i % 2) * amp;
    return [t0 + i * 50, axes === 'y' ? 100 : p, axes === 'x' ? 100 : p] as const;
  }));
};
/** A horizontal shake with reversals exactly at the given times. */
const reversalsAt = (times: readonly number[]) => moves([[times[0]! - 100, 100, 100], [times[0]! - 50, 130, 100], ...times.map((t, i) => [t, i % 2 ? 130 : 100, 100] as const)]);

describe('cursor-thrash detector (event time)', () => {
  it('fires at the tenth reversal of 20 px or more within 2 s, with its evidence', async () => {
    const signals = await replay(shake(12), ct());
    expect(signals).to.deep.equal([{ type: 'signal', signal: 'cursor-thrash', t: 550, page: '/checkout', evidence: { count: 10, first: 100, last: 550, reversals: 10 } }]);
    expect(await replay(shake(11), ct())).to.be.empty;
  });

  it('counts a stretch of exactly `minTravel` and not one pixel less', async () => {
    expect(await replay(shake(12, { amp: 20 }), ct())).to.have.length(1);
    expect(await replay(shake(40, { amp: 19 }), ct())).to.be.empty;
    expect(await replay(shake(12, { amp: 5 }), ct({ minTravel: 5 }))).to.have.length(1);
  });

  it('measures the first stretch from its real start, so a short first move is not lost', async () => {
    // 100 → 115 is too short to set a direction, but 115 → 85 is a full stretch of 30 px.
    const points = Array.from({ length: 13 }, (_, i) => [i * 50, i === 0 ? 100 : i % 2 ? 115 : 85, 100] as const);
    expect((await replay(moves(points), ct())).map((s) => s.t)).to.deep.equal([600]);
  });

  it('fires with the first and tenth reversal exactly `within` apart, and not a millisecond more', async () => {
    const spread = (last: number) => Array.from({ length: 10 }, (_, i) => (i === 9 ? last : 1000 + Math.round((i * 2000) / 9)));
    expect(await replay(reversalsAt(spread(3000)), ct())).to.have.length(1);
    expect(await replay(reversalsAt(spread(3001)), ct())).to.be.empty;
  });

  it('counts each axis on its own: vertical and diagonal shakes fire, five and five on two axes do not', async () => {
    expect(await replay(shake(12, { axes: 'y' }), ct())).to.have.length(1);
    expect(await replay(shake(12, { axes: 'xy' }), ct())).to.have.length(1);
    const mixed = [...shake(7, { axes: 'x' }), ...shake(7, { axes: 'y', t0: 350 })];
    expect(await replay(mixed, ct())).to.be.empty;
  });

  it('fires once per episode, and again only after a rest longer than `within`', async () => {
    expect((await replay(shake(100), ct())).map((s) => s.t)).to.deep.equal([550]);
    const twice = (rest: number) => [...shake(100), ...shake(12, { t0: 4950 + rest })];
    expect((await replay(twice(2001), ct())).map((s) => s.t)).to.deep.equal([550, 4950 + 2001 + 450]);
    expect((await replay(twice(2000), ct())).map((s) => s.t)).to.deep.equal([550]);
  });

  const arbMoves = fc.array(fc.record({ dx: fc.integer({ min: -60, max: 60 }), dy: fc.integer({ min: -60, max: 60 }), gap: fc.integer({ min: 0, max: 400 }) }), { minLength: 10, maxLength: 120 });
  const session = (steps: Array<{ dx: number; dy: number; gap: number }>) => {
    let [t, x, y] = [0, 500, 500];
    return moves(steps.map((s) => [(t += s.gap), (x += s.dx), (y += s.dy)] as const));
  };

  it('never fires with fewer reversals than the threshold, and only with evidence that meets it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbMoves, fc.integer({ min: 3, max: 8 }), async (steps, reversals) => {
        const signals = await replay(session(steps), ct({ reversals }));
        expect(signals.length * reversals).to.be.at.most(signChanges(steps.map((s) => s.dx)) + signChanges(steps.map((s) => s.dy)));
        for (const s of signals) {
          expect(s.evidence).to.include({ count: reversals, reversals });
          expect(s.evidence.last - s.evidence.first).to.be.within(0, CURSOR_THRASH_DEFAULTS.within);
        }
      }),
    );
  });

  it('never fires for tremor: a pointer that stays within a box narrower than `minTravel` (property)', async () => {
    const box = fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 })), { maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(box, async (points) => {
        expect(await replay(moves(points.map(([x, y], i) => [i * 16, x, y] as const)), ct({ reversals: 3 }))).to.be.empty;
      }),
    );
  });

  it('never fires while the pointer moves on with counter-moves shorter than `minTravel` (property)', async () => {
    const onward = fc.array(fc.tuple(fc.integer({ min: 20, max: 80 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 })), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(onward, async (steps) => {
        // Each step: on by `on` px, back by `back`, while the other axis trembles in a 20 px band.
        let x = 0;
        const points = steps.flatMap(([on, back, wobble], i) => [[i * 32, (x += on), wobble] as const, [i * 32 + 16, (x -= back), 19 - wobble] as const]);
        expect(await replay(moves(points), ct({ reversals: 3 }))).to.be.empty;
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(arbMoves, fc.integer({ min: -1e9, max: 1e12 }), async (steps, shift) => {
        const events = session(steps);
        const a = await replay(events, ct({ reversals: 4 }));
        if (a.length > 0) shown++;
        expect(await replay(shiftEvents(events, shift), ct({ reversals: 4 }))).to.deep.equal(a.map((s) => shiftSignal(s, shift)));
      }),
    );
    // The property says nothing unless the sessions it draws do produce signals.
    expect(shown, 'runs with a signal').to.be.at.least(10);
  });
});
