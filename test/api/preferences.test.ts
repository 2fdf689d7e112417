import { expect, waitUntil } from '@open-wc/testing';
import type { Suppressed } from '../../src/engine/decide.js';
import { ZeroCall } from '../../src/index.js';
import { packWith } from '../engine/recorded.js';
import { resetStore } from '../support/store.js';
import { http, HttpResponse } from 'msw';
import type { Batch } from '../../src/transport/record.js';
import { captureRequests, startMsw } from '../support/msw.js';

const rage = () => {
  for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
};
const pack = () => packWith([{ id: 'help', solution: { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't', body: 'b' } } }], { budget: { perDay: 50, minGap: '1ms' } });

describe('ZeroCall.preferences (layered service)', () => {
  beforeEach(async () => {
    await resetStore();
    document.body.innerHTML = '<button id="pay">Pay</button>';
  });
  afterEach(() => ZeroCall.shutdown());

  it("is the pack's default until the user chooses; a choice is heard, held by the arbiter and kept for the next visit", async () => {
    const heard: unknown[] = [];
    ZeroCall.on('preferences', (p) => heard.push(p));
    expect(await ZeroCall.init({ pack: pack() })).to.equal(true);
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['useful', 'pack']);
    ZeroCall.preferences.set({ help: 'off' });
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['off', 'user']);
    expect(heard).to.deep.equal([{ help: 'off', source: 'user' }]);
    const suppressed = new Promise<Suppressed>((resolve) => ZeroCall.on('suppressed', resolve));
    rage();
    expect((await suppressed).reason).to.equal('preference');
    // The next visit: a new start reads the choice back.
    await ZeroCall.shutdown();
    expect(await ZeroCall.init({ pack: pack() })).to.equal(true);
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['off', 'user']);
    // Back to the pack's default, and help shows again.
    ZeroCall.preferences.set({ help: null });
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['useful', 'pack']);
    const decided = new Promise((resolve) => ZeroCall.on('decision', resolve));
    rage();
    await decided;
  });

  it('a choice made in a surface\'s "Help settings" is the same choice: kept, heard, and held by the arbiter', async () => {
    const heard: unknown[] = [];
    ZeroCall.on('preferences', (p) => heard.push(p));
    expect(await ZeroCall.init({ pack: pack() })).to.equal(true);
    rage();
    await waitUntil(() => document.querySelector('zc-card')?.shadowRoot?.querySelector('[part~="settings"]'), 'the help, with its settings', { timeout: 5000 });
    const card = document.querySelector('zc-card')!;
    card.shadowRoot!.querySelector<HTMLButtonElement>('[part~="settings"][part~="button"]')!.click();
    await waitUntil(() => card.shadowRoot!.querySelectorAll('input[type="radio"]').length === 3, 'the levels');
    card.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')[2]!.click();
    expect(heard).to.deep.equal([{ help: 'off', source: 'user' }]);
    expect(ZeroCall.preferences.help).to.equal('off');
    await waitUntil(() => !document.querySelector('zc-card'), 'the help goes');
    // Kept for the next visit, as a choice made through the API is.
    await ZeroCall.shutdown();
    expect(await ZeroCall.init({ pack: pack() })).to.equal(true);
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['off', 'user']);
  });

  it('reports each change to the collector: the level that applies and where it comes from', async () => {
    await startMsw(http.post('/api-test/prefs', () => new HttpResponse(null, { status: 204 })));
    const batches = captureRequests<Batch>('/api-test/prefs');
    expect(await ZeroCall.init({ pack: pack(), endpoint: '/api-test/prefs', telemetry: { worker: false } })).to.equal(true);
    ZeroCall.preferences.set({ help: 'stuck' });
    ZeroCall.preferences.set({ help: null });
    await ZeroCall.shutdown(); // delivers what is queued
    await waitUntil(() => batches.some((b) => b.events.some((e) => e.kind === 'preference')), 'the records', { timeout: 5000 });
    const told = batches.flatMap((b) => b.events).filter((e) => e.kind === 'preference');
    expect(told.map((e) => [e.help, e.source])).to.deep.equal([['stuck', 'user'], ['useful', 'pack']]);
  });

  it("a choice in one tab holds at once in the tab's other open pages, and is told to them", async () => {
    const otherTab = new BroadcastChannel('zerocall:fatigue');
    const told: unknown[] = [];
    otherTab.onmessage = (e) => told.push(e.data);
    try {
      const heard: unknown[] = [];
      ZeroCall.on('preferences', (p) => heard.push(p));
      expect(await ZeroCall.init({ pack: pack() })).to.equal(true);
      otherTab.postMessage({ type: 'preference', help: 'off' });
      await waitUntil(() => ZeroCall.preferences.help === 'off', 'the other tab\'s choice');
      expect(heard).to.deep.equal([{ help: 'off', source: 'user' }]);
      ZeroCall.preferences.set({ help: 'stuck' });
      await waitUntil(() => told.length === 1, 'told to the other tabs');
      expect(told).to.deep.equal([{ type: 'preference', help: 'stuck' }]);
    } finally {
      otherTab.close();
    }
  });

  it("follows the pack's segments on what the host says about the user, and refuses a level it does not know", async () => {
    expect(await ZeroCall.init({ pack: { ...pack(), preferences: { help: 'stuck', segments: [{ when: { context: 'tenureDays', lte: 30 }, help: 'useful' }] } } })).to.equal(true);
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['stuck', 'pack']);
    ZeroCall.identify({ tenureDays: 3 });
    expect([ZeroCall.preferences.help, ZeroCall.preferences.source]).to.deep.equal(['useful', 'segment']);
    expect(() => ZeroCall.preferences.set({ help: 'sometimes' as never })).to.throw('preferences.set({ help }) needs "useful", "stuck", "off", or null');
  });
});
