import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { Signal } from '../../src/engine/types.js';
import { ENGINE_DELAY, startRuntime, type Runtime, type RuntimeEvents } from '../../src/runtime.js';
import type { Batch } from '../../src/transport/record.js';
import { packWith } from '../engine/recorded.js';
import { nextRequest, startMsw } from '../support/msw.js';
import { virtualTimers } from '../support/virtual-timers.js';

/** A runtime on virtual time; `ticking` makes the clock move 1 ms on every reading, as a busy page's would. */
function start(endpoint?: string) {
  sessionStorage.removeItem('zc:nav');
  const v = virtualTimers(1_700_000_000_000);
  let ticking = false;
  let drift = 0;
  const notes: Array<{ type: keyof RuntimeEvents; detail: unknown }> = [];
  const rt: Runtime = startRuntime(packWith([{ id: 'help' }]), { endpoint, locale: 'en', sid: 's1' }, {
    win: window,
    load: () => new Promise(() => undefined), // the chunk never matters here
    now: () => v.now() + (ticking ? ++drift : drift),
    every: () => () => undefined,
    after: v.after,
    notify: (type, detail) => notes.push({ type, detail }),
  });
  const signals = () => notes.filter((n) => n.type === 'signal').map((n) => n.detail as Signal);
  return { v, rt, notes, signals, tick: (on: boolean) => (ticking = on) };
}

const clickPay = (x = 5) => document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: x, clientY: 5 }));

describe('runtime: the engine runs in batches, off the page event handlers', () => {
  let stop: (() => Promise<void>) | undefined;
  beforeEach(() => {
    document.body.innerHTML = '<button id="pay">Pay</button>';
  });
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('decides ENGINE_DELAY after the first queued event, on the times the events happened', () => {
    const { v, rt, signals, notes } = start();
    stop = rt.stop;
    const t0 = v.now();
    for (let i = 0; i < 3; i++) {
      clickPay();
      v.advance(10);
    }
    expect(signals(), 'nothing is decided inside the click handlers').to.be.empty;
    v.advance(ENGINE_DELAY - 30 - 1);
    expect(signals()).to.be.empty;
    v.advance(1);
    expect(signals().map((s) => s.signal)).to.deep.equal(['rage-click']);
    expect(signals()[0]!.evidence).to.deep.include({ count: 3, first: t0, last: t0 + 20 });
    expect(notes.map((n) => n.type)).to.deep.equal(['signal', 'decision']);
  });

  it('yields to the page after its time slice and finishes the rest in the next task', () => {
    const { v, rt, signals, tick } = start();
    stop = rt.stop;
    for (let i = 0; i < 2000; i++) rt.track('step');
    for (let i = 0; i < 3; i++) clickPay();
    tick(true);
    v.advance(ENGINE_DELAY);
    expect(signals(), 'the clicks queued behind 2000 events wait for the next slice').to.be.empty;
    expect(v.pending()).to.deep.equal([0]);
    tick(false);
    v.advance(0);
    expect(signals().map((s) => s.signal)).to.deep.equal(['rage-click']);
    expect(v.pending()).to.deep.equal([]);
  });

  it('decides what is still queued when the page goes away, so its signals are in the exit batch', async () => {
    await startMsw(http.post('/batching/collect', () => new HttpResponse(null, { status: 204 })));
    const { rt, signals } = start('/batching/collect');
    stop = rt.stop;
    for (let i = 0; i < 3; i++) clickPay();
    const exit = nextRequest<Batch>('/batching/collect');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(signals().map((s) => s.signal)).to.deep.equal(['rage-click']);
    const kinds = (await exit).events.map((e) => `${e.kind}:${e.rule ?? e.signal}`);
    expect(kinds).to.include.members(['signal:rage-click', 'decision:help']);
  });

  it('decides what is queued at shutdown before it stops', async () => {
    const { rt, signals } = start();
    for (let i = 0; i < 3; i++) clickPay();
    await rt.stop();
    expect(signals().map((s) => s.signal)).to.deep.equal(['rage-click']);
  });
});
