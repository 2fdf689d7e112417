import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { nextRepeatedAction, repeatedAction, REPEATED_ACTION_DEFAULTS, resultOf } from '../../src/signals/repeated-action.js';
import { replay } from '../engine/recorded.js';
import * as b from './builders-clicks.js';

const ra = (o: Partial<typeof REPEATED_ACTION_DEFAULTS> = {}) => repeatedAction.detect({ ...REPEATED_ACTION_DEFAULTS, ...o });
const { within: W, resultWithin: R } = REPEATED_ACTION_DEFAULTS;

/** One attempt: a click on a control and the event that follows it `after` ms later. */
const attempt = (t: number, result: (t: number) => ZcEvent = (x) => b.netEnd(x, 502), after = 400, fp = 'button#pay'): ZcEvent[] => [b.click(t, fp), result(t + after)];
const attempts = (times: number[], result?: (t: number) => ZcEvent, after?: number, fp?: string) => times.flatMap((t) => attempt(t, result, after, fp));

describe('repeated-action detector (event time)', () => {
  it('fires when one control fails the same way three times, with the failing result', async () => {
    const signals = await replay(attempts([0, 5000, 10_000]), ra());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'repeated-action', t: 10_400, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 3, first: 0, last: 10_400, result: 'POST /api/pay 502', method: 'POST', path: '/api/pay', status: 502 });
    expect(signals[0]!.target?.fp).to.equal('button#pay');
  });

  it('keys JavaScript errors by message and rejected fields by field', async () => {
    const [err] = await replay(attempts([0, 3000, 6000], (t) => b.jsError(t, 'TypeError: cart')), ra());
    expect(err?.evidence).to.deep.include({ result: 'js-error: TypeError: cart', message: 'TypeError: cart' });
    const [inv] = await replay(attempts([0, 3000, 6000], (t) => b.invalid(t, 'input#zip')), ra());
    expect(inv?.evidence).to.deep.include({ result: 'invalid: input#zip', field: 'input#zip', form: 'form#pay' });
    expect(resultOf(b.netEnd(0, 0))?.key).to.equal('POST /api/pay 0');
    expect(resultOf(b.netEnd(0, 400))?.key).to.equal('POST /api/pay 400');
    expect(resultOf(b.netEnd(0, 399))).to.equal(undefined);
  });

  it('does not fire for two attempts, different failures, or successes', async () => {
    expect(await replay(attempts([0, 5000]), ra())).to.be.empty;
    const mixed = [...attempt(0), ...attempt(3000, (t) => b.netEnd(t, 500)), ...attempt(6000)];
    expect(await replay(mixed, ra())).to.be.empty;
    expect(await replay(attempts([0, 3000, 6000], (t) => b.jsError(t, `Error ${t}`)), ra())).to.be.empty;
    expect(await replay(attempts([0, 3000, 6000], (t) => b.netEnd(t, 200)), ra())).to.be.empty;
  });

  it('counts a result exactly `resultWithin` after its click, and not one a millisecond later', async () => {
    expect(await replay(attempts([0, 5000, 10_000], undefined, R), ra())).to.have.length(1);
    expect(await replay(attempts([0, 5000, 10_000], undefined, R + 1), ra())).to.be.empty;
  });

  it('needs all attempts within `within`: exactly at it counts, a millisecond over does not', async () => {
    expect(await replay(attempts([0, W / 2, W]), ra())).to.have.length(1);
    expect(await replay(attempts([0, W / 2, W + 1]), ra())).to.be.empty;
    // A slow attempt drops out of the window, the run goes on from the ones still in it.
    expect(await replay(attempts([0, W / 2, W + 1, W + 2]), ra())).to.have.length(1);
  });

  it('starts over when the control works once, but not when another control works', async () => {
    const success = (t: number) => [b.click(t), b.tick(t + R + 1)];
    expect(await replay([...attempts([0, 3000]), ...success(6000), ...attempts([9000, 12_000])], ra())).to.be.empty;
    expect(await replay([...attempts([0, 3000]), ...success(6000), ...attempts([9000, 12_000, 15_000])], ra())).to.have.length(1);
    const other = [b.click(4000, 'button#coupon'), b.tick(4000 + R + 1)];
    expect(await replay([...attempts([0, 3000]), ...other, ...attempt(9000)], ra())).to.have.length(1);
  });

  it('follows interleaved controls separately', async () => {
    const coupon = (t: number) => attempt(t, (x) => b.netEnd(x, 404, '/api/coupon', 'GET'), 400, 'button#coupon');
    const events = [...attempt(0), ...coupon(2000), ...attempt(4000), ...coupon(6000), ...attempt(8000)];
    const signals = await replay(events, ra());
    expect(signals.map((s) => [s.target?.fp, s.evidence.result])).to.deep.equal([['button#pay', 'POST /api/pay 502']]);
  });

  it('counts a double click once, and ignores clicks in a text field in between', async () => {
    const double = (t: number) => [b.click(t), b.click(t + 150, 'button#pay', ['interactive'], { detail: 2 }), b.netEnd(t + 500, 502)];
    expect(await replay([...double(0), ...double(3000)], ra())).to.be.empty;
    const viaField = (t: number) => [b.click(t), b.click(t + 100, 'input#card', ['interactive', 'text-entry']), b.netEnd(t + 500, 502)];
    const signals = await replay([...viaField(0), ...viaField(3000), ...viaField(6000)], ra());
    expect(signals.map((s) => s.target?.fp)).to.deep.equal(['button#pay']);
  });

  it('fires once per run of `count`, then starts over', async () => {
    expect(await replay(attempts([0, 1000, 2000, 3000, 4000]), ra())).to.have.length(1);
    const six = await replay(attempts([0, 1000, 2000, 3000, 4000, 5000]), ra());
    expect(six.map((s) => s.evidence.first)).to.deep.equal([0, 3000]);
  });

  it('takes its thresholds from the pack', async () => {
    expect(await replay(attempts([0, 1000]), ra({ count: 2 }))).to.have.length(1);
    expect(await replay(attempts([0, 1000, 2000]), ra({ count: 4 }))).to.be.empty;
    expect(await replay(attempts([0, 4000, 8000]), ra({ within: 5000 }))).to.be.empty;
    expect(await replay(attempts([0, 5000, 10_000], undefined, 3000), ra({ resultWithin: 3000 }))).to.have.length(1);
  });

  // Attempts make runs that fire; free sessions add clicks and failures in any order.
  const arb = fc.oneof(b.arbAttempts(), b.arbSession(['click-pay', 'click-link', 'click-text', 'tick', 'move', 'net-502', 'net-0', 'net-200', 'js-error', 'js-error-2', 'invalid'], 1500, 50));
  const activations = (events: ZcEvent[], fp: string, from: number, to: number) =>
    events.filter((e) => e.type === 'click' && e.target.fp === fp && !(e.target.traits ?? []).includes('text-entry') && e.t >= from && e.t <= to).length;

  it('never fires with fewer than `count` activations of the control, and only with evidence that meets the thresholds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, fc.integer({ min: 2, max: 4 }), async (events, count) => {
        const signals = await replay(events, ra({ count }));
        for (const s of signals) {
          expect(s.evidence.count).to.equal(count);
          expect(s.evidence.last - s.evidence.first).to.be.at.most(W + R);
          expect(activations(events, s.target!.fp, s.evidence.first, s.evidence.last)).to.be.at.least(count);
        }
        const total = activations(events, 'button#pay', 0, Infinity) + activations(events, 'a#help', 0, Infinity);
        expect(signals.length).to.be.at.most(Math.floor(total / count));
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, fc.integer({ min: 0, max: 1e12 }), async (events: ZcEvent[], dt) => {
        const a = await replay(events, ra());
        const shifted = await replay(b.shiftEvents(events, dt), ra());
        expect(shifted.map((s) => b.unshift(s, dt))).to.deep.equal(a);
      }),
    );
  });
});

describe('repeated-action state (no garbage on quiet events)', () => {
  it('keeps the same state through events that are no result of the awaited click', () => {
    const o = REPEATED_ACTION_DEFAULTS;
    const clicked = nextRepeatedAction({ streaks: [] }, b.click(0), o);
    expect(nextRepeatedAction(clicked, b.move(10), o)).to.equal(clicked);
    expect(nextRepeatedAction(clicked, b.netEnd(20, 200), o)).to.equal(clicked);
    expect(nextRepeatedAction(clicked, b.tick(o.resultWithin + 1), o)).to.not.equal(clicked);
  });
});
