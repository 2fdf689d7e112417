import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { Batch, TelemetryRecord } from '../../src/transport/record.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { addScriptTag, frame, next, pasteSnippet, realClick, zc } from './host.js';
import { resetStore } from '../support/store.js';

const PACK = {
  id: 'e2e',
  version: '1',
  sdk: '^0.1',
  strings: {
    en: { 'pay.title': 'Payment not going through?', 'pay.body': 'Your card needs 3-D Secure: confirm it in your bank app, then press Pay again.' },
    'zh-CN': { 'pay.title': '付款没有成功？', 'pay.body': '请在银行 App 中确认后再点“付款”。' },
  },
  // Real input over CDP is fast, but a loaded CI box is not: give the burst room.
  signals: { 'rage-click': { within: '5s' } },
  rules: [
    {
      id: 'pay-stuck',
      page: '/*',
      when: { signal: 'rage-click', target: '#pay' },
      solution: { component: 'zc-card', placement: { anchor: '$target', side: 'bottom' }, content: { title: 'pay.title', body: 'pay.body' } },
    },
  ],
};

describe('thin path through dist/zerocall.js: rage click → pack rule → zc-card → outcomes POSTed', () => {
  beforeEach(() => resetStore());
  it('shows help next to the rage-clicked button and reports what the user did, never what they typed', async () => {
    await startMsw(
      http.get('/e2e/pack.json', () => HttpResponse.json(PACK)),
      http.post('/e2e/collect', () => new HttpResponse(null, { status: 204 })),
    );
    const batches = captureRequests<Batch>('/e2e/collect');
    document.body.innerHTML = `<main style="padding:40px"><label>Email <input id="email"></label>
      <button id="pay" style="margin-top:40px">Pay now</button></main>`;
    const pay = document.querySelector('#pay')!;

    await pasteSnippet();
    const ready = next('ready');
    const shown = next('outcome', (o) => o.outcome === 'shown');
    await addScriptTag({ pack: '/e2e/pack.json', endpoint: '/e2e/collect' });
    expect(await ready).to.deep.equal({ pack: 'e2e@1' });

    await realClick(document.querySelector('#email')!);
    await sendKeys({ type: 'secret-4242' });
    for (let i = 0; i < 3; i++) await realClick(pay);
    await shown;

    const card = document.querySelector('zc-card')!;
    expect(card, 'the card is mounted').to.exist;
    expect(card.shadowRoot!.textContent).to.contain('Payment not going through?').and.contain('3-D Secure');
    expect(card.getAttribute('role')).to.be.oneOf(['region', 'complementary']);
    expect(document.activeElement, 'help never steals focus').to.not.equal(card);
    while (!card.style.top) await frame();
    await frame();
    const c = card.getBoundingClientRect();
    const b = pay.getBoundingClientRect();
    expect(c.top, 'below the button').to.be.within(b.bottom, b.bottom + 24);
    expect(c.left < b.right && c.right > b.left, 'overlapping it horizontally').to.equal(true);

    const yes = [...card.shadowRoot!.querySelectorAll('button')].find((x) => x.textContent!.trim() === 'Yes')!;
    await realClick(yes);
    const dismissed = next('outcome', (o) => o.outcome === 'dismissed');
    await realClick(card.shadowRoot!.querySelector('button[part~="dismiss"], button[aria-label="Dismiss"]')!);
    await dismissed;
    expect(document.querySelector('zc-card'), 'gone after dismissal').to.equal(null);

    await zc().shutdown();
    const events: TelemetryRecord[] = batches.flatMap((x) => x.events);
    expect(events.map((e) => e.kind + ':' + (e.outcome ?? e.signal ?? ''))).to.deep.equal([
      'signal:rage-click',
      'decision:rage-click',
      'outcome:shown',
      'outcome:helpful',
      'outcome:dismissed',
    ]);
    expect(events[0]).to.deep.include({ page: location.pathname, target: 'button#pay', pack: 'e2e@1' });
    expect(events[0]!.evidence!.count).to.equal(3);
    expect(events.every((e) => e.rule === undefined || e.rule === 'pay-stuck')).to.equal(true);
    expect(new Set(events.map((e) => e.id)).size, 'unique ids').to.equal(events.length);
    expect(new Set(events.map((e) => e.sid)).size, 'one session').to.equal(1);
    expect(batches.every((x) => x.v === 1 && typeof x.batch === 'string' && x.sdk === zc().version)).to.equal(true);
    expect(JSON.stringify(batches)).to.not.contain('secret-4242');
  });
});
