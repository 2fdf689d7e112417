import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { NetEvent } from '../../src/engine/types.js';
import { errorSensor } from '../../src/sensors/error-sensor.js';
import { networkSensor } from '../../src/sensors/network-sensor.js';
import { startMsw } from '../support/msw.js';
import { virtualContext } from './virtual.js';

const xhr = (method: string, url: string) =>
  new Promise<number>((resolve) => {
    const r = new XMLHttpRequest();
    r.open(method, url);
    r.onloadend = () => resolve(r.status);
    r.send('{"card":"4242424242424242"}');
  });

describe('error and network sensors (real DOM, msw)', () => {
  it('network: fetch and XHR start/end with method, scrubbed path and status; the host gets its response untouched', async () => {
    await startMsw(
      http.post('/api/pay', () => HttpResponse.json({ ok: false }, { status: 502 })),
      http.get('/api/orders', () => HttpResponse.json([{ id: 1 }])),
      http.get('/api/down', () => HttpResponse.error()),
      http.put('/api/xhr', () => new HttpResponse(null, { status: 404 })),
      http.post('/collect', () => new HttpResponse(null, { status: 204 })),
    );
    const v = virtualContext([], window);
    const stop = networkSensor({ ...v.ctx, ownUrls: ['/collect'], allowParams: ['page'] });
    const pay = await fetch('/api/pay?card=4242&page=2', { method: 'post', body: 'secret-body' });
    expect(await pay.json(), 'host still reads its body').to.deep.equal({ ok: false });
    await fetch(new Request('/api/orders#frag'));
    await fetch('/api/down').catch(() => undefined);
    await fetch('/collect', { method: 'POST' });
    const typeahead = new AbortController();
    const cancelled = fetch('/api/orders?q=a', { signal: typeahead.signal }).catch(() => 'aborted');
    typeahead.abort();
    expect(await cancelled).to.equal('aborted');
    expect(await xhr('PUT', '/api/xhr?token=abc')).to.equal(404);
    // The host's own onloadend ran first; ours is the next listener, after this task.
    await new Promise((r) => setTimeout(r));
    stop();
    const nets = v.events.filter((e): e is NetEvent => e.type === 'net');
    expect(nets.map((e) => `${e.phase} ${e.method} ${e.path} ${e.status ?? ''} ${e.aborted ? 'aborted' : ''}`.trim())).to.deep.equal([
      'start POST /api/pay?page=2',
      'end POST /api/pay?page=2 502',
      'start GET /api/orders',
      'end GET /api/orders 200',
      'start GET /api/down',
      'end GET /api/down 0',
      'start GET /api/orders',
      'end GET /api/orders 0 aborted',
      'start PUT /api/xhr',
      'end PUT /api/xhr 404',
    ]);
    expect(new Set(nets.map((e) => e.id)).size).to.equal(5);
    expect(JSON.stringify(v.events)).to.not.contain('4242').and.not.contain('secret').and.not.contain('abc');
    expect(window.fetch.name, 'fetch restored').to.equal('fetch');
  });

  it('errors: uncaught errors and unhandled rejections, truncated, script URL without its query; resource errors ignored', async () => {
    const v = virtualContext();
    const stop = errorSensor(v.ctx);
    // Keep mocha's and the runner's own handlers from treating our test errors as failures.
    const quiet = (e: Event) => e.stopImmediatePropagation();
    const onerror = window.onerror;
    window.onerror = null;
    addEventListener('error', quiet);
    addEventListener('unhandledrejection', quiet);
    try {
      dispatchEvent(new ErrorEvent('error', { message: 'boom', error: new TypeError('x is undefined'), filename: `${location.origin}/app.js?v=1&token=t`, lineno: 12 }));
      dispatchEvent(new PromiseRejectionEvent('unhandledrejection', { promise: Promise.resolve(), reason: 'y'.repeat(500) }));
      const img = document.createElement('img');
      img.src = '/nope.png';
      document.body.append(img);
      img.dispatchEvent(new Event('error'));
      img.remove();
    } finally {
      removeEventListener('error', quiet);
      removeEventListener('unhandledrejection', quiet);
      window.onerror = onerror;
      stop();
    }
    expect(v.events).to.have.length(2);
    const [err, rej] = v.events;
    expect(err).to.deep.include({ type: 'js-error', kind: 'error', message: 'TypeError: x is undefined', source: '/app.js:12' });
    expect(rej!.type === 'js-error' && rej!.kind).to.equal('rejection');
    expect(rej!.type === 'js-error' && rej!.message.length).to.equal(200);
  });
});
