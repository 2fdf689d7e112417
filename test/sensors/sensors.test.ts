import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { clickSensor } from '../../src/sensors/click-sensor.js';
import { cssPath } from '../../src/core/css-path.js';
import { navigationSensor } from '../../src/sensors/navigation-sensor.js';
import { tickSensor } from '../../src/sensors/tick-sensor.js';
import { virtualContext } from './virtual.js';

const center = (el: Element): [number, number] => {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
};

describe('sensors', () => {
  it('click: emits primary clicks with a resolvable CSS path, the pack selectors hit, and no text or values', async () => {
    const root = await fixture(html`<div id="app"><ul class="menu"><li>a</li><li><button class="buy">Buy <b>now</b></button></li></ul><input value="secret" /></div>`);
    const v = virtualContext(['.buy', '#app', '.nothing']);
    const stop = clickSensor(v.ctx);
    const b = root.querySelector('b')!;
    await sendMouse({ type: 'click', position: center(b) });
    await sendMouse({ type: 'click', position: center(b), button: 'right' });
    stop();
    await sendMouse({ type: 'click', position: center(b) });
    expect(v.events).to.have.length(1);
    const e = v.events[0]!;
    if (e.type !== 'click') throw new Error('expected a click');
    expect(e.target.fp).to.equal('div#app > ul > li:nth-of-type(2) > button > b');
    expect(document.querySelector(e.target.fp)).to.equal(b);
    expect(e.target.hits).to.deep.equal(['.buy', '#app']);
    expect(e.page).to.equal(location.pathname);
    expect(JSON.stringify(e)).to.not.contain('secret').and.not.contain('now');
  });

  it('click: ignores clicks on the SDK\'s own surfaces', async () => {
    const root = await fixture(html`<div><div data-zc-surface="r"><button>Yes</button></div></div>`);
    const v = virtualContext();
    const stop = clickSensor(v.ctx);
    await sendMouse({ type: 'click', position: center(root.querySelector('button')!) });
    stop();
    expect(v.events).to.deep.equal([]);
  });

  it('fingerprint: escapes ids and stops at the nearest one', () => {
    const el = document.createElement('span');
    const parent = document.createElement('div');
    parent.id = 'a:b 1';
    parent.append(el);
    document.body.append(parent);
    expect(cssPath(el)).to.equal('div#a\\:b\\ 1 > span');
    expect(document.querySelector(cssPath(el))).to.equal(el);
    parent.remove();
  });

  it('navigation: emits load, push, replace and pop with from/to paths; same-path changes are not navigation', async () => {
    const start = location.pathname;
    const v = virtualContext();
    const stop = navigationSensor(v.ctx);
    history.pushState({}, '', '/nav/a');
    history.pushState({}, '', '/nav/a?tab=2');
    history.replaceState({}, '', '/nav/b#x');
    const popped = new Promise((r) => addEventListener('popstate', r, { once: true }));
    history.back();
    await popped;
    stop();
    history.pushState({}, '', '/nav/after-stop');
    history.replaceState({}, '', start);
    expect(v.events.map((e) => (e.type === 'nav' ? `${e.kind} ${e.from}→${e.page}` : e.type))).to.deep.equal([
      `load →${start}`,
      `push ${start}→/nav/a`,
      'replace /nav/a→/nav/b',
      'pop /nav/b→/nav/a',
    ]);
  });

  it('navigation: the host\'s own history call still runs and still throws its own errors', () => {
    const v = virtualContext();
    const stop = navigationSensor(v.ctx);
    expect(() => history.pushState({}, '', 'https://elsewhere.example/x')).to.throw(DOMException);
    stop();
    expect(v.faults).to.deep.equal([]);
  });

  it('navigation: restores history methods on stop unless someone wrapped them after us', () => {
    const original = history.pushState;
    const v = virtualContext();
    const stop = navigationSensor(v.ctx);
    expect(history.pushState).to.not.equal(original);
    stop();
    expect(history.pushState).to.equal(original);
  });

  it('tick: one tick per second of virtual time while visible, with event time', () => {
    const v = virtualContext();
    const stop = tickSensor(v.ctx);
    const t0 = v.now;
    v.advance(3500);
    stop();
    v.advance(5000);
    expect(v.events.map((e) => [e.type, e.t - t0])).to.deep.equal([['tick', 1000], ['tick', 2000], ['tick', 3000]]);
  });

  it('tick: stops while the page is hidden and resumes when it is visible again', () => {
    let state: DocumentVisibilityState = 'visible';
    const doc = new EventTarget() as Document;
    Object.defineProperty(doc, 'visibilityState', { get: () => state });
    const win = { document: doc, location } as unknown as Window;
    const v = virtualContext([], win);
    const stop = tickSensor(v.ctx);
    v.advance(2000);
    state = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    v.advance(10_000);
    state = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    v.advance(1000);
    stop();
    expect(v.events).to.have.length(3);
    expect(v.timers.size).to.equal(0);
  });
});
