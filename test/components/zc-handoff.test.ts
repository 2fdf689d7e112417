import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import '../../components/handoff/zc-handoff.js';
import type { ZcHandoff } from '../../components/handoff/zc-handoff.js';
import type { ZcOutcomeDetail } from '../../components/base/zc-element.js';
import type { HandoffPacket, ZcActionInput, ZcHost, ZcRecord } from '../../components/host.js';
import type { HandoffSpec } from '../../src/pack/types.js';
import { captureRequests, nextRequest, startMsw } from '../support/msw.js';
import { settle } from './settle.js';

const ORDER: ZcRecord = { id: 'o-1042', label: 'Order #1042', detail: '12 Nov · $42.00' };

const PACKET: HandoffPacket = {
  id: 'h-7f3a',
  pack: 'shop@3',
  rule: 'refund-stuck',
  page: '/orders/1042',
  pages: ['/', '/orders', '/orders/1042', '/orders/1042/refund'],
  signals: [
    { signal: 'rage-click', t: 1000, page: '/orders/1042', target: 'main > button.refund', evidence: { count: 5, first: 600, last: 1000 } },
    { signal: 'dead-click', t: 2000, page: '/orders/1042', target: 'main > a.status', evidence: { count: 2, first: 1800, last: 2000 } },
    { signal: 'error-status', t: 3000, page: '/orders/1042/refund', evidence: { count: 1, first: 3000, last: 3000, method: 'POST', path: '/api/refund', status: 500 } },
  ],
  record: { id: ORDER.id, label: ORDER.label },
  locale: 'en',
  t: 1_700_000_000_000,
};

/** A host action call the test settles by hand. */
interface Run {
  readonly name: string;
  readonly input: ZcActionInput;
  readonly promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

function fakeHost(packet: HandoffPacket = PACKET): { host: ZcHost; runs: Run[]; packets: Array<[string, ZcRecord | undefined]> } {
  const runs: Run[] = [];
  const packets: Array<[string, ZcRecord | undefined]> = [];
  const host: ZcHost = {
    data: () => Promise.resolve([]),
    run: (name, input) => {
      let settle!: Pick<Run, 'resolve' | 'reject'>;
      const promise = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
      runs.push({ name, input, promise, ...settle });
      return promise;
    },
    packet: (rule, record) => {
      packets.push([rule, record]);
      return packet;
    },
  };
  return { host, runs, packets };
}

interface Mounted {
  el: ZcHandoff;
  runs: Run[];
  packets: Array<[string, ZcRecord | undefined]>;
  outcomes: ZcOutcomeDetail[];
}

async function mount(handoff: HandoffSpec, opts: { record?: ZcRecord; locale?: 'en' | 'zh-CN'; packet?: HandoffPacket; ui?: Record<string, string> } = {}): Promise<Mounted> {
  const { host, runs, packets } = fakeHost(opts.packet);
  const outcomes: ZcOutcomeDetail[] = [];
  const wrap = await fixture<HTMLDivElement>(html`<div>
    <label>Card number <input id="card" /></label>
    <zc-handoff
      heading="Still stuck?"
      .body=${'We can pass this to a person.'}
      rule="refund-stuck"
      locale=${opts.locale ?? 'en'}
      .ui=${opts.ui ?? {}}
      .host=${host}
      .record=${opts.record}
      .handoff=${handoff}
      @zc-outcome=${(e: CustomEvent<ZcOutcomeDetail>) => outcomes.push(e.detail)}
    ></zc-handoff>
  </div>`);
  const el = wrap.querySelector('zc-handoff')!;
  await settle(el);
  return { el, runs, packets, outcomes };
}

const $ = <T extends Element = HTMLElement>(el: ZcHandoff, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const primary = (el: ZcHandoff): HTMLButtonElement => $<HTMLButtonElement>(el, '[part~="primary"]')!;
const text = (node: Element | null): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const status = (el: ZcHandoff): string => text($(el, '[role="status"]'));
const kinds = (outcomes: ZcOutcomeDetail[]): string[] => outcomes.map((o) => o.outcome);
const has = (el: ZcHandoff, selector: string): boolean => el.shadowRoot!.querySelector(selector) !== null;
// Elements are compared by a short description: a failed assertion on a live shadow-DOM node
// makes the runner serialise the whole document, which hangs the page instead of failing.
const who = (node: Element | null | undefined): string => (node ? `${node.localName}[${node.getAttribute('part') ?? ''}]` : 'nothing');
const focused = (el: ZcHandoff): string => who(el.shadowRoot!.activeElement);

/** Waits for the component's next outcome, then for the render it caused. */
async function nextOutcome(el: ZcHandoff): Promise<ZcOutcomeDetail> {
  const { detail } = await oneEvent(el, 'zc-outcome');
  await el.updateComplete;
  return detail;
}

describe('zc-handoff', () => {
  it('offers the channel and says, in words, what the agent will get, from the packet', async () => {
    const { el, packets } = await mount({ channel: 'chat', via: 'openChat' }, { record: ORDER });
    expect(packets).to.deep.equal([['refund-stuck', ORDER]]);
    expect(text(primary(el))).to.equal('Chat with an agent');
    const share = $<HTMLDetailsElement>(el, 'details[part="share"]')!;
    expect(share.open).to.equal(false);
    expect(text(share.querySelector('summary'))).to.equal("What we'll share with the agent");
    expect([...share.querySelectorAll('li')].map(text)).to.deep.equal(['Problems you ran into: 3', 'Pages you visited: 4', 'Order #1042']);
    expect(text(share)).to.contain('Nothing you typed is shared.');
    // Never the packet itself: no JSON, ids, paths, selectors or evidence.
    for (const raw of ['{', 'h-7f3a', '/orders', 'rage-click', 'button.refund', 'o-1042']) expect(el.shadowRoot!.textContent).not.to.contain(raw);
    expect(has(el, '[part="error"], [part="confirmation"], [part="feedback"]')).to.equal(false);
    await expect(el).to.be.accessible();
    share.open = true;
    await expect(el).to.be.accessible();
  });

  it('labels the button by channel, and takes the pack’s wording over its own', async () => {
    expect(text(primary((await mount({ channel: 'callback', via: 'call' })).el))).to.equal('Request a call back');
    expect(text(primary((await mount({ channel: 'ticket', endpoint: '/api/handoff' })).el))).to.equal('Send to support');
    expect(text(primary((await mount({ channel: 'chat', via: 'c' }, { ui: { chat: 'Talk to Mia' } })).el))).to.equal('Talk to Mia');
  });

  it('leaves out problems when there were none, counts at least the page the user is on, and shows a record label as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const packet = { ...PACKET, signals: [], pages: [], record: { id: 'x', label: hostile } };
    const { el } = await mount({ channel: 'ticket', via: 't' }, { packet });
    const items = [...el.shadowRoot!.querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).to.deep.equal(['Pages you visited: 1', hostile]);
    expect(has(el, 'img')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('opens and closes the disclosure from the keyboard, after the dismiss button in Tab order', async () => {
    const { el } = await mount({ channel: 'ticket', via: 't' });
    el.parentElement!.querySelector('input')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('button[dismiss]');
    await sendKeys({ press: 'Tab' });
    const share = $<HTMLDetailsElement>(el, 'details')!;
    expect(focused(el)).to.equal('summary[]');
    await sendKeys({ press: 'Enter' });
    expect(share.open).to.equal(true);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    expect(share.open).to.equal(false);
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal('button[button primary]');
  });

  it('sends the packet through the host action, busy and announced meanwhile, and ignores a second press', async () => {
    const { el, runs, outcomes } = await mount({ channel: 'ticket', via: 'openTicket' }, { record: ORDER });
    primary(el).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(runs).to.have.length(1);
    const [run] = runs;
    expect(run!.name).to.equal('openTicket');
    expect(run!.input).to.deep.include({ rule: 'refund-stuck', record: ORDER, packet: PACKET });
    expect(run!.input.signal).to.be.instanceOf(AbortSignal);
    expect(run!.input.signal.aborted).to.equal(false);
    const button = primary(el);
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(button.getAttribute('aria-busy')).to.equal('true');
    expect(focused(el), 'focus stays on the busy button').to.equal('button[button primary]');
    expect(status(el)).to.equal('Sending…');
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Space' });
    button.click();
    expect(runs).to.have.length(1);

    const sent = nextOutcome(el);
    const refocused = oneEvent(el, 'focusin');
    run!.resolve({ ref: 'T-1234' });
    await refocused;
    expect(await sent).to.deep.equal({ outcome: 'escalated', rule: 'refund-stuck', record: 'o-1042' });
    const confirmation = 'Your request was sent to support. Your reference is T-1234.';
    expect(text($(el, '[part="confirmation"]'))).to.equal(confirmation);
    expect(status(el)).to.equal(confirmation);
    expect(has(el, '[part~="primary"], details, a')).to.equal(false);
    // The pressed button is gone; focus stays inside rather than falling to <body>.
    expect(focused(el)).to.equal('button[dismiss]');
    expect(text($(el, '[part="feedback"]'))).to.contain('Did this help?');
    await expect(el).to.be.accessible();
    expect(kinds(outcomes)).to.deep.equal(['shown', 'escalated']);
    expect(outcomes.every((o) => o.record === 'o-1042')).to.equal(true);
  });

  it('confirms a call back without a reference, whatever the action returns', async () => {
    const { el, runs } = await mount({ channel: 'callback', via: 'call' });
    primary(el).click();
    const sent = nextOutcome(el);
    runs[0]!.resolve(undefined);
    expect(await sent).to.deep.equal({ outcome: 'escalated', rule: 'refund-stuck' });
    expect(text($(el, '[part="confirmation"]'))).to.equal('An agent will call you back.');
    await expect(el).to.be.accessible();
  });

  it('links to the chat in a new tab, moves focus there from the button, and reports each visit as engaged', async () => {
    const { el, runs, outcomes } = await mount({ channel: 'chat', via: 'openChat' });
    primary(el).focus();
    await sendKeys({ press: 'Enter' });
    const sent = nextOutcome(el);
    const refocused = oneEvent(el, 'focusin');
    runs[0]!.resolve({ href: 'https://chat.example.com/s/42', ref: 42 });
    await sent;
    await refocused;
    expect(text($(el, '[part="confirmation"]'))).to.equal('An agent will join you shortly. Your reference is 42.');
    const link = $<HTMLAnchorElement>(el, 'a[part="link"]')!;
    expect(link.getAttribute('href')).to.equal('https://chat.example.com/s/42');
    expect(link.target).to.equal('_blank');
    expect(link.rel).to.equal('noopener');
    expect(text(link)).to.equal('Open the chat (opens in a new tab)');
    expect(focused(el)).to.equal('a[link]');
    await expect(el).to.be.accessible();
    // Keep the test page: the click is seen by the component, the navigation is not made.
    link.addEventListener('click', (e) => e.preventDefault());
    await sendKeys({ press: 'Enter' });
    link.click();
    expect(kinds(outcomes)).to.deep.equal(['shown', 'escalated', 'engaged', 'engaged']);
  });

  it('ignores an unsafe or malformed reply and still confirms', async () => {
    const { el, runs } = await mount({ channel: 'chat', via: 'openChat' });
    primary(el).click();
    const sent = nextOutcome(el);
    runs[0]!.resolve({ href: 'javascript:alert(1)', ref: { nested: true } });
    await sent;
    expect(has(el, 'a')).to.equal(false);
    expect(text($(el, '[part="confirmation"]'))).to.equal('An agent will join you shortly.');
    await expect(el).to.be.accessible();
  });

  it('shows a generic error (never the host’s) with Try again, which resends the same packet', async () => {
    const { el, runs, outcomes } = await mount({ channel: 'ticket', via: 'openTicket' }, { record: ORDER });
    primary(el).focus();
    await sendKeys({ press: 'Enter' });
    const failed = nextOutcome(el);
    runs[0]!.reject(new Error('SQLSTATE 42P01: relation "tickets" does not exist'));
    expect(await failed).to.deep.equal({ outcome: 'action-failed', rule: 'refund-stuck', record: 'o-1042' });
    expect(text($(el, '[part="error"]'))).to.equal("Sorry, we couldn't reach support.");
    expect(status(el)).to.equal("Sorry, we couldn't reach support.");
    expect(el.shadowRoot!.textContent).not.to.contain('SQLSTATE');
    const retry = primary(el);
    expect(text(retry)).to.equal('Try again');
    expect(retry.hasAttribute('aria-disabled')).to.equal(false);
    expect(focused(el)).to.equal('button[button primary]');
    expect(has(el, '[part="feedback"]')).to.equal(false);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'Enter' });
    expect(runs).to.have.length(2);
    expect(runs[1]!.input.packet).to.equal(runs[0]!.input.packet);
    expect(status(el)).to.equal('Sending…');
    const sent = nextOutcome(el);
    runs[1]!.resolve({ ref: 'T-9' });
    await sent;
    expect(text($(el, '[part="confirmation"]'))).to.contain('T-9');
    expect(has(el, '[part="error"]')).to.equal(false);
    expect(kinds(outcomes)).to.deep.equal(['shown', 'action-failed', 'escalated']);
  });

  it('ignores the answer that arrives after it left the page, and can start over when back', async () => {
    const { el, runs, outcomes } = await mount({ channel: 'ticket', via: 'openTicket' });
    primary(el).click();
    const parent = el.parentElement!;
    el.remove();
    expect(runs[0]!.input.signal.aborted).to.equal(true);
    runs[0]!.resolve({ ref: 'T-1' });
    // The component awaited this promise first, so its continuation has run once ours does.
    await runs[0]!.promise;
    parent.append(el);
    await el.updateComplete;
    expect(has(el, '[part="confirmation"]')).to.equal(false);
    expect(kinds(outcomes)).to.deep.equal(['shown']);
    expect(primary(el).hasAttribute('aria-disabled')).to.equal(false);
    // A late failure is as stale as a late success.
    primary(el).click();
    el.remove();
    runs[1]!.reject(new Error('aborted'));
    await runs[1]!.promise.catch(() => undefined);
    parent.append(el);
    await el.updateComplete;
    expect(has(el, '[part="error"]')).to.equal(false);
    expect(kinds(outcomes)).to.deep.equal(['shown']);
    await expect(el).to.be.accessible();
  });

  it('speaks zh-CN in every state', async () => {
    const { el, runs } = await mount({ channel: 'callback', via: 'call' }, { locale: 'zh-CN', record: ORDER });
    expect(text(primary(el))).to.equal('请求回电');
    expect(text($(el, 'summary'))).to.equal('将分享给客服的内容');
    expect([...el.shadowRoot!.querySelectorAll('li')].map(text)).to.deep.equal(['遇到的问题：3 个', '访问过的页面：4 个', 'Order #1042']);
    expect(text($(el, 'details'))).to.contain('不会分享您输入的内容。');
    await expect(el).to.be.accessible();
    primary(el).click();
    await el.updateComplete;
    expect(status(el)).to.equal('发送中…');
    const failed = nextOutcome(el);
    runs[0]!.reject(new Error('x'));
    await failed;
    expect(text($(el, '[part="error"]'))).to.equal('抱歉，无法联系客服。');
    expect(text(primary(el))).to.equal('重试');
    primary(el).click();
    const sent = nextOutcome(el);
    runs[1]!.resolve({ ref: 'C-7' });
    await sent;
    expect(text($(el, '[part="confirmation"]'))).to.equal('客服会给您回电。 您的编号是 C-7。');
    await expect(el).to.be.accessible();
  });

  it('speaks zh-CN for the chat link and the ticket', async () => {
    const chat = await mount({ channel: 'chat', via: 'c' }, { locale: 'zh-CN' });
    expect(text(primary(chat.el))).to.equal('与客服聊天');
    primary(chat.el).click();
    let sent = nextOutcome(chat.el);
    chat.runs[0]!.resolve({ href: '/chat/1' });
    await sent;
    expect(text($(chat.el, '[part="confirmation"]'))).to.equal('客服马上就来。');
    expect(text($(chat.el, 'a'))).to.equal('打开聊天 （新窗口）');
    const ticket = await mount({ channel: 'ticket', via: 't' }, { locale: 'zh-CN' });
    expect(text(primary(ticket.el))).to.equal('提交给客服');
    primary(ticket.el).click();
    sent = nextOutcome(ticket.el);
    ticket.runs[0]!.resolve(null);
    await sent;
    expect(text($(ticket.el, '[part="confirmation"]'))).to.equal('已提交给客服。');
  });

  it('does not take focus when it appears', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Card number" />`);
    input.focus();
    const el = document.createElement('zc-handoff');
    el.heading = 'Talk to us';
    el.handoff = { channel: 'chat', via: 'c' };
    el.host = fakeHost().host;
    input.after(el);
    await settle(el);
    expect(document.activeElement === input, 'focus stays in the page').to.equal(true);
  });
});

describe('zc-handoff to an endpoint', () => {
  const URL_ = '/api/handoff';
  const typed = '4111 1111 1111 1111';

  /** Mounts a ticket hand-off to the endpoint and types a card number into the page's own input. */
  async function mountTyped(): Promise<Mounted> {
    const m = await mount({ channel: 'ticket', endpoint: URL_ }, { record: ORDER });
    const input = m.el.parentElement!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: typed });
    expect(input.value).to.equal(typed);
    return m;
  }

  it('POSTs exactly the packet as JSON, with nothing typed in the page, and shows the reference', async () => {
    const headers: string[] = [];
    await startMsw(
      http.post(URL_, ({ request }) => {
        headers.push(request.headers.get('content-type') ?? '');
        return HttpResponse.json({ ref: 'T-1234', href: 'https://help.example.com/t/1234' });
      }),
    );
    const { el, outcomes } = await mountTyped();
    const raw = captureRequests<string>((r) => r.url.endsWith(URL_));
    const body = nextRequest<HandoffPacket>(URL_);
    const sent = nextOutcome(el);
    primary(el).click();
    expect(await body).to.deep.equal(PACKET);
    expect((await sent).outcome).to.equal('escalated');
    expect(headers).to.deep.equal(['application/json']);
    expect(JSON.stringify(raw)).not.to.contain(typed);
    expect(JSON.stringify(raw)).not.to.contain('4111');
    expect(text($(el, '[part="confirmation"]'))).to.equal('Your request was sent to support. Your reference is T-1234.');
    // A link is for chats; a ticket's href is not shown.
    expect(has(el, 'a')).to.equal(false);
    expect(kinds(outcomes)).to.deep.equal(['shown', 'escalated']);
    await expect(el).to.be.accessible();
  });

  it('is pending until the server answers', async () => {
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    await startMsw(http.post(URL_, async () => (await answered, new HttpResponse(null, { status: 204 }))));
    const { el } = await mount({ channel: 'chat', endpoint: URL_ });
    const request = nextRequest(URL_);
    primary(el).click();
    await request;
    await el.updateComplete;
    expect(primary(el).getAttribute('aria-busy')).to.equal('true');
    expect(status(el)).to.equal('Sending…');
    await expect(el).to.be.accessible();
    const sent = nextOutcome(el);
    answer();
    await sent;
    // An empty 204 is a delivery: the generic confirmation, no link.
    expect(text($(el, '[part="confirmation"]'))).to.equal('An agent will join you shortly.');
    expect(has(el, 'a')).to.equal(false);
  });

  it('follows a chat href from the reply, but never an unsafe one', async () => {
    await startMsw(http.post(URL_, () => HttpResponse.json({ href: '/support/chat?s=9' })));
    const ok = await mount({ channel: 'chat', endpoint: URL_ });
    let sent = nextOutcome(ok.el);
    primary(ok.el).click();
    await sent;
    expect($(ok.el, 'a')?.getAttribute('href')).to.equal('/support/chat?s=9');

    await startMsw(http.post(URL_, () => HttpResponse.json({ href: 'data:text/html,<script>alert(1)</script>' })));
    const bad = await mount({ channel: 'chat', endpoint: URL_ });
    sent = nextOutcome(bad.el);
    primary(bad.el).click();
    await sent;
    expect(has(bad.el, 'a')).to.equal(false);
  });

  it('fails on a 500 without showing the server’s text, and Try again sends again', async () => {
    let fail = true;
    await startMsw(http.post(URL_, () => (fail ? HttpResponse.json({ error: 'upstream CRM timeout' }, { status: 500 }) : new HttpResponse('not json', { status: 200 }))));
    const { el, outcomes } = await mountTyped();
    const sent = captureRequests<HandoffPacket>(URL_);
    let next = nextOutcome(el);
    primary(el).click();
    expect((await next).outcome).to.equal('action-failed');
    expect(text($(el, '[part="error"]'))).to.equal("Sorry, we couldn't reach support.");
    expect(el.shadowRoot!.textContent).not.to.contain('CRM');
    await expect(el).to.be.accessible();
    fail = false;
    next = nextOutcome(el);
    primary(el).click();
    expect((await next).outcome).to.equal('escalated');
    expect(sent).to.deep.equal([PACKET, PACKET]);
    expect(text($(el, '[part="confirmation"]'))).to.equal('Your request was sent to support.');
    expect(kinds(outcomes)).to.deep.equal(['shown', 'action-failed', 'escalated']);
  });

  it('never calls an endpoint that is not http(s) or relative', async () => {
    await startMsw();
    const calls = captureRequests(() => true);
    const { el } = await mount({ channel: 'ticket', endpoint: 'javascript:fetch("//evil.example")' });
    const failed = nextOutcome(el);
    primary(el).click();
    expect((await failed).outcome).to.equal('action-failed');
    expect(calls).to.have.length(0);
    expect(text($(el, '[part="error"]'))).to.equal("Sorry, we couldn't reach support.");
  });
});
