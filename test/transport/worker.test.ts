// The transport in a worker, as the script tag runs it: dist/zerocall.js loaded into a shared
// worker through a blob script, msw as the collector. What the page keeps for an exit, and how
// the page takes over when the worker cannot start or breaks, losing nothing.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { ENGINE_DELAY, startRuntime, type RuntimeConfig } from '../../src/runtime.js';
import { openOutbox } from '../../src/store/outbox.js';
import { connect, openStore } from '../../src/store/store.js';
import type { Batch, RecordDraft } from '../../src/transport/record.js';
import { createTransport, type DropReason, type Transport } from '../../src/transport/transport.js';
import { createWorkerTransport, spawnScriptWorker, type FromWorker, type ToWorker, type WorkerInit, type WorkerPort } from '../../src/transport/worker-transport.js';
import { packWith } from '../engine/recorded.js';
import { startMsw } from '../support/msw.js';
import { resetStore } from '../support/store.js';
import { virtualTimers } from '../support/virtual-timers.js';

const DB = 'zc-worker-test';
const ENDPOINT = new URL('/w/collect', location.href).href;
const TYPED = 'Zq7sekret 4111 1111 1111 1111';

/** The production worker: dist/zerocall.js, started as src/global.ts starts it. */
const distWorker = (script = '/dist/zerocall.js'): WorkerPort => spawnScriptWorker(new URL(script, location.href).href);

// A worker starts in its own time (it loads and parses dist/zerocall.js): waits allow for a slow machine.

/** An msw collector at /w/collect; `answer` decides each response. */
async function collector(answer: (n: number) => Response | Promise<Response> = () => new HttpResponse(null, { status: 204 })) {
  const bodies: Batch[] = [];
  await startMsw(
    http.post('/w/collect', async ({ request }) => {
      bodies.push((await request.json()) as Batch);
      return answer(bodies.length);
    }),
  );
  const ids = () => bodies.flatMap((b) => b.events.map((e) => e.id));
  return { bodies, ids, unique: () => new Set(ids()) };
}

const draft = (i: number): RecordDraft => ({ t: i, kind: 'outcome', rule: 'r', outcome: 'shown' });
const STAMP = { base: 'page', sid: 's', pack: 'p@1' };
const INIT: WorkerInit = { endpoint: ENDPOINT, maxQueue: 1000, maxQueueBytes: 1_000_000, held: false, allowParams: [], stamp: STAMP, db: DB, batchSize: 10 };
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `page.${(from + i).toString(36)}`);

/** A worker transport over `worker`; the page's own requests (an exit) are kept apart, and so are losses. */
function overWorker(worker: WorkerPort, init: Partial<WorkerInit> = {}) {
  const v = virtualTimers(1_700_000_000_000);
  const exits: Array<{ keepalive: boolean; body: Batch }> = [];
  const drops: Array<{ reason: DropReason; count: number; status?: number }> = [];
  let fellBack: number | undefined;
  const fetchSpy: typeof fetch = (input, req) => {
    exits.push({ keepalive: req?.keepalive === true, body: JSON.parse(String(req?.body)) as Batch });
    return window.fetch(input, req);
  };
  const mainFallback = (first: number): Transport =>
    createTransport({
      endpoint: ENDPOINT,
      fetch: window.fetch.bind(window),
      now: v.now,
      after: v.after,
      outbox: openOutbox(connect(window, DB), { records: 1000, bytes: 1_000_000 }),
      scrub: (r) => r,
      stamp: STAMP,
      first,
      batchSize: 10,
    });
  const t = createWorkerTransport({
    endpoint: ENDPOINT,
    fetch: fetchSpy,
    now: v.now,
    worker,
    init: { ...INIT, ...init },
    base: () => location.href,
    scrub: (r) => r,
    after: v.after,
    onDrop: (reason, count, _report, status) => drops.push({ reason, count, ...(status ? { status } : {}) }),
    fallback(first) {
      fellBack = first;
      return mainFallback(first);
    },
  });
  return { t, v, exits, drops, fellBack: () => fellBack };
}

/** A stand-in worker the test drives: what the page posted, and a way to answer. */
function fakeWorker() {
  const target = new EventTarget();
  const posted: ToWorker[] = [];
  let terminated = false;
  const port: WorkerPort = {
    postMessage: (m) => void posted.push(m),
    addEventListener: (type, fn) => target.addEventListener(type, fn),
    terminate: () => void (terminated = true),
  };
  const answer = (m: FromWorker) => target.dispatchEvent(new MessageEvent('message', { data: m }));
  const sent = () => posted.flatMap((m) => (m.t === 'send' ? m.records : []));
  return { port, posted, answer, sent, terminated: () => terminated };
}
const STATS = { sent: 0, dropped: { evicted: 0, rejected: 0, 'too-large': 0 }, durable: true, worker: true };

describe('telemetry in a worker', () => {
  beforeEach(() => resetStore(DB));

  it('the whole pipeline through dist/zerocall.js in a worker: every record once, none of the requests from the page, nothing typed', async () => {
    const c = await collector();
    document.body.innerHTML = '<label>Name <input id="name"></label><button id="pay">Pay</button>';
    const v = virtualTimers(1_700_000_000_000);
    const recorded: string[] = [];
    const config: RuntimeConfig = { endpoint: '/w/collect', locale: 'en', sid: 'in-worker', telemetry: { batchSize: 4 } };
    const rt = startRuntime(packWith([{ id: 'help', budget: { minGap: '1ms' } } as never]), config, {
      win: window,
      load: () => new Promise(() => undefined),
      now: v.now,
      every: () => () => undefined,
      after: v.after,
      notify: (type) => ['signal', 'decision', 'outcome', 'error'].includes(type) && recorded.push(type),
      store: openStore(window, DB),
      telemetryWorker: () => distWorker(),
    });
    document.querySelector<HTMLInputElement>('#name')!.focus();
    await sendKeys({ type: TYPED });
    performance.clearResourceTimings();
    const pay = document.querySelector('#pay')!;
    for (let burst = 0; burst < 3; burst++) {
      for (let i = 0; i < 3; i++) pay.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
      v.advance(ENGINE_DELAY + 10_000);
    }
    expect(recorded.length).to.be.greaterThan(3);
    await waitUntil(() => rt.telemetry()?.worker === true && c.bodies.length > 0, 'the worker started and sent', { timeout: 10_000 });
    await rt.stop();
    const got = [...new Map(c.bodies.flatMap((b) => b.events.map((e) => [e.id, e] as const))).values()];
    expect(got.map((e) => e.kind).sort()).to.deep.equal([...recorded].sort());
    expect(got.every((e) => e.sid === 'in-worker' && e.pack === 'test@1')).to.equal(true);
    expect(JSON.stringify(c.bodies)).to.not.contain('sekret').and.not.contain('4111');
    expect(rt.telemetry()).to.deep.include({ sent: got.length, worker: true, durable: true });
    // The requests were the worker's: the page's own resource timeline has none of them.
    expect(performance.getEntriesByType('resource').filter((e) => e.name.includes('/w/collect'))).to.deep.equal([]);
  });

  it('leaving: the page sends what the worker has not settled, under the ids the worker gave them', async () => {
    // The worker's second request hangs: its records are on the wire, unsettled, when the page goes.
    let release = (): void => undefined;
    const hung = new Promise<Response>((resolve) => (release = () => resolve(new HttpResponse(null, { status: 204 }))));
    const c = await collector((n) => (n === 2 ? hung : new HttpResponse(null, { status: 204 })));
    const { t, exits } = overWorker(distWorker());
    for (let i = 0; i < 3; i++) t.send(draft(i));
    await t.flush(); // the worker answers once it has settled records 0-2
    expect(t.exitPoint().from).to.equal(3);
    for (let i = 3; i < 8; i++) t.send(draft(i));
    void t.flush();
    await waitUntil(() => c.bodies.length === 2, 'the worker sent records 3-7', { timeout: 10_000 });
    t.flushOnExit(true);
    await waitUntil(() => exits.length > 0, 'the page sent an exit', { timeout: 10_000 });
    expect(exits.every((e) => e.keepalive)).to.equal(true);
    // Exactly the unsettled ones, with the ids of the copies on the wire: a collector dedupes them.
    expect(exits.flatMap((e) => e.body.events.map((r) => r.id))).to.deep.equal(ids(3, 8));
    expect(c.bodies[1]!.events.map((r) => r.id)).to.deep.equal(ids(3, 8));
    // Answered at last: the worker lets go of the origin's flush lock, which the next test needs.
    release();
    await t.flush();
    t.stop();
  });

  it('only hidden: the worker, which lives on, sends; the page sends nothing itself', async () => {
    const c = await collector();
    const { t, exits } = overWorker(distWorker());
    for (let i = 0; i < 4; i++) t.send(draft(i));
    t.flushOnExit(false);
    await waitUntil(() => c.ids().length === 4, 'the worker sent the four', { timeout: 10_000 });
    expect(exits).to.deep.equal([]);
    expect(c.ids()).to.deep.equal(ids(0, 4));
    t.stop();
  });

  it('a worker whose script cannot load: the page takes over and sends every record, numbered on', async () => {
    const c = await collector();
    const { t, fellBack } = overWorker(distWorker('/no-such-script.js'));
    for (let i = 0; i < 5; i++) t.send(draft(i));
    await waitUntil(() => fellBack() !== undefined, 'the page took over', { timeout: 10_000 });
    expect(fellBack()).to.equal(0);
    for (let i = 5; i < 7; i++) t.send(draft(i));
    await t.flush();
    expect([...c.unique()].sort()).to.deep.equal(ids(0, 7).sort());
    expect(t.stats()).to.deep.include({ sent: 7, worker: false });
  });

  it('a worker that breaks after settling some: the page resends only the rest, under the same ids', async () => {
    const c = await collector();
    const w = fakeWorker();
    const { t, fellBack } = overWorker(w.port);
    w.answer({ t: 'state', stats: STATS, exit: { from: 0, until: 0 } });
    for (let i = 0; i < 6; i++) t.send(draft(i));
    await Promise.resolve();
    expect(w.sent()).to.have.length(6);
    // The worker delivered 0-3, said so, and then failed.
    w.answer({ t: 'state', stats: { ...STATS, sent: 4 }, exit: { from: 4, until: 0 } });
    w.answer({ t: 'fail', message: 'IndexedDB is gone' });
    expect(fellBack()).to.equal(4);
    expect(w.terminated()).to.equal(true);
    await t.flush();
    expect(c.ids()).to.deep.equal(ids(4, 6));
    t.send(draft(6));
    await t.flush();
    expect(c.ids()).to.deep.equal(ids(4, 7));
    // The worker's counts stay in the totals.
    expect(t.stats()).to.deep.include({ sent: 7, worker: false });
  });

  it('a worker that never answers: after 10 s the page takes over', async () => {
    const c = await collector();
    const w = fakeWorker();
    const { t, v, fellBack } = overWorker(w.port);
    t.send(draft(0));
    const flushed = t.flush();
    v.advance(9_999);
    expect(fellBack()).to.equal(undefined);
    v.advance(1);
    expect(fellBack()).to.equal(0);
    await flushed;
    expect(c.ids()).to.deep.equal(ids(0, 1));
  });

  it('losses the worker counts reach the page: reported, and in the stats', async () => {
    await collector(() => new HttpResponse(null, { status: 400 }));
    const { t, drops } = overWorker(distWorker());
    for (let i = 0; i < 3; i++) t.send(draft(i));
    await t.flush();
    expect(drops).to.deep.equal([{ reason: 'rejected', count: 3, status: 400 }]);
    expect(t.stats().dropped.rejected).to.equal(3);
    t.stop();
  });

  it('consent: held, the worker sends nothing; granted, it sends; withdrawn, it forgets the queue', async () => {
    const c = await collector();
    const { t, exits } = overWorker(distWorker(), { held: true });
    t.send(draft(0));
    await t.flush();
    expect(c.bodies).to.deep.equal([]);
    await t.consent(true);
    t.send(draft(1));
    await t.flush();
    expect(c.ids()).to.have.length(1);
    await collector(() => new HttpResponse(null, { status: 503 }));
    for (let i = 2; i < 5; i++) t.send(draft(i));
    await t.flush();
    const queued = async () => (await connect(window, DB)())!.count('outbox');
    expect(await queued()).to.be.greaterThan(0);
    await t.consent(false);
    expect(await queued()).to.equal(0);
    // Nothing is left for an exit either.
    t.flushOnExit(true);
    expect(exits).to.deep.equal([]);
    t.stop();
  });

  it('the runtime keeps telemetry on the main thread with worker: false, and when starting one throws', async () => {
    const c = await collector();
    for (const worker of [false as const, () => { throw new DOMException('refused by the Content-Security-Policy', 'SecurityError'); }]) {
      const v = virtualTimers(1_700_000_000_000);
      const rt = startRuntime(packWith([{ id: 'help' } as never]), { endpoint: '/w/collect', locale: 'en', sid: 'main', telemetry: { worker } }, {
        win: window,
        load: () => new Promise(() => undefined),
        now: v.now,
        every: () => () => undefined,
        after: v.after,
        notify: () => undefined,
        store: openStore(window, DB),
        telemetryWorker: () => distWorker(),
      });
      expect(rt.telemetry()?.worker).to.equal(false);
      await rt.stop();
    }
    expect(c.bodies).to.deep.equal([]);
  });
});
