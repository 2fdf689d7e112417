import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { openOutbox, type Outbox, type Take } from '../../src/store/outbox.js';
import { connect } from '../../src/store/store.js';
import type { Batch, TelemetryRecord } from '../../src/transport/record.js';
import { createTransport, type DropReason, type TransportOptions } from '../../src/transport/transport.js';
import { startMsw } from '../support/msw.js';
import { resetStore } from '../support/store.js';
import { virtualTimers } from '../support/virtual-timers.js';

const DB = 'zc-transport-test';
const rec = (i: number, extra: Partial<TelemetryRecord> = {}): TelemetryRecord => ({ id: `r${i}`, t: i, kind: 'outcome', sid: 's', rule: 'r', outcome: 'shown', ...extra });
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
/** The record ids in a batch the outbox hands out. */
const queued = (take: Take) => take.segments.flatMap((s) => s.events.map((e) => (JSON.parse(e) as TelemetryRecord).id));

/** An msw collector at `path` answering with `answer(body, n)`; keeps every body it got. */
async function collector(path: string, answer: (body: Batch, n: number) => Response | Promise<Response> = () => new HttpResponse(null, { status: 204 })) {
  const bodies: Batch[] = [];
  await startMsw(
    http.post(path, async ({ request }) => {
      const body = (await request.json()) as Batch;
      bodies.push(body);
      return answer(body, bodies.length);
    }),
  );
  const ids = () => bodies.flatMap((b) => b.events.map((e) => e.id));
  return { bodies, ids, unique: () => [...new Set(ids())].sort((a, b) => +a.slice(1) - +b.slice(1)) };
}

/** A transport on virtual time over a real IndexedDB outbox. */
function harness(endpoint: string, options: Partial<TransportOptions> = {}, outbox: Outbox = openOutbox(connect(window, DB), { records: 1000, bytes: 1_000_000 })) {
  const v = virtualTimers(1_700_000_000_000);
  const drops: Array<{ reason: DropReason; count: number; report: boolean; status?: number }> = [];
  const t = createTransport({
    endpoint,
    fetch: window.fetch.bind(window),
    now: v.now,
    after: v.after,
    random: () => 0.5,
    outbox,
    scrub: (r) => r,
    stamp: { base: 'page', sid: 's' },
    batchSize: 10,
    flushInterval: 1000,
    onDrop: (reason, count, report, status) => drops.push({ reason, count, report, ...(status ? { status } : {}) }),
    ...options,
  });
  /** Lets the microtask that persists a burst, and IndexedDB, finish. */
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { v, t, outbox, drops, settle };
}

describe('transport: batching, retries and losses', () => {
  beforeEach(() => resetStore(DB));

  it('sends a full batch at once and the rest when its time is up', async () => {
    const c = await collector('/t/collect');
    const { v, t, settle } = harness('/t/collect', { batchSize: 3 });
    v.advance(1000); // the start-up flush of earlier pages' records finds none
    await t.flush();
    range(0, 4).forEach((i) => t.send(rec(i)));
    await settle();
    await t.flush();
    expect(c.bodies.map((b) => b.events.length)).to.deep.equal([3, 1]);
    range(4, 6).forEach((i) => t.send(rec(i)));
    await settle();
    v.advance(999);
    expect(c.bodies).to.have.length(2);
    v.advance(1);
    await t.flush();
    expect(c.ids()).to.deep.equal(range(0, 6).map((i) => `r${i}`));
    expect(c.bodies[0]).to.deep.include({ v: 1, sdk: '0.1.0' });
    expect(new Set(c.bodies.map((b) => b.batch)).size, 'a batch id each').to.equal(3);
    expect(t.stats()).to.deep.include({ sent: 6, durable: true });
  });

  it('backs off exponentially with jitter on 5xx and network errors, same batch id, nothing lost', async () => {
    const answers = [500, 502, 'error', 503];
    const c = await collector('/t/storm', (_b, n) => {
      const a = answers[n - 1];
      return a === undefined ? new HttpResponse(null, { status: 204 }) : a === 'error' ? HttpResponse.error() : new HttpResponse(null, { status: a as number });
    });
    const { v, t, settle } = harness('/t/storm', { random: () => 0 });
    range(0, 3).forEach((i) => t.send(rec(i)));
    await settle();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      await t.flush();
      waits.push(...v.pending());
      v.advance(Math.max(...v.pending()) - 1);
      await t.flush();
      expect(c.bodies, 'nothing before the backoff is over').to.have.length(attempt + 1);
      v.advance(1);
    }
    await t.flush();
    // random() = 0: the low end of equal jitter, half of 1, 2, 4, 8 s.
    expect(waits).to.deep.equal([500, 1000, 2000, 4000]);
    expect(c.bodies).to.have.length(5);
    expect(new Set(c.bodies.map((b) => b.batch)).size, 'one batch id across retries').to.equal(1);
    expect(c.unique()).to.deep.equal(['r0', 'r1', 'r2']);
  });

  it('waits as long as a 429 Retry-After says, in seconds or as a date', async () => {
    const retryAfter = ['7', new Date(1_700_000_000_000 + 7_000 + 12_000).toUTCString()];
    const c = await collector('/t/429', (_b, n) => (n <= 2 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': retryAfter[n - 1]! } }) : new HttpResponse(null, { status: 204 })));
    const { v, t, settle } = harness('/t/429');
    t.send(rec(1));
    await settle();
    await t.flush();
    expect(v.pending()).to.deep.equal([7000]);
    v.advance(7000);
    await t.flush();
    expect(v.pending(), 'to the date given').to.deep.equal([12_000]);
    v.advance(11_999);
    await t.flush();
    expect(c.bodies).to.have.length(2);
    v.advance(1);
    await t.flush();
    expect(c.bodies).to.have.length(3);
    expect(c.unique()).to.deep.equal(['r1']);
  });

  it('halves a batch on 413 until the collector takes it, and drops a single record it still refuses', async () => {
    const c = await collector('/t/413', (b) => new HttpResponse(null, { status: b.events.length > 2 || b.events.some((e) => e.message) ? 413 : 204 }));
    const { t, settle, drops } = harness('/t/413');
    range(0, 8).forEach((i) => t.send(rec(i)));
    t.send(rec(8, { kind: 'error', message: 'x'.repeat(100) }));
    await settle();
    await t.flush();
    const accepted = c.bodies.filter((b) => b.events.length <= 2 && !b.events.some((e) => e.message));
    expect(accepted.flatMap((b) => b.events.map((e) => e.id))).to.deep.equal(range(0, 8).map((i) => `r${i}`));
    expect(drops).to.deep.equal([{ reason: 'too-large', count: 1, report: true }]);
    expect(t.stats().dropped).to.deep.equal({ evicted: 0, rejected: 0, 'too-large': 1 });
  });

  it('drops a batch the collector refuses with another 4xx, counts it, and never reports a lost report', async () => {
    const c = await collector('/t/400', () => new HttpResponse(null, { status: 400 }));
    const { t, settle, drops } = harness('/t/400');
    range(0, 3).forEach((i) => t.send(rec(i)));
    await settle();
    await t.flush();
    t.send(rec(9, { kind: 'dropped', reason: 'rejected', count: 3, status: 400 }));
    await settle();
    await t.flush();
    expect(c.bodies).to.have.length(2);
    expect(drops).to.deep.equal([
      { reason: 'rejected', count: 3, report: true, status: 400 },
      { reason: 'rejected', count: 1, report: false, status: 400 },
    ]);
    expect(t.stats().dropped.rejected).to.equal(4);
  });

  it('evicts the oldest records beyond the count and byte bounds, and counts them', async () => {
    await collector('/t/down', () => HttpResponse.error());
    const outbox = openOutbox(connect(window, DB), { records: 12, bytes: 1_000_000 });
    const { t, settle, drops } = harness('/t/down', {}, outbox);
    range(0, 15).forEach((i) => t.send(rec(i)));
    await settle();
    await t.flush();
    expect(drops).to.deep.equal([{ reason: 'evicted', count: 3, report: true }]);
    const take = (await outbox.take(100, 1e9, 'b', Infinity)) as Take;
    expect(queued(take), 'the oldest went first, from the batch already tried').to.deep.equal(range(3, 10).map((i) => `r${i}`));
    await outbox.done(take);
    expect(queued((await outbox.take(100, 1e9, 'c', Infinity)) as Take)).to.deep.equal(range(10, 15).map((i) => `r${i}`));

    await resetStore(DB);
    const size = JSON.stringify(rec(10)).length + 1;
    const small = openOutbox(connect(window, DB), { records: 1000, bytes: size * 4 });
    const h = harness('/t/down', {}, small);
    range(10, 16).forEach((i) => h.t.send(rec(i)));
    await h.settle();
    await h.t.flush();
    expect(h.drops).to.deep.equal([{ reason: 'evicted', count: 2, report: true }]);
  });

  it('on exit, hands this page\'s records to keepalive requests within the 64 KB budget; the rest waits for the next page', async () => {
    const seen: Array<{ keepalive: boolean; bytes: number; ids: string[] }> = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as Batch;
      seen.push({ keepalive: init.keepalive === true, bytes: new Blob([String(init.body)]).size, ids: body.events.map((e) => e.id) });
      return new Response(null, { status: 503 });
    }) as typeof fetch;
    const { t } = harness('/t/exit', { fetch: fakeFetch, batchSize: 50 });
    range(0, 150).forEach((i) => t.send(rec(i, { kind: 'error', message: 'x'.repeat(1000) })));
    t.flushOnExit();
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.every((s) => s.keepalive)).to.equal(true);
    expect(seen.reduce((a, s) => a + s.bytes, 0)).to.be.lessThan(64 * 1024);
    const exited = seen.flatMap((s) => s.ids);
    expect(exited.length).to.be.lessThan(150);

    // The next page load (a new transport on the same queue) sends everything, the beaconed ones again under the same batch ids.
    const c = await collector('/t/exit');
    const next = harness('/t/exit', { batchSize: 50 });
    next.v.advance(1000);
    await next.t.flush();
    await next.t.flush();
    expect(c.unique()).to.have.length(150);
  });

  it('holds everything until consent, sends earlier pages\' records once granted, forgets them all when withdrawn', async () => {
    const c = await collector('/t/consent');
    const first = harness('/t/consent', { fetch: () => Promise.reject(new TypeError('offline')) });
    range(0, 3).forEach((i) => first.t.send(rec(i)));
    await first.settle();
    await first.t.flush();

    const held = harness('/t/consent', { held: true });
    held.t.send(rec(50));
    held.v.advance(10_000);
    await held.t.flush();
    expect(c.bodies, 'nothing before consent').to.have.length(0);
    await held.t.consent(true);
    expect(c.unique(), 'not what came before consent; all an earlier page queued').to.deep.equal(['r0', 'r1', 'r2']);

    const second = harness('/t/consent', { fetch: () => Promise.reject(new TypeError('offline')) });
    second.t.send(rec(60));
    await second.settle();
    await second.t.flush();
    await second.t.consent(false);
    second.t.send(rec(61));
    expect(await second.outbox.take(100, 1e9, 'b', Infinity), 'the queue is empty').to.equal(undefined);
    expect(c.unique()).to.deep.equal(['r0', 'r1', 'r2']);
  });

  it('posts OpenTelemetry logs when the format is otlp', async () => {
    const bodies: unknown[] = [];
    await startMsw(http.post('/t/v1/logs', async ({ request }) => (bodies.push(await request.json()), new HttpResponse(null, { status: 200 }))));
    const { t, settle } = harness('/t/v1/logs', { format: 'otlp' });
    t.send(rec(1));
    await settle();
    await t.flush();
    const logs = bodies[0] as { resourceLogs: Array<{ scopeLogs: Array<{ logRecords: Array<{ timeUnixNano: string; attributes: Array<{ key: string; value: { stringValue?: string } }> }> }> }> };
    const record = logs.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    expect(record.timeUnixNano).to.equal('1000000');
    expect(record.attributes.find((a) => a.key === 'log.record.uid')?.value.stringValue).to.equal('r1');
  });

  it('falls back to memory when IndexedDB is missing, and still delivers', async () => {
    const c = await collector('/t/memory');
    const { t, settle } = harness('/t/memory', {}, openOutbox(undefined, { records: 100, bytes: 100_000 }));
    range(0, 12).forEach((i) => t.send(rec(i)));
    await settle();
    await t.flush();
    expect(c.unique()).to.have.length(12);
    expect(t.stats().durable).to.equal(false);
  });
});
