// Help that a navigation itself brings (a u-turn fires on the return to the page) is for the page
// the user arrived on: the route change must not take it down as help about the page they left.
import { expect, waitUntil } from '@open-wc/testing';
import type { OutcomeEvent } from '../../src/engine/types.js';
import { createZeroCall } from '../../src/zero-call.js';
import { packWith } from '../engine/recorded.js';
import { resetStore } from '../support/store.js';

describe('help brought by a navigation', () => {
  const start = location.pathname;
  beforeEach(() => resetStore());
  afterEach(() => history.replaceState(null, '', start));

  it('a u-turn shows its help on the page the user came back to, and the next route change still closes it', async () => {
    const api = createZeroCall(() => import('../../components/index.js'), 'throw');
    const outcomes: string[] = [];
    api.on('outcome', (o: OutcomeEvent) => outcomes.push(`${o.rule}:${o.outcome}`));
    const pack = packWith([{ id: 'came-back', when: { signal: 'u-turn' }, solution: { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't', body: 'b' } } }]);
    expect(await api.init({ pack })).to.equal(true);
    history.pushState(null, '', '/settings/security');
    history.pushState(null, '', start);
    await waitUntil(() => document.querySelector('zc-card'), 'the help on the page the user returned to', { timeout: 5000 });
    expect(outcomes).to.deep.equal(['came-back:shown']);
    history.pushState(null, '', '/elsewhere');
    await waitUntil(() => !document.querySelector('zc-card'), 'the help closed on leaving');
    expect(outcomes).to.deep.equal(['came-back:shown', 'came-back:closed']);
    await api.shutdown();
  });
});
