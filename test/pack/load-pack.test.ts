import { expect } from '@open-wc/testing';
import { http, HttpResponse, delay } from 'msw';
import { loadPack, NOT_MODIFIED } from '../../src/pack/load-pack.js';
import { SIGNALS } from '../../src/pack/validate-pack.js';
import { startMsw } from '../support/msw.js';
import { packWith } from '../engine/recorded.js';

const opts = { sdkVersion: '0.1.0', fetch: window.fetch.bind(window) };

describe('pack loader', () => {
  it('loads and validates a pack served as JSON', async () => {
    await startMsw(http.get('/packs/ok.json', () => HttpResponse.json(packWith([{ id: 'r' }]))));
    const r = await loadPack('/packs/ok.json', opts);
    expect(r.ok).to.equal(true);
    expect(r.ok === true && r.pack.rules[0]!.id).to.equal('r');
  });

  it('revalidates with the ETag of a cached copy: 304 means the copy is current', async () => {
    let asked: string | null = null;
    await startMsw(
      http.get('/packs/etag.json', ({ request }) => {
        asked = request.headers.get('if-none-match');
        return asked === '"v1"' ? new HttpResponse(null, { status: 304 }) : HttpResponse.json(packWith([{ id: 'r' }]), { headers: { etag: '"v1"' } });
      }),
    );
    const first = await loadPack('/packs/etag.json', opts);
    expect(first.ok === true && first.etag).to.equal('"v1"');
    expect(await loadPack('/packs/etag.json', { ...opts, etag: '"v1"' })).to.equal(NOT_MODIFIED);
    expect(asked).to.equal('"v1"');
  });

  it('names the URL and the status of a pack that is not there', async () => {
    await startMsw(http.get('/packs/missing.json', () => new HttpResponse('nope', { status: 404, statusText: 'Not Found' })));
    expect(await loadPack('/packs/missing.json', opts)).to.deep.equal({ ok: false, error: 'pack /packs/missing.json: HTTP 404 Not Found' });
  });

  it('names a body that is not JSON', async () => {
    await startMsw(http.get('/packs/html.json', () => HttpResponse.text('<html>login</html>')));
    const r = await loadPack('/packs/html.json', opts);
    expect(r.ok).to.equal(false);
    expect(!r.ok && r.error).to.match(/^pack \/packs\/html\.json: not valid JSON \(.+\)$/);
  });

  it('names each problem of a pack of the wrong shape', async () => {
    await startMsw(http.get('/packs/shape.json', () => HttpResponse.json({ id: 'x', version: '1', sdk: '^0.1', strings: { en: {} }, rules: [{ id: 'r', when: { signal: 'typo' } }] })));
    const r = await loadPack('/packs/shape.json', opts);
    expect(!r.ok && r.error).to.equal(
      `pack /packs/shape.json: invalid rule pack (2 problems): /rules/0/when/signal: expected one of ${SIGNALS.join(', ')}, got "typo"; /rules/0/solution: missing; expected a solution`,
    );
  });

  it('names a network failure', async () => {
    await startMsw(http.get('/packs/down.json', () => HttpResponse.error()));
    const r = await loadPack('/packs/down.json', opts);
    expect(!r.ok && r.error).to.match(/^pack \/packs\/down\.json: could not be fetched \(.+\)$/);
  });

  it('gives up on a pack that never answers when its time is up (virtual: the test fires the timeout)', async () => {
    await startMsw(http.get('/packs/slow.json', async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }));
    const timeout = new AbortController();
    const pending = loadPack('/packs/slow.json', { ...opts, signal: timeout.signal });
    timeout.abort(new DOMException('timed out', 'TimeoutError'));
    expect(await pending).to.deep.equal({ ok: false, error: 'pack /packs/slow.json: no answer in time (timed out)' });
  });

  it('refuses an oversized pack before parsing it', async () => {
    await startMsw(http.get('/packs/huge.json', () => HttpResponse.text(`{"pad":"${'x'.repeat(2_200_000)}"}`)));
    const r = await loadPack('/packs/huge.json', opts);
    expect(!r.ok && r.error).to.equal('pack /packs/huge.json: 2200010 characters is over the limit of 2097152');
  });
});
