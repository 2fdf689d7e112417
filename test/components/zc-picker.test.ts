import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/picker/zc-picker.js';
import type { ZcPicker } from '../../components/picker/zc-picker.js';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import type { ZcHost, ZcRecord } from '../../components/host.js';
import { settle } from './settle.js';

/** One call to the fake host's data(): answered by hand, never by a timer. */
interface DataCall {
  readonly name: string;
  readonly resolve: (records: readonly ZcRecord[]) => void;
  readonly reject: (error: unknown) => void;
}

function fakeHost(): { host: ZcHost; calls: DataCall[] } {
  const calls: DataCall[] = [];
  const host: ZcHost = {
    data: (name) => new Promise((resolve, reject) => calls.push({ name, resolve, reject })),
    run: () => Promise.reject(new Error('not used')),
    packet: () => {
      throw new Error('not used');
    },
  };
  return { host, calls };
}

const ORDERS: readonly ZcRecord[] = [
  { id: 'o-1042', label: 'Order #1042', detail: '12 Nov · $42.00 · Refund pending' },
  { id: 'o-1043', label: 'Order #1043', detail: '14 Nov · $9.90' },
  { id: 'sub-7', label: 'Subscription Pro' },
];

const $ = <T extends Element = HTMLElement>(el: ZcPicker, selector: string): T => {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const has = (el: ZcPicker, selector: string): boolean => el.shadowRoot?.querySelector(selector) != null;
const list = (el: ZcPicker): HTMLElement => $(el, '[role="listbox"]');
const options = (el: ZcPicker): HTMLElement[] => [...(el.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? [])];
const selectedIndex = (el: ZcPicker): number => options(el).findIndex((o) => o.getAttribute('aria-selected') === 'true');
const status = (el: ZcPicker): string => $(el, '[role="status"]').textContent?.trim() ?? '';
const text = (node: Element): string => node.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Lets the component's pending `await host.data()` continue, then waits for its render. */
async function replied(el: ZcPicker, answer: () => void): Promise<void> {
  answer();
  for (let i = 0; i < 3; i++) await Promise.resolve();
  await settle(el);
}

async function mountPicker(opts: { heading?: string; locale?: 'en' | 'zh-CN' } = {}) {
  const { host, calls } = fakeHost();
  const outcomes: ZcOutcomeDetail[] = [];
  const el = await fixture<ZcPicker>(html`
    <zc-picker
      heading=${opts.heading ?? 'Which order is it about?'}
      locale=${opts.locale ?? 'en'}
      rule="refund-where"
      source="recentOrders"
      .host=${host}
      @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push(e.detail)}
    ></zc-picker>
  `);
  await settle(el);
  return { el, calls, outcomes };
}

async function mountLoaded(records: readonly ZcRecord[] = ORDERS) {
  const m = await mountPicker();
  await replied(m.el, () => m.calls[0]?.resolve(records));
  return m;
}

describe('zc-picker', () => {
  it('asks its data provider once when connected and shows a busy, announced "Loading…"', async () => {
    const { el, calls } = await mountPicker();
    expect(calls.map((c) => c.name)).to.deep.equal(['recentOrders']);
    const busy = $(el, '[aria-busy="true"]');
    expect(text(busy)).to.equal('Loading…');
    expect(status(el)).to.equal('Loading…');
    expect(has(el, '[role="listbox"]')).to.equal(false);
    expect(has(el, '[part~="feedback"]'), 'nothing to rate yet').to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('lists the records as a listbox named by the heading, with one tab stop', async () => {
    const { el } = await mountLoaded();
    const box = list(el);
    expect(box.getAttribute('aria-label')).to.equal('Which order is it about?');
    expect(box.getAttribute('tabindex')).to.equal('0');
    expect(has(el, '[aria-busy="true"]')).to.equal(false);
    expect(options(el).map(text)).to.deep.equal(['Order #1042 12 Nov · $42.00 · Refund pending', 'Order #1043 14 Nov · $9.90', 'Subscription Pro']);
    expect(options(el).map((o) => o.querySelector('.detail')?.textContent ?? null)).to.deep.equal(['12 Nov · $42.00 · Refund pending', '14 Nov · $9.90', null]);
    expect(options(el).every((o) => !o.hasAttribute('tabindex'))).to.equal(true);
    expect(selectedIndex(el)).to.equal(0);
    expect(box.getAttribute('aria-activedescendant')).to.equal(options(el)[0]?.id);
    expect(status(el)).to.equal('');
    expect(has(el, '[part~="feedback"]')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('moves with ArrowDown/ArrowUp/Home/End, stopping at the ends, and keeps focus on the list', async () => {
    const { el, outcomes } = await mountLoaded();
    list(el).focus();
    const moves: Array<[string, number]> = [
      ['ArrowDown', 1],
      ['ArrowDown', 2],
      ['ArrowDown', 2],
      ['ArrowUp', 1],
      ['Home', 0],
      ['ArrowUp', 0],
      ['End', 2],
    ];
    for (const [key, expected] of moves) {
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(selectedIndex(el), key).to.equal(expected);
      expect(list(el).getAttribute('aria-activedescendant')).to.equal(options(el)[expected]?.id);
    }
    expect(el.shadowRoot?.activeElement).to.equal(list(el));
    expect(outcomes.map((o) => o.outcome), 'moving is not choosing').to.deep.equal(['shown']);
    await expect(el).to.be.accessible();
  });

  it('jumps by first letter (type-ahead), cycling through matches', async () => {
    const { el } = await mountLoaded();
    list(el).focus();
    await sendKeys({ press: 's' });
    await el.updateComplete;
    expect(selectedIndex(el)).to.equal(2);
    await sendKeys({ press: 'o' });
    await el.updateComplete;
    expect(selectedIndex(el)).to.equal(0);
    await sendKeys({ press: 'o' });
    await el.updateComplete;
    expect(selectedIndex(el)).to.equal(1);
    await sendKeys({ press: 'x' });
    await el.updateComplete;
    expect(selectedIndex(el)).to.equal(1);
  });

  it("Enter chooses: sets record, reports 'picked' with its id, confirms and keeps focus inside", async () => {
    const { el, outcomes } = await mountLoaded();
    list(el).focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.record).to.deep.equal(ORDERS[1]);
    expect(outcomes).to.deep.equal([
      { outcome: 'shown', rule: 'refund-where' },
      { outcome: 'picked', rule: 'refund-where', record: 'o-1043' },
    ]);
    expect(text($(el, '[part="selected"]'))).to.equal('Selected: Order #1043');
    expect(status(el)).to.equal('Selected: Order #1043');
    expect(has(el, '[role="listbox"]')).to.equal(false);
    // The list that held focus is gone: focus moves to the feedback row, not to <body>.
    expect(has(el, '[part~="feedback"]')).to.equal(true);
    expect(el.shadowRoot?.activeElement?.textContent?.trim()).to.equal('Yes');
    await expect(el).to.be.accessible();
  });

  it('later outcomes carry the picked record id', async () => {
    const { el, outcomes } = await mountLoaded();
    list(el).focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await sendKeys({ press: 'Enter' }); // on "Yes", where focus went
    await el.updateComplete;
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'helpful', rule: 'refund-where', record: 'o-1042' });
  });

  it('Space chooses too', async () => {
    const { el, outcomes } = await mountLoaded();
    list(el).focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'picked', rule: 'refund-where', record: 'sub-7' });
  });

  it('a click on an option (or its detail line) chooses it', async () => {
    const { el, outcomes } = await mountLoaded();
    (options(el)[1]?.querySelector('.detail') as HTMLElement).click();
    await el.updateComplete;
    expect(outcomes.at(-1)).to.deep.equal({ outcome: 'picked', rule: 'refund-where', record: 'o-1043' });
    expect(text($(el, '[part="selected"]'))).to.equal('Selected: Order #1043');
  });

  it('stays usable with 200 records: the list scrolls and follows the keyboard', async () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: `r${i}`, label: `Order #${2000 + i}`, detail: 'Paid' }));
    const { el, outcomes } = await mountLoaded(many);
    const box = list(el);
    expect(box.clientHeight).to.be.lessThan(300);
    expect(box.scrollHeight).to.be.greaterThan(box.clientHeight * 5);
    box.focus();
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    const last = options(el)[199]!.getBoundingClientRect();
    const view = box.getBoundingClientRect();
    expect(last.bottom).to.be.at.most(view.bottom + 1);
    expect(last.top).to.be.at.least(view.top - 1);
    await sendKeys({ press: 'Enter' });
    expect(outcomes.at(-1)?.record).to.equal('r199');
  });

  it('says so when there is nothing to choose', async () => {
    const { el } = await mountLoaded([]);
    expect(text($(el, '[part="message"]'))).to.equal('No records to choose from');
    expect(status(el)).to.equal('No records to choose from');
    expect(has(el, '[role="listbox"]')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('on failure shows its own message (never the host\'s) and Retry loads again', async () => {
    const { el, calls } = await mountPicker();
    await replied(el, () => calls[0]?.reject(new Error('GET /internal/orders 500 at db-7')));
    expect(text($(el, '[part="message"].error'))).to.equal("Couldn't load the list");
    expect(status(el)).to.equal("Couldn't load the list");
    expect(el.shadowRoot?.textContent).not.to.contain('db-7');
    await expect(el).to.be.accessible();

    const retry = $<HTMLButtonElement>(el, '[part~="primary"]');
    expect(retry.textContent?.trim()).to.equal('Try again');
    retry.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(calls).to.have.length(2);
    expect(text($(el, '[aria-busy="true"]'))).to.equal('Loading…');
    // Retry vanished under the user's focus: focus stays in the picker.
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('dismiss');

    await replied(el, () => calls[1]?.resolve(ORDERS));
    expect(options(el)).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('ignores a stale reply when the source changed meanwhile', async () => {
    const { el, calls } = await mountPicker();
    el.source = 'recentPayments';
    await el.updateComplete;
    expect(calls.map((c) => c.name)).to.deep.equal(['recentOrders', 'recentPayments']);
    await replied(el, () => calls[0]?.resolve(ORDERS));
    expect(has(el, '[role="listbox"]'), 'the old list must not show').to.equal(false);
    expect(text($(el, '[aria-busy="true"]'))).to.equal('Loading…');
    await replied(el, () => calls[1]?.resolve([{ id: 'p1', label: 'Payment 1' }]));
    expect(options(el).map(text)).to.deep.equal(['Payment 1']);
    await replied(el, () => calls[0]?.reject(new Error('late')));
    expect(options(el).map(text)).to.deep.equal(['Payment 1']);
  });

  it("ignores the old host's late failure once a new host was given", async () => {
    const { el, calls } = await mountPicker();
    const second = fakeHost();
    el.host = second.host;
    await el.updateComplete;
    await replied(el, () => second.calls[0]?.resolve(ORDERS));
    await replied(el, () => calls[0]?.reject(new Error('down')));
    expect(has(el, '.error')).to.equal(false);
    expect(options(el)).to.have.length(3);
  });

  it('loads again from a new host', async () => {
    const { el, calls } = await mountLoaded();
    const second = fakeHost();
    el.host = second.host;
    await el.updateComplete;
    expect(second.calls.map((c) => c.name)).to.deep.equal(['recentOrders']);
    expect(has(el, '[aria-busy="true"]')).to.equal(true);
    await replied(el, () => second.calls[0]?.resolve([{ id: 'x', label: 'X' }]));
    expect(options(el).map(text)).to.deep.equal(['X']);
    expect(calls).to.have.length(1);
  });

  it('ignores a reply that arrives after removal, and loads afresh when put back', async () => {
    const { el, calls } = await mountPicker();
    const parent = el.parentElement!;
    el.remove();
    await replied(el, () => calls[0]?.resolve(ORDERS));
    expect(has(el, '[role="listbox"]')).to.equal(false);
    parent.append(el);
    await el.updateComplete;
    expect(calls).to.have.length(2);
    await replied(el, () => calls[1]?.resolve(ORDERS.slice(0, 1)));
    expect(options(el)).to.have.length(1);
  });

  it('speaks zh-CN in every state', async () => {
    const { el, calls } = await mountPicker({ locale: 'zh-CN', heading: '' });
    expect(text($(el, '[aria-busy="true"]'))).to.equal('加载中…');
    await replied(el, () => calls[0]?.reject(new Error('x')));
    expect(text($(el, '[part="message"]'))).to.equal('无法加载列表');
    expect($(el, '[part~="primary"]').textContent?.trim()).to.equal('重试');
    $<HTMLButtonElement>(el, '[part~="primary"]').click();
    await replied(el, () => calls[1]?.resolve([]));
    expect(text($(el, '[part="message"]'))).to.equal('没有可选择的记录');
    el.source = 'again';
    await el.updateComplete;
    await replied(el, () => calls[2]?.resolve(ORDERS));
    // No heading: the list still has a name, in the user's language.
    expect(list(el).getAttribute('aria-label')).to.equal('选择一条记录');
    options(el)[0]?.click();
    await el.updateComplete;
    expect(text($(el, '[part="selected"]'))).to.equal('已选择：Order #1042');
    await expect(el).to.be.accessible();
  });

  it('shows hostile labels and details literally, and the pack may reword its strings', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"> $& $1';
    const { el } = await mountLoaded([{ id: 'h', label: hostile, detail: `<b>${hostile}</b>` }]);
    el.ui = { pickerSelected: 'Chosen → {label}' };
    const option = options(el)[0]!;
    expect(option.querySelector('img, b')).to.equal(null);
    expect(option.querySelector('.detail')?.textContent).to.equal(`<b>${hostile}</b>`);
    option.click();
    await el.updateComplete;
    expect($(el, '[part="selected"]').textContent).to.equal(`Chosen → ${hostile}`);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('does not steal focus when it appears or when its list arrives', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Order number" />`);
    input.focus();
    const { host, calls } = fakeHost();
    const el = document.createElement('zc-picker');
    el.heading = 'Which order?';
    el.source = 'recentOrders';
    el.host = host;
    input.after(el);
    await settle(el);
    await replied(el, () => calls[0]?.resolve(ORDERS));
    expect(options(el)).to.have.length(3);
    expect(document.activeElement).to.equal(input);
    await expect(el).to.be.accessible();
  });
});
