import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import * as chunk from '../../components/index.js';
import { createGuard } from '../../src/core/guard.js';
import type { Decision } from '../../src/engine/decide.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import { createMounter } from '../../src/mount/mount.js';
import { packWith } from '../engine/recorded.js';

const pack = packWith([{ id: 'r' }]);
const decision = (fp: string): Decision => ({
  type: 'decision',
  t: 0,
  rule: 'r',
  pack: 'test@1',
  page: '/',
  solution: pack.rules[0]!.solution,
  signal: { type: 'signal', signal: 'rage-click', t: 0, page: '/', target: { fp, tag: 'button', hits: [] }, evidence: { count: 3, first: 0, last: 0 } },
  target: { fp, tag: 'button', hits: [] },
  heldOut: false,
});

function mounter() {
  const outcomes: Array<[string, OutcomeKind]> = [];
  const errors: string[] = [];
  const m = createMounter({
    doc: document,
    load: () => Promise.resolve(chunk),
    locale: 'en',
    pack,
    guard: createGuard((e) => errors.push(String(e))),
    host: { providers: new Map(), actions: new Map() },
    packet: (rule) => ({ id: 'p', pack: 'test@1', rule, page: '/', pages: [], signals: [], locale: 'en', t: 0 }),
    onOutcome: (rule, o) => outcomes.push([rule, o]),
    onMountError: (rule, why) => errors.push(`${rule}: ${why}`),
  });
  return { m, outcomes, errors };
}

const card = () => document.querySelector('zc-card');

describe('mount stage', () => {
  afterEach(() => card()?.remove());

  it('follows an anchor the page re-rendered (same selector) and stays visible next to it', async () => {
    const root = await fixture(html`<div id="page" style="padding:40px"><button id="pay">Pay</button></div>`);
    const { m, outcomes, errors } = mounter();
    m.mount(decision('div#page > button#pay'));
    await waitUntil(() => card()?.style.top, 'anchored');
    const old = root.querySelector('#pay')!;
    const fresh = old.cloneNode(true) as HTMLElement;
    fresh.style.marginTop = '120px';
    old.replaceWith(fresh);
    await waitUntil(() => card()!.getBoundingClientRect().top > fresh.getBoundingClientRect().bottom - 1, 'moved with the new element');
    expect(card()!.style.visibility).to.not.equal('hidden');
    expect(outcomes.filter(([, o]) => o === 'closed')).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    m.closeAll();
  });

  it('closes the help and reports it when its anchor is gone for good, so other help is not held back', async () => {
    const root = await fixture(html`<div id="page2"><button id="pay">Pay</button></div>`);
    const { m, outcomes } = mounter();
    m.mount(decision('div#page2 > button#pay'));
    await waitUntil(() => card(), 'mounted');
    root.querySelector('#pay')!.remove();
    await waitUntil(() => !card(), 'taken down');
    expect(outcomes.map(([, o]) => o)).to.include('closed');
  });

  it('reports a placement that is not on the page instead of guessing', async () => {
    const { m, errors } = mounter();
    m.mount(decision('div#nowhere > button'));
    await waitUntil(() => errors.length > 0);
    expect(errors[0]).to.match(/^r: placement not found on this page/);
    expect(card()).to.equal(null);
  });
  it('anchors next to an element inside an open shadow root', async () => {
    const root = await fixture(html`<div id="page3" style="padding:40px"><div id="widget"></div></div>`);
    const shadow = root.querySelector('#widget')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button>Save</button>';
    const { m, errors } = mounter();
    m.mount(decision('div#widget >>> button'));
    await waitUntil(() => card()?.style.top, 'anchored');
    await waitUntil(() => card()!.getBoundingClientRect().top >= shadow.querySelector('button')!.getBoundingClientRect().bottom, 'below the button');
    expect(errors).to.deep.equal([]);
    m.closeAll();
  });
});

describe('mount stage: solution actions', () => {
  afterEach(() => card()?.remove());

  it('gives the card its links with labels from the pack strings', async () => {
    await fixture(html`<div id="page4"><button id="pay">Pay</button></div>`);
    const { m, errors } = mounter();
    const d = decision('div#page4 > button#pay');
    m.mount({ ...d, solution: { ...d.solution, actions: [{ label: 't', href: '/help/pay' }] } });
    await waitUntil(() => card(), 'mounted');
    expect((card() as unknown as { actions: unknown }).actions).to.deep.equal([{ label: 'Title', href: '/help/pay' }]);
    expect(errors).to.deep.equal([]);
    m.closeAll();
  });
});
