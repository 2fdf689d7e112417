import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http } from 'msw';
import type { ZcAgentBar } from '../../components/agent/zc-agent-bar.component.js';
import { startChannel } from '../../components/agent/index.js';
import type { ZcActionInput } from '../../components/host.js';
import type { AgentChannel, AgentStatus } from '../../src/agent/agent-host.js';
import { PUSH_LIMIT } from '../../src/agent/channel.js';
import { COMPONENT_NAMES } from '../../src/agent/protocol.js';
import { COMPONENTS } from '../../src/pack/check-solution.js';
import type { Suppressed } from '../../src/engine/decide.js';
import { once } from '../../src/mount/component-chunk.js';
import { ENGINE_DELAY, startRuntime, type Runtime, type RuntimeEvents } from '../../src/runtime.js';
import { SDK_VERSION } from '../../src/version.js';
import { packWith } from '../engine/recorded.js';
import { fakeRelay, type FakeRelay } from '../support/fake-relay.js';
import { startMsw } from '../support/msw.js';
import { virtualTimers } from '../support/virtual-timers.js';

const BASE = '/relay/v1';
const ORDERS = [
  { id: 'A1042', label: 'Order #1042', detail: '12 Nov · $42.00' },
  { id: 'A1043', label: 'Order #1043', detail: '14 Nov · $18.50' },
];
const loadComponents = once(() => import('../../components/index.js'));

/** A page with the SDK running on virtual time, a fake relay, and a shared session opened on it. */
function share(relay: FakeRelay) {
  const v = virtualTimers(Date.now());
  const notes: Array<{ type: keyof RuntimeEvents; detail: unknown }> = [];
  const ran: ZcActionInput[] = [];
  const host = {
    providers: new Map([['orders', () => ORDERS]]),
    actions: new Map([['disableAutoDebit', (input: ZcActionInput) => void ran.push(input)]]),
  };
  const rt: Runtime = startRuntime(packWith([{ id: 'help' }]), { locale: 'en', sid: 's1', host }, { win: window, load: loadComponents, now: v.now, every: () => () => undefined, after: v.after, notify: (type, detail) => notes.push({ type, detail }) });
  const statuses: AgentStatus[] = [];
  const warnings: string[] = [];
  // renew: what ZeroCall.connect does again when the user asks for a new code.
  const open = (): AgentChannel =>
    startChannel(rt.agent({ status: (s) => statuses.push(s), warn: (_code, m) => warnings.push(m), isSelector: () => true, renew: () => void (shared.channel = open()) }), { url: BASE, token: 'app-token' });
  const channel = open();
  const state = () => statuses.at(-1)?.state;
  const answers = (push: string) => relay.posts.filter((p) => p.type === 'answer' && p.push === push).map((p) => p.outcome);
  const bar = () => document.querySelector<ZcAgentBar>('zc-agent-bar');
  const shared = { v, rt, channel, open, notes, ran, statuses, warnings, state, answers, bar };
  return shared;
}

type Shared = ReturnType<typeof share>;

/** The first reconnection waits 0.5 to 1 s (1 s backoff, jittered): the pending timer in that range. */
const retry = (t: Shared): number | undefined => t.v.pending().find((ms) => ms >= 500 && ms <= 1000);

async function pair(t: Shared, relay: FakeRelay): Promise<void> {
  await waitUntil(() => relay.open(), 'the stream is open', { timeout: 5000 });
  relay.send('paired', { type: 'paired', name: 'Alex' });
  await waitUntil(() => t.state() === 'paired', 'paired');
}

const picker = { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 'pick' }, source: 'orders' };
const remedy = { component: 'zc-action', placement: { dock: 'end' }, content: { title: 'off' }, action: { host: 'disableAutoDebit', label: 'go', success: 'ok' } };
const strings = { en: { pick: 'Which order is it?', off: 'Turn off auto-debit', go: 'Turn it off', ok: 'Auto-debit is off.' } };
const shadow = <T extends Element>(tag: string, selector: string): T | null | undefined => document.querySelector(tag)?.shadowRoot?.querySelector<T>(selector);

describe('agent push: the page side (msw relay)', () => {
  let relay: FakeRelay;
  let t: Shared | undefined;
  beforeEach(async () => {
    sessionStorage.clear();
    document.body.innerHTML = '<button id="pay">Pay</button>';
    relay = fakeRelay(BASE);
    await startMsw(...relay.handlers);
  });
  afterEach(async () => {
    t?.channel.detach();
    await t?.rt.stop();
    t = undefined;
    sessionStorage.clear();
  });

  it('asks the relay for a session with the app token and shows the code to read out, accessibly', async () => {
    t = share(relay);
    await waitUntil(() => t!.state() === 'waiting', 'waiting for an agent', { timeout: 5000 });
    expect(relay.creates).to.deep.equal([{ auth: 'Bearer app-token', body: { protocol: 'zc-agent/1', sdk: SDK_VERSION, pack: 'test@1', locale: 'en' } }]);
    expect(t.statuses.map((s) => s.state)).to.deep.equal(['waiting']);
    expect(t.statuses[0]).to.include({ code: '482913' });
    const bar = t.bar()!;
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('[part~="code"]')!.textContent).to.equal('482 913');
    expect(bar.shadowRoot!.querySelector('[part~="primary"]')!.textContent!.trim()).to.equal('End sharing');
    expect(bar.hasAttribute('data-zc-ignore')).to.equal(true);
    await expect(bar).to.be.accessible();
    await waitUntil(() => relay.connections.length === 1, 'the stream is asked for');
    expect(relay.connections[0]).to.deep.equal({ auth: 'Bearer user-key', lastEventId: null });
    // The relay's requests are the SDK's own, never the page's API calls.
    t.v.advance(ENGINE_DELAY);
    expect(t.notes.filter((n) => n.type === 'signal')).to.deep.equal([]);
  });

  it('once an agent pairs: tells the agent the context and each signal, and holds its own help back', async () => {
    t = share(relay);
    await pair(t, relay);
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'paired', agent: 'Alex' });
    await waitUntil(() => relay.posts.some((p) => p.type === 'context'), 'the context');
    expect(relay.posts.find((p) => p.type === 'context')).to.deep.include({ pack: 'test@1', locale: 'en', actions: ['disableAutoDebit'], providers: ['orders'], rules: [{ id: 'help', component: 'zc-card' }] });
    const bar = t.bar()!;
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('.text')!.textContent).to.equal('Alex from support is connected and may show you help on this page.');
    // A rage click that would show the pack's help: suppressed while the agent is there, and told to the agent.
    t.v.advance(ENGINE_DELAY);
    for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    t.v.advance(ENGINE_DELAY);
    expect(t.notes.filter((n) => n.type === 'suppressed').map((n) => (n.detail as Suppressed).reason)).to.deep.equal(['agent']);
    expect(t.notes.filter((n) => n.type === 'decision')).to.deep.equal([]);
    await waitUntil(() => relay.posts.some((p) => p.type === 'signal'), 'the signal');
    expect(relay.posts.find((p) => p.type === 'signal')).to.deep.include({ signal: 'rage-click', page: location.pathname, target: 'button#pay' });
  });

  it('mounts the pushed picker, reports the pick with the record, then runs the pushed remedy on it only after the user confirms', async () => {
    t = share(relay);
    await pair(t, relay);
    relay.send('push', { type: 'push', id: 'p1', solution: picker, strings });
    await waitUntil(() => shadow('zc-picker', '[role="option"]'), 'the picker lists the orders', { timeout: 5000 });
    expect(document.querySelector('zc-picker')!.getAttribute('dock')).to.equal('end');
    expect(shadow('zc-picker', '[part~="heading"]')!.textContent).to.equal('Which order is it?');
    shadow<HTMLElement>('zc-picker', '[role="option"]')!.click();
    await waitUntil(() => t!.answers('p1').includes('picked'), 'the pick reaches the agent');
    expect(relay.posts.find((p) => p.outcome === 'picked')).to.deep.equal({ type: 'answer', push: 'p1', outcome: 'picked', record: { id: 'A1042', label: 'Order #1042' } });

    relay.send('push', { type: 'push', id: 'p2', solution: remedy, strings });
    await waitUntil(() => shadow('zc-action', '[part~="primary"]'), 'the remedy', { timeout: 5000 });
    expect(document.querySelector('zc-picker'), 'one pushed solution at a time').to.equal(null);
    // Answers go out in order, each a request of its own: the close may still be on its way.
    await waitUntil(() => t!.answers('p1').includes('closed'), "the picker's close reaches the agent");
    expect(t.answers('p1')).to.deep.equal(['shown', 'picked', 'closed']);
    shadow<HTMLButtonElement>('zc-action', '[part~="primary"]')!.click();
    await waitUntil(() => shadow('zc-action', '[part="confirm"]'), 'it asks first');
    expect(shadow('zc-action', '[part="confirm"]')!.textContent).to.equal('Your support agent suggests this. Go ahead?');
    expect(t.ran).to.deep.equal([]);
    shadow<HTMLButtonElement>('zc-action', '[part~="primary"]')!.click();
    await waitUntil(() => t!.answers('p2').includes('action-succeeded'), 'success reaches the agent');
    expect(t.ran.map((r) => r.record)).to.deep.equal([ORDERS[0]]);
    expect(relay.posts.find((p) => p.outcome === 'action-succeeded')).to.deep.include({ record: { id: 'A1042', label: 'Order #1042' } });
  });

  it('asks before a pushed remedy whose own question reads as nothing, and refuses links and uploads to other sites', async () => {
    t = share(relay);
    await pair(t, relay);
    relay.send('push', { type: 'push', id: 'blank', solution: { ...remedy, action: { ...remedy.action, confirm: 'q' } }, strings: { en: { ...strings.en, q: ' ' } } });
    await waitUntil(() => shadow('zc-action', '[part~="primary"]'), 'the remedy', { timeout: 5000 });
    shadow<HTMLButtonElement>('zc-action', '[part~="primary"]')!.click();
    await waitUntil(() => shadow('zc-action', '[part="confirm"]'), 'it asks first');
    expect(shadow('zc-action', '[part="confirm"]')!.textContent).to.equal('Your support agent suggests this. Go ahead?');
    expect(t.ran).to.deep.equal([]);
    t.v.advance(10_000); // past the flood limit
    const card = { component: 'zc-card', placement: { dock: 'end' }, content: { title: 'off', body: 'ok' } };
    relay.send('push', { type: 'push', id: 'phish', solution: { ...card, actions: [{ label: 'go', href: 'https://evil.example/login' }] }, strings });
    relay.send('push', { type: 'push', id: 'leak', solution: { component: 'zc-upload', placement: { dock: 'end' }, content: { title: 'off' }, upload: { endpoint: 'https://evil.example/drop' } }, strings });
    relay.send('push', { type: 'push', id: 'proto', solution: { ...card, content: { title: 'constructor', body: 'b' } } });
    await waitUntil(() => relay.posts.filter((p) => p.outcome === 'refused').length === 3, 'three refusals');
    const problems = (id: string) => relay.posts.find((p) => p.push === id)!.problems;
    expect(problems('phish')).to.deep.equal([{ path: '/solution', message: "sends the user to https://evil.example/login: a push may link or upload only to this site's paths, or to URLs the pack itself uses" }]);
    expect(problems('leak')).to.deep.equal([{ path: '/solution', message: "sends the user to https://evil.example/drop: a push may link or upload only to this site's paths, or to URLs the pack itself uses" }]);
    expect(problems('proto')).to.deep.equal([{ path: '/solution/content/title', message: 'string id "constructor" is not defined in the pack\'s locale strings' }]);
  });

  it('shows only the last of two pushes that arrive together, and nothing once the session ended; ignores an event that is no object', async () => {
    t = share(relay);
    await pair(t, relay);
    relay.raw(`id: 7\nevent: push\ndata: null\n\n`);
    // One read: the first is still waiting to mount when the second takes its place.
    const frame = (id: number, data: unknown) => `id: ${id}\nevent: push\ndata: ${JSON.stringify(data)}\n\n`;
    relay.raw(frame(8, { type: 'push', id: 'p1', solution: picker, strings }) + frame(9, { type: 'push', id: 'p2', rule: 'help' }));
    await waitUntil(() => t!.answers('p2').includes('shown'), 'the second shows', { timeout: 5000 });
    expect(t.answers('p1')).to.deep.equal(['closed']);
    expect(document.querySelectorAll('zc-picker')).to.have.length(0);
    expect(t.warnings).to.include('the agent relay sent a "push" event that is not a JSON object; it was ignored');
    relay.send('push', { type: 'push', id: 'p3', solution: picker, strings });
    relay.send('end', { type: 'end', by: 'agent', reason: 'ended' });
    await waitUntil(() => t!.state() === 'ended', 'ended');
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'ended', endedBy: 'agent', reason: 'ended' });
    await loadComponents();
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(document.querySelectorAll('zc-picker, zc-card'), 'nothing of the agent is left').to.have.length(0);
  });

  it('refuses an invalid push with located problems and mounts nothing, nor a remedy the page never registered', async () => {
    t = share(relay);
    await pair(t, relay);
    relay.send('push', { type: 'push', id: 'bad', solution: { component: 'zc-popup', placement: { dock: 'end' }, content: { title: 'nope' } }, strings });
    relay.send('push', { type: 'push', id: 'unregistered', solution: { ...remedy, action: { host: 'wipeAccount', label: 'go' } }, strings });
    relay.send('push', { type: 'push', id: 'norule', rule: 'no-such-rule' });
    await waitUntil(() => relay.posts.filter((p) => p.outcome === 'refused').length === 3, 'three refusals');
    const problems = (id: string) => relay.posts.find((p) => p.push === id)!.problems;
    expect(problems('bad')).to.deep.equal([{ path: '/solution/component', message: 'expected one of zc-card, zc-tip, zc-steps, zc-picker, zc-action, zc-upload, zc-handoff, zc-feedback, got "zc-popup"' }]);
    expect(problems('unregistered')).to.deep.equal([{ path: '/solution', message: "the page has not registered ZeroCall.action('wipeAccount', fn), which the solution needs" }]);
    expect(problems('norule')).to.deep.equal([{ path: '/rule', message: 'no rule "no-such-rule" in the page\'s pack test@1' }]);
    expect(t.warnings[0]).to.match(/^a solution the agent pushed was refused: \/solution\/component: expected one of/);
    await loadComponents();
    expect(document.querySelectorAll('zc-action, zc-card, zc-picker')).to.have.length(0);
  });

  it(`takes at most ${PUSH_LIMIT} pushes within 10 s and refuses a flood, saying so`, async () => {
    t = share(relay);
    await pair(t, relay);
    for (let i = 1; i <= PUSH_LIMIT + 2; i++) relay.send('push', { type: 'push', id: `p${i}`, rule: 'help' });
    await waitUntil(() => relay.posts.filter((p) => p.outcome === 'refused').length === 2, 'two refused');
    expect(relay.posts.filter((p) => p.outcome === 'refused').map((p) => p.push)).to.deep.equal(['p4', 'p5']);
    expect(relay.posts.find((p) => p.push === 'p4')!.problems).to.deep.equal([{ path: '', message: 'too many pushes: at most 3 within 10 s; this one was not shown, push it again in a moment' }]);
    t.v.advance(10_000);
    relay.send('push', { type: 'push', id: 'p6', rule: 'help' });
    await waitUntil(() => t!.answers('p6').includes('shown'), 'shown after the window', { timeout: 5000 });
  });

  it('reconnects after a dropped stream with backoff, resuming after the last event id', async () => {
    t = share(relay);
    await pair(t, relay);
    const last = relay.send('push', { type: 'push', id: 'p1', rule: 'help' });
    await waitUntil(() => t!.answers('p1').includes('shown'), 'shown', { timeout: 5000 });
    relay.drop();
    await waitUntil(() => retry(t!) !== undefined, 'a retry is scheduled');
    expect(relay.connections).to.have.length(1);
    t.v.advance(retry(t)!);
    await waitUntil(() => relay.connections.length === 2, 'reconnected');
    expect(relay.connections[1]).to.deep.equal({ auth: 'Bearer user-key', lastEventId: last });
    expect(t.state()).to.equal('paired');
  });

  it('the user ends the session from the bar, by keyboard: the relay is told, the pushed help goes, the SDK helps again', async () => {
    t = share(relay);
    await pair(t, relay);
    relay.send('push', { type: 'push', id: 'p1', rule: 'help' });
    await waitUntil(() => document.querySelector('zc-card'), 'the pushed card', { timeout: 5000 });
    const bar = t.bar()!;
    await bar.updateComplete;
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => relay.deletes.length === 1, 'the relay hears it');
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'ended', endedBy: 'user', reason: 'ended' });
    expect(document.querySelector('zc-card')).to.equal(null);
    expect(t.bar()).to.equal(null);
    expect(sessionStorage.getItem('zc:agent')).to.equal(null);
    t.v.advance(ENGINE_DELAY);
    for (let i = 0; i < 3; i++) document.querySelector('#pay')!.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: 5, clientY: 5 }));
    t.v.advance(ENGINE_DELAY);
    expect(t.notes.filter((n) => n.type === 'decision')).to.have.length(1);
  });

  it('resumes the shared session on the next page load, and ends when the relay says the session is gone', async () => {
    t = share(relay);
    await pair(t, relay);
    const last = relay.send('push', { type: 'push', id: 'p1', rule: 'help' });
    await waitUntil(() => t!.answers('p1').includes('shown'), 'shown', { timeout: 5000 });
    // A page load: this SDK instance stops, the next one starts in the same tab.
    t.channel.detach();
    await t.rt.stop();
    t = share(relay);
    await waitUntil(() => relay.connections.length === 2, 'resumed');
    expect(relay.creates, 'no new session').to.have.length(1);
    expect(relay.connections[1]!.lastEventId).to.equal(last);
    expect(t.state()).to.equal('paired');
    relay.refuse(410, 'session-ended', 'the session ended');
    relay.drop();
    await waitUntil(() => retry(t!) !== undefined, 'a retry is scheduled');
    t.v.advance(retry(t)!);
    await waitUntil(() => t!.state() === 'ended', 'ended');
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'ended', endedBy: 'relay', reason: 'ended' });
    const bar = t.bar()!;
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('.text')!.textContent).to.equal('The shared session has ended.');
  });

  it('a code nobody used expires, and the user can get a new one', async () => {
    t = share(relay);
    await waitUntil(() => t!.state() === 'waiting', 'waiting', { timeout: 5000 });
    t.v.advance(600_000);
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'ended', endedBy: 'relay', reason: 'code-expired' });
    await waitUntil(() => relay.deletes.length === 1, 'the relay forgets it');
    const bar = t.bar()!;
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('.text')!.textContent).to.equal('The code expired before an agent used it.');
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[part~="primary"]')!.click();
    await waitUntil(() => relay.creates.length === 2 && t!.state() === 'waiting', 'a new code');
  });

  it('refuses to start when the relay refuses the token, saying why', async () => {
    await startMsw(http.post(`${BASE}/sessions`, () => Response.json({ error: 'unauthorized', message: 'the token was not accepted' }, { status: 401 })));
    t = share(relay);
    await waitUntil(() => t!.state() === 'failed', 'failed', { timeout: 5000 });
    expect(t.statuses.at(-1)).to.deep.equal({ state: 'failed', error: 'the token was not accepted (unauthorized)' });
    expect(t.warnings).to.deep.equal(['the agent relay did not start a shared session: the token was not accepted']);
  });
});

describe('agent push: the code bar', () => {
  it('speaks Chinese, says each state in its live region, and takes the theme tokens', async () => {
    const { ZcAgentBar } = await import('../../components/agent/zc-agent-bar.component.js');
    if (!customElements.get('zc-agent-bar')) customElements.define('zc-agent-bar', ZcAgentBar);
    const bar = document.createElement('zc-agent-bar');
    bar.locale = 'zh-CN';
    bar.style.setProperty('--zc-accent', 'rgb(1, 2, 3)');
    bar.status = { state: 'waiting', code: '482913', codeExpires: new Date(2026, 10, 24, 14, 32).getTime() };
    document.body.append(bar);
    await bar.updateComplete;
    const root = bar.shadowRoot!;
    expect(bar.getAttribute('lang')).to.equal('zh-CN');
    expect(bar.getAttribute('aria-label')).to.equal('与客服共享');
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('您的客服验证码：482 913。请在电话或聊天中告诉客服。有效期至 14:32。');
    expect(getComputedStyle(root.querySelector('[part~="primary"]')!).backgroundColor).to.equal('rgb(1, 2, 3)');
    await expect(bar).to.be.accessible();
    bar.status = { state: 'paired', agent: '小王' };
    await bar.updateComplete;
    expect(root.querySelector('[role="status"]')!.textContent).to.equal('客服 小王 已连接，可以在此页面为您展示帮助。');
    bar.status = { state: 'ended', endedBy: 'relay', reason: 'code-expired' };
    await bar.updateComplete;
    expect([...root.querySelectorAll('button')].map((b) => b.textContent!.trim()), 'no new code without the means to get one').to.deep.equal(['关闭']);
    bar.remove();
  });
});

describe('agent push: the protocol and the pack agree', () => {
  it('names the components a pack solution may have', () => {
    expect(COMPONENT_NAMES).to.deep.equal(COMPONENTS);
  });
});
