import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { anchorTo } from '../../components/anchor.js';
import '../../components/card/zc-card.js';

// Positions follow in the frame after a change (scroll and layout changes are gathered once per
// frame); a ResizeObserver reports after layout. Two frames cover both, a third is slack.
const frames = async (n = 3): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise(requestAnimationFrame);
};

/** The viewport less its scrollbars: the box the floating element is kept 8px inside. */
const view = (): { width: number; height: number } => ({ width: document.documentElement.clientWidth, height: document.documentElement.clientHeight });

async function setup(refStyle: string): Promise<{ ref: HTMLElement; floating: HTMLElement }> {
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <button style="position:fixed; width:80px; height:30px; ${refStyle}">Pay</button>
      <div role="note" style="width:120px; height:40px">Help</div>
    </div>
  `);
  const ref = root.querySelector('button') as HTMLElement;
  const floating = root.querySelector('[role="note"]') as HTMLElement;
  return { ref, floating };
}

/** A 200px tall scroll container, its content 1000px tall with the reference 60px down, and a note. */
async function scrolling(): Promise<{ scroller: HTMLElement; ref: HTMLElement; floating: HTMLElement }> {
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <div id="scroller" style="height:200px; overflow:auto" tabindex="0" aria-label="Orders">
        <div style="height:1000px; padding-top:60px"><button>Order 42</button></div>
      </div>
      <div role="note" style="width:120px; height:40px">Help</div>
    </div>
  `);
  return {
    scroller: root.querySelector('#scroller') as HTMLElement,
    ref: root.querySelector('button') as HTMLElement,
    floating: root.querySelector('[role="note"]') as HTMLElement,
  };
}

const expectBelow = (floating: Element, ref: Element): void => {
  expect(floating.getBoundingClientRect().top).to.be.closeTo(ref.getBoundingClientRect().bottom + 8, 0.5);
};

describe('anchorTo', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    scrollTo(0, 0);
  });

  it('places the floating element 8px below the reference, centred, fixed and on top', async () => {
    const { ref, floating } = await setup('left:100px; top:100px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    const r = ref.getBoundingClientRect();
    const f = floating.getBoundingClientRect();
    expect(f.top).to.be.closeTo(r.bottom + 8, 0.5);
    expect(f.left + f.width / 2).to.be.closeTo(r.left + r.width / 2, 0.5);
    expect(getComputedStyle(floating).position).to.equal('fixed');
    expect(getComputedStyle(floating).zIndex).to.equal('2147483000');
    expect(floating.dataset.side).to.equal('bottom');
    cleanup();
  });

  it('is placed at once, before the next frame', async () => {
    const { ref, floating } = await setup('left:100px; top:100px');
    const cleanup = anchorTo(floating, ref);
    expectBelow(floating, ref);
    cleanup();
  });

  it('honours the requested side and --zc-z-index', async () => {
    const { ref, floating } = await setup('left:100px; top:200px');
    floating.style.setProperty('--zc-z-index', '42');
    const cleanup = anchorTo(floating, ref, 'right');
    await frames();
    const r = ref.getBoundingClientRect();
    const f = floating.getBoundingClientRect();
    expect(f.left).to.be.closeTo(r.right + 8, 0.5);
    expect(f.top + f.height / 2).to.be.closeTo(r.top + r.height / 2, 0.5);
    expect(getComputedStyle(floating).zIndex).to.equal('42');
    expect(floating.dataset.side).to.equal('right');
    cleanup();
  });

  it('takes the top and left sides too', async () => {
    const { ref, floating } = await setup('left:300px; top:200px');
    let cleanup = anchorTo(floating, ref, 'top');
    await frames();
    let r = ref.getBoundingClientRect();
    expect(floating.getBoundingClientRect().bottom).to.be.closeTo(r.top - 8, 0.5);
    expect(floating.dataset.side).to.equal('top');
    cleanup();
    cleanup = anchorTo(floating, ref, 'left');
    await frames();
    r = ref.getBoundingClientRect();
    expect(floating.getBoundingClientRect().right).to.be.closeTo(r.left - 8, 0.5);
    expect(floating.dataset.side).to.equal('left');
    cleanup();
  });

  it('flips above the reference when there is no room below', async () => {
    const { ref, floating } = await setup(`left:100px; top:${view().height - 40}px`);
    const cleanup = anchorTo(floating, ref, 'bottom');
    await frames();
    expect(floating.getBoundingClientRect().bottom).to.be.closeTo(ref.getBoundingClientRect().top - 8, 0.5);
    expect(floating.dataset.side).to.equal('top');
    // Room below again: back on the side it asked for.
    ref.style.top = '100px';
    await frames();
    expectBelow(floating, ref);
    expect(floating.dataset.side).to.equal('bottom');
    cleanup();
  });

  it('keeps its side when the other side has even less room', async () => {
    // 400px tall in a 600px viewport, the reference about in the middle: it fits on neither side.
    const { ref, floating } = await setup('left:100px; top:290px');
    floating.style.height = '400px';
    const cleanup = anchorTo(floating, ref, 'top');
    await frames();
    expect(floating.dataset.side).to.equal('top');
    // Clamped inside the viewport as a last resort.
    expect(floating.getBoundingClientRect().top).to.be.closeTo(8, 0.5);
    cleanup();
  });

  it('stays 8px inside the viewport near the left edge', async () => {
    const { ref, floating } = await setup('left:0px; top:100px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(floating.getBoundingClientRect().left).to.be.closeTo(8, 0.5);
    expectBelow(floating, ref);
    cleanup();
  });

  it('shifts left to stay 8px inside the viewport near the right edge', async () => {
    const { ref, floating } = await setup(`left:${view().width - 50}px; top:100px`);
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(floating.getBoundingClientRect().right).to.be.closeTo(view().width - 8, 0.5);
    expectBelow(floating, ref);
    expect(floating.dataset.side).to.equal('bottom');
    cleanup();
  });

  it('follows the reference when it moves or resizes, until cleanup', async () => {
    const { ref, floating } = await setup('left:100px; top:100px');
    const cleanup = anchorTo(floating, ref);
    await frames();

    ref.style.left = '300px';
    ref.style.top = '150px';
    await frames();
    let r = ref.getBoundingClientRect();
    expect(floating.getBoundingClientRect().top).to.be.closeTo(r.bottom + 8, 0.5);
    expect(floating.getBoundingClientRect().left).to.be.closeTo(r.left + r.width / 2 - 60, 0.5);

    ref.style.width = '200px';
    await frames();
    r = ref.getBoundingClientRect();
    expect(floating.getBoundingClientRect().left).to.be.closeTo(r.left + r.width / 2 - 60, 0.5);

    cleanup();
    const before = floating.getBoundingClientRect();
    ref.style.left = '20px';
    ref.style.top = '300px';
    ref.style.width = '40px';
    floating.style.width = '300px';
    await frames();
    const after = floating.getBoundingClientRect();
    expect([after.left, after.top]).to.deep.equal([before.left, before.top]);
  });

  it('follows a reference that grows with its content (no style change to see)', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div style="position:fixed; left:100px; top:100px"><button>Pay</button></div>
        <div role="note" style="width:120px; height:40px">Help</div>
      </div>
    `);
    const ref = root.querySelector('button') as HTMLElement;
    const floating = root.querySelector('[role="note"]') as HTMLElement;
    const cleanup = anchorTo(floating, ref, 'right');
    await frames();
    ref.textContent = 'Pay the outstanding balance now';
    await frames();
    expect(floating.getBoundingClientRect().left).to.be.closeTo(ref.getBoundingClientRect().right + 8, 0.5);
    cleanup();
  });

  it('stays attached when the window scrolls', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div style="height:3000px; padding-top:300px">
        <button>Pay</button>
        <div role="note" style="width:120px; height:40px">Help</div>
      </div>
    `);
    const ref = root.querySelector('button') as HTMLElement;
    const floating = root.querySelector('[role="note"]') as HTMLElement;
    const cleanup = anchorTo(floating, ref);
    await frames();
    expectBelow(floating, ref);
    scrollTo(0, 200);
    await frames();
    expect(ref.getBoundingClientRect().top).to.be.lessThan(150);
    expectBelow(floating, ref);
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    cleanup();
  });

  it('stays attached while a scroll container scrolls the reference', async () => {
    const { scroller, ref, floating } = await scrolling();
    const cleanup = anchorTo(floating, ref);
    await frames();
    const startTop = floating.getBoundingClientRect().top;
    scroller.scrollTop = 30;
    await frames();
    expect(floating.getBoundingClientRect().top).to.be.closeTo(startTop - 30, 0.5);
    expectBelow(floating, ref);
    cleanup();
  });

  it('stays attached to a reference in an open shadow root, through scrolls inside and outside it', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div id="outer" style="height:300px; overflow:auto" tabindex="0" aria-label="Page">
          <div style="height:1200px; padding-top:40px"><div id="host"></div></div>
        </div>
        <div role="note" style="width:120px; height:40px">Help</div>
      </div>
    `);
    const outer = root.querySelector('#outer') as HTMLElement;
    const shadow = (root.querySelector('#host') as HTMLElement).attachShadow({ mode: 'open' });
    shadow.innerHTML = `
      <div id="inner" style="height:200px; overflow:auto" tabindex="0" aria-label="Orders">
        <div style="height:1000px; padding-top:60px"><button>Order 42</button></div>
      </div>`;
    const inner = shadow.querySelector('#inner') as HTMLElement;
    const ref = shadow.querySelector('button') as HTMLElement;
    const floating = root.querySelector('[role="note"]') as HTMLElement;
    const cleanup = anchorTo(floating, ref);
    await frames();
    expectBelow(floating, ref);
    // Scroll events inside a shadow root never reach the document.
    inner.scrollTop = 25;
    await frames();
    expectBelow(floating, ref);
    outer.scrollTop = 20;
    await frames();
    expectBelow(floating, ref);
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    // Out of the inner container (inside the shadow root): hidden.
    inner.scrollTop = 400;
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('hidden');
    cleanup();
  });

  it('hides while the reference is scrolled out of its container, and shows again when it is back', async () => {
    const { scroller, ref, floating } = await scrolling();
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    scroller.scrollTop = 300;
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('hidden');
    scroller.scrollTop = 0;
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    expectBelow(floating, ref);
    cleanup();
  });

  it('hides while the reference is out of the viewport', async () => {
    const { ref, floating } = await setup('left:100px; top:-200px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('hidden');
    ref.style.top = '100px';
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    cleanup();
  });

  it('shows above a fixed header with a huge z-index', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div role="note" style="width:120px; height:40px">Help</div>
        <button style="position:fixed; left:100px; top:220px">Pay</button>
        <header style="position:fixed; inset:0 0 auto 0; height:200px; z-index:99999; background:#eee">Site</header>
      </div>
    `);
    const ref = root.querySelector('button') as HTMLElement;
    const floating = root.querySelector('[role="note"]') as HTMLElement;
    const cleanup = anchorTo(floating, ref, 'top');
    await frames();
    const f = floating.getBoundingClientRect();
    expect(f.bottom).to.be.closeTo(ref.getBoundingClientRect().top - 8, 0.5);
    expect(f.top).to.be.lessThan(200);
    expect(document.elementFromPoint(f.left + f.width / 2, f.top + f.height / 2)).to.equal(floating);
    cleanup();
  });

  it('fits a 375px-wide phone screen, with 8px to spare on each side, given the max-width every surface has', async () => {
    await setViewport({ width: 375, height: 667 });
    const { ref, floating } = await setup('left:20px; top:100px');
    floating.style.removeProperty('width');
    floating.style.maxWidth = 'calc(100vw - 16px)';
    floating.textContent = 'Turn it off under Settings, Payments, Auto-debit. '.repeat(6);
    const cleanup = anchorTo(floating, ref);
    await frames();
    const f = floating.getBoundingClientRect();
    expect(f.left).to.be.closeTo(8, 0.5);
    expect(f.right).to.be.closeTo(view().width - 8, 0.5);
    expectBelow(floating, ref);
    cleanup();
  });

  it('caps a card on a small screen without widening it past its own max-width', async () => {
    await setViewport({ width: 470, height: 700 });
    const { ref } = await setup('left:200px; top:100px');
    const card = document.createElement('zc-card');
    card.heading = 'Auto-debit';
    card.body = 'Turn it off under Settings, Payments, Auto-debit. '.repeat(4);
    ref.after(card);
    const cleanup = anchorTo(card, ref);
    await frames();
    expect(card.getBoundingClientRect().width).to.equal(360);
    await setViewport({ width: 320, height: 640 });
    await frames();
    const rect = card.getBoundingClientRect();
    expect(rect.left).to.be.at.least(8 - 0.5);
    expect(rect.right).to.be.at.most(view().width - 8 + 0.5);
    // Anchored again (the page replaced the reference) while capped, then a wide screen: the
    // card's own styles decide again, not the cap taken for its own.
    cleanup();
    const again = anchorTo(card, ref);
    await setViewport({ width: 800, height: 600 });
    await frames();
    expect(card.style.maxWidth).to.equal('');
    expect(card.getBoundingClientRect().width).to.equal(360);
    again();
  });

  it("keeps the caller's inline max-width on a wide screen", async () => {
    const { ref, floating } = await setup('left:100px; top:100px');
    floating.style.maxWidth = '100px';
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(floating.style.maxWidth).to.equal('100px');
    expect(floating.getBoundingClientRect().width).to.equal(100);
    cleanup();
  });

  it('lets an anchored card near the right edge grow to its natural width', async () => {
    const { ref } = await setup(`left:${view().width - 90}px; top:100px`);
    const card = document.createElement('zc-card');
    card.heading = 'Auto-debit';
    ref.after(card);
    const cleanup = anchorTo(card, ref);
    await frames();
    // Placed narrow against the edge; longer text must widen it, not wrap it in that sliver.
    card.body = 'Turn it off under Settings, Payments, Auto-debit. '.repeat(4);
    await frames();
    const rect = card.getBoundingClientRect();
    expect(rect.width).to.equal(360);
    expect(rect.right).to.be.closeTo(view().width - 8, 0.5);
    cleanup();
  });

  it('stays attached above the reference while the card above it grows', async () => {
    const { ref } = await setup('left:200px; top:500px');
    const card = document.createElement('zc-card');
    card.heading = 'Auto-debit';
    ref.after(card);
    const cleanup = anchorTo(card, ref, 'top');
    await frames();
    const short = card.getBoundingClientRect().height;
    // A re-render inside the card's shadow root: no DOM change the reference's watcher sees.
    card.body = 'Turn it off under Settings, Payments, Auto-debit. '.repeat(4);
    await frames();
    expect(card.getBoundingClientRect().height).to.be.greaterThan(short);
    expect(card.getBoundingClientRect().bottom).to.be.closeTo(ref.getBoundingClientRect().top - 8, 0.5);
    cleanup();
  });

  it('writes its styles only when a value changes', async () => {
    const { ref, floating } = await setup('left:100px; top:100px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    const writes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => writes.push(...records));
    observer.observe(floating, { attributes: true });
    // Unrelated DOM changes and a scroll make it measure again, but nothing moved.
    document.body.append(document.createElement('p'));
    document.body.lastElementChild?.remove();
    dispatchEvent(new Event('resize'));
    await frames(4);
    expect(writes.map((r) => r.attributeName)).to.deep.equal([]);
    ref.style.top = '120px';
    await frames(4);
    expect(writes.map((r) => r.attributeName)).to.deep.equal(['style']);
    observer.disconnect();
    cleanup();
  });
});
