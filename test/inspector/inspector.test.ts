import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { mountInspector } from '../../components/inspector/index.js';
import '../../components/inspector/zc-inspector.js';
import type { ZcInspector } from '../../components/inspector/zc-inspector.js';
import type { Decision, SuppressReason } from '../../src/engine/decide.js';
import type { StruggleExplanation } from '../../src/engine/struggle.js';
import type { OutcomeEvent, Signal, SignalEvidence, TargetInfo, ZcEvent } from '../../src/engine/types.js';
import type { InspectorSource, JournalEntry, PackSummary } from '../../src/inspect/source.js';

const PACK: PackSummary = {
  id: 'acme-pay',
  version: '2026.11.0',
  holdout: 0.05,
  budget: { perSession: 3, perDay: 6, minGap: '90s' },
  rules: [
    { id: 'autopay-stuck', page: '/settings/autopay*', priority: 80, component: 'zc-action', enabled: true, cap: 1, cooldown: '1d' },
    { id: 'pay-down', page: '/checkout*', priority: 50, component: 'zc-card', enabled: true, cap: 2, cooldown: '10m', group: 'pay' },
    { id: 'refund-which', page: '/orders*', priority: 90, component: 'zc-picker', next: 'zc-action', enabled: true, cap: 1 },
    { id: 'old-tip', page: '*', priority: 10, component: 'zc-tip', enabled: false, cap: 1 },
  ],
};

/** 13:04:05.670 local time, and later times from it. */
const T0 = new Date(2026, 0, 2, 13, 4, 5, 670).getTime();

type Fake = InspectorSource & {
  push(...entries: JournalEntry[]): void;
  setPage(page: string): void;
  setConsent(given: boolean): void;
  setHelp(help: { help: string; source: string }): void;
  setScore(score: StruggleExplanation | undefined): void;
  setFlows(flows: ReturnType<InspectorSource['flows']>): void;
  closed: number;
  watchers(): number;
};

/** A fake SDK: a journal replayed to each watcher, then entries pushed synchronously. */
function fakeSource(init: { locale?: 'en' | 'zh-CN'; page?: string; consent?: boolean; score?: StruggleExplanation; pack?: PackSummary } = {}): Fake {
  const journal: JournalEntry[] = [];
  const listeners = new Set<(e: JournalEntry) => void>();
  const pack = init.pack ?? PACK;
  let page = init.page ?? '/checkout';
  let consent = init.consent ?? true;
  let help = { help: 'useful', source: 'pack' };
  let score = init.score;
  let flows: ReturnType<InspectorSource['flows']> = {};
  const glob = (g: string): boolean => g === '*' || (g.endsWith('*') ? page.startsWith(g.slice(0, -1)) : page === g);
  const fake: Fake = {
    pack,
    locale: init.locale ?? 'en',
    closed: 0,
    watch(fn) {
      for (const e of journal) fn(e);
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    score: () => score,
    page: () => page,
    onPage: (id) => glob(pack.rules.find((r) => r.id === id)?.page ?? ''),
    consent: () => consent,
    help: () => help,
    flows: () => flows,
    close() {
      fake.closed++;
    },
    push(...entries) {
      for (const e of entries) {
        journal.push(e);
        for (const fn of listeners) fn(e);
      }
    },
    setPage: (p) => void (page = p),
    setConsent: (c) => void (consent = c),
    setHelp: (h) => void (help = h),
    setScore: (s) => void (score = s),
    setFlows: (f) => void (flows = f),
    watchers: () => listeners.size,
  };
  return fake;
}

const target = (fp: string): TargetInfo => ({ fp, tag: 'button', hits: [] });
const ev = (event: ZcEvent): JournalEntry => ({ kind: 'event', event });
const click = (fp: string, t = T0): JournalEntry => ev({ type: 'click', t, page: '/checkout', x: 10, y: 20, target: target(fp) });
const nav = (page: string, from: string, t = T0): JournalEntry => ev({ type: 'nav', t, page, kind: 'push', from });
const signal = (name: string, evidence: Partial<SignalEvidence>, fp?: string, t = T0): JournalEntry => {
  const s: Signal = { type: 'signal', signal: name, t, page: '/checkout', ...(fp ? { target: target(fp) } : {}), evidence: { count: 1, first: t, last: t, ...evidence } };
  return { kind: 'signal', signal: s };
};
const decision = (rule: string, heldOut = false, t = T0): JournalEntry => {
  const d: Decision = {
    type: 'decision',
    t,
    rule,
    pack: 'acme-pay@2026.11.0',
    page: '/checkout',
    solution: { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't' } } as unknown as Decision['solution'],
    signal: undefined,
    target: undefined,
    heldOut,
  };
  return { kind: 'decision', decision: d };
};
const suppressed = (rule: string, reason: SuppressReason, t = T0): JournalEntry => ({ kind: 'suppressed', suppressed: { type: 'suppressed', t, rule, reason } });

const SCORE: StruggleExplanation = {
  score: 0.4234,
  features: [
    { feature: 'rage-click', value: 2, contribution: 4.94 },
    { feature: 'idle', value: 75.4, contribution: -0.5 },
    { feature: 'api-error', value: 1, contribution: 1.2 },
  ],
};

async function mount(source: Fake): Promise<ZcInspector> {
  const el = await fixture<ZcInspector>(html`<zc-inspector .source=${source}></zc-inspector>`);
  await el.updateComplete;
  return el;
}

const root = (el: ZcInspector): ShadowRoot => el.shadowRoot!;
const one = <T extends Element = HTMLElement>(el: ZcInspector, selector: string): T => {
  const found = root(el).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
};
const text = (node: Element | null | undefined): string => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
/** The timeline's rows as [badge, text], top first. */
const rows = (el: ZcInspector): Array<[string, string]> => [...root(el).querySelectorAll('.timeline .entry')].map((r) => [text(r.querySelector('.badge')), text(r.querySelector('.text'))]);
const tab = (el: ZcInspector, name: 'live' | 'rules' | 'score'): HTMLButtonElement => one<HTMLButtonElement>(el, `#tab-${name}`);
async function openTab(el: ZcInspector, name: 'live' | 'rules' | 'score'): Promise<void> {
  tab(el, name).click();
  await el.updateComplete;
}
async function setFilter(el: ZcInspector, name: string, on: boolean): Promise<void> {
  const box = one<HTMLInputElement>(el, `input.filter-${name}`);
  if (box.checked !== on) box.click();
  await el.updateComplete;
}

/** setInterval/clearInterval under test control: no real waiting. */
function fakeIntervals() {
  const realSet = window.setInterval;
  const realClear = window.clearInterval;
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  window.setInterval = ((fn: () => void, ms: number) => {
    const id = next++;
    timers.set(id, { fn, ms });
    return id;
  }) as unknown as typeof window.setInterval;
  window.clearInterval = ((id: number) => void timers.delete(id)) as typeof window.clearInterval;
  return {
    tick: () => [...timers.values()].forEach((t) => t.fn()),
    periods: () => [...timers.values()].map((t) => t.ms),
    restore() {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    },
  };
}

describe('zc-inspector: header and host', () => {
  it('names the pack and version, counts help shown against the budget, and says consent and holdout', async () => {
    const src = fakeSource({ score: SCORE });
    const el = await mount(src);
    expect(text(one(el, '.title'))).to.equal('Zero Call inspector');
    expect(text(one(el, '.pack'))).to.equal('acme-pay@2026.11.0');
    expect(text(one(el, '.shown'))).to.equal('help shown 0 of 3');
    expect(text(one(el, '.consent'))).to.equal('consent: given');
    expect(text(one(el, '.holdout'))).to.equal('holdout 5%');
    expect(text(one(el, '.meta .score'))).to.equal('score 0.42');
    // Held-out decisions are not help shown.
    src.push(decision('pay-down'), decision('autopay-stuck', true), decision('refund-which'));
    src.setConsent(false);
    src.push(ev({ type: 'consent', t: T0, page: '/checkout', granted: false }));
    await el.updateComplete;
    expect(text(one(el, '.shown'))).to.equal('help shown 2 of 3');
    expect(text(one(el, '.consent'))).to.equal('consent: pending');
    // The user's level of help (layered service), live when it changes.
    expect(text(one(el, '.help'))).to.equal('help: useful (pack)');
    src.setHelp({ help: 'stuck', source: 'user' });
    src.push(ev({ type: 'preference', help: 'stuck', t: T0, page: '/checkout' }));
    await el.updateComplete;
    expect(text(one(el, '.help'))).to.equal('help: stuck (user)');
    await expect(el).to.be.accessible();
  });

  it('is a named region the sensors ignore, in its locale, and never takes focus when it appears', async () => {
    const input = await fixture<HTMLInputElement>(html`<input aria-label="Card number" />`);
    input.focus();
    const el = document.createElement('zc-inspector');
    el.source = fakeSource();
    input.after(el);
    await el.updateComplete;
    expect(el.hasAttribute('data-zc-ignore')).to.equal(true);
    expect(el.getAttribute('role')).to.equal('region');
    expect(el.getAttribute('aria-label')).to.equal('Zero Call inspector');
    expect(el.getAttribute('lang')).to.equal('en');
    expect(document.activeElement).to.equal(input);
    const style = getComputedStyle(el);
    expect(style.position).to.equal('fixed');
    expect(style.zIndex).to.equal('2147483000');
    el.remove();
  });

  it('close tells the source and leaves the page; the toggle collapses and expands with aria-expanded', async () => {
    const src = fakeSource();
    const el = await mount(src);
    const toggle = one<HTMLButtonElement>(el, '.toggle');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(one(el, '#body').hidden).to.equal(true);
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(one(el, '#body').hidden).to.equal(false);
    const close = one<HTMLButtonElement>(el, '.close');
    expect(close.getAttribute('aria-label')).to.equal('Close inspector');
    close.click();
    expect(src.closed).to.equal(1);
    expect(el.isConnected).to.equal(false);
    expect(src.watchers(), 'stops watching when removed').to.equal(0);
  });

  it('Escape inside collapses it, keeps focus on the toggle, and keeps the Escape to itself', async () => {
    const el = await mount(fakeSource());
    let documentSawEscape = false;
    const onKey = (e: KeyboardEvent): void => void (documentSawEscape ||= e.key === 'Escape');
    document.addEventListener('keydown', onKey);
    try {
      one<HTMLInputElement>(el, 'input.filter-signals').focus();
      await sendKeys({ press: 'Escape' });
    } finally {
      document.removeEventListener('keydown', onKey);
    }
    await el.updateComplete;
    expect(one(el, '.toggle').getAttribute('aria-expanded')).to.equal('false');
    expect(root(el).activeElement).to.equal(one(el, '.toggle'));
    expect(documentSawEscape).to.equal(false);
  });
});

describe('zc-inspector: Live', () => {
  it('lists entries newest first, each with its time, kind and a one-line description', async () => {
    const src = fakeSource();
    // Two entries before it opens (the journal replays them), the rest live.
    src.push(click('#pay', T0), nav('/checkout', '/cart', T0 + 100));
    const el = await mount(src);
    src.push(
      ev({ type: 'net', t: T0 + 200, page: '/checkout', id: 1, phase: 'end', method: 'POST', path: '/api/pay', status: 502 }),
      signal('api-error', { count: 3, method: 'POST', path: '/api/pay', status: 502 }, '#pay', T0 + 300),
      signal('form-error-loop', { count: 4, field: '#email', form: '#signup' }, undefined, T0 + 350),
      ev({ type: 'outcome', t: T0 + 400, page: '/checkout', outcome: 'unhelpful', rule: 'pay-down', record: 'o-1', step: 0, reason: 'too-long' }),
      decision('pay-down', false, T0 + 1500),
    );
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      ['decision', 'pay-down shown: zc-card'],
      ['outcome', 'pay-down: unhelpful (record o-1, step 1, reason too-long)'],
      ['signal', 'form-error-loop · ×4 · field #email'],
      ['signal', 'api-error #pay · ×3 · POST /api/pay 502'],
      ['net', 'POST /api/pay 502'],
      ['nav', 'push /checkout (from /cart)'],
      ['click', '#pay'],
    ]);
    const times = [...root(el).querySelectorAll('.timeline .time')].map((t) => t.textContent);
    expect(times[0]).to.equal('13:04:07.1');
    expect(times.at(-1)).to.equal('13:04:05.6');
    // Paths are code, in monospace.
    expect(root(el).querySelector('.timeline .entry:last-child .text code')?.textContent).to.equal('#pay');
    // The verdict that arrived live was announced; the replayed entries and the events were not.
    expect(text(one(el, '[role="status"]'))).to.equal('pay-down shown: zc-card');
    await expect(el).to.be.accessible();
  });

  it('says in words why each suppressed rule was not shown, with the numbers from the pack', async () => {
    const src = fakeSource();
    const el = await mount(src);
    const expected: Record<SuppressReason, string> = {
      consent: 'the user has not consented to help',
      agent: 'a human agent is sharing the session',
      preference: "the user's preference: help only when stuck, or none",
      dismissed: 'the user dismissed it this session (or asked not to see it again)',
      cap: 'already shown as often as allowed this session (cap 2)',
      cooldown: 'shown too recently (cooldown 10m)',
      group: "its fatigue group's limit is reached",
      open: 'other help is open in the same place',
      budget: 'the session budget of 3 is used up',
      'day-budget': "today's budget of 6 is used up",
      'min-gap': 'less than 90s since the last help',
    };
    for (const [reason, words] of Object.entries(expected)) {
      src.push(suppressed('pay-down', reason as SuppressReason));
      await el.updateComplete;
      expect(rows(el)[0]).to.deep.equal(['not shown', `pay-down not shown: ${words}`]);
      expect(text(one(el, '[role="status"]')), 'announced politely').to.equal(`pay-down not shown: ${words}`);
    }
    expect(rows(el)).to.have.length(11);
    await expect(el).to.be.accessible();
  });

  it('says a held-out decision was not shown, with the holdout percentage', async () => {
    const src = fakeSource();
    const el = await mount(src);
    src.push(decision('autopay-stuck', true));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([['not shown', 'autopay-stuck not shown: held out (holdout 5%)']]);
    expect(text(one(el, '.shown'))).to.equal('help shown 0 of 3');
  });

  it('announces only verdicts that happen while open, not the journal it replays, nor events and signals', async () => {
    const src = fakeSource();
    src.push(suppressed('pay-down', 'budget'));
    const el = await mount(src);
    const status = one(el, '[role="status"]');
    expect(rows(el)).to.have.length(1);
    expect(text(status)).to.equal('');
    src.push(click('#pay'), signal('rage-click', { count: 3 }, '#pay'));
    await el.updateComplete;
    expect(text(status)).to.equal('');
    src.push(decision('pay-down'));
    await el.updateComplete;
    expect(text(status)).to.equal('pay-down shown: zc-card');
  });

  it('filters by kind, and lists noisy events only with All events', async () => {
    const src = fakeSource();
    const el = await mount(src);
    src.push(
      click('#pay'),
      ev({ type: 'scroll', t: T0, page: '/checkout', y: 120, dy: 40, scroller: '' }),
      ev({ type: 'mutation', t: T0, page: '/checkout' }),
      ev({ type: 'tick', t: T0, page: '/checkout' }),
      signal('rage-click', { count: 3 }, '#pay'),
      suppressed('pay-down', 'open'),
      ev({ type: 'outcome', t: T0, page: '/checkout', outcome: 'shown', rule: 'pay-down' }),
    );
    await el.updateComplete;
    const kinds = (): string[] => rows(el).map(([badge]) => badge);
    expect(kinds()).to.deep.equal(['outcome', 'not shown', 'signal', 'click']);
    await setFilter(el, 'all', true);
    expect(kinds()).to.deep.equal(['outcome', 'not shown', 'signal', 'tick', 'mutation', 'scroll', 'click']);
    expect(rows(el)[5]).to.deep.equal(['scroll', 'document y 120 (+40)']);
    await setFilter(el, 'events', false);
    expect(kinds()).to.deep.equal(['outcome', 'not shown', 'signal']);
    await setFilter(el, 'signals', false);
    await setFilter(el, 'outcomes', false);
    expect(kinds()).to.deep.equal(['not shown']);
    await setFilter(el, 'decisions', false);
    expect(kinds()).to.deep.equal([]);
    expect(text(one(el, '.empty'))).to.equal('Nothing yet.');
    await setFilter(el, 'events', true);
    await setFilter(el, 'all', false);
    expect(kinds()).to.deep.equal(['click']);
    await expect(el).to.be.accessible();
  });

  it('renders hostile page text as text', async () => {
    const src = fakeSource();
    const el = await mount(src);
    const hostile = '<img src=x onerror="window.__pwned=1"><b>x</b>';
    src.push(ev({ type: 'js-error', t: T0, page: '/checkout', kind: 'error', message: hostile }), click('<b>#a</b>'));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      ['click', '<b>#a</b>'],
      ['js-error', hostile],
    ]);
    expect(root(el).querySelector('.timeline img, .timeline b')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('keeps a bounded history and renders at most 300 rows, newest first', async () => {
    const src = fakeSource();
    const el = await mount(src);
    for (let i = 0; i < 1_300; i++) src.push(click(`#b${i}`, T0 + i));
    await el.updateComplete;
    const listed = rows(el);
    expect(listed).to.have.length(300);
    expect(listed[0]).to.deep.equal(['click', '#b1299']);
    expect(listed[299]).to.deep.equal(['click', '#b1000']);
    const more = text(one(el, '.more'));
    const total = Number(/of (\d+)/.exec(more)?.[1]);
    expect(total).to.be.within(1_000, 1_250);
  });
});

describe('zc-inspector: Rules', () => {
  it('lists on-page rules first, then by priority, with match counts and last verdicts, refreshed after a nav', async () => {
    const src = fakeSource({ page: '/checkout' });
    const el = await mount(src);
    await openTab(el, 'rules');
    const cell = (tr: Element, selector: string): string => text(tr.querySelector(selector));
    const table = (): string[][] =>
      [...root(el).querySelectorAll('table.rules tbody tr')].map((tr) =>
        ['.id', '.off', '.glob', '.component', '.priority', '.on-page', '.matches', '.last'].map((c) => cell(tr, c)),
      );
    expect(table()).to.deep.equal([
      ['pay-down', '', '/checkout*', 'zc-card', '50', 'yes', '0', '— waiting'],
      ['old-tip', 'off (switched off in the pack)', '*', 'zc-tip', '10', 'yes', '0', '— waiting'],
      ['refund-which', '', '/orders*', 'zc-picker → zc-action', '90', 'no', '0', '— waiting'],
      ['autopay-stuck', '', '/settings/autopay*', 'zc-action', '80', 'no', '0', '— waiting'],
    ]);
    // The row header says it all to a screen reader, the page and component labelled.
    expect(text(root(el).querySelector('table.rules tbody th'))).to.equal('pay-down Page: /checkout* · Component: zc-card');
    expect(text(one(el, '.page'))).to.equal('Current page: /checkout');
    src.push(decision('pay-down', false, T0), suppressed('pay-down', 'cap', T0 + 1000), decision('autopay-stuck', true), suppressed('refund-which', 'min-gap'));
    await el.updateComplete;
    expect(table().map((r) => [r[0], r[6], r[7]])).to.deep.equal([
      ['pay-down', '2', 'not shown: already shown as often as allowed this session (cap 2)'],
      ['old-tip', '0', '— waiting'],
      ['refund-which', '1', 'not shown: less than 90s since the last help'],
      ['autopay-stuck', '1', 'held out'],
    ]);
    src.push(decision('refund-which', false, T0 + 2000));
    src.setPage('/orders/7');
    src.push(nav('/orders/7', '/checkout'));
    await el.updateComplete;
    expect(table().map((r) => [r[0], r[5], r[7]])).to.deep.equal([
      ['refund-which', 'yes', 'shown at 13:04:07.6'],
      ['old-tip', 'yes', '— waiting'],
      ['autopay-stuck', 'no', 'held out'],
      ['pay-down', 'no', 'not shown: already shown as often as allowed this session (cap 2)'],
    ]);
    expect(text(one(el, '.page'))).to.equal('Current page: /orders/7');
    await expect(el).to.be.accessible();
  });
});

describe('zc-inspector: flows', () => {
  const FLOW_PACK: PackSummary = {
    ...PACK,
    rules: [...PACK.rules, { id: 'order-stuck', page: '/orders*', priority: 70, component: 'zc-picker', flow: ['pick', 'stop', 'refunded', 'recheck', 'agent'], enabled: true, cap: 1 }],
  };
  const outcome = (o: Partial<OutcomeEvent> & Pick<OutcomeEvent, 'outcome'>): JournalEntry => ev({ type: 'outcome', t: T0, page: '/orders', rule: 'order-stuck', ...o });
  const steps = (el: ZcInspector): string => text(root(el).querySelector('[data-rule="order-stuck"] .component'));
  const now = (el: ZcInspector): string[] => [...root(el).querySelectorAll('[data-rule="order-stuck"] [aria-current="step"]')].map((b) => text(b));
  const flowLines = (el: ZcInspector): string[] => [...root(el).querySelectorAll('.flows li')].map((li) => text(li));
  let timers: ReturnType<typeof fakeIntervals>;
  beforeEach(() => (timers = fakeIntervals()));
  afterEach(() => timers.restore());

  it('lists a flow rule with its steps, the start first, and marks the step the user is at', async () => {
    const src = fakeSource({ pack: FLOW_PACK, page: '/orders' });
    const el = await mount(src);
    await openTab(el, 'rules');
    // Not under way yet (its first step may be showing): no step is marked.
    expect(steps(el)).to.equal('pick → stop | refunded | recheck | agent');
    expect(now(el)).to.deep.equal([]);
    // The label says it is a flow, to everyone; other rules keep theirs for screen readers only.
    expect(text(root(el).querySelector('[data-rule="order-stuck"] th .sub'))).to.equal('Page: /orders* · Flow: pick → stop | refunded | recheck | agent');
    expect(text(root(el).querySelector('[data-rule="refund-which"] .component'))).to.equal('zc-picker → zc-action');
    src.setFlows({ 'order-stuck': { step: 'recheck', record: { id: 'ORD-10471' }, t: Date.now() } });
    src.push(outcome({ outcome: 'picked', flowStep: 'pick', record: 'ORD-10471' }));
    await el.updateComplete;
    expect(now(el)).to.deep.equal(['recheck']);
    await expect(el).to.be.accessible();
  });

  it('shows a flow under way in Live, follows its moves as they are reported, and drops it when it ends', async () => {
    const src = fakeSource({ pack: FLOW_PACK, page: '/orders' });
    // Resumed at this load: under way, with no move in the journal.
    src.setFlows({ 'order-stuck': { step: 'pick', t: Date.now() - 12_000 } });
    const el = await mount(src);
    expect(flowLines(el)).to.have.length(1);
    expect(flowLines(el)[0]).to.match(/^Flow order-stuck: at pick, moved 12 sec\.? ago$/);
    expect(text(root(el).querySelector('.flows li code:nth-of-type(2)'))).to.equal('pick');
    // The core reports the move before it keeps the new position: the panel reads it after.
    src.push(outcome({ outcome: 'picked', flowStep: 'pick', record: 'ORD-10471' }), outcome({ outcome: 'transition', flowStep: 'pick', to: 'recheck', record: 'ORD-10471' }));
    src.setFlows({ 'order-stuck': { step: 'recheck', record: { id: 'ORD-10471' }, t: Date.now() } });
    await el.updateComplete;
    expect(flowLines(el)[0]).to.match(/^Flow order-stuck: at recheck \(record ORD-10471\), moved 0 sec\.? ago$/);
    expect(rows(el).slice(0, 2)).to.deep.equal([
      ['outcome', 'order-stuck moved pick → recheck on picked (record ORD-10471)'],
      ['outcome', 'order-stuck: picked (record ORD-10471)'],
    ]);
    await expect(el).to.be.accessible();
    // It ages each second while open.
    src.setFlows({ 'order-stuck': { step: 'recheck', record: { id: 'ORD-10471' }, t: Date.now() - 90_000 } });
    timers.tick();
    await el.updateComplete;
    expect(flowLines(el)[0]).to.match(/moved 1 min\.? ago$/);
    src.push(outcome({ outcome: 'action-succeeded', flowStep: 'recheck', record: 'ORD-10471' }), outcome({ outcome: 'transition', flowStep: 'recheck', to: 'end', record: 'ORD-10471' }));
    src.setFlows({});
    await el.updateComplete;
    expect(root(el).querySelector('.flows')).to.equal(null);
    expect(rows(el)[0]).to.deep.equal(['outcome', 'order-stuck moved recheck → end on action-succeeded (record ORD-10471)']);
    // A flow the user dismissed is gone the same way, on its outcome.
    src.setFlows({ 'order-stuck': { step: 'stop', t: Date.now() } });
    src.push(outcome({ outcome: 'transition', flowStep: 'pick', to: 'stop' }));
    await el.updateComplete;
    expect(flowLines(el)).to.have.length(1);
    src.setFlows({});
    src.push(outcome({ outcome: 'dismissed', flowStep: 'stop' }));
    await el.updateComplete;
    expect(root(el).querySelector('.flows')).to.equal(null);
  });

  it('speaks zh-CN', async () => {
    const src = fakeSource({ pack: FLOW_PACK, page: '/orders', locale: 'zh-CN' });
    src.setFlows({ 'order-stuck': { step: 'recheck', record: { id: 'ORD-10471' }, t: Date.now() - 12_000 } });
    src.push(outcome({ outcome: 'picked', flowStep: 'pick', record: 'ORD-10471' }), outcome({ outcome: 'transition', flowStep: 'pick', to: 'recheck', record: 'ORD-10471' }));
    const el = await mount(src);
    expect(flowLines(el)[0]).to.match(/^流程 order-stuck：位于 recheck \(记录 ORD-10471\)，12\s?秒(钟)?前移动$/);
    expect(rows(el)[0]).to.deep.equal(['结果', 'order-stuck 从 pick 转到 recheck（因 picked） (记录 ORD-10471)']);
    await expect(el).to.be.accessible();
    await openTab(el, 'rules');
    expect(text(root(el).querySelector('[data-rule="order-stuck"] th .sub'))).to.equal('页面: /orders* · 流程: pick → stop | refunded | recheck | agent');
    expect(now(el)).to.deep.equal(['recheck']);
    await expect(el).to.be.accessible();
  });
});

describe('zc-inspector: Score', () => {
  let timers: ReturnType<typeof fakeIntervals>;
  beforeEach(() => (timers = fakeIntervals()));
  afterEach(() => timers.restore());

  it('shows the score with a meter and the top features as signed contributions', async () => {
    const el = await mount(fakeSource({ score: SCORE }));
    await openTab(el, 'score');
    expect(text(one(el, '.score-value'))).to.equal('0.42');
    const meter = one(el, '[role="meter"]');
    expect(Number(meter.getAttribute('aria-valuenow'))).to.be.closeTo(0.4234, 1e-9);
    expect(meter.getAttribute('aria-valuetext')).to.equal('0.42');
    const features = [...root(el).querySelectorAll('table.features tbody tr')].map((tr) => [...tr.querySelectorAll('th, td.num')].map((c) => text(c)));
    expect(features).to.deep.equal([
      ['rage-click', '2', '+4.94'],
      ['idle', '75 s', '−0.50'],
      ['api-error', '1', '+1.20'],
    ]);
    // Bars grow from the middle: right for more struggle, left for less, scaled to the largest.
    expect(root(el).querySelectorAll('.bar .pos .fill')).to.have.length(2);
    expect(root(el).querySelectorAll('.bar .neg .fill')).to.have.length(1);
    expect((root(el).querySelector('[data-feature="rage-click"] .fill') as HTMLElement).style.inlineSize).to.equal('100%');
    await expect(el).to.be.accessible();
  });

  it('refreshes every second while open and on each signal; stops while collapsed and when removed', async () => {
    const src = fakeSource({ score: SCORE });
    const el = await mount(src);
    await openTab(el, 'score');
    expect(timers.periods()).to.deep.equal([1000]);
    src.setScore({ score: 0.9, features: [{ feature: 'errors', value: 4, contribution: 3 }] });
    timers.tick();
    await el.updateComplete;
    expect(text(one(el, '.score-value'))).to.equal('0.90');
    expect(text(one(el, '.meta .score'))).to.equal('score 0.90');
    src.setScore({ score: 0.12, features: [] });
    src.push(signal('hesitation', { count: 1, idle: 12_000 }));
    await el.updateComplete;
    expect(text(one(el, '.score-value'))).to.equal('0.12');
    expect(text(one(el, '.empty'))).to.equal('No feature contributes yet.');
    one<HTMLButtonElement>(el, '.toggle').click();
    await el.updateComplete;
    expect(timers.periods(), 'no refresh while collapsed').to.deep.equal([]);
    one<HTMLButtonElement>(el, '.toggle').click();
    await el.updateComplete;
    expect(timers.periods()).to.deep.equal([1000]);
    el.remove();
    expect(timers.periods(), 'cleared on disconnect').to.deep.equal([]);
  });

  it('says when there is no score', async () => {
    const el = await mount(fakeSource());
    await openTab(el, 'score');
    expect(text(one(el, '.empty'))).to.equal('No score yet.');
    expect(text(one(el, '.meta .score'))).to.equal('score —');
    await expect(el).to.be.accessible();
  });
});

describe('zc-inspector: keyboard, language', () => {
  it('is a tablist: arrows, Home and End move selection and focus, with a roving tabindex', async () => {
    const el = await mount(fakeSource({ score: SCORE }));
    const selected = (): string[] => [...root(el).querySelectorAll('[role="tab"]')].filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id);
    const tabbable = (): string[] => [...root(el).querySelectorAll('[role="tab"]')].filter((t) => t.getAttribute('tabindex') === '0').map((t) => t.id);
    tab(el, 'live').focus();
    const steps: Array<[string, string]> = [
      ['ArrowRight', 'tab-rules'],
      ['ArrowRight', 'tab-score'],
      ['ArrowRight', 'tab-live'],
      ['ArrowLeft', 'tab-score'],
      ['Home', 'tab-live'],
      ['End', 'tab-score'],
    ];
    for (const [key, id] of steps) {
      await sendKeys({ press: key });
      await el.updateComplete;
      expect(selected(), key).to.deep.equal([id]);
      expect(tabbable()).to.deep.equal([id]);
      expect(root(el).activeElement?.id).to.equal(id);
      const panel = one(el, `#${id.replace('tab-', 'panel-')}`);
      expect(panel.hidden).to.equal(false);
      expect(panel.getAttribute('aria-labelledby')).to.equal(id);
    }
    expect(root(el).querySelectorAll('[role="tabpanel"]:not([hidden])')).to.have.length(1);
  });

  it('speaks zh-CN and marks its language', async () => {
    const src = fakeSource({ locale: 'zh-CN', consent: false, score: SCORE });
    const el = await mount(src);
    expect(el.getAttribute('lang')).to.equal('zh-CN');
    expect(el.getAttribute('aria-label')).to.equal('Zero Call 检查器');
    expect(text(one(el, '.consent'))).to.equal('授权：待定');
    expect(text(one(el, '.shown'))).to.equal('已显示帮助 0/3 次');
    expect([...root(el).querySelectorAll('[role="tab"]')].map((t) => text(t))).to.deep.equal(['实时', '规则', '得分']);
    src.push(suppressed('pay-down', 'cooldown'), decision('autopay-stuck', true));
    await el.updateComplete;
    expect(rows(el)).to.deep.equal([
      ['未显示', 'autopay-stuck 未显示：属于对照组（对照比例 5%）'],
      ['未显示', 'pay-down 未显示：距上次显示太近（冷却 10m）'],
    ]);
    await openTab(el, 'rules');
    expect(text(root(el).querySelector('table.rules thead'))).to.contain('最近结论');
    await expect(el).to.be.accessible();
    await openTab(el, 'score');
    expect(text(one(el, '#score-label'))).to.equal('受阻得分');
    await expect(el).to.be.accessible();
  });
});

describe('zc-inspector: theme and layout', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('takes dark defaults under prefers-color-scheme: dark, lets brand tokens win, and stays axe clean', async () => {
    const src = fakeSource({ score: SCORE });
    src.push(click('#pay'), signal('rage-click', { count: 3 }, '#pay'), decision('pay-down'), suppressed('autopay-stuck', 'open'), decision('refund-which', true));
    const el = await mount(src);
    const panel = (): CSSStyleDeclaration => getComputedStyle(one(el, '[part~="panel"]'));
    expect(panel().backgroundColor, 'light').to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(panel().backgroundColor, 'dark').to.equal('rgb(30, 32, 36)');
    for (const name of ['live', 'rules', 'score'] as const) {
      await openTab(el, name);
      await expect(el).to.be.accessible();
    }
    el.style.setProperty('--zc-bg', 'rgb(250, 247, 240)');
    el.style.setProperty('--zc-z-index', '42');
    expect(panel().backgroundColor, 'brand').to.equal('rgb(250, 247, 240)');
    expect(getComputedStyle(el).zIndex).to.equal('42');
  });

  it('sits at the bottom start corner, about 400px wide; full width at the bottom on a phone; still under reduced motion', async () => {
    await setViewport({ width: 1000, height: 700 });
    const el = await mount(fakeSource({ score: SCORE }));
    let box = el.getBoundingClientRect();
    expect(box.left).to.equal(16);
    expect(box.bottom).to.equal(700 - 16);
    expect(box.width).to.equal(400);
    expect(one(el, '[part~="panel"]').getBoundingClientRect().height).to.be.at.most(0.7 * 700 + 1);
    await setViewport({ width: 375, height: 700 });
    box = el.getBoundingClientRect();
    expect([box.left, box.right, box.bottom]).to.deep.equal([0, 375, 700]);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(one(el, '.minibar .fill')).transitionDuration).to.equal('0s');
  });
});

describe('mountInspector', () => {
  afterEach(() => document.querySelectorAll('zc-inspector').forEach((e) => e.remove()));

  it('appends one inspector to the body, replaces it on a second mount, and removes it', async () => {
    const a = fakeSource();
    const b = fakeSource();
    const removeA = mountInspector(a, document);
    const first = document.querySelectorAll('zc-inspector');
    expect(first).to.have.length(1);
    expect(first[0]!.parentElement).to.equal(document.body);
    expect(first[0]!.source).to.equal(a);
    await first[0]!.updateComplete;
    expect(a.watchers()).to.equal(1);
    const removeB = mountInspector(b, document);
    const second = document.querySelectorAll('zc-inspector');
    expect(second).to.have.length(1);
    expect(second[0]!.source).to.equal(b);
    expect(a.watchers(), 'the replaced one stops watching').to.equal(0);
    removeA();
    expect(document.querySelectorAll('zc-inspector')).to.have.length(1);
    removeB();
    expect(document.querySelectorAll('zc-inspector')).to.have.length(0);
    expect(b.watchers()).to.equal(0);
    expect(a.closed + b.closed, 'removing is not the user closing it').to.equal(0);
  });
});
