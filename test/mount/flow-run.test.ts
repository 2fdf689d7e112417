import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createZeroCall } from '../../src/zero-call.js';
import type { OutcomeEvent } from '../../src/engine/types.js';
import { walkFlow, type FlowAnswer } from '../../src/pack/flow.js';
import type { FlowSolution, RulePack } from '../../src/pack/types.js';
import { openStore } from '../../src/store/store.js';
import { SURFACE_ATTR } from '../../src/core/dom-marks.js';
import { resetStore } from '../support/store.js';

/**
 * Flows through the real runtime, mount stage and components, answered by clicking as a user
 * would. The walks must be exactly those of flows.cases.json, which `zerocall simulate
 * --answers` must also give in Node (test/node/cli-flows.test.mjs): one flow, the same results.
 */
const fixture$ = async <T>(name: string): Promise<T> => (await fetch(new URL(`../fixtures/${name}`, import.meta.url))).json() as Promise<T>;
const PACK = await fixture$<RulePack>('flows.pack.json');
const RULE = 'order-flow';
const flow = (PACK.rules[0]!.solution as FlowSolution).flow;
type Case = { name: string; answers: FlowAnswer[]; steps: string[]; moves: Array<[string, string, string]>; ended: string };
const CASES = (await fixture$<{ cases: Case[] }>('flows.cases.json')).cases;
const RECORDS = CASES.flatMap((c) => c.answers.flatMap((a) => (a.record ? [a.record] : [])));

const surface = (): HTMLElement | null => document.querySelector(`[${SURFACE_ATTR}="${RULE}"]`);
const inShadow = <T extends HTMLElement>(selector: string): T | undefined => surface()?.shadowRoot?.querySelector<T>(selector) ?? undefined;
const button = (label: string): HTMLButtonElement | undefined =>
  [...(surface()?.shadowRoot?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => b.textContent?.trim() === label);
const kept = async (): Promise<Record<string, { step: string; record?: { id: string } }>> =>
  ((await openStore(window).getFlows(PACK.id)) as Record<string, { step: string }> | undefined) ?? {};

describe('flows in the page (runtime → mount stage → components)', () => {
  let api = createZeroCall(() => import('../../components/index.js'), 'throw');
  let outcomes: OutcomeEvent[] = [];
  /** What the next host action does: the remedies succeed or fail as the script says. */
  let actionFails = false;
  const actions: Array<{ name: string; record?: string }> = [];

  /** The mount stage's latest load of the components: what it shows next waits on this. */
  let loading: Promise<unknown> = Promise.resolve();
  const start = async (): Promise<void> => {
    api = createZeroCall(() => (loading = import('../../components/index.js')), 'throw') as typeof api;
    outcomes = [];
    api.on('outcome', (o) => outcomes.push(o));
    api.provide('orders', () => RECORDS);
    const remedy = (name: string) => async (input: { record?: { id: string } }) => {
      actions.push({ name, ...(input.record && { record: input.record.id }) });
      if (actionFails) throw new Error('the bank did not answer');
      return {};
    };
    api.action('stopDebit', remedy('stopDebit'));
    api.action('recheck', remedy('recheck'));
    api.action('contact', remedy('contact'));
    expect(await api.init({ pack: PACK })).to.equal(true);
  };

  /** Answers the step on screen as a user would, and waits until its surface reported it. */
  async function answer(a: FlowAnswer): Promise<void> {
    const before = outcomes.length;
    if (a.outcome === 'picked') {
      await waitUntil(() => inShadow('[role="option"]'), 'the records are listed', { timeout: 5000 });
      [...surface()!.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((o) => o.textContent?.includes(a.record!.label!))!.click();
    } else if (a.outcome === 'action-succeeded' || a.outcome === 'action-failed' || a.outcome === 'escalated') {
      actionFails = a.outcome === 'action-failed';
      await waitUntil(() => inShadow('[part~="primary"]'), 'the button is there', { timeout: 5000 });
      inShadow<HTMLButtonElement>('[part~="primary"]')!.click();
    } else if (a.outcome === 'helpful' || a.outcome === 'unhelpful') {
      const label = a.outcome === 'helpful' ? 'Yes' : 'No';
      await waitUntil(() => button(label), `"${label}" is offered`, { timeout: 5000 });
      button(label)!.click();
    } else if (a.outcome === 'dismissed') {
      await waitUntil(() => inShadow('[part~="dismiss"]'), 'it can be closed', { timeout: 5000 });
      inShadow<HTMLButtonElement>('[part~="dismiss"]')!.click();
    }
    await waitUntil(() => outcomes.slice(before).some((o) => o.outcome === a.outcome), `${a.outcome} reported`, { timeout: 5000 });
  }

  /** The walk as the page reported it: steps shown, moves (with the outcome that made each), how it ended. */
  async function observedWalk(): Promise<Omit<Case, 'name' | 'answers'>> {
    const moves = outcomes.flatMap((o, i) => (o.outcome === 'transition' ? [[o.flowStep!, outcomes[i - 1]!.outcome, o.to!] as [string, string, string]] : []));
    const steps = [flow.start, ...moves.map((m) => m[2]).filter((s) => s !== 'end')];
    // The position was saved in the last move's outcome handler; IndexedDB orders this read after that write.
    const position = (await kept())[RULE];
    const last = outcomes.at(-1)?.outcome;
    const ended = moves.at(-1)?.[2] === 'end' ? 'end' : last === 'dismissed' ? 'dismissed' : position ? 'waiting' : 'finished';
    if (ended === 'waiting') expect(position!.step, 'the kept position is the step on screen').to.equal(steps.at(-1));
    return { steps, moves, ended };
  }

  beforeEach(async () => {
    await resetStore();
    actionFails = false;
    actions.length = 0;
  });
  afterEach(async () => {
    await api.shutdown();
    // The tab's navigation history would leak into the next test file's page (wtr reuses it).
    sessionStorage.removeItem('zc:nav');
    history.replaceState(null, '', '/');
  });

  for (const c of CASES) {
    it(`walks "${c.name}" exactly as the pure walk and the fixture say`, async () => {
      await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
      await start();
      api.track('need-help');
      for (const a of c.answers) await answer(a);
      const expected = { steps: c.steps, moves: c.moves, ended: c.ended };
      const pure = walkFlow(flow, c.answers);
      expect({ steps: pure.steps, moves: pure.moves.map((m) => [m.from, m.outcome, m.to]), ended: pure.ended }).to.deep.equal(expected);
      expect(await observedWalk()).to.deep.equal(expected);
      // Every outcome of the flow names its step; the record picked on the way rides along.
      for (const o of outcomes.filter((x) => x.outcome !== 'closed')) expect(o.flowStep, `${o.outcome} names its step`).to.be.a('string');
      const picked = c.answers.find((a) => a.outcome === 'picked')?.record?.id;
      if (picked) expect(actions.every((x) => x.record === picked), 'every remedy ran on the picked order').to.equal(true);
      if (c.ended === 'end' || c.ended === 'dismissed') expect(surface(), 'its surface is gone').to.equal(null);
    });
  }

  it('resumes a flow under way after a reload, at its step, with the picked record, and keeps it in IndexedDB', async () => {
    await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
    await start();
    api.track('need-help');
    await answer({ outcome: 'picked', record: { id: 'ORD-2', label: 'Northwind' } });
    await waitUntil(async () => (await kept())[RULE]?.step === 'recheck', 'the position is kept', { timeout: 5000 });
    expect((await kept())[RULE]!.record?.id).to.equal('ORD-2');
    expect((await kept())[RULE]!.record, 'what the steps show and branch on, never the detail line').to.deep.equal({ id: 'ORD-2', label: 'Northwind', data: { status: 'pending' } });
    // The page goes away (an unload leaves the store as it is) and loads again; this test stands
    // in for the unload with a shutdown, which forgets flows, and puts back what the store held.
    const stored = await openStore(window).getFlows(PACK.id);
    await api.shutdown();
    expect(surface()).to.equal(null);
    expect(await kept(), 'a shutdown (often a logout) forgets flows under way').to.deep.equal({});
    await openStore(window).putFlow(PACK.id, RULE, (stored as Record<string, never>)[RULE]);
    await start();
    await waitUntil(() => surface()?.localName === 'zc-action', 'the remedy is back without new friction', { timeout: 5000 });
    expect(surface()!.closest('zc-outlet'), 'in its place').to.not.equal(null);
    expect(outcomes.map((o) => [o.outcome, o.flowStep])).to.deep.equal([['shown', 'recheck']]);
    // The same friction again while the resumed flow shows: its place is taken, so nothing more shows.
    const held = new Promise<string>((resolve) => api.on('suppressed', (s) => resolve(`${s.rule}: ${s.reason}`)));
    api.track('need-help');
    expect(await held).to.equal(`${RULE}: open`);
    await loading;
    expect(document.querySelectorAll(`[${SURFACE_ATTR}="${RULE}"]`)).to.have.length(1);
    expect(surface()!.localName).to.equal('zc-action');
    await answer({ outcome: 'action-succeeded' });
    expect(actions).to.deep.equal([{ name: 'recheck', record: 'ORD-2' }]);
    // Finished: nothing left to resume.
    await waitUntil(async () => (await kept())[RULE] === undefined, 'the finished flow is forgotten', { timeout: 5000 });
  });

  it('does not resume a flow kept longer than its "keep", nor one whose step the pack no longer has', async () => {
    await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
    const store = openStore(window);
    await store.putFlow(PACK.id, RULE, { step: 'recheck', record: { id: 'ORD-2', label: 'Northwind' }, t: Date.now() - 11 * 60_000 });
    await start();
    await waitUntil(async () => (await kept())[RULE] === undefined, 'the expired position is dropped', { timeout: 5000 });
    await store.putFlow(PACK.id, RULE, { step: 'gone', t: Date.now() });
    await api.shutdown();
    await start();
    await waitUntil(async () => (await kept())[RULE] === undefined, 'the unknown step is dropped', { timeout: 5000 });
    expect(surface()).to.equal(null);
    expect(outcomes).to.deep.equal([]);
  });

  it('follows the user to another page of a single-page app once under way, docked when its place is not there', async () => {
    const page = await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
    await start();
    api.track('need-help');
    await answer({ outcome: 'picked', record: { id: 'ORD-2', label: 'Northwind' } });
    await waitUntil(() => surface()?.localName === 'zc-action', 'the remedy step', { timeout: 5000 });
    const el = surface();
    // The app routes to another page, and its router renders the new page a task later, without the outlet.
    history.pushState(null, '', '/settings');
    await new Promise((r) => setTimeout(r));
    page.querySelector('zc-outlet')!.remove();
    await waitUntil(() => surface()?.getAttribute('dock') === 'end', 'docked on the new page', { timeout: 5000 });
    expect(surface(), 'the same surface, its state intact').to.equal(el);
    expect(surface()!.closest('zc-outlet'), 'out of the way of the router').to.equal(null);
    expect(outcomes.some((o) => o.outcome === 'closed'), 'never closed').to.equal(false);
    expect(outcomes.filter((o) => o.outcome === 'shown')).to.have.length(2);
  });

  it('moves nothing when an outcome listener shuts the SDK down, follows one that navigates, and forgets flows when consent is withdrawn', async () => {
    const page = await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
    await start();
    // The app signs the user out as soon as a record is picked (listeners hear outcomes at once).
    api.on('outcome', (o) => void (o.outcome === 'picked' && api.shutdown()));
    api.track('need-help');
    await answer({ outcome: 'picked', record: { id: 'ORD-2', label: 'Northwind' } });
    expect(outcomes.map((o) => o.outcome)).to.deep.equal(['shown', 'picked', 'closed']);
    expect(surface()).to.equal(null);
    expect(await kept(), 'no ghost flow for the next load').to.deep.equal({});
    // The app opens the picked order's page as soon as a record is picked: the flow goes along.
    await start();
    api.on('outcome', (o) => o.outcome === 'picked' && history.pushState(null, '', '/orders/ORD-2'));
    api.track('need-help');
    await answer({ outcome: 'picked', record: { id: 'ORD-2', label: 'Northwind' } });
    await waitUntil(() => surface()?.getAttribute('dock') === 'end', 'the remedy came along', { timeout: 5000 });
    expect(surface()!.localName).to.equal('zc-action');
    expect(page.querySelector('zc-outlet')!.children).to.have.length(0);
    await api.shutdown();
    // Under way, then the user withdraws consent: nothing is kept for a later visit.
    history.replaceState(null, '', '/');
    await start();
    api.track('need-help');
    await answer({ outcome: 'picked', record: { id: 'ORD-2', label: 'Northwind' } });
    await waitUntil(async () => (await kept())[RULE]?.step === 'recheck', 'kept', { timeout: 5000 });
    api.consent(false);
    await waitUntil(async () => (await kept())[RULE] === undefined, 'forgotten', { timeout: 5000 });
  });

  it('closes at a route change while still at its first step, like any help about the page it was on', async () => {
    await fixture(html`<main><zc-outlet name="order-help"></zc-outlet></main>`);
    await start();
    api.track('need-help');
    await waitUntil(() => inShadow('[role="option"]'), 'the picker', { timeout: 5000 });
    history.pushState(null, '', '/settings');
    await waitUntil(() => outcomes.some((o) => o.outcome === 'closed'), 'closed', { timeout: 5000 });
    expect(surface()).to.equal(null);
    expect(await kept()).to.deep.equal({});
  });
});
