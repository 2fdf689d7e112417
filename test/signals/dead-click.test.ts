import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { deadClick, DEAD_CLICK_DEFAULTS, isDeadClickCandidate, isResponse, nextDeadClicks } from '../../src/signals/dead-click.js';
import { replay } from '../engine/recorded.js';
import * as b from './builders-clicks.js';

const dc = (o: Partial<typeof DEAD_CLICK_DEFAULTS> = {}) => deadClick.detect({ ...DEAD_CLICK_DEFAULTS, ...o });
const W = DEAD_CLICK_DEFAULTS.within;

describe('dead-click detector (event time)', () => {
  it('fires when nothing responds to a click within 2.5 s, stamped at the deadline, with its evidence', async () => {
    const signals = await replay([b.click(1000), b.tick(2000), b.move(2500), b.tick(3000), b.tick(4000), b.tick(5000)], dc());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'dead-click', t: 3500, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 1000, last: 1000 });
    expect(signals[0]!.target?.fp).to.equal('button#pay');
  });

  it('stamps the deadline, not the later event that revealed it', async () => {
    const [s] = await replay([b.click(0), b.tick(9000)], dc());
    expect(s?.t).to.equal(W);
  });

  it('does not fire when the page responds in any way a user can see', async () => {
    const responses = [b.mutation, b.nav, b.scroll, b.selection, b.focus, b.input, b.submit, b.invalid, (t: number) => b.netStart(t)];
    for (const respond of responses) {
      const events = [b.click(0), respond(800), b.tick(1000), b.tick(5000)];
      expect(await replay(events, dc()), respond(0).type).to.be.empty;
    }
  });

  it('still fires when only invisible things happen: moves, ticks, a request ending, an error, a track, another click', async () => {
    const events = [b.click(0), b.move(100), b.netEnd(200, 200), b.jsError(300), b.track(400), b.click(500, 'p#note', []), b.tick(1000), b.tick(3000)];
    expect(await replay(events, dc())).to.have.length(1);
  });

  it('counts a response exactly at the deadline and at the click time, but not one after the deadline', async () => {
    expect(await replay([b.click(0), b.mutation(W), b.tick(W + 1000)], dc())).to.be.empty;
    expect(await replay([b.click(0), b.mutation(0), b.tick(W + 1000)], dc())).to.be.empty;
    const late = await replay([b.click(0), b.mutation(W + 1)], dc());
    expect(late.map((s) => s.t)).to.deep.equal([W]);
  });

  it('ignores a response that came before the click, even at the same time stamp', async () => {
    expect(await replay([b.focus(0), b.click(0), b.tick(W + 1)], dc())).to.have.length(1);
  });

  it('reaches no verdict until an event after the deadline arrives', async () => {
    expect(await replay([b.click(0)], dc())).to.be.empty;
    expect(await replay([b.click(0), b.tick(W)], dc())).to.be.empty;
    expect(await replay([b.click(0), b.tick(W + 1)], dc())).to.have.length(1);
  });

  it('never fires for new-tab links, downloads, file inputs, text fields or things that do not look clickable', async () => {
    const excluded = [
      b.click(0, 'a#terms', ['interactive', 'new-tab']),
      b.click(0, 'a#pdf', ['interactive', 'download']),
      b.click(0, 'input#file', ['interactive', 'file-input', 'field']),
      b.click(0, 'input#card', ['interactive', 'text-entry', 'field']),
      b.click(0, 'p#note', []),
    ];
    for (const c of excluded) {
      expect(isDeadClickCandidate(c), c.target.fp).to.equal(false);
      expect(await replay([c, b.tick(5000)], dc()), c.target.fp).to.be.empty;
    }
    expect(isDeadClickCandidate(b.click(0))).to.equal(true);
  });

  it('judges every pending click on its own', async () => {
    const one = await replay([b.click(0, 'button#a'), b.click(2000, 'button#b'), b.mutation(2600), b.tick(9000)], dc());
    expect(one.map((s) => [s.t, s.target?.fp])).to.deep.equal([[W, 'button#a']]);
    const two = await replay([b.click(0), b.click(1000), b.tick(9000)], dc());
    expect(two.map((s) => s.t)).to.deep.equal([W, 1000 + W]);
  });

  it('keeps at most ten clicks pending, the newest', async () => {
    const clicks = Array.from({ length: 15 }, (_, i) => b.click(i));
    const signals = await replay([...clicks, b.tick(9000)], dc());
    expect(signals.map((s) => s.evidence.first)).to.deep.equal([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('takes its window from the pack', async () => {
    const events = [b.click(0), b.mutation(4000), b.tick(9000)];
    expect(await replay(events, dc())).to.have.length(1);
    expect(await replay(events, dc({ within: 5000 }))).to.be.empty;
  });

  // Weighted towards clicks and silence, so about a third of the sessions have a dead click.
  const arb = b.arbSession(['click-pay', 'click-pay', 'click-link', 'click-new-tab', 'click-text', 'click-plain', 'tick', 'tick', 'tick', 'move', 'move', 'mutation', 'focus', 'net-start', 'net-502', 'js-error'], 1500, 30);

  it('fires exactly for the clicks with no response in their window and a later event past it (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (events) => {
        const candidates = events.flatMap((e, i) => (e.type === 'click' && isDeadClickCandidate(e) ? [i] : []));
        fc.pre(candidates.length <= 10);
        const isDead = (i: number) => {
          const c = events[i]!;
          const later = events.slice(i + 1);
          return later.some((e) => e.t > c.t + W) && !later.some((e) => isResponse(e) && e.t >= c.t && e.t <= c.t + W);
        };
        const expected = candidates.filter(isDead).map((i) => events[i]!.t);
        const signals = await replay(events, dc());
        expect(signals.map((s) => s.evidence.first)).to.deep.equal(expected);
        for (const s of signals) expect(s.t).to.equal(s.evidence.first + W);
      }),
    );
  });

  it('never fires more often than there are clickable clicks (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, async (events) => {
        const signals = await replay(events, dc());
        expect(signals.length).to.be.at.most(events.filter((e) => e.type === 'click' && isDeadClickCandidate(e)).length);
        for (const s of signals) expect(s.evidence).to.deep.equal({ count: 1, first: s.evidence.first, last: s.evidence.first });
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arb, fc.integer({ min: 0, max: 1e12 }), async (events: ZcEvent[], dt) => {
        const a = await replay(events, dc());
        const shifted = await replay(b.shiftEvents(events, dt), dc());
        expect(shifted.map((s) => b.unshift(s, dt))).to.deep.equal(a);
      }),
    );
  });
});

describe('dead-click state (no garbage on quiet events)', () => {
  it('returns the very same state for an event that changes nothing, and a new one when it does', () => {
    const o = DEAD_CLICK_DEFAULTS;
    const idle = { pending: [], dead: [] };
    expect(nextDeadClicks(idle, b.move(10), o)).to.equal(idle);
    const waiting = nextDeadClicks(idle, b.click(100), o);
    expect(waiting.pending).to.have.length(1);
    expect(nextDeadClicks(waiting, b.tick(200), o), 'a tick before the deadline').to.equal(waiting);
    expect(nextDeadClicks(waiting, b.move(300), o), 'a pointer move is no response').to.equal(waiting);
    expect(nextDeadClicks(waiting, b.mutation(300), o).pending, 'a response clears it').to.deep.equal([]);
    expect(nextDeadClicks(waiting, b.tick(100 + o.within + 1), o).dead).to.have.length(1);
  });
});
