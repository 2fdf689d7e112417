import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { rageClick, RAGE_CLICK_DEFAULTS } from '../../src/signals/rage-click.js';
import { click, replay } from './recorded.js';

const rc = (o: Partial<typeof RAGE_CLICK_DEFAULTS> = {}) => rageClick.detect({ ...RAGE_CLICK_DEFAULTS, ...o });

describe('rage-click detector (event time)', () => {
  it('fires once when three clicks land on one element within a second, with its evidence', async () => {
    const signals = await replay([click(1000), click(1300), click(1650)], rc());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ signal: 'rage-click', t: 1650, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 3, first: 1000, last: 1650 });
    expect(signals[0]!.target?.fp).to.equal('button#pay');
  });

  it('does not fire for two clicks, a slow third click, another element or a distant click', async () => {
    expect(await replay([click(0), click(200)], rc())).to.be.empty;
    expect(await replay([click(0), click(500), click(1501)], rc())).to.be.empty;
    expect(await replay([click(0), click(100), click(200, 'button#other')], rc())).to.be.empty;
    expect(await replay([click(0), click(100), click(200, 'button#pay', { x: 140 })], rc())).to.be.empty;
  });

  it('fires once per burst however long the user keeps clicking, and again for a new burst', async () => {
    const burst = (t0: number) => [0, 150, 300, 450, 600, 750].map((d) => click(t0 + d));
    expect(await replay(burst(0), rc())).to.have.length(1);
    expect(await replay([...burst(0), ...burst(5000)], rc())).to.have.length(2);
  });

  it('takes its thresholds from the pack', async () => {
    const clicks = [click(0), click(100), click(200), click(300)];
    expect(await replay(clicks, rc({ count: 5 }))).to.be.empty;
    expect(await replay([...clicks, click(400)], rc({ count: 5 }))).to.have.length(1);
    expect(await replay([click(0), click(1800), click(3600)], rc({ within: 2000 }))).to.have.length(1);
  });

  it('never fires more often than the clicks allow, and only with evidence that meets the thresholds (property)', async () => {
    const arb = fc.array(fc.record({ gap: fc.integer({ min: 0, max: 2000 }), el: fc.constantFrom('a', 'b'), dx: fc.integer({ min: -40, max: 40 }) }), { maxLength: 60 });
    await fc.assert(
      fc.asyncProperty(arb, async (steps) => {
        let t = 0;
        const clicks = steps.map((s) => click((t += s.gap), `button#${s.el}`, { x: 100 + s.dx }));
        const signals = await replay(clicks, rc());
        const o = RAGE_CLICK_DEFAULTS;
        expect(signals.length).to.be.at.most(Math.floor(clicks.length / o.count));
        for (const s of signals) {
          expect(s.evidence.count).to.equal(o.count);
          expect(s.evidence.last - s.evidence.first).to.be.at.most((o.count - 1) * o.within);
        }
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 1500 }), { maxLength: 30 }), fc.integer({ min: 0, max: 1e12 }), async (gaps, shift) => {
        let t = 0;
        const times = gaps.map((g) => (t += g));
        const a = await replay(times.map((x) => click(x)), rc());
        const b = await replay(times.map((x) => click(x + shift)), rc());
        expect(b.map((s) => s.t - shift)).to.deep.equal(a.map((s) => s.t));
      }),
    );
  });
});
