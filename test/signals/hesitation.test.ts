import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Signal, ZcEvent } from '../../src/engine/types.js';
import { hesitation, HESITATION_DEFAULTS } from '../../src/signals/hesitation.js';
import { click, replay } from '../engine/recorded.js';
import { byTime, field, focus, input, nav, shiftEvents, shiftSignal, tick, ticks } from './builders-motion.js';

const hs = (o: Partial<typeof HESITATION_DEFAULTS> = {}) => hesitation.detect({ ...HESITATION_DEFAULTS, ...o });
const email = field('input#email');
const kinds = (signals: Signal[]) => signals.map((s) => `${s.evidence.result}@${s.t}`);

describe('hesitation detector (event time)', () => {
  describe('in a focused field', () => {
    it('fires once when a focused field gets no input for 10 s, at the deadline, with the field as target', async () => {
      const signals = await replay([focus(0, email), ...ticks(1000, 12_000)], hs());
      expect(signals).to.have.length(1);
      expect(signals[0]).to.deep.include({ signal: 'hesitation', t: 10_000, page: '/checkout', target: email });
      expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 0, last: 10_000, idle: 10_000, result: 'field' });
    });

    it('counts from the last input, and reports the deadline even when it falls between ticks', async () => {
      const signals = await replay(byTime([focus(0, email), input(4500, email)], ticks(1000, 15_000)), hs());
      expect(signals.map((s) => s.evidence)).to.deep.equal([{ count: 1, first: 4500, last: 14_500, idle: 10_000, result: 'field' }]);
      expect(signals[0]!.t).to.equal(14_500);
    });

    it('fires exactly at the edge of the window and not a tick before', async () => {
      expect(await replay([focus(0, email), ...ticks(1000, 9000)], hs())).to.be.empty;
      expect(kinds(await replay([focus(0, email), ...ticks(1000, 10_000)], hs()))).to.deep.equal(['field@10000']);
      expect(kinds(await replay([focus(0, email), ...ticks(1000, 5000)], hs({ field: 5000 })))).to.deep.equal(['field@5000']);
    });

    it('does not fire when focus leaves, input keeps coming, the form is submitted, or the focus is on a button', async () => {
      const quiet = ticks(1000, 20_000);
      expect(await replay(byTime([focus(0, email), focus(9000)], quiet), hs())).to.be.empty;
      expect(await replay(byTime([focus(0, email), focus(9000, field('input#name'))], ticks(1000, 18_000)), hs())).to.be.empty;
      expect(await replay(byTime([focus(0, email), input(9000, email), input(18_000, email)], quiet), hs())).to.be.empty;
      expect(await replay(byTime([focus(0, email), { type: 'submit', t: 5000, page: '/checkout', form: 'form#pay' }], quiet), hs())).to.be.empty;
      expect(await replay(byTime([focus(0, field('button#pay', ['field', 'interactive']))], quiet), hs())).to.be.empty;
      expect(await replay(byTime([focus(0, { fp: 'div#app', tag: 'div', hits: [] })], quiet), hs())).to.be.empty;
    });

    it('ignores input on another field, and accepts a contenteditable (text entry without field)', async () => {
      expect(kinds(await replay(byTime([focus(0, email), input(5000, field('input#name'))], ticks(1000, 10_000)), hs()))).to.deep.equal(['field@10000']);
      expect(kinds(await replay([focus(0, field('div#note', ['text-entry'])), ...ticks(1000, 10_000)], hs()))).to.deep.equal(['field@10000']);
    });

    it('fires once per focus episode: refocusing the same field continues it, another field starts a new one', async () => {
      expect(kinds(await replay(byTime([focus(0, email), focus(12_000, email)], ticks(1000, 25_000)), hs()))).to.deep.equal(['field@10000']);
      const name = field('input#name');
      const again = byTime([focus(0, email), focus(12_000, name), focus(13_000, email)], ticks(1000, 25_000));
      expect(kinds(await replay(again, hs()))).to.deep.equal(['field@10000', 'field@23000']);
    });

    it('does not count time the page was hidden (a gap of more than 2 s between ticks)', async () => {
      const signals = await replay([focus(0, email), ...ticks(1000, 5000), ...ticks(60_000, 70_000)], hs());
      expect(signals.map((s) => s.evidence)).to.deep.equal([{ count: 1, first: 0, last: 65_000, idle: 10_000, result: 'field' }]);
      // A 2 s gap is still a visible page (a busy main thread); 2.001 s is not.
      expect(kinds(await replay([focus(0, email), ...ticks(2000, 10_000, '/checkout', 2000)], hs()))).to.deep.equal(['field@10000']);
      expect(await replay([focus(0, email), ...ticks(2001, 40_000, '/checkout', 2001)], hs())).to.be.empty;
    });
  });

  describe('on a page without progress', () => {
    it('fires once when a page visit has no progress for 30 s, without a target', async () => {
      const signals = await replay([nav(0, 'load', '/checkout'), ...ticks(1000, 90_000)], hs());
      expect(signals).to.have.length(1);
      expect(signals[0]!.target).to.equal(undefined);
      expect(signals[0]).to.deep.include({ signal: 'hesitation', t: 30_000, page: '/checkout' });
      expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 0, last: 30_000, idle: 30_000, result: 'dwell' });
    });

    it('fires exactly at the edge of the window, and restarts on every kind of progress', async () => {
      expect(await replay([nav(0, 'load', '/checkout'), ...ticks(1000, 29_000)], hs())).to.be.empty;
      const progress: ZcEvent[] = [
        click(10_000),
        input(10_000),
        { type: 'submit', t: 10_000, page: '/checkout', form: 'form#pay' },
        { type: 'track', t: 10_000, page: '/checkout', name: 'coupon-applied' },
      ];
      for (const p of progress) {
        const signals = await replay(byTime([nav(0, 'load', '/checkout'), p], ticks(1000, 45_000)), hs());
        expect(kinds(signals), p.type).to.deep.equal(['dwell@40000']);
      }
    });

    it('does not count scrolling or pointer movement as progress', async () => {
      const busy: ZcEvent[] = [{ type: 'scroll', t: 5000, page: '/checkout', y: 300, dy: 300, scroller: '' }, { type: 'move', t: 6000, page: '/checkout', x: 1, y: 2 }];
      expect(kinds(await replay(byTime([nav(0, 'load', '/checkout')], busy, ticks(1000, 30_000)), hs()))).to.deep.equal(['dwell@30000']);
    });

    it('fires once per page visit, again on the next page or a reload, and leaves hidden time out', async () => {
      const visits = byTime([nav(0, 'load', '/a'), nav(50_000, 'push', '/b', '/a')], ticks(1000, 49_000, '/a'), ticks(51_000, 90_000, '/b'));
      expect(kinds(await replay(visits, hs()))).to.deep.equal(['dwell@30000', 'dwell@80000']);
      const reloaded = byTime([nav(0, 'load', '/a'), nav(40_000, 'load', '/a', '', true)], ticks(1000, 39_000, '/a'), ticks(41_000, 70_000, '/a'));
      expect(kinds(await replay(reloaded, hs()))).to.deep.equal(['dwell@30000', 'dwell@70000']);
      const hidden = await replay([nav(0, 'load', '/a'), ...ticks(1000, 20_000, '/a'), ...ticks(300_000, 320_000, '/a')], hs());
      expect(hidden.map((s) => s.evidence)).to.deep.equal([{ count: 1, first: 0, last: 310_000, idle: 30_000, result: 'dwell' }]);
    });
  });

  const arbSession = fc.array(
    fc.record({
      // Mostly a visible page ticking along, now and then a hidden spell.
      gap: fc.oneof({ arbitrary: fc.constant(1000), weight: 6 }, { arbitrary: fc.integer({ min: 0, max: 1000 }), weight: 2 }, { arbitrary: fc.integer({ min: 2001, max: 20_000 }), weight: 1 }),
      what: fc.oneof(
        { arbitrary: fc.constant('tick'), weight: 12 },
        { arbitrary: fc.constantFrom('focus-a', 'focus-b', 'blur', 'input-a', 'input-b', 'click', 'nav', 'reload'), weight: 3 },
      ),
    }),
    { minLength: 30, maxLength: 150 },
  );
  const fieldA = field('input#a');
  const fieldB = field('input#b');
  const session = (steps: Array<{ gap: number; what: string }>): ZcEvent[] => {
    let t = 0;
    let page = '/a';
    return steps.map(({ gap, what }): ZcEvent => {
      t += gap;
      if (what === 'focus-a' || what === 'focus-b') return focus(t, what === 'focus-a' ? fieldA : fieldB, page);
      if (what === 'blur') return focus(t, undefined, page);
      if (what === 'input-a' || what === 'input-b') return input(t, what === 'input-a' ? fieldA : fieldB, page);
      if (what === 'click') return click(t, 'button#pay', { page });
      if (what === 'reload') return nav(t, 'load', page, '', true);
      if (what === 'nav') {
        const from = page;
        page = page === '/a' ? '/b' : '/a';
        return nav(t, 'push', page, from);
      }
      return tick(t, page);
    });
  };
  const o = { field: 3000, dwell: 5000 };

  it('only fires after the full idle time with nothing in between, once per episode or visit (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbSession, async (steps) => {
        const events = session(steps);
        const signals = await replay(events, hs(o));
        const focuses = events.filter((e) => e.type === 'focus' && e.target).length;
        const visits = 1 + events.filter((e) => e.type === 'nav').length;
        expect(signals.filter((s) => s.evidence.result === 'field').length).to.be.at.most(focuses);
        expect(signals.filter((s) => s.evidence.result === 'dwell').length).to.be.at.most(visits);
        for (const s of signals) {
          const limit = s.evidence.result === 'field' ? o.field : o.dwell;
          expect(s.evidence.idle).to.equal(limit);
          expect(s.t).to.equal(s.evidence.last);
          expect(s.evidence.last - s.evidence.first).to.be.at.least(limit);
          const between = events.filter((e) => e.t > s.evidence.first && e.t < s.evidence.last);
          const fp = s.target?.fp;
          const left = (e: ZcEvent) => (e.type === 'input' && e.target.fp === fp) || (e.type === 'focus' && e.target?.fp !== fp) || e.type === 'nav';
          if (s.evidence.result === 'field') expect(between.some(left)).to.equal(false);
          else expect(between.some((e) => e.type === 'click' || e.type === 'input' || e.type === 'nav')).to.equal(false);
        }
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    const shown = { field: 0, dwell: 0 };
    await fc.assert(
      fc.asyncProperty(arbSession, fc.integer({ min: -1e9, max: 1e12 }), async (steps, shift) => {
        const events = session(steps);
        const a = await replay(events, hs(o));
        for (const kind of ['field', 'dwell'] as const) if (a.some((s) => s.evidence.result === kind)) shown[kind]++;
        const b = await replay(shiftEvents(events, shift), hs(o));
        expect(b).to.deep.equal(a.map((s) => shiftSignal(s, shift)));
      }),
    );
    // The property says nothing unless the sessions it draws do produce signals.
    expect(Math.min(shown.field, shown.dwell), 'runs with each kind of signal').to.be.at.least(10);
  });
});
