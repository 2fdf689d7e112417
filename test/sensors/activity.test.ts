import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { ZcEvent } from '../../src/engine/types.js';
import { formSensor } from '../../src/sensors/form-sensor.js';
import { motionSensor } from '../../src/sensors/motion-sensor.js';
import { mutationSensor } from '../../src/sensors/mutation-sensor.js';
import { navigationSensor } from '../../src/sensors/navigation-sensor.js';
import { virtualContext } from './virtual.js';

const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
const types = (events: ZcEvent[]) => events.map((e) => e.type);

describe('activity sensors (real DOM)', () => {
  it('mutation: one event per frame however many changes, none for the SDK\'s own surfaces', async () => {
    const root = await fixture(html`<div><div data-zc-surface="r"></div></div>`);
    const v = virtualContext();
    const stop = mutationSensor(v.ctx);
    for (let i = 0; i < 5; i++) root.append(document.createElement('p'));
    await frame();
    await frame();
    root.querySelector('[data-zc-surface]')!.append(document.createElement('p'));
    const surface = document.createElement('zc-card');
    surface.setAttribute('data-zc-surface', 'r');
    root.append(surface);
    await frame();
    await frame();
    stop();
    expect(types(v.events)).to.deep.equal(['mutation']);
  });

  it('mutation: sees a web component re-rendering its shadow tree after the user presses in it', async () => {
    const root = await fixture(html`<div><div id="widget"></div></div>`);
    const shadow = root.querySelector('#widget')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button>Load more</button><ul></ul>';
    const v = virtualContext();
    const stop = mutationSensor(v.ctx);
    const button = shadow.querySelector('button')!;
    button.addEventListener('click', () => shadow.querySelector('ul')!.append(document.createElement('li')));
    const r = button.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 5), Math.round(r.top + 5)] });
    await waitUntil(() => v.events.some((e) => e.type === 'mutation'), 'the shadow tree change is seen');
    stop();
  });

  it('form: focus, input (no value), constraint and aria rejections with the form, and submit', async () => {
    const root = await fixture(html`<form id="pay" @submit=${(e: Event) => e.preventDefault()}><input id="card" required /><input id="zip" /><button>Pay</button></form>`);
    const v = virtualContext();
    const stop = formSensor(v.ctx);
    const card = root.querySelector<HTMLInputElement>('#card')!;
    card.focus();
    (root as HTMLFormElement).requestSubmit();
    root.querySelector('#zip')!.setAttribute('aria-invalid', 'true');
    await waitUntil(() => v.events.some((e) => e.type === 'invalid' && e.source === 'aria'));
    card.focus();
    await sendKeys({ type: '42' });
    (root as HTMLFormElement).requestSubmit();
    stop();
    const seen = v.events.map((e) => (e.type === 'invalid' ? `invalid:${e.source}:${e.target.fp}:${e.form}` : e.type === 'submit' ? `submit:${e.form}` : e.type));
    expect(seen).to.deep.equal(['focus', 'invalid:constraint:input#card:form#pay', 'invalid:aria:input#zip:form#pay', 'input', 'input', 'submit:form#pay']);
    expect(JSON.stringify(v.events)).to.not.contain('42');
  });

  it('motion: scrolls with direction, pointer samples, and selection changes', async () => {
    const root = await fixture(html`<div><div id="box" style="height:100px;overflow:auto"><div style="height:1000px">x</div></div><p id="txt">some text</p></div>`);
    const v = virtualContext();
    const stop = motionSensor(v.ctx);
    const box = root.querySelector('#box')!;
    box.scrollTop = 300;
    await waitUntil(() => v.events.some((e) => e.type === 'scroll'));
    box.scrollTop = 100;
    await waitUntil(() => v.events.filter((e) => e.type === 'scroll').length === 2);
    await sendMouse({ type: 'move', position: [10, 10] });
    await sendMouse({ type: 'move', position: [60, 40] });
    await waitUntil(() => v.events.some((e) => e.type === 'move'));
    getSelection()!.selectAllChildren(root.querySelector('#txt')!);
    await waitUntil(() => v.events.some((e) => e.type === 'selection'));
    stop();
    const scrolls = v.events.filter((e) => e.type === 'scroll');
    expect(scrolls.map((e) => (e.type === 'scroll' ? [e.scroller, e.y, Math.sign(e.dy)] : []))).to.deep.equal([['div#box', 300, 1], ['div#box', 100, -1]]);
    const last = v.events.filter((e) => e.type === 'move').at(-1)!;
    expect(last.type === 'move' && [last.x, last.y]).to.deep.equal([60, 40]);
  });

  it('motion: a finger dragging is not a cursor (touch pointer moves are not sampled)', async () => {
    const v = virtualContext();
    const stop = motionSensor(v.ctx);
    document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, pointerType: 'touch', clientX: 5, clientY: 5 }));
    await nextFrame();
    expect(v.events.filter((e) => e.type === 'move')).to.be.empty;
    document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, pointerType: 'pen', clientX: 7, clientY: 9 }));
    await waitUntil(() => v.events.some((e) => e.type === 'move'));
    stop();
    const moves = v.events.flatMap((e) => (e.type === 'move' ? [[e.x, e.y]] : []));
    expect(moves).to.deep.equal([[7, 9]]);
  });

  it('navigation: replays this tab\'s recent navigations first, so reload loops and u-turns span page loads', () => {
    const v = virtualContext();
    const earlier = [
      { type: 'nav', kind: 'load', t: v.now - 50_000, page: '/checkout', from: '', reload: true },
      { type: 'nav', kind: 'load', t: v.now - 20_000, page: '/checkout', from: '/checkout', reload: true },
      { type: 'nav', kind: 'load', t: v.now - 20 * 60_000, page: '/old', from: '' },
      { type: 'nonsense' },
    ];
    sessionStorage.setItem('zc:nav', JSON.stringify(earlier));
    const stop = navigationSensor(v.ctx);
    stop();
    const navs = v.events.flatMap((e) => (e.type === 'nav' ? [[e.page, e.t - v.now]] : []));
    expect(navs, 'the two recent loads, then this one; too old and malformed entries dropped').to.deep.equal([['/checkout', -50_000], ['/checkout', -20_000], [location.pathname, 0]]);
    expect(JSON.parse(sessionStorage.getItem('zc:nav')!)).to.have.length(3);
    sessionStorage.removeItem('zc:nav');
  });

  it('navigation: hash routes are pages, plain anchors are not; the Navigation API does not double-report', async () => {
    const start = location.href;
    const v = virtualContext();
    const stop = navigationSensor(v.ctx);
    location.hash = '#section-2';
    await new Promise((r) => addEventListener('hashchange', r, { once: true }));
    location.hash = '#/orders/7?tab=items';
    await new Promise((r) => addEventListener('hashchange', r, { once: true }));
    history.pushState({}, '', '/nav/x?token=secret');
    stop();
    history.replaceState({}, '', start);
    const navs = v.events.flatMap((e) => (e.type === 'nav' ? [`${e.kind} ${e.page}`] : []));
    expect(navs).to.deep.equal([`load ${new URL(start).pathname}`, `hash ${new URL(start).pathname}#/orders/7`, 'push /nav/x']);
    expect(JSON.stringify(v.events)).to.not.contain('secret');
  });
});
