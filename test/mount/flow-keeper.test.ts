import { expect } from '@open-wc/testing';
import { keepFlows, type SavedFlow } from '../../src/mount/flow-keeper.js';
import type { RulePack } from '../../src/pack/types.js';

const MIN = 60_000;
const pack = {
  id: 'p',
  version: '1',
  sdk: '^0.1',
  strings: { en: { t: 'T' } },
  rules: [
    {
      id: 'orders',
      when: { event: 'track', name: 'x' },
      solution: {
        placement: { dock: 'end' },
        flow: {
          start: 'pick',
          keep: '10m',
          steps: { pick: { component: 'zc-picker', content: { title: 't' }, source: 's', on: [{ outcome: 'picked', to: 'card' }] }, card: { component: 'zc-card', content: { title: 't' } } },
        },
      },
    },
    { id: 'off', enabled: false, when: { event: 'track', name: 'x' }, solution: { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 't' }, source: 's', next: { component: 'zc-card', content: { title: 't' } } } },
    // A picker with `next` is a flow of two steps, kept for 30 minutes.
    { id: 'short', when: { event: 'track', name: 'x' }, solution: { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 't' }, source: 's', next: { component: 'zc-card', content: { title: 't' } } } },
  ],
} as unknown as RulePack;

describe('flow keeper (positions of flows under way)', () => {
  const T = 1_800_000_000_000;
  const saves: Array<[string, SavedFlow | undefined]> = [];
  const save = (rule: string, p: SavedFlow | undefined) => void saves.push([rule, p]);
  beforeEach(() => (saves.length = 0));

  it('resumes only live positions of known, enabled rules at a step they have, and drops the rest from the store', () => {
    const k = keepFlows(
      pack,
      {
        orders: { step: 'card', record: { id: 'o-1', label: 'Order 1' }, t: T - 9 * MIN },
        short: { step: 'next', t: T - 31 * MIN }, // past its 30 minutes
        off: { step: 'next', t: T },
        gone: { step: 'pick', t: T },
        broken: 'card',
      },
      T,
      save,
    );
    expect(k.resume.map((r) => [r.rule.id, r.at, r.record?.id])).to.deep.equal([['orders', 'card', 'o-1']]);
    expect(saves.map(([rule, p]) => [rule, p])).to.deep.equal([
      ['short', undefined],
      ['off', undefined],
      ['gone', undefined],
      ['broken', undefined],
    ]);
    for (const junk of [null, 'x', 42, [1]]) expect(keepFlows(pack, junk, T, save).resume).to.deep.equal([]);
    expect(keepFlows(pack, { orders: { step: 'card', t: T + 10 * MIN } }, T, save).resume, 'a time from the future').to.deep.equal([]);
  });

  it('keeps each move, one rule at a time, returns its keep, and forgets on the end, on expiry and on forget()', () => {
    const k = keepFlows(pack, undefined, T, save);
    expect(k.moved('orders', { step: 'card' }, T)).to.equal(10 * MIN);
    expect(k.moved('short', { step: 'next' }, T + MIN)).to.equal(30 * MIN);
    expect(k.moved('agent:p-1', { step: 'next' }, T), "an agent's push is not kept").to.equal(undefined);
    expect(saves).to.deep.equal([
      ['orders', { step: 'card', t: T }],
      ['short', { step: 'next', t: T + MIN }],
    ]);
    // The inspector's view leaves out what has expired; expire() forgets it in the store too.
    expect(Object.keys(k.current(T + 11 * MIN))).to.deep.equal(['short']);
    k.expire(T + 11 * MIN);
    expect(saves.at(-1)).to.deep.equal(['orders', undefined]);
    expect(Object.keys(k.current(T + 11 * MIN))).to.deep.equal(['short']);
    k.expire(T + 12 * MIN);
    expect(saves).to.have.length(3);
    k.forget();
    expect(saves.at(-1)).to.deep.equal(['short', undefined]);
    expect(k.current(T)).to.deep.equal({});
    expect(k.moved('orders', undefined, T), 'forgetting what is not kept saves nothing').to.equal(undefined);
    expect(saves).to.have.length(4);
  });
});
