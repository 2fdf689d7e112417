// The whole pipeline (sensors → engine → scrubber → outbox in IndexedDB → transport) against an
// msw collector that misbehaves, on virtual time. In every scenario the collector ends up with
// each record exactly once after dedupe by id, and nothing typed into the page reaches it.
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { ENGINE_DELAY, startRuntime, type Runtime, type RuntimeConfig } from '../../src/runtime.js';
import { openStore } from '../../src/store/store.js';
import type { Batch } from '../../src/transport/record.js';
import { packWith } from '../engine/recorded.js';
import { startMsw } from '../support/msw.js';
import { resetStore } from '../support/store.js';
import { virtualTimers } from '../support/virtual-timers.js';

const DB = 'zc-scenarios';
const T0 = 1_700_000_000_000;
const TYPED = ['Zq7sekret', '4111 1111 1111 1111', 'ann.lee@example.com'];
const COUNTED = new Set(['signal', 'decision', 'outcome', 'error']);

/** One page running the SDK on a virtual clock of its own; `expected` counts what it recorded. */
function tab(sid: string, config: Partial<RuntimeConfig> = {}) {
  const v = virtualTimers(T0);
  const recorded: string[] = [];
  const rt: Runtime = startRuntime(
    packWith([{ id: 'help', budget: { minGap: '1ms' } } as never]),
    { endpoint: '/s/collect', locale: 'en', sid, telemetry: { batchSize: 4, flushInterval: 1000 }, ...config },
    {
      win: window,
      load: () => new Promise(() => undefined),
      now: v.now,
      every: () => () => undefined,
      after: v.after,
      notify: (type) => COUNTED.has(type) && recorded.push(type),
      store: openStore(window, DB),
    },
  );
  return { sid, v, rt, recorded };
}

/** Rage clicks on #pay, `bursts` times, each decided by the engine. */
function struggle(pages: Array<ReturnType<typeof tab>>, bursts: number): void {
  const pay = document.querySelector('#pay')!;
  for (let b = 0; b < bursts; b++) {
    for (let i = 0; i < 3; i++) pay.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    for (const p of pages) p.v.advance(ENGINE_DELAY + 10_000);
  }
}

/** An msw collector; `answer` decides each response. Keeps every body it got. */
async function collector(answer: (n: number, body: Batch) => Response | Promise<Response> = () => new HttpResponse(null, { status: 204 })) {
  const bodies: Batch[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  await startMsw(
    http.post('/s/collect', async ({ request }) => {
      const body = (await request.json()) as Batch;
      bodies.push(body);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await answer(bodies.length, body);
      } finally {
        inFlight--;
      }
    }),
  );
  const unique = () => new Map(bodies.flatMap((b) => b.events.map((e) => [e.id, e] as const)));
  return { bodies, unique, maxInFlight: () => maxInFlight };
}

/** Every record each page recorded arrived, once after dedupe by id, and nothing typed is in any payload. */
async function everyRecordOnce(c: Awaited<ReturnType<typeof collector>>, pages: Array<ReturnType<typeof tab>>): Promise<void> {
  const expected = pages.reduce((n, p) => n + p.recorded.length, 0);
  await waitUntil(() => [...c.unique().values()].filter((e) => e.kind !== 'dropped').length >= expected, `the collector got ${expected} records`, { timeout: 5000 });
  const got = [...c.unique().values()].filter((e) => e.kind !== 'dropped');
  expect(got).to.have.length(expected);
  for (const p of pages) expect(got.filter((e) => e.sid === p.sid).map((e) => e.kind).sort(), p.sid).to.deep.equal([...p.recorded].sort());
  const wire = JSON.stringify(c.bodies);
  for (const text of TYPED) expect(wire).to.not.contain(text);
  expect(wire).to.not.contain('sekret');
}

/** Lets IndexedDB and the transport's promises run between virtual-time steps. */
const settle = () => new Promise((r) => setTimeout(r, 0));

/** Advances `page` in steps, letting promises run, until `done` or `ms` of virtual time. */
async function run(page: ReturnType<typeof tab>, ms: number, done: () => boolean = () => false): Promise<void> {
  for (let t = 0; t < ms && !done(); t += 250) {
    page.v.advance(250);
    for (let i = 0; i < 5; i++) await settle();
  }
}

/** The pages a test opened, each test starting from an empty queue and stopping them all after. */
function pagesPerTest(): Array<ReturnType<typeof tab>> {
  const pages: Array<ReturnType<typeof tab>> = [];
  beforeEach(async () => {
    await resetStore(DB);
    sessionStorage.removeItem('zc:nav');
    document.body.innerHTML = '<label>Name <input id="name"></label><button id="pay">Pay</button>';
  });
  afterEach(async () => {
    // Stopped and settled, so no page of one test sends into the next.
    await Promise.all(pages.splice(0).map((p) => p.rt.stop()));
  });
  return pages;
}

describe('telemetry scenarios: every record exactly once, nothing typed', () => {
  const pages = pagesPerTest();

  /** Starts pages, then types into the page's input while they watch. */
  async function open(...sids: string[]) {
    pages.push(...sids.map((sid) => tab(sid)));
    document.querySelector<HTMLInputElement>('#name')!.focus();
    for (const text of TYPED) await sendKeys({ type: `${text} ` });
    return pages;
  }

  it('offline for a while, then online', async () => {
    let offline = true;
    const c = await collector(() => (offline ? HttpResponse.error() : new HttpResponse(null, { status: 204 })));
    const [page] = await open('offline');
    struggle([page!], 3);
    await run(page!, 20_000);
    expect(c.bodies.length, 'tried while offline').to.be.greaterThan(0);
    struggle([page!], 2);
    await run(page!, 2000);
    offline = false;
    window.dispatchEvent(new Event('online'));
    await everyRecordOnce(c, pages);
  });

  it('a storm of 5xx answers', async () => {
    const c = await collector((n) => new HttpResponse(null, { status: n <= 6 ? [500, 502, 503][n % 3]! : 204 }));
    const [page] = await open('storm');
    struggle([page!], 4);
    await run(page!, 120_000, () => c.bodies.length > 6);
    await run(page!, 10_000);
    expect(c.bodies.length).to.be.greaterThan(6);
    await everyRecordOnce(c, pages);
  });

  it('429 with Retry-After: nothing is sent before the time it names', async () => {
    const c = await collector((n) => (n === 1 ? new HttpResponse(null, { status: 429, headers: { 'retry-after': '30' } }) : new HttpResponse(null, { status: 204 })));
    const [page] = await open('429');
    const log = c.bodies;
    struggle([page!], 2);
    await run(page!, 2000, () => log.length > 0);
    await waitUntil(() => page!.v.pending().some((ms) => ms > 20_000), 'the 429 was read');
    const answered = page!.v.now();
    struggle([page!], 1);
    await run(page!, 19_000);
    expect(log, 'no retry inside the 30 s').to.have.length(1);
    await run(page!, 3000, () => log.length > 1);
    expect(page!.v.now() - answered).to.be.within(30_000, 30_250);
    await everyRecordOnce(c, pages);
  });

  it('a reload in the middle of a flush', async () => {
    let reloaded = false;
    const hung: Array<() => void> = [];
    const c = await collector(() => (reloaded ? new HttpResponse(null, { status: 204 }) : new Promise<Response>((resolve) => hung.push(() => resolve(HttpResponse.error())))));
    const [before] = await open('before-reload');
    struggle([before!], 3);
    await run(before!, 1000, () => c.bodies.length > 0);
    await waitUntil(() => hung.length > 0, 'a request in flight');
    const inFlight = c.bodies[0]!.batch;
    // The page goes: pagehide hands its records to keepalive requests, whose answers never come back.
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    void before!.rt.stop();
    reloaded = true;
    hung.splice(0).forEach((abort) => abort());
    const after = tab('after-reload');
    pages.push(after);
    await run(after, 5000, () => c.bodies.some((b, i) => i > 0 && b.batch === inFlight));
    expect(c.bodies.filter((b) => b.batch === inFlight).length, 'the batch in flight is sent again under its id').to.be.greaterThan(1);
    await everyRecordOnce(c, pages);
  });

  it('two tabs: one flusher at a time, every record once', async () => {
    const c = await collector(async () => {
      // A collector that takes a moment, so two flushers at once would overlap here.
      await new Promise((r) => setTimeout(r, 20));
      return new HttpResponse(null, { status: 204 });
    });
    const [a, b] = await open('tab-a', 'tab-b');
    struggle([a!, b!], 4);
    await Promise.all([run(a!, 3000), run(b!, 3000)]);
    await everyRecordOnce(c, pages);
    expect(c.maxInFlight(), 'Web Locks: one flusher across tabs').to.equal(1);
    expect(new Set([...c.unique().values()].map((e) => e.sid))).to.deep.equal(new Set(['tab-a', 'tab-b']));
  });

  it('quota exceeded: the queue moves to memory and still delivers', async () => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
      if (this.name === 'outbox') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
    try {
      const c = await collector();
      const [page] = await open('quota');
      struggle([page!], 3);
      await run(page!, 3000);
      await everyRecordOnce(c, pages);
      expect(page!.rt.telemetry()).to.deep.include({ durable: false });
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});

describe('telemetry consent and the browser\'s privacy signals', () => {
  const pages = pagesPerTest();
  afterEach(() => {
    delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
    delete (navigator as { doNotTrack?: string }).doNotTrack;
  });

  for (const [signal, value] of [['globalPrivacyControl', true], ['doNotTrack', '1']] as const) {
    it(`${signal}: nothing is sent unless the product team chose privacySignals "ignore"`, async () => {
      Object.defineProperty(navigator, signal, { value, configurable: true });
      const c = await collector();
      const honoured = tab('honoured');
      pages.push(honoured);
      struggle([honoured], 2);
      await run(honoured, 3000);
      await honoured.rt.stop();
      expect(honoured.recorded.length).to.be.greaterThan(0);
      expect(c.bodies, 'nothing sent').to.have.length(0);
      expect(honoured.rt.telemetry()).to.equal(undefined);

      const ignored = tab('ignored', { privacySignals: 'ignore' });
      pages.push(ignored);
      struggle([ignored], 1);
      await everyRecordOnce(c, [ignored]);
    });
  }

  it('opt-in: nothing before consent, sent after it, and a withdrawal forgets what waits', async () => {
    let down = false;
    const c = await collector(() => (down ? HttpResponse.error() : new HttpResponse(null, { status: 204 })));
    const page = tab('opt-in', { consent: false });
    pages.push(page);
    struggle([page], 2);
    await run(page, 3000);
    expect(c.bodies, 'nothing before consent').to.have.length(0);
    page.rt.consent(true);
    const before = page.recorded.length;
    struggle([page], 2);
    await run(page, 3000);
    const after = [...c.unique().values()];
    expect(after.length, 'what was recorded after consent').to.equal(page.recorded.length - before);

    down = true;
    struggle([page], 2);
    await run(page, 3000);
    // The collector saw these bodies but answered with a network error: they wait in the queue.
    const tried = c.bodies.length;
    const seen = c.unique().size;
    page.rt.consent(false);
    down = false;
    page.v.advance(600_000);
    await run(page, 2000);
    window.dispatchEvent(new Event('online'));
    await run(page, 2000);
    expect(c.bodies.slice(tried), 'the withdrawal forgot the queue').to.have.length(0);
    expect(c.unique().size).to.equal(seen);
  });
});
