// The core's side of the designer inspector: `?zc-debug` (or debug.inspect()) loads the
// inspector file and hands it a source that replays what happened since the SDK started, then
// streams the rest. The inspector itself is tested in test/inspector/.
import { expect, waitUntil } from '@open-wc/testing';
import type { InspectorChunk, InspectorSource, JournalEntry } from '../../src/inspect/source.js';
import { createZeroCall } from '../../src/zero-call.js';
import { packWith } from '../engine/recorded.js';
import { realClick } from '../e2e/host.js';
import { resetStore } from '../support/store.js';

/** A stand-in for the inspector file: records what it was given. */
function fakeInspector() {
  const mounted: InspectorSource[] = [];
  let removed = 0;
  let loads = 0;
  const chunk: InspectorChunk = {
    mountInspector(source) {
      mounted.push(source);
      return () => void removed++;
    },
  };
  return {
    load: () => {
      loads++;
      return Promise.resolve(chunk);
    },
    mounted,
    get removed() {
      return removed;
    },
    get loads() {
      return loads;
    },
  };
}

const noComponents = () => Promise.reject(new Error('no components in this test'));
// Each test shows help: no gap and no daily cap between them, whatever a late save of the last one remembered.
const PACK = packWith([{ id: 'pay-help', page: '/*', priority: 70 }, { id: 'elsewhere', page: '/settings/*' }], { holdout: 0.1, budget: { perSession: 2, perDay: 50, minGap: '1ms' } });

/** Entries the source replays and then streams, as short strings. */
function collect(source: InspectorSource): string[] {
  const seen: string[] = [];
  source.watch((e: JournalEntry) => {
    if (e.kind === 'event') seen.push(`event:${e.event.type}`);
    else if (e.kind === 'signal') seen.push(`signal:${e.signal.signal}`);
    else if (e.kind === 'decision') seen.push(`decision:${e.decision.rule}`);
    else seen.push(`suppressed:${e.suppressed.rule}:${e.suppressed.reason}`);
  });
  return seen;
}

describe('the inspector hook: ?zc-debug, debug.inspect() and the journal', () => {
  let pay: HTMLButtonElement;
  const url = location.pathname;
  beforeEach(async () => {
    await resetStore();
    sessionStorage.clear();
    pay = Object.assign(document.createElement('button'), { id: 'pay', textContent: 'Pay' });
    document.body.append(pay);
  });
  afterEach(() => {
    pay.remove();
    history.replaceState(null, '', url);
    sessionStorage.clear();
  });

  it('?zc-debug opens it at start with everything since the SDK started: events, signals and verdicts, in order', async () => {
    history.replaceState(null, '', `${url}?zc-debug`);
    const inspector = fakeInspector();
    const api = createZeroCall(noComponents, 'throw', undefined, inspector.load);
    expect(await api.init({ pack: PACK })).to.equal(true);
    await waitUntil(() => inspector.mounted.length === 1, 'the inspector mounted');
    const source = inspector.mounted[0]!;
    for (let i = 0; i < 3; i++) await realClick(pay);
    await waitUntil(() => collect(source).includes('decision:pay-help'), 'the decision reached the journal');
    const seen = collect(source);
    // The click that completed the rage click comes before its signal, and the signal before the decision.
    const [click, signal, decision] = [seen.lastIndexOf('event:click'), seen.indexOf('signal:rage-click'), seen.indexOf('decision:pay-help')];
    expect(click).to.be.greaterThan(-1);
    expect(signal).to.be.greaterThan(click);
    expect(decision).to.be.greaterThan(signal);
    expect(seen[0]).to.equal('event:nav');
    expect(seen.some((s) => s === 'event:tick' || s === 'event:move')).to.equal(false);
    expect(source.pack).to.deep.include({ id: 'test', version: '1', holdout: 0.1, budget: { perSession: 2, perDay: 50, minGap: '1ms' } });
    expect(source.pack.rules.map((r) => [r.id, r.page, r.priority, r.component, r.cap])).to.deep.equal([
      ['pay-help', '/*', 70, 'zc-card', 1],
      ['elsewhere', '/settings/*', 50, 'zc-card', 1],
    ]);
    expect(source.onPage('pay-help')).to.equal(true);
    expect(source.onPage('elsewhere')).to.equal(false);
    expect(source.page()).to.equal(url);
    expect(source.consent()).to.equal(true);
    expect(source.score()?.score).to.be.greaterThan(0);
    expect(source.locale).to.equal('en');
    // Remembered for the tab: the next page load opens it without the query.
    expect(sessionStorage.getItem('zc:inspect')).to.equal('1');
    await api.shutdown();
    expect(inspector.removed).to.equal(1);
  });

  it('a later page of the tab opens it again; closing it forgets that, and ?zc-debug=off stops asking', async () => {
    sessionStorage.setItem('zc:inspect', '1');
    const inspector = fakeInspector();
    const api = createZeroCall(noComponents, 'throw', undefined, inspector.load);
    await api.init({ pack: PACK });
    await waitUntil(() => inspector.mounted.length === 1, 'the inspector mounted from the remembered flag');
    inspector.mounted[0]!.close();
    expect(sessionStorage.getItem('zc:inspect')).to.equal(null);
    await api.shutdown();

    sessionStorage.setItem('zc:inspect', '1');
    history.replaceState(null, '', `${url}?zc-debug=off`);
    const again = fakeInspector();
    const api2 = createZeroCall(noComponents, 'throw', undefined, again.load);
    await api2.init({ pack: PACK });
    expect(again.loads).to.equal(0);
    expect(sessionStorage.getItem('zc:inspect')).to.equal(null);
    await api2.shutdown();
  });

  it('debug.inspect() opens it later with what happened since; debug.inspect(false) closes it; nothing is kept before', async () => {
    const inspector = fakeInspector();
    const api = createZeroCall(noComponents, 'throw', undefined, inspector.load);
    const decisions: string[] = [];
    api.on('decision', (d) => decisions.push(d.rule));
    await api.init({ pack: PACK });
    expect(inspector.loads).to.equal(0);
    for (let i = 0; i < 3; i++) await realClick(pay);
    await waitUntil(() => decisions.length === 1, 'the engine decided on the clicks');
    api.debug.inspect();
    await waitUntil(() => inspector.mounted.length === 1, 'the inspector mounted');
    const seen = collect(inspector.mounted[0]!);
    // Without ?zc-debug at start there was no journal: what the engine handled before inspect() is not there.
    expect(seen.filter((s) => s === 'event:click' || s.startsWith('decision'))).to.deep.equal([]);
    await realClick(pay);
    await waitUntil(() => collect(inspector.mounted[0]!).includes('event:click'), 'a click after opening');
    api.debug.inspect(false);
    expect(inspector.removed).to.equal(1);
    expect(sessionStorage.getItem('zc:inspect')).to.equal(null);
    await api.shutdown();
  });

  it('a watcher that throws is dropped; the SDK and the other watchers go on', async () => {
    history.replaceState(null, '', `${url}?zc-debug`);
    const inspector = fakeInspector();
    const api = createZeroCall(noComponents, 'throw', undefined, inspector.load);
    const decisions: string[] = [];
    api.on('decision', (d) => decisions.push(d.rule));
    await api.init({ pack: PACK });
    await waitUntil(() => inspector.mounted.length === 1, 'the inspector mounted');
    const source = inspector.mounted[0]!;
    let calls = 0;
    source.watch(() => {
      calls++;
      throw new Error('inspector bug');
    });
    const seen = collect(source);
    for (let i = 0; i < 3; i++) await realClick(pay);
    await waitUntil(() => decisions.length === 1, 'the SDK still decides');
    expect(calls).to.equal(1);
    expect(seen).to.include('decision:pay-help');
    await api.shutdown();
  });

  it('init({ inspector: false }) never loads it, and debug.inspect() says why', async () => {
    history.replaceState(null, '', `${url}?zc-debug`);
    const inspector = fakeInspector();
    const api = createZeroCall(noComponents, 'throw', undefined, inspector.load);
    await api.init({ pack: PACK, inspector: false });
    expect(() => api.debug.inspect()).to.throw('the inspector is switched off (init({ inspector: false }) or data-inspector="off").');
    expect(inspector.loads).to.equal(0);
    await api.shutdown();
  });

  it('an inspector file that fails to load is one console warning; the SDK keeps running', async () => {
    history.replaceState(null, '', `${url}?zc-debug`);
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const api = createZeroCall(noComponents, 'throw', undefined, () => Promise.reject(new Error('404 zerocall-inspector.js')));
      const decisions: string[] = [];
      api.on('decision', (d) => decisions.push(d.rule));
      expect(await api.init({ pack: PACK })).to.equal(true);
      await waitUntil(() => warnings.some((w) => w.includes('the inspector could not load (404 zerocall-inspector.js)')), 'the warning');
      for (let i = 0; i < 3; i++) await realClick(pay);
      await waitUntil(() => decisions.length === 1, 'the SDK still decides');
      await api.shutdown();
    } finally {
      console.warn = warn;
    }
  });
});
