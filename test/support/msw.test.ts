// Proves the msw rig: each assertion here fails if the worker is not intercepting.
import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { captureRequests, nextRequest, startMsw } from './msw.js';

// A value no real server could return, so a match proves the mock answered.
const nonce = `n-${Math.random().toString(36).slice(2)}`;

const hello = http.get('/api/hello', () => HttpResponse.json({ hello: 'world', nonce }));
const collect = http.post('/api/collect', () => new HttpResponse(null, { status: 204 }));
const gone = http.get('/package.json', () => HttpResponse.json({ error: 'gone', nonce }, { status: 404 }));

describe('test/support/msw', () => {
  beforeEach(() => startMsw(hello, collect, gone));

  it('answers a GET from a handler', async () => {
    const res = await fetch('/api/hello');
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ hello: 'world', nonce });
  });

  it('captures the JSON body of a POST, in order', async () => {
    const sent = captureRequests<{ n: number }>('/api/collect');
    const first = await fetch('/api/collect', { method: 'POST', body: JSON.stringify({ n: 1 }) });
    await fetch('/api/collect', { method: 'POST', body: JSON.stringify({ n: 2 }) });
    // The dev server has no POST route: 204 can only come from the handler.
    expect(first.status).to.equal(204);
    expect(sent).to.deep.equal([{ n: 1 }, { n: 2 }]);
    sent.stop();
    await fetch('/api/collect', { method: 'POST', body: JSON.stringify({ n: 3 }) });
    expect(sent).to.have.length(2);
  });

  it('resolves nextRequest with the next matching POST only', async () => {
    const next = nextRequest<{ id: string }>('/api/collect');
    await fetch('/api/other', { method: 'POST', body: JSON.stringify({ id: 'wrong-url' }) });
    await fetch('/api/collect', { method: 'GET' }).catch(() => undefined);
    await fetch('/api/collect', { method: 'POST', body: JSON.stringify({ id: 'right' }) });
    expect(await next).to.deep.equal({ id: 'right' });
  });

  it('sees a beacon', async () => {
    const next = nextRequest('/api/collect');
    const queued = navigator.sendBeacon(
      '/api/collect',
      new Blob([JSON.stringify({ beacon: true })], { type: 'application/json' }),
    );
    expect(queued).to.equal(true);
    expect(await next).to.deep.equal({ beacon: true });
  });

  it('observes a mocked 404 on a file the server does have', async () => {
    const res = await fetch('/package.json');
    expect(res.status).to.equal(404);
    expect(await res.json()).to.deep.equal({ error: 'gone', nonce });
  });

  it('passes unhandled requests through to the dev server', async () => {
    await startMsw(hello);
    const res = await fetch('/package.json');
    expect(res.status).to.equal(200);
    expect((await res.json()).name).to.equal('zerocall');
  });

  it('reuses one worker and replaces its handlers on each start', async () => {
    const before = await startMsw(hello);
    const other = http.get('/api/hello', () => HttpResponse.json({ hello: 'again' }));
    const after = await startMsw(other);
    expect(after).to.equal(before);
    expect(await (await fetch('/api/hello')).json()).to.deep.equal({ hello: 'again' });
  });

  it('keeps capturing requests answered by runtime worker.use() handlers', async () => {
    const worker = await startMsw();
    worker.use(http.post('/api/runtime', () => new HttpResponse(null, { status: 202 })));
    const sent = captureRequests('/api/runtime');
    const res = await fetch('/api/runtime', { method: 'POST', body: '{"x":1}' });
    expect(res.status).to.equal(202);
    expect(sent).to.deep.equal([{ x: 1 }]);
  });
});
