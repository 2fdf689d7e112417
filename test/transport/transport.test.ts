import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { Batch, TelemetryRecord } from '../../src/transport/record.js';
import { createTransport } from '../../src/transport/transport.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { virtualTimers } from '../support/virtual-timers.js';

const rec = (i: number): TelemetryRecord => ({ id: `r${i}`, t: i, kind: 'outcome', sid: 's', rule: 'r', outcome: 'shown' });
const ids = (bodies: Batch[]) => bodies.flatMap((b) => b.events.map((e) => e.id));

describe('transport', () => {
  it('sends a full batch at once and the rest when its time is up (virtual time)', async () => {
    await startMsw(http.post('/t/collect', () => new HttpResponse(null, { status: 204 })));
    const bodies = captureRequests<Batch>('/t/collect');
    const v = virtualTimers();
    const t = createTransport({ endpoint: '/t/collect', fetch: window.fetch.bind(window), now: v.now, after: v.after, maxBatch: 3, flushAfter: 5000 });
    for (let i = 0; i < 4; i++) t.send(rec(i));
    await t.flush();
    expect(bodies.map((b) => b.events.length)).to.deep.equal([3, 1]);
    for (let i = 4; i < 6; i++) t.send(rec(i));
    v.advance(4999);
    expect(bodies).to.have.length(2);
    v.advance(1);
    await t.flush();
    expect(ids(bodies)).to.deep.equal(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(bodies[0]).to.deep.include({ v: 1, sdk: '0.1.0' });
  });

  it('keeps a failed batch, retries it under the same batch id with a growing delay, and loses nothing', async () => {
    let fail = 3;
    await startMsw(http.post('/t/flaky', () => (fail-- > 0 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 204 }))));
    const bodies = captureRequests<Batch>('/t/flaky');
    const v = virtualTimers();
    const t = createTransport({ endpoint: '/t/flaky', fetch: window.fetch.bind(window), now: v.now, after: v.after, maxBatch: 10, flushAfter: 1000 });
    t.send(rec(1));
    t.send(rec(2));
    await t.flush();
    expect(v.pending()).to.deep.equal([1000]);
    v.advance(1000);
    await t.flush();
    expect(v.pending()).to.deep.equal([2000]);
    t.send(rec(3));
    v.advance(2000);
    await t.flush();
    v.advance(4000);
    await t.flush();
    expect(bodies).to.have.length(5);
    expect(new Set(bodies.slice(0, 4).map((b) => b.batch)).size, 'one batch id across retries').to.equal(1);
    expect([...new Set(ids(bodies))]).to.deep.equal(['r1', 'r2', 'r3']);
  });

  it('survives a collector that is down (network error) until it comes back', async () => {
    let down = true;
    await startMsw(http.post('/t/down', () => (down ? HttpResponse.error() : new HttpResponse(null, { status: 204 }))));
    const bodies = captureRequests<Batch>('/t/down');
    const v = virtualTimers();
    const t = createTransport({ endpoint: '/t/down', fetch: window.fetch.bind(window), now: v.now, after: v.after, flushAfter: 1000 });
    t.send(rec(1));
    await t.flush();
    down = false;
    v.advance(1000);
    await t.flush();
    expect(ids(bodies.slice(-1))).to.deep.equal(['r1']);
  });

  it('hands everything to keepalive requests on exit, in chunks under 64 KB', async () => {
    const seen: Array<{ keepalive: boolean; bytes: number }> = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      seen.push({ keepalive: init.keepalive === true, bytes: String(init.body).length });
      return new Response(null, { status: 204 });
    }) as typeof fetch;
    const v = virtualTimers();
    const t = createTransport({ endpoint: '/t/exit', fetch: fakeFetch, now: v.now, after: v.after, maxBatch: 10_000 });
    const big = (i: number): TelemetryRecord => ({ ...rec(i), message: 'x'.repeat(1000) });
    for (let i = 0; i < 150; i++) t.send(big(i));
    t.flushOnExit();
    expect(seen.length).to.be.greaterThan(2);
    expect(seen.every((s) => s.keepalive && s.bytes < 64 * 1024)).to.equal(true);
    expect(v.pending(), 'no timer left behind').to.deep.equal([]);
  });

  it('drops the oldest records beyond the queue bound and counts them', async () => {
    const v = virtualTimers();
    const t = createTransport({ endpoint: '/t/none', fetch: (() => Promise.reject(new Error('offline'))) as typeof fetch, now: v.now, after: v.after, maxBatch: 100, maxQueue: 5 });
    for (let i = 0; i < 8; i++) t.send(rec(i));
    expect(t.dropped).to.equal(3);
  });
});
