import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/feedback/zc-feedback.js';
import '../../components/tip/zc-tip.js';
import type { ZcFeedback } from '../../components/feedback/zc-feedback.js';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import { settle } from './settle.js';

type Detail = Omit<ZcOutcomeDetail, 'rule'>;
const reasons = [
  { id: 'r.unclear', label: 'Hard to follow' },
  { id: 'r.wrong', label: 'Not my problem' },
];
const buttons = (el: HTMLElement): HTMLButtonElement[] => [...(el.shadowRoot?.querySelectorAll('button') ?? [])];
const byText = (el: HTMLElement, text: string): HTMLButtonElement => {
  const found = buttons(el).find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}" in ${buttons(el).map((b) => b.textContent?.trim()).join(', ')}`);
  return found;
};
const live = (el: HTMLElement): string => el.shadowRoot?.querySelector('[role="status"]')?.textContent?.trim() ?? '';

async function mountFeedback(withReasons = true): Promise<{ el: ZcFeedback; outcomes: Detail[] }> {
  const outcomes: Detail[] = [];
  const el = await fixture<ZcFeedback>(html`
    <zc-feedback
      heading="Paying with a saved card"
      rule="pay-help"
      .reasons=${withReasons ? reasons : []}
      .record=${{ id: 'A1042', label: 'Order #1042' }}
      @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push((({ rule: _rule, ...rest }) => rest)(e.detail))}
    ></zc-feedback>
  `);
  await settle(el);
  return { el, outcomes };
}

describe('zc-feedback', () => {
  it('asks "Did this help?" and reports Yes once, with the picked record', async () => {
    const { el, outcomes } = await mountFeedback();
    await expect(el).to.be.accessible();
    byText(el, 'Yes').click();
    byText(el, 'Yes')?.click();
    await el.updateComplete;
    expect(outcomes).to.deep.equal([
      { outcome: 'shown', record: 'A1042' },
      { outcome: 'helpful', record: 'A1042' },
    ]);
    expect(live(el)).to.equal('Thanks for the feedback.');
    await expect(el).to.be.accessible();
  }).timeout(5000);

  it('after No, offers the pack reasons by keyboard and reports the one chosen', async () => {
    const { el, outcomes } = await mountFeedback();
    byText(el, 'No').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part~="feedback"]')?.textContent).to.contain('What went wrong?');
    // The pressed button went away: focus moved to the first reason, not to <body>.
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal('Hard to follow');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(outcomes.slice(1)).to.deep.equal([{ outcome: 'unhelpful', record: 'A1042', reason: 'r.wrong' }]);
    await expect(el).to.be.accessible();
  });

  it('counts a No whose reason was skipped, or left unanswered when the surface goes', async () => {
    const skipped = await mountFeedback();
    byText(skipped.el, 'No').click();
    await skipped.el.updateComplete;
    byText(skipped.el, 'Skip').click();
    expect(skipped.outcomes.slice(1)).to.deep.equal([{ outcome: 'unhelpful', record: 'A1042' }]);

    const left = await mountFeedback();
    byText(left.el, 'No').click();
    await left.el.updateComplete;
    left.el.remove();
    expect(left.outcomes.slice(1)).to.deep.equal([{ outcome: 'unhelpful', record: 'A1042' }]);
  });

  it('without reasons, No is the answer', async () => {
    const { el, outcomes } = await mountFeedback(false);
    byText(el, 'No').click();
    await el.updateComplete;
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['shown', 'unhelpful']);
    expect(buttons(el).map((b) => b.textContent?.trim())).to.not.include('Skip');
  });

  it("reports 'dont-show-again' and gives focus back to where the user was", async () => {
    const { el, outcomes } = await mountFeedback();
    const before = document.createElement('button');
    before.textContent = 'Pay';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' }); // into the surface: the × button
    expect(el.shadowRoot?.activeElement).to.not.equal(null);
    const dontShow = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dont-show"]')!;
    dontShow.focus();
    await sendKeys({ press: 'Enter' });
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'dont-show-again', record: 'A1042' });
    expect(document.activeElement).to.equal(before);
    before.remove();
  });

  it('speaks zh-CN, and takes the pack overrides of its chrome strings', async () => {
    const { el } = await mountFeedback();
    el.locale = 'zh-CN';
    el.ui = { yes: '解决了' };
    await el.updateComplete;
    expect(buttons(el).map((b) => b.textContent?.trim())).to.include.members(['解决了', '没帮助', '不再显示']);
    expect(el.shadowRoot?.querySelector('[part~="dismiss"]')?.getAttribute('aria-label')).to.equal('关闭');
    await expect(el).to.be.accessible();
  });
});

describe('zc-tip', () => {
  it('is compact: a body with inline formatting, no question, and a dismiss that says why it closed', async () => {
    const outcomes: string[] = [];
    const el = await fixture<HTMLElementTagNameMap['zc-tip']>(html`
      <zc-tip .body=${'Use the **card number** on the front. [More](/help/cards)'} @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push(e.detail.outcome)}></zc-tip>
    `);
    await settle(el);
    expect(el.shadowRoot?.querySelector('[part~="feedback"]')).to.equal(null);
    expect(el.shadowRoot?.querySelector('strong')?.textContent).to.equal('card number');
    const link = el.shadowRoot!.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('/help/cards');
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="dismiss"]')!.click();
    expect(outcomes).to.deep.equal(['shown', 'engaged', 'dismissed']);
    expect(el.getBoundingClientRect().width).to.be.at.most(280);
  });
});
