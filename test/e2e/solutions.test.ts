import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import type { HandoffPacket, ZcActionInput } from '../../components/host.js';
import type { Batch, TelemetryRecord } from '../../src/transport/record.js';
import { captureRequests, startMsw } from '../support/msw.js';
import { resetStore } from '../support/store.js';
import { addScriptTag, next, pasteSnippet, realClick, zc } from './host.js';

const rule = (id: string, target: string, solution: object) => ({ id, when: { signal: 'rage-click', target }, solution });
const PACK = {
  id: 'e2e-solutions',
  version: '1',
  sdk: '^0.1',
  strings: {
    en: { which: 'Which order is it about?', refund: 'Refund this order', go: 'Request refund', sure: 'Refund it to your card?', done: 'Refund requested.', agent: 'Talk to a person' },
  },
  signals: { 'rage-click': { within: '5s' } },
  // Each test shows help: no gap and no daily cap between them, whatever a late save of the last one remembered.
  budget: { perSession: 10, perDay: 50, minGap: '1ms' },
  rules: [
    rule('refund-help', '#refund', {
      component: 'zc-picker',
      placement: { outlet: 'help', dock: 'end' },
      content: { title: 'which' },
      source: 'orders',
      next: { component: 'zc-action', content: { title: 'refund' }, action: { host: 'refund', label: 'go', confirm: 'sure', success: 'done' } },
    }),
    rule('agent-help', '#agent', { component: 'zc-handoff', placement: { dock: 'end' }, content: { title: 'agent' }, handoff: { channel: 'ticket', endpoint: '/e2e/tickets' } }),
    rule('unregistered', '#nothing', { component: 'zc-action', placement: { dock: 'end' }, content: { title: 'refund' }, action: { host: 'deleteEverything', label: 'go' } }),
  ],
};

/** What `query` finds, once it finds something. */
async function found<T>(query: () => T | null | undefined, what: string): Promise<T> {
  await waitUntil(() => query(), what);
  return query()!;
}

const refunds: ZcActionInput[] = [];

describe('solutions through dist/zerocall.js: host providers and actions, the picked record, hand-off context', () => {
  before(async () => {
    await pasteSnippet();
    // Registered through the snippet's queue, before the script has loaded; kept across init and shutdown.
    zc().provide('orders', () => [
      { id: 'A1041', label: 'Order #1041', detail: '3 Nov · $12.00' },
      { id: 'A1042', label: 'Order #1042', detail: '12 Nov · $42.00' },
    ]);
    zc().action('refund', (input) => void refunds.push(input));
    await addScriptTag({});
    await waitUntil(() => 'version' in zc(), 'the script replaced the stub');
  });
  beforeEach(() => resetStore());
  afterEach(async () => {
    await zc().shutdown();
    document.body.innerHTML = '';
  });

  it('picker → action: the host lists orders, the user picks one by keyboard, confirms, and the host refunds that order', async () => {
    await startMsw(
      http.get('/e2e/solutions.json', () => HttpResponse.json(PACK)),
      http.post('/e2e/collect', () => new HttpResponse(null, { status: 204 })),
    );
    const batches = captureRequests<Batch>('/e2e/collect');
    document.body.innerHTML = `<main style="padding:40px"><label>Reason <input id="why"></label> <button id="refund">Refund</button><zc-outlet name="help"></zc-outlet></main>`;
    expect(await zc().init({ pack: '/e2e/solutions.json', endpoint: '/e2e/collect' })).to.equal(true);

    await realClick(document.querySelector('#why')!);
    await sendKeys({ type: 'card 4242 4242' });
    const picked = next('outcome', (o) => o.outcome === 'picked');
    for (let i = 0; i < 3; i++) await realClick(document.querySelector('#refund')!);
    const picker = await found(() => document.querySelector('zc-outlet zc-picker'), 'the picker in the outlet');
    const list = await found(() => picker.shadowRoot?.querySelector<HTMLElement>('[role="listbox"]'), 'the orders listed');
    list.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    expect(await picked).to.deep.include({ rule: 'refund-help', record: 'A1042' });

    // The action took the picker's place, with the record, and the user's focus.
    const action = await found(() => document.querySelector('zc-outlet zc-action'), 'the action after the pick');
    expect(document.querySelector('zc-picker')).to.equal(null);
    await waitUntil(() => action.shadowRoot?.activeElement, 'focus moved into the next step');
    expect(action.shadowRoot!.textContent).to.contain('Order #1042');
    await sendKeys({ press: 'Enter' }); // Request refund → the confirmation
    await waitUntil(() => action.shadowRoot!.textContent?.includes('Refund it to your card?'), 'asks to confirm');
    const succeeded = next('outcome', (o) => o.outcome === 'action-succeeded');
    const confirm = [...action.shadowRoot!.querySelectorAll('button')].find((b) => b.getAttribute('part')?.includes('primary'))!;
    confirm.click();
    expect(await succeeded).to.deep.include({ record: 'A1042' });
    expect(refunds.map((r) => [r.rule, r.record?.id])).to.deep.equal([['refund-help', 'A1042']]);
    expect(refunds[0]?.signal).to.be.instanceOf(AbortSignal);

    await zc().shutdown();
    const outcomes = batches.flatMap((b) => b.events).filter((e: TelemetryRecord) => e.kind === 'outcome');
    expect(outcomes.map((e) => `${e.outcome}${e.record ? `:${e.record}` : ''}`)).to.include.members(['shown', 'picked:A1042', 'shown:A1042', 'engaged:A1042', 'action-succeeded:A1042']);
    expect(JSON.stringify(batches)).to.not.contain('4242');
  });

  it('hand-off: the ticket endpoint gets the context (signals, pages), never what the user typed', async () => {
    await startMsw(
      http.get('/e2e/solutions.json', () => HttpResponse.json(PACK)),
      http.post('/e2e/tickets', () => HttpResponse.json({ ref: 'T-77' })),
    );
    const tickets = captureRequests<HandoffPacket>('/e2e/tickets');
    document.body.innerHTML = `<main style="padding:40px"><label>Card <input id="card"></label> <button id="agent">Help</button></main>`;
    expect(await zc().init({ pack: '/e2e/solutions.json' })).to.equal(true);
    await realClick(document.querySelector('#card')!);
    await sendKeys({ type: '4000 0566 5566 5556' });
    for (let i = 0; i < 3; i++) await realClick(document.querySelector('#agent')!);
    const handoff = await found(() => document.querySelector('zc-handoff'), 'docked hand-off');
    expect(handoff.getAttribute('dock')).to.equal('end');
    const escalated = next('outcome', (o) => o.outcome === 'escalated');
    const send = await found(() => handoff.shadowRoot?.querySelector<HTMLButtonElement>('[part~="primary"]'), 'send button');
    send.click();
    await escalated;
    expect(tickets).to.have.length(1);
    const packet = tickets[0]!;
    expect(packet).to.deep.include({ pack: 'e2e-solutions@1', rule: 'agent-help', page: location.pathname });
    expect(packet.signals.map((s) => s.signal)).to.include('rage-click');
    expect(packet.signals.find((s) => s.signal === 'rage-click')?.target).to.match(/button#agent$/);
    expect(packet.pages).to.include(location.pathname);
    expect(JSON.stringify(packet)).to.not.contain('0566');
    await waitUntil(() => handoff.shadowRoot!.textContent?.includes('T-77'), 'shows the reference');
  });

  it('never runs an action the page did not register: the rule is closed and the console says what to register', async () => {
    // A pack of its own: fatigue memory is per pack, and the last test's show may still be being saved.
    await startMsw(http.get('/e2e/unregistered.json', () => HttpResponse.json({ ...PACK, id: 'e2e-unregistered' })));
    document.body.innerHTML = `<main style="padding:40px"><button id="nothing">Nothing</button></main>`;
    expect(await zc().init({ pack: '/e2e/unregistered.json' })).to.equal(true);
    const error = next('error');
    const closed = next('outcome', (o) => o.outcome === 'closed' && o.rule === 'unregistered');
    for (let i = 0; i < 3; i++) await realClick(document.querySelector('#nothing')!);
    expect((await error).message).to.equal("rule unregistered: the page has not registered ZeroCall.action('deleteEverything', fn), which the solution needs");
    await closed;
    expect(document.querySelector('zc-action')).to.equal(null);
  });
});
