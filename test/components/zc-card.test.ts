import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/card/zc-card.js';
import type { ZcCard } from '../../components/card/zc-card.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import { settle } from './settle.js';

const part = (el: ZcCard, name: string): HTMLElement => {
  const found = el.shadowRoot?.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const buttons = (el: ZcCard): HTMLButtonElement[] => [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
const byText = (el: ZcCard, text: string): HTMLButtonElement => {
  const found = buttons(el).find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
};

async function mountCard(body = 'Open Settings, then Auto-debit.'): Promise<{ el: ZcCard; outcomes: OutcomeKind[] }> {
  const outcomes: OutcomeKind[] = [];
  const el = await fixture<ZcCard>(html`
    <zc-card
      heading="Turn off auto-debit"
      .body=${body}
      rule="autopay-stuck"
      @zc-outcome=${(e: CustomEvent<{ outcome: OutcomeKind }>) => outcomes.push(e.detail.outcome)}
    ></zc-card>
  `);
  await settle(el);
  return { el, outcomes };
}

describe('zc-card', () => {
  it('renders heading and body as plain text and names its region after the heading', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const { el } = await mountCard(hostile);
    expect(part(el, 'heading').textContent).to.equal('Turn off auto-debit');
    expect(part(el, 'body').textContent).to.equal(hostile);
    expect(part(el, 'body').querySelector('img, b')).to.equal(null);
    expect(el.getAttribute('role')).to.equal('region');
    expect(el.getAttribute('aria-label')).to.equal('Turn off auto-debit');
    el.heading = 'Pay later';
    await el.updateComplete;
    expect(el.getAttribute('aria-label')).to.equal('Pay later');
    await expect(el).to.be.accessible();
  });

  it("emits 'shown' exactly once, with the rule id, and only while connected", async () => {
    const events: CustomEvent[] = [];
    const el = document.createElement('zc-card');
    el.heading = 'Tip';
    el.rule = 'r1';
    el.addEventListener('zc-outcome', (e) => events.push(e));
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    // Attached and detached before Lit's first update: it renders detached, and says nothing.
    host.append(el);
    el.remove();
    await el.updateComplete;
    expect(el.hasUpdated).to.equal(true);
    expect(events).to.have.length(0);
    host.append(el);
    await settle(el);
    expect(events).to.have.length(1);
    el.body = 'changed';
    await el.updateComplete;
    el.remove();
    host.append(el);
    await el.updateComplete;
    expect(events.map((e) => e.detail)).to.deep.equal([{ outcome: 'shown', rule: 'r1' }]);
    expect(events[0]?.bubbles && events[0]?.composed).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it("emits 'dismissed' from the dismiss button, whose name is 'Dismiss'", async () => {
    const { el } = await mountCard();
    const dismiss = part(el, 'dismiss') as HTMLButtonElement;
    expect(dismiss.getAttribute('aria-label')).to.equal('Dismiss');
    const event = oneEvent(el, 'zc-outcome');
    dismiss.click();
    expect((await event).detail).to.deep.equal({ outcome: 'dismissed', rule: 'autopay-stuck' });
    await expect(el).to.be.accessible();
  });

  it("emits 'dismissed' on Escape while focus is inside, and keeps that Escape to itself", async () => {
    const { el, outcomes } = await mountCard();
    let documentSawEscape = false;
    const onKey = (e: KeyboardEvent): void => void (documentSawEscape ||= e.key === 'Escape');
    document.addEventListener('keydown', onKey);
    try {
      byText(el, 'Yes').focus();
      await sendKeys({ press: 'Escape' });
    } finally {
      document.removeEventListener('keydown', onKey);
    }
    expect(outcomes).to.deep.equal(['shown', 'dismissed']);
    expect(documentSawEscape).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('ignores Escape while focus is outside', async () => {
    const { el, outcomes } = await mountCard();
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Amount');
    el.before(input);
    input.focus();
    await sendKeys({ press: 'Escape' });
    input.remove();
    expect(outcomes).to.deep.equal(['shown']);
    await expect(el).to.be.accessible();
  });

  it("Yes emits 'helpful' once, then shows a thank-you and removes the choices", async () => {
    const { el, outcomes } = await mountCard();
    byText(el, 'Yes').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(outcomes).to.deep.equal(['shown', 'helpful']);
    expect(part(el, 'feedback').textContent?.trim()).to.equal('Thanks for the feedback.');
    // Said to screen readers through the live region, which was there before the text.
    expect(el.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim()).to.equal('Thanks for the feedback.');
    expect(buttons(el).map((b) => b.getAttribute('part'))).to.deep.equal(['dismiss', 'dont-show button']);
    // The pressed button is gone; focus stays in the card rather than falling to <body>.
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('dismiss');
    await expect(el).to.be.accessible();
  });

  it("No emits 'unhelpful' once", async () => {
    const { el, outcomes } = await mountCard();
    const no = byText(el, 'No');
    no.click();
    no.click();
    await el.updateComplete;
    expect(outcomes).to.deep.equal(['shown', 'unhelpful']);
    expect(part(el, 'feedback').textContent).to.contain('Thanks for the feedback.');
    await expect(el).to.be.accessible();
  });

  it('speaks zh-CN when asked, and marks its language', async () => {
    const { el } = await mountCard();
    expect(el.getAttribute('lang')).to.equal('en');
    el.locale = 'zh-CN';
    await el.updateComplete;
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    expect(part(el, 'dismiss').getAttribute('aria-label')).to.equal('关闭');
    expect(part(el, 'feedback').textContent).to.contain('这对您有帮助吗？');
    byText(el, '有帮助').click();
    await el.updateComplete;
    expect(part(el, 'feedback').textContent?.trim()).to.equal('感谢您的反馈。');
    await expect(el).to.be.accessible();
  });

  it('does not steal focus when it appears', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Card number" />`);
    input.focus();
    const el = document.createElement('zc-card');
    el.heading = 'Card number format';
    input.after(el);
    await settle(el);
    expect(document.activeElement?.getAttribute('aria-label')).to.equal('Card number');
    await expect(el).to.be.accessible();
  });
});

describe('zc-card actions', () => {
  it('renders the solution\'s links in a labelled group, reachable by Tab, and reports each one followed as engaged', async () => {
    const outcomes: OutcomeKind[] = [];
    const el = await fixture<ZcCard>(html`
      <zc-card
        heading="Payment failed"
        .body=${'Your bank declined it.'}
        .actions=${[{ label: 'Change card', href: '#/settings/card' }, { label: 'Contact <b>us</b>', href: 'https://example.com/help' }]}
        locale="zh-CN"
        @zc-outcome=${(e: CustomEvent<{ outcome: OutcomeKind }>) => outcomes.push(e.detail.outcome)}
      ></zc-card>
    `);
    await settle(el);
    const nav = part(el, 'actions');
    expect(nav.getAttribute('aria-label')).to.equal('下一步');
    const links = [...nav.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
      ['Change card', '#/settings/card'],
      ['Contact <b>us</b>', 'https://example.com/help'],
    ]);
    expect(nav.querySelector('b'), 'labels are text, never markup').to.equal(null);
    links[0]!.focus();
    expect(el.shadowRoot!.activeElement).to.equal(links[0]);
    await sendKeys({ press: 'Enter' });
    expect(outcomes.filter((o) => o === 'engaged')).to.have.length(1);
    expect(location.hash).to.equal('#/settings/card');
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('renders no actions row without actions', async () => {
    const { el } = await mountCard();
    expect(el.shadowRoot!.querySelector('[part~="actions"]')).to.equal(null);
  });
});
