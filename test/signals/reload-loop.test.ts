import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { NavEvent } from '../../src/engine/types.js';
import { reloadLoop, RELOAD_LOOP_DEFAULTS } from '../../src/signals/reload-loop.js';
import { replay } from '../engine/recorded.js';
import { nav, reload, shiftEvents, shiftSignal } from './builders-motion.js';

const rl = (o: Partial<typeof RELOAD_LOOP_DEFAULTS> = {}) => reloadLoop.detect({ ...RELOAD_LOOP_DEFAULTS, ...o });
const P = '/checkout';

describe('reload-loop detector (event time)', () => {
  it('fires when one page is reloaded three times within a minute, with its evidence', async () => {
    const signals = await replay([nav(0, 'load', P), reload(10_000), reload(20_000), reload(40_000)], rl());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.equal({ type: 'signal', signal: 'reload-loop', t: 40_000, page: P, evidence: { count: 3, first: 10_000, last: 40_000, pages: [P] } });
  });

  it('fires with the first and last reload exactly `within` apart, not a millisecond more, and slides the window', async () => {
    expect(await replay([reload(0), reload(30_000), reload(60_000)], rl())).to.have.length(1);
    expect(await replay([reload(0), reload(30_000), reload(60_001)], rl())).to.be.empty;
    const slid = await replay([reload(0), reload(30_000), reload(60_001), reload(90_000)], rl());
    expect(slid.map((s) => s.evidence)).to.deep.equal([{ count: 3, first: 30_000, last: 90_000, pages: [P] }]);
  });

  it('does not fire for fewer reloads, other pages in between, first loads or in-app navigation', async () => {
    expect(await replay([reload(0), reload(1000)], rl())).to.be.empty;
    expect(await replay([reload(0), reload(1000, '/cart'), reload(2000)], rl())).to.be.empty;
    expect(await replay([nav(0, 'load', P), nav(1000, 'load', P), nav(2000, 'load', P)], rl())).to.be.empty;
    expect(await replay([reload(0), nav(1000, 'push', '/cart', P), nav(2000, 'pop', P, '/cart'), reload(3000)], rl())).to.be.empty;
  });

  it('fires once per chain of reloads, and again after a pause longer than `within`', async () => {
    const chain = (t0: number) => Array.from({ length: 10 }, (_, i) => reload(t0 + i * 5000));
    expect(await replay(chain(0), rl())).to.have.length(1);
    expect(await replay([...chain(0), ...chain(45_000 + 60_001)], rl())).to.have.length(2);
    expect(await replay([...chain(0), ...chain(45_000 + 60_000)], rl())).to.have.length(1);
  });

  it('takes its thresholds from the pack', async () => {
    expect(await replay([reload(0), reload(1000)], rl({ count: 2 }))).to.have.length(1);
    expect(await replay([reload(0), reload(1000), reload(2000)], rl({ count: 4 }))).to.be.empty;
    expect(await replay([reload(0), reload(50_000), reload(100_000)], rl({ within: 100_000 }))).to.have.length(1);
  });

  const arbReloads = fc.array(
    fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 120_000 })), page: fc.constantFrom(P, P, P, '/cart'), reload: fc.boolean() }),
    { minLength: 6, maxLength: 50 },
  );
  const session = (steps: Array<{ gap: number; page: string; reload: boolean }>): NavEvent[] => {
    let t = 0;
    return steps.map((s) => nav((t += s.gap), 'load', s.page, '', s.reload));
  };

  it('never fires with fewer than `count` reloads, and only with evidence that meets the thresholds (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbReloads, fc.integer({ min: 2, max: 5 }), async (steps, count) => {
        const events = session(steps);
        const signals = await replay(events, rl({ count }));
        const reloads = events.filter((e) => e.reload);
        expect(signals.length).to.be.at.most(Math.floor(reloads.length / count));
        for (const s of signals) {
          expect(s.evidence.count).to.equal(count);
          expect(s.evidence.last - s.evidence.first).to.be.within(0, RELOAD_LOOP_DEFAULTS.within);
          const inWindow = reloads.filter((e) => e.page === s.page && e.t >= s.evidence.first && e.t <= s.evidence.last);
          expect(inWindow.length).to.be.at.least(count);
        }
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    let shown = 0;
    await fc.assert(
      fc.asyncProperty(arbReloads, fc.integer({ min: -1e9, max: 1e12 }), async (steps, shift) => {
        const events = session(steps);
        const a = await replay(events, rl());
        if (a.length > 0) shown++;
        expect(await replay(shiftEvents(events, shift), rl())).to.deep.equal(a.map((s) => shiftSignal(s, shift)));
      }),
    );
    // The property says nothing unless the sessions it draws do produce signals.
    expect(shown, 'runs with a signal').to.be.at.least(10);
  });
});
