import { expect, fixture, html } from '@open-wc/testing';
import { anchorTo } from '../../components/anchor.js';
import '../../components/card/zc-card.js';

// autoUpdate reacts through scroll listeners, ResizeObserver and IntersectionObserver, all of
// which deliver around rendering; a few frames let the async computePosition settle too.
const frames = async (n = 3): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise<number>((resolve) => requestAnimationFrame(resolve));
};

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

describe('anchorTo', () => {
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
    cleanup();
  });

  it('flips above the reference when there is no room below', async () => {
    const { ref, floating } = await setup(`left:100px; top:${innerHeight - 40}px`);
    const cleanup = anchorTo(floating, ref, 'bottom');
    await frames();
    expect(floating.getBoundingClientRect().bottom).to.be.closeTo(ref.getBoundingClientRect().top - 8, 0.5);
    cleanup();
  });

  it('stays 8px inside the viewport near an edge', async () => {
    const { ref, floating } = await setup('left:0px; top:100px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(floating.getBoundingClientRect().left).to.be.closeTo(8, 0.5);
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
    await frames();
    expect(floating.getBoundingClientRect().toJSON()).to.deep.equal(before.toJSON());
  });

  it('stays attached while a scroll container scrolls the reference', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <div id="scroller" style="height:200px; overflow:auto" tabindex="0" aria-label="Orders">
          <div style="height:1000px; padding-top:60px"><button>Order 42</button></div>
        </div>
        <div role="note" style="width:120px; height:40px">Help</div>
      </div>
    `);
    const scroller = root.querySelector('#scroller') as HTMLElement;
    const ref = root.querySelector('button') as HTMLElement;
    const floating = root.querySelector('[role="note"]') as HTMLElement;
    const cleanup = anchorTo(floating, ref);
    await frames();
    const startTop = floating.getBoundingClientRect().top;
    scroller.scrollTop = 30;
    await frames();
    expect(floating.getBoundingClientRect().top).to.be.closeTo(startTop - 30, 0.5);
    expect(floating.getBoundingClientRect().top).to.be.closeTo(ref.getBoundingClientRect().bottom + 8, 0.5);
    cleanup();
  });

  it('lets an anchored card near the right edge grow to its natural width', async () => {
    const { ref } = await setup(`left:${innerWidth - 90}px; top:100px`);
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
    expect(rect.right).to.be.closeTo(innerWidth - 8, 0.5);
    cleanup();
  });

  it('hides while the reference is out of view', async () => {
    const { ref, floating } = await setup('left:100px; top:-200px');
    const cleanup = anchorTo(floating, ref);
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('hidden');
    ref.style.top = '100px';
    await frames();
    expect(getComputedStyle(floating).visibility).to.equal('visible');
    cleanup();
  });
});
