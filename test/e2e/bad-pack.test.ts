import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { startMsw } from '../support/msw.js';
import { addScriptTag, next, pasteSnippet, realClick, zc } from './host.js';
import { resetStore } from '../support/store.js';

/** Every warning the SDK writes, and every error that reaches the page. */
const warnings: string[] = [];
const pageErrors: string[] = [];
const realWarn = console.warn;
before(() => {
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    realWarn.apply(console, args);
  };
  window.addEventListener('error', (e) => pageErrors.push(e.message));
  window.addEventListener('unhandledrejection', (e) => pageErrors.push(String(e.reason)));
});
after(() => {
  console.warn = realWarn;
});

const HOST = '<main><h1>Orders</h1><button id="retry">Retry</button></main>';

describe('bad packs through dist/zerocall.js: one clear warning each, host page untouched', () => {
  beforeEach(() => resetStore());
  before(async () => {
    await startMsw(
      http.get('/bad/missing.json', () => new HttpResponse(null, { status: 404, statusText: 'Not Found' })),
      http.get('/bad/html.json', () => HttpResponse.text('<!doctype html><title>Sign in</title>')),
      http.get('/bad/shape.json', () => HttpResponse.json({ id: 'bad', version: '1', sdk: '^0.1', strings: { en: {} }, rules: [{ id: 'r', when: { signal: 'rage-click', within: 'soon' } }] })),
      http.get('/bad/down.json', () => HttpResponse.error()),
    );
    document.body.innerHTML = HOST;
    // The script tag path: data-pack points at a 404.
    await pasteSnippet();
    const error = next('error');
    await addScriptTag({ pack: '/bad/missing.json' });
    await error;
  });

  const cases: Array<[string, string, RegExp]> = [
    ['a pack URL that 404s (script tag)', '', /^\[ZeroCall\] pack http:\/\/[^ ]+\/bad\/missing\.json: HTTP 404 Not Found\. Zero Call stays dormant on this page\. \(zc:dormant\)$/],
    ['a body that is not JSON', '/bad/html.json', /^\[ZeroCall\] pack \/bad\/html\.json: not valid JSON \(.+\)\. Zero Call stays dormant/],
    ['a pack of the wrong shape', '/bad/shape.json', /^\[ZeroCall\] pack \/bad\/shape\.json: invalid rule pack \(2 problems\): \/rules\/0\/when\/within: expected a duration like "30s" \(ms, s, m, h or d\), got "soon"; \/rules\/0\/solution: missing; expected a solution\. Zero Call/],
    ['a network failure', '/bad/down.json', /^\[ZeroCall\] pack \/bad\/down\.json: could not be fetched \(.+\)\. Zero Call stays dormant/],
  ];

  for (const [name, url, expected] of cases) {
    it(`${name}: one warning that names it`, async () => {
      const before = warnings.length;
      if (url) expect(await zc().init({ pack: url }), 'init resolves false, never throws').to.equal(false);
      const mine = url ? warnings.slice(before) : warnings.filter((w) => w.includes('missing.json'));
      expect(mine).to.have.length(1);
      expect(mine[0]).to.match(expected);
    });
  }

  it('left the page as it was: same DOM, no errors, clicks still work, nothing mounted', async () => {
    expect(document.body.innerHTML).to.equal(HOST);
    let clicks = 0;
    const retry = document.querySelector('#retry')!;
    retry.addEventListener('click', () => clicks++);
    for (let i = 0; i < 4; i++) await realClick(retry);
    expect(clicks).to.equal(4);
    expect(document.querySelector('zc-card, [data-zc-surface]')).to.equal(null);
    expect(pageErrors).to.deep.equal([]);
  });

  it('reports misuse on the script-tag path as a warning, not an exception', async () => {
    await zc().init({ pack: '' as unknown as string }).catch(() => 'threw');
    expect(warnings.some((w) => w.includes('init() needs { pack:'))).to.equal(true);
  });
});
