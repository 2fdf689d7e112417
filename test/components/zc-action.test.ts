import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/action/zc-action.js';
import type { ZcAction, ZcActionSpec } from '../../components/action/zc-action.js';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import type { ZcActionInput, ZcHost, ZcRecord } from '../../components/host.js';
import { settle } from './settle.js';

/** One call to the fake host's run(): answered by hand, never by a timer. */
interface RunCall {
  readonly name: string;
  readonly input: ZcActionInput;
  readonly resolve: (value?: unknown) => void;
  readonly reject: (error: unknown) => void;
}

function fakeHost(): { host: ZcHost; runs: RunCall[] } {
  const runs: RunCall[] = [];
  const host: ZcHost = {
    data: () => Promise.reject(new Error('not used')),
    run: (name, input) => new Promise((resolve, reject) => runs.push({ name, input, resolve, reject })),
    packet: () => {
      throw new Error('not used');
    },
  };
  return { host, runs };
}

const ORDER: ZcRecord = { id: 'o-1042', label: 'Order #1042', detail: '12 Nov' };
const RESEND: ZcActionSpec = { host: 'resendReceipt', label: 'Resend the receipt' };

const $ = <T extends Element = HTMLElement>(el: ZcAction, selector: string): T => {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const has = (el: ZcAction, selector: string): boolean => el.shadowRoot?.querySelector(selector) != null;
const main = (el: ZcAction): HTMLButtonElement => $(el, '[part~="primary"]');
const byText = (el: ZcAction, label: string): HTMLButtonElement => {
  const found = [...(el.shadowRoot?.querySelectorAll('button') ?? [])].find((b) => b.textContent?.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};
const status = (el: ZcAction): string => $(el, '[role="status"]').textContent?.trim() ?? '';
const focused = (el: ZcAction): Element | null | undefined => el.shadowRoot?.activeElement;
const kinds = (outcomes: ZcOutcomeDetail[]): string[] => outcomes.map((o) => o.outcome);

/** Lets the component's pending `await host.run()` continue, then waits for its render. */
async function replied(el: ZcAction, answer: () => void): Promise<void> {
  answer();
  for (let i = 0; i < 3; i++) await Promise.resolve();
  await settle(el);
}

async function mountAction(action: ZcActionSpec | null = RESEND, opts: { record?: ZcRecord; locale?: 'en' | 'zh-CN'; host?: ZcHost } = {}) {
  const fake = fakeHost();
  const outcomes: ZcOutcomeDetail[] = [];
  const el = await fixture<ZcAction>(html`
    <zc-action
      heading="Receipt never arrived?"
      locale=${opts.locale ?? 'en'}
      rule="receipt-missing"
      .action=${action ?? undefined}
      .record=${opts.record}
      .host=${opts.host ?? fake.host}
      @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push(e.detail)}
    ></zc-action>
  `);
  await settle(el);
  return { el, runs: fake.runs, outcomes };
}

describe('zc-action', () => {
  it('offers one primary button with the label, and asks nothing yet', async () => {
    const { el, runs, outcomes } = await mountAction();
    expect(main(el).textContent?.trim()).to.equal('Resend the receipt');
    expect(main(el).disabled).to.equal(false);
    expect(main(el).hasAttribute('aria-busy')).to.equal(false);
    expect(has(el, '[part~="feedback"]')).to.equal(false);
    expect(has(el, '[part="record"]')).to.equal(false);
    expect(runs).to.have.length(0);
    expect(kinds(outcomes)).to.deep.equal(['shown']);
    await expect(el).to.be.accessible();
  });

  it('runs once however fast it is pressed', async () => {
    const { el, runs } = await mountAction();
    // Both clicks land before any re-render swaps the button's handler.
    main(el).click();
    main(el).click();
    await el.updateComplete;
    expect(runs).to.have.length(1);
    await replied(el, () => runs[0]?.reject(new Error('x')));
    main(el).click();
    main(el).click();
    await el.updateComplete;
    expect(runs).to.have.length(2);
  });

  it('runs the host action once with rule and signal, busy and announced while pending', async () => {
    const { el, runs } = await mountAction();
    main(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(runs).to.have.length(1);
    expect(runs[0]?.name).to.equal('resendReceipt');
    expect(runs[0]?.input.rule).to.equal('receipt-missing');
    expect(runs[0]?.input.record).to.equal(undefined);
    expect(runs[0]?.input.signal.aborted).to.equal(false);
    const button = main(el);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(button.textContent?.trim()).to.equal('Working…');
    expect(status(el)).to.equal('Working…');
    // The pressed button keeps focus while busy (a disabled one would drop it to <body>).
    expect(focused(el)).to.equal(button);
    await sendKeys({ press: 'Enter' });
    await sendKeys({ press: 'Space' });
    button.click();
    await el.updateComplete;
    expect(runs, 'a second press cannot run it twice').to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it("on success says so in .ok, reports 'action-succeeded', asks for feedback and keeps focus inside", async () => {
    const { el, runs, outcomes } = await mountAction();
    main(el).focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    await replied(el, () => runs[0]?.resolve({ ok: true }));
    expect($(el, '[part="result"]').classList.contains('ok')).to.equal(true);
    expect($(el, '[part="result"]').textContent?.trim()).to.equal('Done.');
    expect(status(el)).to.equal('Done.');
    expect(has(el, '[part~="primary"]')).to.equal(false);
    expect(outcomes.slice(1)).to.deep.equal([{ outcome: 'action-succeeded', rule: 'receipt-missing' }]);
    expect(has(el, '[part~="feedback"]')).to.equal(true);
    expect(focused(el)?.textContent?.trim()).to.equal('Yes');
    await expect(el).to.be.accessible();
  });

  it("uses the solution's success text", async () => {
    const { el, runs } = await mountAction({ ...RESEND, success: 'Sent. Check your inbox.' });
    main(el).click();
    await replied(el, () => runs[0]?.resolve());
    expect($(el, '[part="result"]').textContent?.trim()).to.equal('Sent. Check your inbox.');
    expect(status(el)).to.equal('Sent. Check your inbox.');
  });

  it("on failure shows its own message (never the host's), reports 'action-failed' each time, and retries", async () => {
    const { el, runs, outcomes } = await mountAction();
    main(el).focus();
    await sendKeys({ press: 'Enter' });
    await replied(el, () => runs[0]?.reject(new Error('POST /internal/mailer 502 (token abc123)')));
    const result = $(el, '[part="result"]');
    expect(result.classList.contains('error')).to.equal(true);
    expect(result.textContent?.trim()).to.equal("That didn't work.");
    expect(status(el)).to.equal("That didn't work.");
    expect(el.shadowRoot?.textContent).not.to.contain('abc123');
    expect(main(el).textContent?.trim()).to.equal('Try again');
    expect(focused(el)).to.equal(main(el));
    expect(has(el, '[part~="feedback"]')).to.equal(false);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(runs).to.have.length(2);
    expect(status(el)).to.equal('Working…');
    await replied(el, () => runs[1]?.reject(new Error('again')));
    expect(kinds(outcomes)).to.deep.equal(['shown', 'action-failed', 'action-failed']);
    main(el).click();
    await replied(el, () => runs[2]?.resolve());
    expect(kinds(outcomes)).to.deep.equal(['shown', 'action-failed', 'action-failed', 'action-succeeded']);
  });

  it('lands in the failure state, without throwing, when the host does not know the name', async () => {
    // The default host has nothing registered and rejects every name.
    const el = await fixture<ZcAction>(html`<zc-action heading="Fix it" .action=${{ host: 'dropTables', label: 'Fix it now' }}></zc-action>`);
    const failed = new Promise<ZcOutcomeDetail>((resolve) => el.addEventListener('zc-outcome', (e) => e.detail.outcome !== 'shown' && resolve(e.detail)));
    main(el).click();
    expect((await failed).outcome).to.equal('action-failed');
    await settle(el);
    expect($(el, '[part="result"]').textContent?.trim()).to.equal("That didn't work.");
    expect(el.shadowRoot?.textContent).not.to.contain('dropTables');
    await expect(el).to.be.accessible();
  });

  for (const host of ['', '   ', undefined]) {
    it(`renders a disabled button that runs nothing when the action name is ${JSON.stringify(host)}`, async () => {
      const { el, runs, outcomes } = await mountAction({ label: 'Fix it', host } as unknown as ZcActionSpec);
      expect(main(el).disabled).to.equal(true);
      main(el).click();
      main(el).dispatchEvent(new MouseEvent('click'));
      await el.updateComplete;
      expect(runs).to.have.length(0);
      expect(kinds(outcomes)).to.deep.equal(['shown']);
      await expect(el).to.be.accessible();
    });
  }

  it('renders no button without an action', async () => {
    const { el } = await mountAction(null);
    expect(has(el, '[part~="primary"]')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('confirms first: focus goes to Confirm, Cancel goes back to the button, Confirm runs', async () => {
    const { el, runs, outcomes } = await mountAction({ ...RESEND, host: 'cancelOrder', label: 'Cancel order', confirm: 'Cancel order #1042 for good?' });
    main(el).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(runs).to.have.length(0);
    expect($(el, '[part="confirm"]').textContent).to.equal('Cancel order #1042 for good?');
    const group = $(el, '[role="group"][aria-labelledby="confirm"]');
    expect([...group.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.deep.equal(['Confirm', 'Cancel']);
    expect(focused(el)?.textContent?.trim()).to.equal('Confirm');
    expect(kinds(outcomes)).to.deep.equal(['shown', 'engaged']);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Tab' });
    expect(focused(el)?.textContent?.trim()).to.equal('Cancel');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(has(el, '[part="confirm"]')).to.equal(false);
    expect(focused(el)).to.equal(main(el));
    expect(main(el).textContent?.trim()).to.equal('Cancel order');
    expect(runs).to.have.length(0);

    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'Enter' }); // on Confirm
    await el.updateComplete;
    expect(runs.map((r) => r.name)).to.deep.equal(['cancelOrder']);
    expect(focused(el)).to.equal(main(el));
    expect(main(el).getAttribute('aria-busy')).to.equal('true');
    await replied(el, () => runs[0]?.resolve());
    expect(kinds(outcomes)).to.deep.equal(['shown', 'engaged', 'engaged', 'action-succeeded']);
  });

  it('does not take focus when the confirmation or the result appears under a mouse user elsewhere', async () => {
    const { el, runs } = await mountAction({ ...RESEND, confirm: 'Sure?' });
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Email');
    el.before(input);
    input.focus();
    main(el).click();
    await settle(el);
    expect(document.activeElement).to.equal(input);
    byText(el, 'Confirm').click();
    await replied(el, () => runs[0]?.resolve());
    expect(document.activeElement).to.equal(input);
    input.remove();
  });

  it('names the picked record, passes it to the host and reports its id', async () => {
    const { el, runs, outcomes } = await mountAction(RESEND, { record: ORDER });
    expect($(el, '[part="record"]').textContent?.trim()).to.equal('For: Order #1042');
    main(el).click();
    expect(runs[0]?.input.record).to.equal(ORDER);
    await replied(el, () => runs[0]?.resolve());
    expect(outcomes).to.deep.equal([
      { outcome: 'shown', rule: 'receipt-missing', record: 'o-1042' },
      { outcome: 'action-succeeded', rule: 'receipt-missing', record: 'o-1042' },
    ]);
    await expect(el).to.be.accessible();
  });

  it('aborts the run when removed, ignores its late reply, and works again when put back', async () => {
    const { el, runs, outcomes } = await mountAction();
    const parent = el.parentElement!;
    main(el).click();
    await el.updateComplete;
    const signal = runs[0]!.input.signal;
    el.remove();
    expect(signal.aborted).to.equal(true);
    await replied(el, () => runs[0]?.resolve());
    expect(kinds(outcomes)).to.deep.equal(['shown']);
    parent.append(el);
    await settle(el);
    expect(main(el).hasAttribute('aria-busy')).to.equal(false);
    expect(main(el).textContent?.trim()).to.equal('Resend the receipt');
    main(el).click();
    expect(runs).to.have.length(2);
    expect(runs[1]?.input.signal.aborted).to.equal(false);
    await replied(el, () => runs[1]?.reject(new Error('x')));
    expect(kinds(outcomes)).to.deep.equal(['shown', 'action-failed']);
  });

  it('speaks zh-CN in every state', async () => {
    const { el, runs } = await mountAction({ host: 'resend', label: '重新发送收据', confirm: '确定吗？' }, { locale: 'zh-CN', record: ORDER });
    expect($(el, '[part="record"]').textContent?.trim()).to.equal('对应：Order #1042');
    main(el).click();
    await settle(el);
    expect(byText(el, '确认')).to.exist;
    byText(el, '取消').click();
    await settle(el);
    main(el).click();
    await settle(el);
    byText(el, '确认').click();
    await el.updateComplete;
    expect(main(el).textContent?.trim()).to.equal('处理中…');
    await replied(el, () => runs[0]?.reject(new Error('x')));
    expect($(el, '[part="result"]').textContent?.trim()).to.equal('操作未成功。');
    expect(main(el).textContent?.trim()).to.equal('重试');
    await expect(el).to.be.accessible();
    main(el).click();
    await replied(el, () => runs[1]?.resolve());
    expect($(el, '[part="result"]').textContent?.trim()).to.equal('已完成。');
    expect(el.shadowRoot?.textContent).to.contain('这对您有帮助吗？');
    await expect(el).to.be.accessible();
  });

  it('shows hostile pack text and record labels literally', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> $& $1';
    const { el, runs } = await mountAction({ host: 'x', label: hostile, confirm: `<b>${hostile}</b>`, success: `<i>${hostile}</i>` }, { record: { id: 'h', label: hostile } });
    expect(main(el).textContent?.trim()).to.equal(hostile);
    expect($(el, '[part="record"]').textContent?.trim()).to.equal(`For: ${hostile}`);
    main(el).click();
    await settle(el);
    expect($(el, '[part="confirm"]').textContent).to.equal(`<b>${hostile}</b>`);
    await expect(el).to.be.accessible();
    byText(el, 'Confirm').click();
    await replied(el, () => runs[0]?.resolve());
    expect($(el, '[part="result"]').textContent?.trim()).to.equal(`<i>${hostile}</i>`);
    expect(el.shadowRoot?.querySelector('img, b, i')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('does not steal focus when it appears', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Order number" />`);
    input.focus();
    const el = document.createElement('zc-action');
    el.heading = 'Resend it?';
    el.action = RESEND;
    input.after(el);
    await settle(el);
    expect(document.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
  });
});
