import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { errorClick, ERROR_CLICK_DEFAULTS, failureOf, isErrorClickCandidate, nextErrorClick } from '../../src/signals/error-click.js';
import { replay } from '../engine/recorded.js';
import * as b from './builders-clicks.js';

const ec = (o: Partial<typeof ERROR_CLICK_DEFAULTS> = {}) => errorClick.detect({ ...ERROR_CLICK_DEFAULTS, ...o });
const W = ERROR_CLICK_DEFAULTS.within;

describe('error-click detector (event time)', () => {
  it('fires at the time of a JavaScript error that follows a click, with the message', async () => {
    const signals = await replay([b.click(1000), b.tick(1500), b.jsError(1800, 'TypeError: total is undefined')], ec());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'error-click', t: 1800, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 1000, last: 1800, message: 'TypeError: total is undefined' });
    expect(signals[0]!.target?.fp).to.equal('button#pay');
  });

  it('fires for a failed request, with its method, path and status', async () => {
    for (const status of [0, 400, 404, 502]) {
      const [s] = await replay([b.click(0), b.netStart(10), b.netEnd(900, status)], ec());
      expect(s?.evidence, String(status)).to.deep.equal({ count: 1, first: 0, last: 900, method: 'POST', path: '/api/pay', status });
    }
  });

  it('does not fire for successful requests, a request starting, an error before any click, or other events', async () => {
    expect(await replay([b.click(0), b.netStart(10), b.netEnd(900, 200), b.netEnd(950, 302), b.netEnd(990, 399)], ec())).to.be.empty;
    expect(await replay([b.jsError(0), b.netEnd(10, 500), b.click(20)], ec())).to.be.empty;
    expect(await replay([b.click(0), b.mutation(10), b.invalid(20), b.tick(1000)], ec())).to.be.empty;
  });

  it('blames an error exactly `within` after the click, and not one a millisecond later', async () => {
    expect(await replay([b.click(0), b.jsError(W)], ec())).to.have.length(1);
    expect(await replay([b.click(0), b.jsError(0)], ec())).to.have.length(1);
    expect(await replay([b.click(0), b.jsError(W + 1)], ec())).to.be.empty;
  });

  it('blames each click once however many errors follow', async () => {
    const signals = await replay([b.click(0), b.jsError(100), b.netEnd(200, 500), b.jsError(300), b.click(1000), b.jsError(1100)], ec());
    expect(signals.map((s) => [s.evidence.first, s.t])).to.deep.equal([
      [0, 100],
      [1000, 1100],
    ]);
  });

  it('blames only the most recent click', async () => {
    const signals = await replay([b.click(0, 'button#a'), b.click(1500, 'button#b'), b.jsError(2500)], ec());
    expect(signals.map((s) => s.target?.fp)).to.deep.equal(['button#b']);
    // The older click would still be in its window, but the newer one took the blame away.
    expect(await replay([b.click(0, 'button#a'), b.click(1, 'button#b'), b.jsError(W + 500)], ec())).to.be.empty;
  });

  it('never blames a link that opens a new tab, and such a click does not take the blame from the one before', async () => {
    const newTab = b.click(500, 'a#terms', ['interactive', 'new-tab']);
    expect(isErrorClickCandidate(newTab)).to.equal(false);
    expect(await replay([newTab, b.jsError(600)], ec())).to.be.empty;
    const signals = await replay([b.click(0), newTab, b.jsError(600)], ec());
    expect(signals.map((s) => s.target?.fp)).to.deep.equal(['button#pay']);
  });

  it('counts any click, clickable-looking or not', async () => {
    expect(await replay([b.click(0, 'p#note', []), b.jsError(10)], ec())).to.have.length(1);
  });

  it('takes its window and lowest failing status from the pack', async () => {
    expect(await replay([b.click(0), b.jsError(3000)], ec({ within: 3000 }))).to.have.length(1);
    expect(await replay([b.click(0), b.netEnd(10, 404)], ec({ minStatus: 500 }))).to.be.empty;
    expect(await replay([b.click(0), b.netEnd(10, 0)], ec({ minStatus: 500 }))).to.have.length(1);
    expect(failureOf(b.netEnd(0, 500), 500)).to.deep.equal({ method: 'POST', path: '/api/pay', status: 500 });
  });

  const arb = b.arbSession(['click-pay', 'click-link', 'click-new-tab', 'click-plain', 'tick', 'mutation', 'net-start', 'net-502', 'net-0', 'net-200', 'net-404', 'js-error']);

  it('fires at most once per click, within the window, for failures only (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (events) => {
        const signals = await replay(events, ec());
        const clicks = events.filter((e) => e.type === 'click' && isErrorClickCandidate(e));
        expect(signals.length).to.be.at.most(clicks.length);
        // Once per click: no more signals start at a time than clicks were made then.
        for (const s of signals) {
          const at = (xs: ReadonlyArray<{ t: number }>, t: number) => xs.filter((x) => x.t === t).length;
          expect(signals.filter((x) => x.evidence.first === s.evidence.first).length).to.be.at.most(at(clicks, s.evidence.first));
        }
        for (const s of signals) {
          expect(s.evidence.last - s.evidence.first).to.be.within(0, W);
          expect(s.t).to.equal(s.evidence.last);
          expect(s.evidence.message !== undefined || s.evidence.status === 0 || (s.evidence.status ?? 0) >= 400).to.equal(true);
        }
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, fc.integer({ min: 0, max: 1e12 }), async (events: ZcEvent[], dt) => {
        const a = await replay(events, ec());
        const shifted = await replay(b.shiftEvents(events, dt), ec());
        expect(shifted.map((s) => b.unshift(s, dt))).to.deep.equal(a);
      }),
    );
  });
  it('does not blame a click for a request the page cancelled itself', async () => {
    expect(await replay([b.click(0), b.netStart(10), { ...b.netEnd(900, 0), aborted: true }], ec())).to.deep.equal([]);
    expect(await replay([b.click(0), b.netStart(10), b.netEnd(900, 0)], ec())).to.have.length(1);
  });
});

describe('error-click state (no garbage on quiet events)', () => {
  it('keeps the same state through events that are no failure, and drops a signal once reported', () => {
    const o = ERROR_CLICK_DEFAULTS;
    const clicked = nextErrorClick({ blamed: false }, b.click(0), o);
    expect(nextErrorClick(clicked, b.move(10), o)).to.equal(clicked);
    expect(nextErrorClick(clicked, b.netEnd(20, 200), o)).to.equal(clicked);
    const failed = nextErrorClick(clicked, b.netEnd(30, 500), o);
    expect(failed.signal?.signal).to.equal('error-click');
    expect(nextErrorClick(failed, b.move(40), o)).to.deep.equal({ click: failed.click, blamed: true });
  });
});
