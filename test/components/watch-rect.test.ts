import { expect, fixture, html } from '@open-wc/testing';
import { viewport, watchRect, type RectState } from '../../components/watch-rect.js';

const frames = async (n = 2): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
};

/** Watches `el`, keeping every report. */
function record(el: Element): { states: RectState[]; stop: () => void; last: () => RectState } {
  const states: RectState[] = [];
  const stop = watchRect(el, (s) => states.push(s));
  return { states, stop, last: () => states[states.length - 1] as RectState };
}

describe('watchRect', () => {
  afterEach(() => scrollTo(0, 0));

  it('reports where the element is at once', async () => {
    const el = await fixture<HTMLDivElement>(html`<div style="position:fixed; left:10px; top:20px; width:30px; height:40px"></div>`);
    const { states, stop } = record(el);
    expect(states).to.have.length(1);
    expect(states[0]?.rect.toJSON()).to.include({ left: 10, top: 20, width: 30, height: 40 });
    expect(states[0]?.visible).to.equal(true);
    stop();
  });

  it('reports visibility changes as a scroll container scrolls, and stops after cleanup', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div style="height:200px; overflow:auto">
        <div style="height:1000px; padding-top:60px"><p style="margin:0">Order 42</p></div>
      </div>
    `);
    const { states, stop, last } = record(root.querySelector('p') as Element);
    const top = last().rect.top;
    root.scrollTop = 40;
    await frames();
    expect(last().rect.top).to.equal(top - 40);
    expect(last().visible).to.equal(true);
    root.scrollTop = 300;
    await frames();
    expect(last().visible).to.equal(false);
    root.scrollTop = 0;
    await frames();
    expect(last().visible).to.equal(true);

    stop();
    const count = states.length;
    root.scrollTop = 300;
    root.append(document.createElement('p'));
    dispatchEvent(new Event('resize'));
    await frames(3);
    expect(states.length).to.equal(count);
  });

  it('reports the element leaving and entering the viewport as the window scrolls', async () => {
    const root = await fixture<HTMLDivElement>(html`<div style="height:3000px; padding-top:100px"><p style="margin:0">Order 42</p></div>`);
    const { stop, last } = record(root.querySelector('p') as Element);
    scrollTo(0, 1000);
    await frames();
    expect(last().visible).to.equal(false);
    scrollTo(0, 50);
    await frames();
    expect(last().visible).to.equal(true);
    stop();
  });

  it('hears scrolls inside a shadow root, which never reach the document', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<div style="height:100px; overflow:auto"><div style="height:500px; padding-top:20px"><p style="margin:0">Order 42</p></div></div>`;
    const scroller = shadow.firstElementChild as HTMLElement;
    const { stop, last } = record(shadow.querySelector('p') as Element);
    scroller.scrollTop = 200;
    await frames();
    expect(last().visible).to.equal(false);
    scroller.scrollTop = 10;
    await frames();
    expect(last().visible).to.equal(true);
    stop();
  });

  it('reports content inserted above the element, in the document and in its shadow root', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><div id="host"></div></div>`);
    const shadow = (root.querySelector('#host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = '<p style="margin:0">Order 42</p>';
    const { stop, last } = record(shadow.querySelector('p') as Element);
    const top = last().rect.top;
    const banner = document.createElement('div');
    banner.style.height = '50px';
    root.prepend(banner);
    await frames();
    expect(last().rect.top).to.equal(top + 50);
    const note = document.createElement('div');
    note.style.height = '30px';
    shadow.prepend(note);
    await frames();
    expect(last().rect.top).to.equal(top + 80);
    stop();
  });

  it('reports the element as hidden once it leaves the page', async () => {
    const root = await fixture<HTMLDivElement>(html`<div><p>Order 42</p></div>`);
    const p = root.querySelector('p') as HTMLElement;
    const { stop, last } = record(p);
    expect(last().visible).to.equal(true);
    p.remove();
    await frames();
    expect(last().visible).to.equal(false);
    stop();
  });

  it('does not count clipping that a fixed element escapes, nor the body box', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div style="height:50px; overflow:hidden"><button style="position:fixed; left:10px; top:300px">Help</button></div>
        <p style="position:absolute; left:10px; top:400px; margin:0">Order 42</p>
      </div>
    `);
    // A common host page rule; the body's box ends well above 400px.
    document.body.style.overflowX = 'hidden';
    const fixed = record(root.querySelector('button') as Element);
    const below = record(root.querySelector('p') as Element);
    expect(document.body.getBoundingClientRect().bottom).to.be.lessThan(400);
    expect(fixed.last().visible).to.equal(true);
    expect(below.last().visible).to.equal(true);
    fixed.stop();
    below.stop();
    document.body.style.overflowX = '';
  });

  it('measures the viewport without its scrollbars', () => {
    expect(viewport()).to.deep.equal({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight });
  });
});
