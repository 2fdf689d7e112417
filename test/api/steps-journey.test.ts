import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createZeroCall } from '../../src/zero-call.js';
import type { OutcomeEvent } from '../../src/engine/types.js';
import type { RulePack } from '../../src/pack/types.js';
import { packWith } from '../engine/recorded.js';
import { resetStore } from '../support/store.js';

const tour: RulePack = packWith(
  [
    {
      id: 'autopay-tour',
      when: { signal: 'rage-click', target: '#pay' },
      solution: {
        component: 'zc-steps',
        placement: { dock: 'end' },
        content: { title: 't' },
        steps: [
          { text: 'b', page: location.pathname, target: '#settings' },
          { text: 'b', page: '/settings/payments', target: '#autopay' },
        ],
      },
    },
  ],
  { budget: { perSession: 5, perDay: 50, minGap: '1ms' } },
);
const KEY = 'zc:steps:autopay-tour';
const steps = () => document.querySelector('zc-steps');

describe('guided steps across pages (runtime)', () => {
  const api = createZeroCall(() => import('../../components/index.js'), 'throw');
  beforeEach(async () => {
    await resetStore();
    sessionStorage.removeItem(KEY);
  });
  afterEach(async () => {
    await api.shutdown();
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem('zc:nav');
    history.replaceState(null, '', '/');
  });

  it('resumes a tour that was under way when the page loaded, at its step, without new friction', async () => {
    await fixture(html`<div><button id="settings">Settings</button></div>`);
    sessionStorage.setItem(KEY, JSON.stringify({ step: 1 }));
    const outcomes: OutcomeEvent[] = [];
    api.on('outcome', (o) => outcomes.push(o));
    expect(await api.init({ pack: tour })).to.equal(true);
    await waitUntil(() => steps()?.shadowRoot?.querySelector('[part~="progress"]'), 'the tour is back', { timeout: 5000 });
    expect(steps()!.getAttribute('dock')).to.equal('end');
    expect(steps()!.shadowRoot!.querySelector('[part~="progress"]')!.textContent).to.equal('Step 2 of 2');
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['shown']);
  });

  it("resumes the tour when the tab's history replays navigations from before this load", async () => {
    await fixture(html`<div><button id="settings">Settings</button></div>`);
    sessionStorage.setItem(KEY, JSON.stringify({ step: 1 }));
    // The tab went to another route and back just before the reload; the SDK replays that history.
    const t = Date.now();
    const nav = (kind: string, at: number, page: string, from: string) => ({ type: 'nav', kind, t: at, page, from });
    sessionStorage.setItem('zc:nav', JSON.stringify([nav('load', t - 3000, '/', ''), nav('push', t - 2000, '/settings/security', '/'), nav('push', t - 1000, '/', '/settings/security')]));
    // The components arrive after the engine heard the replay, as on a first visit over a slow network.
    const slow = createZeroCall(() => new Promise((resolve) => setTimeout(resolve, 300)).then(() => import('../../components/index.js')), 'throw');
    const outcomes: OutcomeEvent[] = [];
    slow.on('outcome', (o) => outcomes.push(o));
    try {
      expect(await slow.init({ pack: tour })).to.equal(true);
      await waitUntil(() => steps()?.shadowRoot?.querySelector('[part~="progress"]'), 'the tour is back', { timeout: 5000 });
      expect(outcomes.map((o) => o.outcome)).to.deep.equal(['shown']);
    } finally {
      await slow.shutdown();
    }
  });

  it('stays on screen through single-page navigation and learns the new page, while other help closes', async () => {
    await fixture(html`<div><button id="settings">Settings</button></div>`);
    sessionStorage.setItem(KEY, JSON.stringify({ step: 1 }));
    const outcomes: OutcomeEvent[] = [];
    api.on('outcome', (o) => outcomes.push(o));
    expect(await api.init({ pack: tour })).to.equal(true);
    await waitUntil(() => steps()?.shadowRoot?.querySelector('[part~="link"]'), 'step 2 links to its page from here', { timeout: 5000 });
    history.pushState(null, '', '/settings/payments');
    await waitUntil(() => (steps() as HTMLElement & { page?: string })?.page === '/settings/payments', 'told the new page');
    await waitUntil(() => !steps()!.shadowRoot!.querySelector('[part~="link"]'), 'on its page, no link');
    expect(steps()!.isConnected).to.equal(true);
    expect(outcomes.filter((o) => o.outcome === 'closed')).to.deep.equal([]);
  });
});
