import { expect, fixture, html } from '@open-wc/testing';
import { nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/outlet/zc-outlet.js';
import '../../components/steps/zc-steps.js';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import type { ZcStep, ZcSteps } from '../../components/steps/zc-steps.js';
import { virtualTimers } from '../support/virtual-timers.js';
import { settle } from './settle.js';

// A control rendered inside the host's own shadow root, as design-system buttons often are.
if (!customElements.get('x-shadow-button')) {
  customElements.define(
    'x-shadow-button',
    class extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: 'open' }).innerHTML = '<button type="button">Confirm</button>';
      }
    },
  );
}

const KEY = 'zc:steps:autopay';
const here = location.pathname;

/** Three steps on this page: click Auto-debit, then Turn off, then confirm. */
const TOUR: readonly ZcStep[] = [
  { text: 'Click Auto-debit', page: here, target: '#autodebit' },
  { text: 'Press Turn off', target: '#off' },
  { text: 'Confirm', target: 'x-shadow-button' },
];

/** Three steps with nothing to find, driven by Next and Back. */
const PLAIN: readonly ZcStep[] = [{ text: 'Open Settings' }, { text: 'Open Payments' }, { text: 'Turn off auto-debit' }];

interface Mounted {
  readonly el: ZcSteps;
  readonly root: HTMLElement;
  readonly outcomes: ZcOutcomeDetail[];
  readonly timers: ReturnType<typeof virtualTimers>;
}

/**
 * Mounts the steps after `page` (the host's content) in one fixture, on virtual time. The
 * component goes into the element marked `data-mount` if the page has one.
 */
async function mount(steps: readonly ZcStep[], page: TemplateResult | typeof nothing = nothing, props: Partial<ZcSteps> = {}): Promise<Mounted> {
  const timers = virtualTimers();
  const outcomes: ZcOutcomeDetail[] = [];
  const root = await fixture<HTMLDivElement>(html`<div>${page}</div>`);
  const el = document.createElement('zc-steps');
  Object.assign(el, { heading: 'Turn off auto-debit', rule: 'autopay', steps, timer: timers.after }, props);
  el.addEventListener('zc-outcome', (e) => outcomes.push(e.detail));
  (root.querySelector('[data-mount]') ?? root).append(el);
  await settle(el);
  return { el, root, outcomes, timers };
}

const kinds = (m: Mounted): string[] => m.outcomes.map((o) => o.outcome);
const find = (el: ZcSteps, part: string): HTMLElement | null => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`);
const text = (el: ZcSteps, part: string): string | undefined => find(el, part)?.textContent?.trim();
const primary = (el: ZcSteps): HTMLButtonElement => find(el, 'primary') as HTMLButtonElement;
const byText = (el: ZcSteps, label: string): HTMLButtonElement => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const box = (e: Element): number[] => {
  const r = e.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height].map(Math.round);
};
/** Whether the part is rendered (assertions on elements themselves make unreadable failures). */
const has = (el: ZcSteps, part: string): boolean => find(el, part) !== null;
/** What has focus: a control of ours by its text, else a page element by tag and label. */
const focused = (el: ZcSteps): string | undefined => {
  const inside = el.shadowRoot!.activeElement;
  if (inside) return inside.textContent?.trim();
  const a = document.activeElement;
  return a ? `${a.localName} ${a.getAttribute('aria-label') ?? ''}`.trim() : undefined;
};
/** Lets an update finish and the focus it moves land (keepFocus waits a few microtasks). */
const landed = async (el: ZcSteps): Promise<void> => {
  await el.updateComplete;
  await frame();
};
const status = (el: ZcSteps): string | undefined => el.shadowRoot!.querySelector('[role="status"]')?.textContent?.trim();
/** Lets the MutationObserver see a DOM change, then the component render what it found. */
const flush = async (el: ZcSteps): Promise<void> => {
  await null;
  await el.updateComplete;
};
const frame = (): Promise<number> => new Promise(requestAnimationFrame);
const stored = (): unknown => JSON.parse(sessionStorage.getItem(KEY) ?? 'null');

const controls = html`
  <button id="autodebit" type="button" style="margin: 40px 0 0 60px; width: 120px; height: 30px"><span>Auto-debit</span></button>
  <button id="off" type="button">Turn off</button>
  <x-shadow-button></x-shadow-button>
`;

beforeEach(() => sessionStorage.clear());
afterEach(() => {
  sessionStorage.clear();
  scrollTo(0, 0);
});

describe('zc-steps', () => {
  it('shows a step on another page with a safe link there, and reports following it', async () => {
    const m = await mount([{ text: 'Open Settings', page: '/settings', target: '#autodebit' }, ...PLAIN], controls);
    const { el } = m;
    expect(text(el, 'progress')).to.equal('Step 1 of 4');
    expect(text(el, 'step')).to.equal('Open Settings');
    const link = find(el, 'link') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('/settings');
    expect(link.textContent).to.equal('Go to the page');
    // The control exists here, but this is not the step's page: nothing is ringed.
    expect(has(el, 'ring')).to.equal(false);
    expect(has(el, 'feedback')).to.equal(false);
    expect(primary(el).textContent?.trim()).to.equal('Next');
    expect(() => byText(el, 'Back')).to.throw();
    await expect(el).to.be.accessible();
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    expect(m.outcomes).to.deep.equal([
      { outcome: 'shown', rule: 'autopay' },
      { outcome: 'engaged', rule: 'autopay', step: 0 },
    ]);
  });

  it('offers no link to a page whose path is not a safe href', async () => {
    const { el } = await mount([{ text: 'Open it', page: 'javascript:alert(1)' }]);
    expect(text(el, 'step')).to.equal('Open it');
    expect(has(el, 'link')).to.equal(false);
    expect(el.shadowRoot!.querySelectorAll('a')).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('rings the control over its exact box, above the page, without touching it', async () => {
    const m = await mount(TOUR, controls);
    const target = m.root.querySelector('#autodebit')!;
    const before = target.outerHTML;
    const ring = find(m.el, 'ring')!;
    expect(ring.hidden).to.equal(false);
    expect(box(ring)).to.deep.equal(box(target));
    expect(ring.getAttribute('aria-hidden')).to.equal('true');
    const style = getComputedStyle(ring);
    expect([style.position, style.pointerEvents, style.zIndex]).to.deep.equal(['fixed', 'none', '2147483000']);
    expect(target.outerHTML).to.equal(before);
    expect(has(m.el, 'missing')).to.equal(false);
    expect(m.timers.pending()).to.deep.equal([]);
    await expect(m.el).to.be.accessible();
  });

  it('keeps the ring on the control when an ancestor of the surface is transformed (a dock)', async () => {
    const m = await mount(TOUR, html`${controls}<div data-mount style="transform: translate(30px, 50px)"></div>`);
    expect(box(find(m.el, 'ring')!)).to.deep.equal(box(m.root.querySelector('#autodebit')!));
  });

  it('renders in an outlet, ring included', async () => {
    const m = await mount(TOUR, html`${controls}<zc-outlet name="help" data-mount></zc-outlet>`);
    const outlet = m.root.querySelector('zc-outlet')!;
    await outlet.updateComplete;
    expect(outlet.empty).to.equal(false);
    expect(m.el.getBoundingClientRect().height).to.be.greaterThan(50);
    expect(box(find(m.el, 'ring')!)).to.deep.equal(box(m.root.querySelector('#autodebit')!));
    await expect(m.el).to.be.accessible();
  });

  it('hides the ring while the control is scrolled out of view, and shows it when back', async () => {
    const m = await mount([{ text: 'Click Auto-debit', target: '#far' }], html`<button id="far" type="button" style="margin-top: 300vh">Auto-debit</button>`);
    const ring = find(m.el, 'ring')!;
    expect(ring.hidden).to.equal(true);
    m.root.querySelector('#far')!.scrollIntoView();
    await frame();
    await frame();
    expect(ring.hidden).to.equal(false);
    expect(box(ring)).to.deep.equal(box(m.root.querySelector('#far')!));
  });

  it('waits for a control that comes late, and rings it when it appears before the timeout', async () => {
    const m = await mount(TOUR, html`<main></main>`);
    const { el, timers } = m;
    // Waiting: the step is shown, nothing is ringed, no complaint yet.
    expect(text(el, 'step')).to.equal('Click Auto-debit');
    expect(has(el, 'ring')).to.equal(false);
    expect(has(el, 'missing')).to.equal(false);
    expect(timers.pending()).to.deep.equal([8000]);
    await expect(el).to.be.accessible();
    timers.advance(5000);
    const late = document.createElement('button');
    late.id = 'autodebit';
    late.textContent = 'Auto-debit';
    m.root.querySelector('main')!.append(late);
    await flush(el);
    expect(box(find(el, 'ring')!)).to.deep.equal(box(late));
    expect(timers.pending()).to.deep.equal([]);
    timers.advance(10_000);
    await el.updateComplete;
    expect(kinds(m)).to.deep.equal(['shown']);
    expect(has(el, 'missing')).to.equal(false);
  });

  it("reports target-missing once after waitMs, offers to skip, and recovers when the control shows up", async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Amount" />`);
    input.focus();
    const m = await mount(TOUR, html`<main></main>`, { waitMs: 3000, record: { id: 'order-7', label: 'Order 7' } });
    const { el, timers } = m;
    timers.advance(2999);
    await el.updateComplete;
    expect(kinds(m)).to.deep.equal(['shown']);
    timers.advance(1);
    await el.updateComplete;
    expect(m.outcomes.at(-1)).to.deep.equal({ outcome: 'target-missing', rule: 'autopay', record: 'order-7', step: 0 });
    expect(text(el, 'missing')).to.equal("Can't find this control on the page.");
    expect(status(el)).to.equal("Can't find this control on the page.");
    expect(primary(el).textContent?.trim()).to.equal('Skip');
    expect(focused(el), 'no focus theft').to.equal('input Amount');
    await settle(el);
    await expect(el).to.be.accessible();

    const late = document.createElement('button');
    late.id = 'autodebit';
    late.textContent = 'Auto-debit';
    m.root.querySelector('main')!.append(late);
    await flush(el);
    expect(has(el, 'missing')).to.equal(false);
    expect(primary(el).textContent?.trim()).to.equal('Next');
    expect(box(find(el, 'ring')!)).to.deep.equal(box(late));

    // Gone again: the wait starts over, but the step is reported missing only once.
    late.remove();
    await flush(el);
    expect(has(el, 'ring')).to.equal(false);
    expect(timers.pending()).to.deep.equal([3000]);
    timers.advance(3000);
    await el.updateComplete;
    expect(text(el, 'missing')).to.equal("Can't find this control on the page.");
    expect(kinds(m).filter((k) => k === 'target-missing')).to.have.length(1);

    // Skip moves on.
    primary(el).click();
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('Step 2 of 3');
    expect(has(el, 'missing')).to.equal(false);
    expect(m.outcomes.at(-1)).to.deep.equal({ outcome: 'engaged', rule: 'autopay', record: 'order-7', step: 0 });
  });

  it('treats an invalid selector as a control that never appears', async () => {
    const m = await mount([{ text: 'Broken', target: '#[' }]);
    m.timers.advance(8000);
    await m.el.updateComplete;
    expect(kinds(m)).to.deep.equal(['shown', 'target-missing']);
  });

  it('advances when the user clicks the control, inside it, or inside its shadow root', async () => {
    const m = await mount(TOUR, controls);
    const { el, root } = m;
    // A click elsewhere does nothing.
    document.body.click();
    root.querySelector<HTMLElement>('#off')!.click();
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('Step 1 of 3');

    root.querySelector<HTMLElement>('#autodebit span')!.click();
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('Step 2 of 3');
    expect(status(el)).to.equal('Step 2 of 3: Press Turn off');
    expect(box(find(el, 'ring')!)).to.deep.equal(box(root.querySelector('#off')!));

    root.querySelector<HTMLElement>('#off')!.click();
    await el.updateComplete;
    expect(primary(el).textContent?.trim()).to.equal('Done');
    root.querySelector('x-shadow-button')!.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(m.outcomes.slice(1).map((o) => [o.outcome, o.step])).to.deep.equal([
      ['engaged', 0],
      ['engaged', 1],
      ['engaged', 2],
      ['completed', undefined],
    ]);
    expect(has(el, 'ring')).to.equal(false);
    // Done: further clicks on the old controls mean nothing.
    root.querySelector<HTMLElement>('#off')!.click();
    expect(m.outcomes).to.have.length(5);
  });

  it('follows a re-render that replaces the control', async () => {
    const m = await mount(TOUR, controls);
    const { el, root } = m;
    const old = root.querySelector('#autodebit')!;
    const fresh = document.createElement('button');
    fresh.id = 'autodebit';
    fresh.textContent = 'Auto-debit';
    fresh.style.cssText = 'margin-left: 200px; width: 90px; height: 44px';
    old.replaceWith(fresh);
    await flush(el);
    expect(box(find(el, 'ring')!)).to.deep.equal(box(fresh));
    expect(box(fresh)).not.to.deep.equal(box(old));
    (old as HTMLElement).click();
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('Step 1 of 3');
    fresh.click();
    await el.updateComplete;
    expect(text(el, 'progress')).to.equal('Step 2 of 3');
  });

  it('follows SPA navigation through `page`, keeping focus inside when the link goes', async () => {
    const m = await mount([{ text: 'Click Auto-debit', page: '/settings', target: '#autodebit' }, ...PLAIN], controls, { page: '/home' });
    const { el } = m;
    expect(has(el, 'ring')).to.equal(false);
    find(el, 'link')!.focus();
    el.page = '/settings/';
    await landed(el);
    expect(has(el, 'link')).to.equal(false);
    expect(box(find(el, 'ring')!)).to.deep.equal(box(m.root.querySelector('#autodebit')!));
    expect(focused(el)).to.equal('Next');
    await settle(el);
    await expect(el).to.be.accessible();
    el.page = '/home';
    await el.updateComplete;
    expect(has(el, 'ring')).to.equal(false);
    expect(has(el, 'link')).to.equal(true);
  });

  it('goes with the keyboard: Tab to Next, Enter; Back; Done; focus never drops out', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Search" />`);
    input.focus();
    const m = await mount(PLAIN);
    const { el } = m;
    expect(focused(el), 'no focus theft on appear').to.equal('input Search');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('×');
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('Next');
    await sendKeys({ press: 'Enter' });
    await landed(el);
    expect(text(el, 'progress')).to.equal('Step 2 of 3');
    expect(focused(el)).to.equal('Next');
    expect(stored()).to.deep.equal({ step: 1 });
    await expect(el).to.be.accessible();

    // Back from step 2 removes Back itself: focus moves to Next rather than to <body>.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(el)).to.equal('Back');
    await sendKeys({ press: 'Enter' });
    await landed(el);
    expect(text(el, 'progress')).to.equal('Step 1 of 3');
    expect(status(el)).to.equal('Step 1 of 3: Open Settings');
    expect(focused(el)).to.equal('Next');

    await sendKeys({ press: 'Enter' });
    await landed(el);
    await sendKeys({ press: 'Enter' });
    await landed(el);
    expect(focused(el)).to.equal('Done');
    await sendKeys({ press: 'Enter' });
    await landed(el);
    expect(kinds(m)).to.deep.equal(['shown', 'engaged', 'engaged', 'engaged', 'engaged', 'completed']);
    expect(m.outcomes.filter((o) => o.outcome === 'engaged').map((o) => o.step)).to.deep.equal([0, 0, 1, 2]);
    // Done is gone with the steps; focus lands on the first feedback answer.
    expect(focused(el)).to.equal('Yes');
    await settle(el);
    await expect(el).to.be.accessible();
  });

  it('completes: a done message, feedback only now, no ring, progress forgotten', async () => {
    const m = await mount(TOUR, controls, { record: { id: 'order-7', label: 'Order 7' } });
    const { el } = m;
    expect(stored()).to.deep.equal({ step: 0 });
    expect(has(el, 'feedback')).to.equal(false);
    primary(el).click();
    await el.updateComplete;
    primary(el).click();
    await el.updateComplete;
    expect(stored()).to.deep.equal({ step: 2 });
    expect(has(el, 'feedback')).to.equal(false);
    primary(el).click();
    await el.updateComplete;
    expect(text(el, 'done')).to.equal('All steps done.');
    expect(status(el)).to.equal('All steps done.');
    expect(has(el, 'progress')).to.equal(false);
    expect(has(el, 'ring')).to.equal(false);
    expect(has(el, 'feedback')).to.equal(true);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
    expect(m.outcomes.at(-1)).to.deep.equal({ outcome: 'completed', rule: 'autopay', record: 'order-7' });
    await settle(el);
    await expect(el).to.be.accessible();
    byText(el, 'Yes').click();
    await el.updateComplete;
    expect(m.outcomes.at(-1)).to.deep.equal({ outcome: 'helpful', rule: 'autopay', record: 'order-7' });
    expect(kinds(m).filter((k) => k === 'completed')).to.have.length(1);
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  it('resumes after a reload from the progress kept in sessionStorage', async () => {
    sessionStorage.setItem(KEY, JSON.stringify({ step: 1 }));
    const m = await mount(TOUR, controls);
    expect(text(m.el, 'progress')).to.equal('Step 2 of 3');
    expect(byText(m.el, 'Back')).to.exist;
    expect(box(find(m.el, 'ring')!)).to.deep.equal(box(m.root.querySelector('#off')!));
    await expect(m.el).to.be.accessible();
  });

  for (const saved of ['{"step":3}', '{"step":-1}', '{"step":1.5}', '{"step":"1x"}', '{}', 'not json']) {
    it(`starts over from stored progress it can't use: ${saved}`, async () => {
      sessionStorage.setItem(KEY, saved);
      const { el } = await mount(TOUR, controls);
      expect(text(el, 'progress')).to.equal('Step 1 of 3');
      expect(stored()).to.deep.equal({ step: 0 });
    });
  }

  it("keeps each rule's progress apart", async () => {
    sessionStorage.setItem('zc:steps:other', JSON.stringify({ step: 2 }));
    const { el } = await mount(PLAIN);
    expect(text(el, 'progress')).to.equal('Step 1 of 3');
  });

  it('forgets the progress on dismiss and on "don\'t show this again"', async () => {
    let m = await mount(PLAIN);
    primary(m.el).click();
    await m.el.updateComplete;
    expect(stored()).to.deep.equal({ step: 1 });
    find(m.el, 'dismiss')!.click();
    expect(kinds(m).at(-1)).to.equal('dismissed');
    expect(sessionStorage.getItem(KEY)).to.equal(null);

    m = await mount(PLAIN);
    expect(text(m.el, 'progress')).to.equal('Step 1 of 3');
    expect(stored()).to.deep.equal({ step: 0 });
    find(m.el, 'dont-show')!.click();
    expect(kinds(m).at(-1)).to.equal('dont-show-again');
    expect(sessionStorage.getItem(KEY)).to.equal(null);
  });

  it('still works when storage throws (private mode)', async () => {
    const proto = Storage.prototype;
    const saved = { getItem: proto.getItem, setItem: proto.setItem, removeItem: proto.removeItem };
    const boom = (): never => {
      throw new DOMException('denied', 'SecurityError');
    };
    Object.assign(proto, { getItem: boom, setItem: boom, removeItem: boom });
    try {
      const m = await mount(PLAIN);
      for (let i = 0; i < 3; i++) {
        primary(m.el).click();
        await m.el.updateComplete;
      }
      find(m.el, 'dismiss')!.click();
      expect(kinds(m)).to.deep.equal(['shown', 'engaged', 'engaged', 'engaged', 'completed', 'dismissed']);
    } finally {
      Object.assign(proto, saved);
    }
  });

  it('stops watching when removed, and picks up again when put back', async () => {
    const m = await mount(TOUR, html`<main></main><div data-mount></div>`);
    const { el, root, timers } = m;
    expect(timers.pending()).to.deep.equal([8000]);
    el.remove();
    await el.updateComplete;
    expect(timers.pending()).to.deep.equal([]);
    const late = document.createElement('button');
    late.id = 'autodebit';
    late.textContent = 'Auto-debit';
    root.querySelector('main')!.append(late);
    late.click();
    expect(kinds(m)).to.deep.equal(['shown']);
    root.append(el);
    await el.updateComplete;
    await el.updateComplete;
    expect(box(find(el, 'ring')!)).to.deep.equal(box(late));
    late.click();
    expect(kinds(m)).to.deep.equal(['shown', 'engaged']);
  });

  it('renders pack text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">Click';
    const { el } = await mount([{ text: hostile }]);
    expect(text(el, 'step')).to.equal(hostile);
    expect(find(el, 'step')!.querySelectorAll('img')).to.have.length(0);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('speaks zh-CN, and takes the pack\'s overrides', async () => {
    const m = await mount([{ text: '打开设置', page: '/settings' }, ...PLAIN, { text: '确认', target: '#nowhere' }], nothing, { locale: 'zh-CN', page: '/home' });
    const { el } = m;
    expect(text(el, 'progress')).to.equal('第 1 步，共 5 步');
    expect(text(el, 'link')).to.equal('前往该页面');
    expect(primary(el).textContent?.trim()).to.equal('下一步');
    await expect(el).to.be.accessible();
    primary(el).click();
    await el.updateComplete;
    expect(byText(el, '上一步')).to.exist;
    expect(status(el)).to.equal('第 2 步，共 5 步：Open Settings');
    for (let i = 0; i < 3; i++) {
      primary(el).click();
      await el.updateComplete;
    }
    expect(primary(el).textContent?.trim()).to.equal('完成');
    m.timers.advance(8000);
    await el.updateComplete;
    expect(text(el, 'missing')).to.equal('在此页面上找不到该控件。');
    expect(primary(el).textContent?.trim()).to.equal('跳过');
    await settle(el);
    await expect(el).to.be.accessible();
    primary(el).click();
    await el.updateComplete;
    expect(text(el, 'done')).to.equal('所有步骤已完成。');
    expect(find(el, 'feedback')!.textContent).to.contain('这对您有帮助吗？');
    await settle(el);
    await expect(el).to.be.accessible();

    el.ui = { finished: 'Auto-debit is off.' };
    await el.updateComplete;
    expect(text(el, 'done')).to.equal('Auto-debit is off.');
  });
});
