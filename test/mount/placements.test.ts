import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import * as chunk from '../../components/index.js';
import { createGuard } from '../../src/core/guard.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import { createMounter, type Mountable, type OutcomeExtra } from '../../src/mount/mount.js';
import type { HostRegistry } from '../../src/mount/host-bridge.js';
import type { Placement, Solution } from '../../src/pack/types.js';
import { packWith } from '../engine/recorded.js';

const pack = packWith([{ id: 'r' }], { strings: { en: { t: 'Title', b: 'Body', 'zc.dismiss': 'Close help' }, 'zh-CN': { t: '标题', b: '正文' } } });
const solution = (placement: Placement, extra: Partial<Solution> = {}): Solution => ({ component: 'zc-card', placement, content: { title: 't', body: 'b' }, ...extra });
const decision = (s: Solution): Mountable => ({ rule: 'r', solution: s, target: undefined });

function mounter(host: HostRegistry = { providers: new Map(), actions: new Map() }, locale: 'en' | 'zh-CN' = 'en') {
  const outcomes: Array<[OutcomeKind, OutcomeExtra]> = [];
  const errors: string[] = [];
  const m = createMounter({
    doc: document,
    load: () => Promise.resolve(chunk),
    locale,
    pack,
    guard: createGuard((e) => errors.push(String(e))),
    host,
    packet: (rule) => ({ id: 'p', pack: 'test@1', rule, page: '/', pages: [], signals: [], locale, t: 0 }),
    onOutcome: (_rule, o, extra) => outcomes.push([o, extra]),
    onMountError: (rule, why) => errors.push(`${rule}: ${why}`),
  });
  return { m, outcomes, errors };
}
const surface = (tag = 'zc-card') => document.querySelector<HTMLElement>(tag);

describe('mount stage: placements', () => {
  afterEach(async () => {
    document.querySelectorAll('[data-zc-surface]').forEach((el) => el.remove());
    await setViewport({ width: 800, height: 600 });
  });

  it('inserts the surface into the page right after the element ("after"), in the flow', async () => {
    const page = await fixture(html`<div><label for="iban">IBAN</label><input id="iban" /><p id="next">Next field</p></div>`);
    const { m, errors } = mounter();
    m.mount(decision(solution({ after: '#iban' })));
    await waitUntil(() => surface(), 'mounted');
    expect(page.querySelector('#iban')!.nextElementSibling).to.equal(surface());
    expect(surface()!.style.position).to.equal('');
    expect(errors).to.deep.equal([]);
    m.closeAll();
  });

  it('goes back after its element when a re-render sweeps it away, and closes when the element is gone for good', async () => {
    const page = await fixture(html`<div><input id="iban2" aria-label="IBAN" /></div>`);
    const { m, outcomes } = mounter();
    m.mount(decision(solution({ after: '#iban2' })));
    await waitUntil(() => surface(), 'mounted');
    // A framework re-renders the field: a new element with the same id replaces the old one and ours.
    page.replaceChildren(Object.assign(document.createElement('input'), { id: 'iban2' }));
    await waitUntil(() => surface()?.isConnected && page.querySelector('#iban2')!.nextElementSibling === surface(), 'back after the new field');
    page.replaceChildren();
    await waitUntil(() => !surface(), 'closed');
    expect(outcomes.map(([o]) => o)).to.include('closed');
  });

  it('docks to a bottom corner, above the page, and becomes a bottom sheet on a phone', async () => {
    await fixture(html`<div style="position:fixed;inset:0;z-index:99999;background:#eee">host overlay</div>`);
    const { m } = mounter();
    m.mount(decision(solution({ dock: 'end' })));
    await waitUntil(() => surface(), 'mounted');
    const el = surface()!;
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.getAttribute('dock')).to.equal('end');
    let r = el.getBoundingClientRect();
    expect(Math.round(innerWidth - r.right)).to.equal(16);
    expect(Math.round(innerHeight - r.bottom)).to.equal(16);
    expect(document.elementFromPoint(r.left + r.width / 2, r.top + 10)).to.equal(el);
    await setViewport({ width: 375, height: 667 });
    r = el.getBoundingClientRect();
    expect(Math.round(r.left)).to.equal(8);
    expect(Math.round(r.right)).to.equal(375 - 8);
    m.closeAll();
  });

  it('tries outlet, anchor, after, then dock, and takes the first on the page', async () => {
    await fixture(html`<div><button id="pay">Pay</button><zc-outlet name="help"></zc-outlet></div>`);
    const cases: Array<[Placement, (el: HTMLElement) => boolean]> = [
      [{ outlet: 'help', anchor: '#pay', dock: 'end' }, (el) => el.parentElement?.localName === 'zc-outlet'],
      [{ outlet: 'nowhere', anchor: '#pay', dock: 'end' }, (el) => el.style.position === 'fixed' && !el.hasAttribute('dock')],
      [{ anchor: '#missing', after: '#pay', dock: 'end' }, (el) => el.previousElementSibling?.id === 'pay'],
      [{ outlet: 'nowhere', anchor: '#missing', dock: 'start' }, (el) => el.getAttribute('dock') === 'start'],
    ];
    for (const [placement, isThere] of cases) {
      const { m, errors } = mounter();
      m.mount(decision(solution(placement)));
      await waitUntil(() => surface(), JSON.stringify(placement));
      expect(isThere(surface()!), JSON.stringify(placement)).to.equal(true);
      expect(errors).to.deep.equal([]);
      m.closeAll();
    }
  });

  it('gives the component its text in the UI locale and the pack overrides of its chrome', async () => {
    await fixture(html`<zc-outlet name="help2"></zc-outlet>`);
    const { m } = mounter(undefined, 'zh-CN');
    m.mount(decision(solution({ outlet: 'help2' }, { reasons: ['t'] })));
    await waitUntil(() => surface(), 'mounted');
    const el = surface() as HTMLElementTagNameMap['zc-card'];
    expect([el.heading, el.body, el.locale]).to.deep.equal(['标题', '正文', 'zh-CN']);
    // zh-CN has no translation of the override: the pack's own locale supplies it.
    expect(el.ui).to.deep.equal({ dismiss: 'Close help' });
    expect(el.reasons).to.deep.equal([{ id: 't', label: '标题' }]);
    m.closeAll();
  });
});

describe('mount stage: host names', () => {
  afterEach(() => document.querySelectorAll('[data-zc-surface]').forEach((el) => el.remove()));

  it('refuses a solution that names a provider or action the page never registered, saying how to register it', async () => {
    const { m, errors } = mounter({ providers: new Map(), actions: new Map([['refund', () => undefined]]) });
    m.mount(
      decision({
        component: 'zc-picker',
        placement: { dock: 'end' },
        content: { title: 't' },
        source: 'orders',
        next: { component: 'zc-handoff', content: { title: 't' }, handoff: { channel: 'chat', via: 'openChat' } },
      }),
    );
    await waitUntil(() => errors.length > 0);
    expect(errors).to.deep.equal(["r: the page has not registered ZeroCall.provide('orders', fn) and ZeroCall.action('openChat', fn), which the solution needs"]);
    expect(document.querySelector('zc-picker')).to.equal(null);
  });
});
