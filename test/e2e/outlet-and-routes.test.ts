import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { Batch } from '../../src/transport/record.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { addScriptTag, next, pasteSnippet, realClick, zc } from './host.js';
import { resetStore } from '../support/store.js';

const PACK = {
  id: 'e2e-outlet',
  version: '2',
  sdk: '^0.1',
  locale: 'en',
  strings: { en: { t: 'Export keeps failing?', b: 'Exports over 10,000 rows run in the background.' }, 'zh-CN': { t: '导出一直失败？', b: '超过一万行的导出会在后台进行。' } },
  signals: { 'rage-click': { within: '5s' } },
  budget: { minGap: '0s' },
  rules: [
    {
      id: 'export-stuck',
      page: '/*',
      when: { signal: 'rage-click', target: '.export' },
      solution: { component: 'zc-card', placement: { outlet: 'reports-help', anchor: '$target' }, content: { title: 't', body: 'b' } },
    },
  ],
};

describe('thin path: outlet placement, route change, snippet queue (dist/zerocall.js)', () => {
  beforeEach(() => resetStore());
  it('replays calls queued before load, mounts into the outlet in the page language, and closes on a route change', async () => {
    await startMsw(
      http.get('/e2e/outlet-pack.json', () => HttpResponse.json(PACK)),
      http.post('/e2e/outlet-collect', () => new HttpResponse(null, { status: 204 })),
    );
    const batches = captureRequests<Batch>('/e2e/outlet-collect');
    document.documentElement.lang = 'zh-CN';
    document.body.innerHTML = `<section><h1>报表</h1><button class="export"><span>导出</span></button></section><zc-outlet name="reports-help"></zc-outlet>`;
    const startPath = location.pathname;

    await pasteSnippet();
    // Calls made before the script arrives: queued by the stub, replayed in order.
    const order: string[] = [];
    zc().on('ready', () => order.push('ready'));
    zc().track('report-opened');
    zc().on('decision', (d) => order.push(`decision:${d.rule}`));
    const shown = next('outcome', (o) => o.outcome === 'shown');
    await addScriptTag({ pack: '/e2e/outlet-pack.json', endpoint: '/e2e/outlet-collect' });
    await next('ready');

    // Clicks land on the inner <span>; the rule targets the button around it.
    const span = document.querySelector('.export span')!;
    for (let i = 0; i < 3; i++) await realClick(span);
    await shown;
    expect(order).to.deep.equal(['ready', 'decision:export-stuck']);

    const outlet = document.querySelector('zc-outlet')!;
    const card = outlet.querySelector('zc-card')!;
    expect(card, 'mounted into the outlet, not anchored').to.exist;
    expect(card.shadowRoot!.textContent).to.contain('导出一直失败？');
    expect(card.shadowRoot!.textContent).to.contain('有帮助', 'chrome in zh-CN too');

    const closed = next('outcome', (o) => o.outcome === 'closed');
    history.pushState({}, '', '/somewhere-else');
    await closed;
    expect(outlet.querySelector('zc-card'), 'taken down on route change').to.equal(null);
    history.replaceState({}, '', startPath);

    await zc().shutdown();
    const kinds = batches.flatMap((x) => x.events).map((e) => `${e.kind}:${e.outcome ?? e.signal ?? e.name}`);
    // The queued track() is sent too, by name only: lift against the holdout is measured on such events.
    expect(kinds).to.deep.equal(['track:report-opened', 'signal:rage-click', 'decision:rage-click', 'outcome:shown', 'outcome:closed']);
  });
});
