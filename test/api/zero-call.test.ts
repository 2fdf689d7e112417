import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { firstValueFrom, from, toArray } from 'rxjs';
import { createGuard } from '../../src/core/guard.js';
import { compilePack } from '../../src/engine/compile-pack.js';
import { pipeline } from '../../src/engine/pipeline.js';
import { parseSession } from '../../src/engine/session.js';
import { signPack } from '../../src/pack/signature.js';
import { openStore } from '../../src/store/store.js';
import { ZeroCall } from '../../src/index.js';
import { startRuntime } from '../../src/runtime.js';
import type { Batch } from '../../src/transport/record.js';
import { createZeroCall } from '../../src/zero-call.js';
import { packWith } from '../engine/recorded.js';
import { captureRequests, startMsw } from '../support/msw.js';
import pkg from '../../package.json' with { type: 'json' };
import { resetStore } from '../support/store.js';

describe('public API (npm entry)', () => {
  beforeEach(() => resetStore());
  afterEach(() => ZeroCall.shutdown());

  it('reports its version, equal to package.json', () => {
    expect(ZeroCall.version).to.equal(pkg.version);
  });

  it('throws on misuse with a message that says what to do', async () => {
    let error: unknown;
    try {
      await ZeroCall.init({} as never);
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.equal('TypeError: ZeroCall: init() needs { pack: "<url of the rule pack>" } (or data-pack on the script tag).');
    expect(() => ZeroCall.track('')).to.throw('track(name) needs an event name of 1 to 64 characters.');
    expect(() => ZeroCall.on('signal', 'nope' as never)).to.throw('needs a function');
    expect(() => ZeroCall.provide('orders()', () => [])).to.throw('provide(name, fn) needs a name of letters, digits');
    expect(() => ZeroCall.action('refund', 'fetch("/refund")' as never)).to.throw('action(name, fn) needs a name');
  });

  it('refuses telemetry options it does not know or that are out of range, naming them, and does not start', async () => {
    const refused = async (telemetry: unknown): Promise<string> => {
      let error: unknown;
      await ZeroCall.init({ pack: packWith([{ id: 'r' }]), endpoint: '/collect', telemetry: telemetry as never }).catch((e: unknown) => (error = e));
      return String(error);
    };
    expect(await refused('fast')).to.equal('TypeError: ZeroCall: init({ telemetry }) needs an object.');
    expect(await refused({ batchSize: 0 })).to.equal('TypeError: ZeroCall: init({ telemetry }): batchSize must be a whole number from 1 to 500.');
    expect(await refused({ flushInterval: 1.5 })).to.contain('flushInterval must be a whole number from 100');
    expect(await refused({ format: 'protobuf' })).to.contain('format must be "zerocall" or "otlp"');
    expect(await refused({ worker: true })).to.contain('worker must be false or a function that starts zerocall/worker');
    expect(await refused({ batchsize: 10 })).to.contain('unknown option "batchsize"');
    expect(ZeroCall.debug.telemetry()).to.equal(undefined);
    // Valid: running, with telemetry on the main thread where none is asked for.
    expect(await ZeroCall.init({ pack: packWith([{ id: 'r' }]), endpoint: '/collect', telemetry: { batchSize: 500, worker: false } })).to.equal(true);
    expect(ZeroCall.debug.telemetry()).to.deep.include({ worker: false, sent: 0 });
  });

  it('accepts a pack object, says when it is ready, and refuses a second init until shutdown', async () => {
    const ready: string[] = [];
    ZeroCall.on('ready', (r) => ready.push(r.pack));
    expect(await ZeroCall.init({ pack: packWith([{ id: 'r' }]) })).to.equal(true);
    expect(ready).to.deep.equal(['test@1']);
    let error: unknown;
    await ZeroCall.init({ pack: packWith([{ id: 'r' }]) }).catch((e: unknown) => (error = e));
    expect(String(error)).to.contain('init() was already called; call shutdown() first');
    await ZeroCall.shutdown();
    expect(await ZeroCall.init({ pack: packWith([{ id: 'r' }]) })).to.equal(true);
  });

  it('identify() and consent() reach the engine, before or after init, and a switched-off pack stays dormant', async () => {
    document.body.innerHTML = '<button id="pay">Pay</button>';
    // Each burst somewhere else on the button: one rage click is one signal however long it goes on.
    let x = 0;
    const rage = () => {
      x += 100;
      for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: x, clientY: 5 }));
    };
    const verdicts: string[] = [];
    ZeroCall.on('decision', (d) => verdicts.push(`shown:${d.rule}`));
    ZeroCall.on('suppressed', (s) => verdicts.push(`${s.reason}:${s.rule}`));
    let signals = 0;
    ZeroCall.on('signal', () => signals++);
    ZeroCall.identify({ plan: 'pro' });
    const pack = packWith([{ id: 'pro-help', when: { all: [{ signal: 'rage-click', target: '#pay' }, { context: 'plan', is: 'pro' }] }, cap: 5 }], { budget: { perSession: 5, minGap: '0s' } });
    expect(await ZeroCall.init({ pack, consent: 'pending' })).to.equal(true);
    rage();
    await waitUntil(() => verdicts.length === 1, 'the first verdict');
    expect(verdicts).to.deep.equal(['consent:pro-help']);
    ZeroCall.consent(true);
    ZeroCall.identify({ plan: 'free' });
    rage();
    await waitUntil(() => signals === 2, 'the second rage click');
    expect(verdicts, 'plan is free now: the condition does not hold').to.deep.equal(['consent:pro-help']);
    ZeroCall.identify({ plan: 'pro' });
    rage();
    await waitUntil(() => verdicts.length === 2, 'the second verdict');
    expect(verdicts).to.deep.equal(['consent:pro-help', 'shown:pro-help']);
    await ZeroCall.shutdown();
    const errors: string[] = [];
    ZeroCall.on('error', (e) => errors.push(e.message));
    expect(await ZeroCall.init({ pack: { ...packWith([{ id: 'r' }]), enabled: false } })).to.equal(false);
    expect(errors).to.deep.equal(['pack test@1 is switched off ("enabled": false)']);
    expect(() => ZeroCall.identify({ plan: { nested: true } } as never)).to.throw('identify(values) needs an object of at most 50 keys');
    expect(() => ZeroCall.consent('yes' as never)).to.throw('consent(granted) needs true or false.');
  });

  it('with a public key, loads only a pack signed by its private key, and says why it refuses one', async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const publicKey = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey))));
    const signed = await signPack(packWith([{ id: 'r' }]), pair.privateKey, 'ES256', 'k1');
    const errors: string[] = [];
    ZeroCall.on('error', (e) => errors.push(e.message));
    expect(await ZeroCall.init({ pack: signed, publicKey })).to.equal(true);
    await ZeroCall.shutdown();
    const tampered = { ...signed, budget: { perSession: 100 } };
    expect(await ZeroCall.init({ pack: tampered, publicKey })).to.equal(false);
    expect(await ZeroCall.init({ pack: packWith([{ id: 'r' }]), publicKey })).to.equal(false);
    expect(errors).to.deep.equal([
      'pack test: signature does not match: the pack was changed after signing, or signed with another key',
      'pack test: unsigned (no "signature"), but this page requires signed packs',
    ]);
  });

  it('debug: the struggle score with its top features, and a recording that replays through the engine', async () => {
    document.body.innerHTML = '<button id="pay">Pay</button>';
    const decisions: string[] = [];
    ZeroCall.on('decision', (d) => decisions.push(d.rule));
    ZeroCall.debug.record(true);
    expect(ZeroCall.debug.score()).to.equal(undefined);
    // No gap or daily cap: a late save of an earlier test's shows must not hold this one back.
    expect(await ZeroCall.init({ pack: packWith([{ id: 'pay-help' }], { budget: { perDay: 50, minGap: '1ms' } }) })).to.equal(true);
    for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    // A loaded CI machine may take longer than waitUntil's default second to run the engine.
    await waitUntil(() => decisions.length === 1, 'the decision', { timeout: 5000 });
    const score = ZeroCall.debug.score()!;
    expect(score.score).to.be.within(0.2, 1);
    expect(score.features[0]).to.deep.include({ feature: 'rage-click', value: 1 });
    const session = parseSession(ZeroCall.debug.exportSession());
    if ('error' in session) throw new Error(session.error);
    expect(session.header).to.deep.include({ zerocall: 'session', pack: 'test@1' });
    expect(session.events.filter((e) => e.type === 'click')).to.have.length(3);
    const replayed = await firstValueFrom(from(session.events).pipe(pipeline(compilePack(packWith([{ id: 'pay-help' }]))), toArray()));
    expect(replayed.filter((o) => o.type === 'decision').map((d) => (d as { rule: string }).rule)).to.deep.equal(['pay-help']);
    ZeroCall.debug.record(false);
  });

  it('one session id per tab visit: kept across a restart (a reload), shared by the recording and the telemetry, which carries track() by name', async () => {
    await startMsw(http.post('/api-test/visit', () => new HttpResponse(null, { status: 204 })));
    const batches = captureRequests<Batch>('/api-test/visit');
    sessionStorage.removeItem('zc:sid');
    const visit = async (): Promise<string> => {
      ZeroCall.debug.record(true);
      expect(await ZeroCall.init({ pack: packWith([{ id: 'r' }]), endpoint: '/api-test/visit' })).to.equal(true);
      ZeroCall.track('payment-succeeded');
      const id = (parseSession(ZeroCall.debug.exportSession()) as { header: { id: string } }).header.id;
      ZeroCall.debug.record(false);
      await ZeroCall.shutdown();
      return id;
    };
    const first = await visit();
    const second = await visit();
    expect(first).to.match(/^[\w-]{8,}$/);
    expect(second, 'a reload in the same tab is the same visit').to.equal(first);
    await waitUntil(() => batches.length >= 2, 'both loads sent their records', { timeout: 5000 });
    const tracks = batches.flatMap((b) => b.events).filter((e) => e.kind === 'track');
    expect(tracks.map((e) => [e.sid, e.name])).to.deep.equal([[first, 'payment-succeeded'], [first, 'payment-succeeded']]);
    // Thirty minutes after the tab last loaded or left a page, a new visit begins.
    sessionStorage.setItem('zc:sid', `${first} ${Date.now() - 31 * 60_000}`);
    expect(await visit()).to.not.equal(first);
  });

  it('a pack that breaks later runs its last good version; an unchanged one is revalidated with its ETag', async () => {
    let serve: 'good' | 'down' | 'broken' = 'good';
    const asked: Array<string | null> = [];
    await startMsw(
      http.get('/packs/lkg.json', ({ request }) => {
        asked.push(request.headers.get('if-none-match'));
        if (serve === 'down') return new HttpResponse(null, { status: 503 });
        if (serve === 'broken') return HttpResponse.text('{ "id": ', { headers: { etag: '"b"' } });
        return request.headers.get('if-none-match') === '"a"' ? new HttpResponse(null, { status: 304 }) : HttpResponse.json(packWith([{ id: 'r' }]), { headers: { etag: '"a"' } });
      }),
    );
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const ready: string[] = [];
      ZeroCall.on('ready', (r) => ready.push(r.pack));
      for (const state of ['good', 'good', 'down', 'broken'] as const) {
        serve = state;
        expect(await ZeroCall.init({ pack: '/packs/lkg.json' }), state).to.equal(true);
        await ZeroCall.shutdown();
      }
      expect(ready).to.deep.equal(['test@1', 'test@1', 'test@1', 'test@1']);
      expect(asked).to.deep.equal([null, '"a"', '"a"', '"a"']);
      expect(warnings).to.deep.equal([
        '[ZeroCall] pack /packs/lkg.json: HTTP 503 Service Unavailable. Running the last good version, test@1, until it is fixed. (zc:last-good)',
        '[ZeroCall] pack /packs/lkg.json: not valid JSON (Unexpected end of JSON input). Running the last good version, test@1, until it is fixed. (zc:last-good)',
      ]);
    } finally {
      console.warn = warn;
    }
  });

  it('fatigue outlives the visit (IndexedDB) and is shared with other tabs (BroadcastChannel)', async () => {
    document.body.innerHTML = '<button id="pay">Pay</button>';
    const pack = packWith([{ id: 'r', cooldown: '1h' }], { id: 'tabs' });
    const verdicts: string[] = [];
    ZeroCall.on('decision', (d) => verdicts.push(`shown:${d.rule}`));
    ZeroCall.on('suppressed', (v) => verdicts.push(`${v.reason}:${v.rule}`));
    let x = 0;
    const rage = () => {
      x += 100;
      for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: x, clientY: 5 }));
    };
    const otherTab = new BroadcastChannel('zerocall:fatigue');
    const heard: unknown[] = [];
    otherTab.onmessage = (e) => heard.push(e.data);
    try {
      // Another tab showed this rule a minute ago: its cooldown holds here too.
      expect(await ZeroCall.init({ pack })).to.equal(true);
      otherTab.postMessage({ type: 'show', pack: 'tabs', rule: 'r', t: Date.now() - 60_000 });
      await new Promise((r) => setTimeout(r, 50));
      rage();
      await waitUntil(() => verdicts.length === 1, 'the first verdict');
      expect(verdicts).to.deep.equal(['cooldown:r']);
      await ZeroCall.shutdown();
      await resetStore();

      // A show here is told to the other tabs, and remembered for the next visit.
      expect(await ZeroCall.init({ pack })).to.equal(true);
      rage();
      await waitUntil(() => verdicts.length === 2, 'the show');
      await waitUntil(() => heard.length === 1, 'the note to other tabs');
      expect(heard[0]).to.deep.include({ type: 'show', pack: 'tabs', rule: 'r' });
      await waitUntil(async () => (await openStore(window).getMemory('tabs'))?.rules.r !== undefined, 'the memory saved');
      await ZeroCall.shutdown();
      expect(await ZeroCall.init({ pack })).to.equal(true);
      rage();
      await waitUntil(() => verdicts.length === 3, 'the verdict on the next visit');
      expect(verdicts).to.deep.equal(['cooldown:r', 'shown:r', 'cooldown:r']);
    } finally {
      otherTab.close();
    }
  });

  it('keeps running when a host listener throws, and still calls the other listeners', async () => {
    const api = createZeroCall(() => Promise.reject(new Error('no components in this test')), 'throw');
    const seen: string[] = [];
    api.on('ready', () => {
      throw new Error('host bug');
    });
    api.on('ready', (r) => seen.push(r.pack));
    expect(await api.init({ pack: packWith([{ id: 'r' }]) })).to.equal(true);
    expect(seen).to.deep.equal(['test@1']);
    await api.shutdown();
  });

  it('the guard turns the first fault into one report and makes every wrapped callback a no-op', () => {
    const faults: string[] = [];
    const g = createGuard((e, where) => faults.push(`${where}: ${(e as Error).message}`));
    let calls = 0;
    const f = g.wrap('x', (n: number) => {
      calls++;
      if (n === 2) throw new Error('boom');
    });
    f(1);
    f(2);
    f(3);
    expect([calls, faults, g.faulted]).to.deep.equal([2, ['x: boom'], true]);
  });

  it('an SDK fault stops the SDK, is reported to the collector, and never reaches the page', async () => {
    await startMsw(http.post('/api-test/collect', () => new HttpResponse(null, { status: 204 })));
    const bodies = captureRequests<Batch>('/api-test/collect');
    const pageErrors: string[] = [];
    const onError = (e: ErrorEvent) => pageErrors.push(e.message);
    window.addEventListener('error', onError);
    document.body.innerHTML = '<button id="pay">Pay</button>';
    const broken = { defineComponents: () => { throw new Error('component bug'); }, anchorTo: () => () => undefined };
    const notes: string[] = [];
    const rt = startRuntime(packWith([{ id: 'r', page: '*' }], { signals: { 'rage-click': { within: '1h' } } }), { endpoint: '/api-test/collect', locale: 'en', sid: 's1' }, {
      win: window,
      load: () => Promise.resolve(broken),
      now: () => 1000,
      every: () => () => undefined,
      // Timers fire at once: the engine runs inside each click's listener.
      after: (_ms, fn) => {
        fn();
        return () => undefined;
      },
      notify: (type) => notes.push(type),
    });
    const pay = document.querySelector('#pay')!;
    for (let i = 0; i < 3; i++) pay.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    await new Promise((r) => setTimeout(r)); // let the resolved chunk promise run
    for (let i = 0; i < 3; i++) pay.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    await rt.stop();
    window.removeEventListener('error', onError);
    const events = bodies.flatMap((b) => b.events);
    expect(events.filter((e) => e.kind === 'error').map((e) => e.message)).to.deep.equal(['stopped after an internal error in mount: component bug']);
    expect(notes.filter((n) => n === 'signal'), 'no signals after the fault').to.have.length(1);
    expect(pageErrors).to.deep.equal([]);
  });
});
