import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { NavEvent } from '../../src/engine/types.js';
import { uTurn, U_TURN_DEFAULTS } from '../../src/signals/u-turn.js';
import { replay } from '../engine/recorded.js';
import { nav, shiftEvents, shiftSignal } from './builders-motion.js';

const ut = (o: Partial<typeof U_TURN_DEFAULTS> = {}) => uTurn.detect({ ...U_TURN_DEFAULTS, ...o });
const A = '/search';
const B = '/product/42';

describe('u-turn detector (event time)', () => {
  it('fires when the user goes from A to B and straight back to A, with its evidence', async () => {
    const signals = await replay([nav(0, 'load', A), nav(1000, 'push', B, A), nav(5000, 'pop', A, B)], ut());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.equal({ type: 'signal', signal: 'u-turn', t: 5000, page: A, evidence: { count: 1, first: 1000, last: 5000, pages: [A, B] } });
  });

  it('fires at exactly `within` after leaving A, and not a millisecond later', async () => {
    expect(await replay([nav(1000, 'push', B, A), nav(11_000, 'pop', A, B)], ut())).to.have.length(1);
    expect(await replay([nav(1000, 'push', B, A), nav(11_001, 'pop', A, B)], ut())).to.be.empty;
    expect(await replay([nav(1000, 'push', B, A), nav(21_000, 'pop', A, B)], ut({ within: 20_000 }))).to.have.length(1);
  });

  it('does not fire for onward navigation, a detour through a third page, or a hash change', async () => {
    expect(await replay([nav(0, 'push', B, A), nav(1000, 'push', '/cart', B)], ut())).to.be.empty;
    expect(await replay([nav(0, 'push', B, A), nav(1000, 'push', '/cart', B), nav(2000, 'push', A, '/cart')], ut())).to.be.empty;
    expect(await replay([nav(0, 'hash', A, A), nav(1000, 'hash', A, A)], ut())).to.be.empty;
  });

  it('counts any user navigation as a leg, including full page loads in a recorded multi-load session', async () => {
    expect(await replay([nav(0, 'push', B, A), nav(2000, 'push', A, B)], ut())).to.have.length(1);
    expect(await replay([nav(0, 'hash', '/faq', A), nav(2000, 'pop', A, '/faq')], ut())).to.have.length(1);
    const loads = await replay([nav(0, 'load', A), nav(3000, 'load', B), nav(4000, 'load', B, '', true), nav(6000, 'load', A)], ut());
    expect(loads.map((s) => s.evidence)).to.deep.equal([{ count: 1, first: 3000, last: 6000, pages: [A, B] }]);
  });

  it('follows replaceState on B, but a replace back to A is the app redirecting, not the user', async () => {
    const renamed = await replay([nav(0, 'push', B, A), nav(500, 'replace', '/product/42-shoes', B), nav(3000, 'pop', A, '/product/42-shoes')], ut());
    expect(renamed.map((s) => s.evidence.pages)).to.deep.equal([[A, '/product/42-shoes']]);
    expect(await replay([nav(0, 'push', B, A), nav(500, 'replace', A, B)], ut())).to.be.empty;
    expect(await replay([nav(0, 'replace', B, A), nav(500, 'push', A, B)], ut())).to.be.empty;
  });

  it('fires once per trip: ping-pong A→B→A→B is one u-turn, a further return is another', async () => {
    const pingPong = [nav(0, 'push', B, A), nav(1000, 'pop', A, B), nav(2000, 'push', B, A)];
    expect(await replay(pingPong, ut())).to.have.length(1);
    expect(await replay([...pingPong, nav(3000, 'pop', A, B)], ut())).to.have.length(2);
  });

  const pages = ['/a', '/b', '/c'];
  const arbNavs = fc.array(
    fc.record({ gap: fc.integer({ min: 0, max: 15_000 }), kind: fc.constantFrom<NavEvent['kind']>('load', 'push', 'replace', 'pop', 'hash'), page: fc.constantFrom(...pages) }),
    { minLength: 4, maxLength: 40 },
  );
  const session = (steps: Array<{ gap: number; kind: NavEvent['kind']; page: string }>): NavEvent[] => {
    let t = 0;
    let at = '/a';
    return steps.map(({ gap, kind, page }) => {
      const from = at;
      at = page;
      return nav((t += gap), kind, page, kind === 'load' ? '' : from, kind === 'load' && page === from);
    });
  };

  it('only fires on a return to the page just left, within the window, at most once per two navigations (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbNavs, async (steps) => {
        const events = session(steps);
        const signals = await replay(events, ut());
        expect(signals.length).to.be.at.most(Math.floor(events.length / 2));
        for (const s of signals) {
          const [a, b] = s.evidence.pages!;
          expect(s.page).to.equal(a);
          expect(a).not.to.equal(b);
          expect(s.evidence.last - s.evidence.first).to.be.within(0, U_TURN_DEFAULTS.within);
          // B is where the user went at `first` (or what a replaceState renamed it to before the return).
          expect(events.some((e) => e.t === s.evidence.first && e.page !== a && (e.from === a || e.kind === 'load'))).to.equal(true);
          expect(events.some((e) => e.t >= s.evidence.first && e.t <= s.t && e.page === b)).to.equal(true);
          expect(events.some((e) => e.t === s.t && e.page === a && e.kind !== 'replace')).to.equal(true);
        }
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(arbNavs, fc.integer({ min: -1e9, max: 1e12 }), async (steps, shift) => {
        const events = session(steps);
        const a = await replay(events, ut());
        if (a.length > 0) shown++;
        expect(await replay(shiftEvents(events, shift), ut())).to.deep.equal(a.map((s) => shiftSignal(s, shift)));
      }),
    );
    // The property says nothing unless the sessions it draws do produce signals.
    expect(shown, 'runs with a signal').to.be.at.least(10);
  });
});
