import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { defineComponents } from '../../components/index.js';
import type { ZcHost } from '../../components/host.js';
import { settle } from './settle.js';

defineComponents();

/** Settles nothing: the states these surfaces show while the page works on their request. */
const pendingHost: ZcHost = {
  data: () => Promise.resolve([{ id: 'A1', label: 'Order #1', detail: '12 Nov · $42.00' }]),
  run: () => new Promise(() => undefined),
  packet: (rule) => ({ id: 'p', pack: 'demo@1', rule, page: '/', pages: ['/'], signals: [], locale: 'en', t: 0 }),
};
const record = { id: 'A1', label: 'Order #1' };
const cases: Array<[string, Record<string, unknown>]> = [
  ['zc-card', { heading: 'Card declined?', body: 'Check the **expiry** date. [Help](/help)', actions: [{ label: 'Settings', href: '/settings' }] }],
  ['zc-tip', { body: 'Use the number on the front of the card.' }],
  ['zc-steps', { heading: 'Turn off auto-debit', steps: [{ text: 'Open Settings', page: '/elsewhere' }, { text: 'Switch it off' }] }],
  ['zc-picker', { heading: 'Which order?', source: 'orders' }],
  ['zc-action', { heading: 'Refund', record, action: { host: 'refund', label: 'Request refund' } }],
  ['zc-upload', { heading: 'Add your receipt', upload: { via: 'upload' } }],
  ['zc-handoff', { heading: 'Talk to a person', record, handoff: { channel: 'chat', via: 'chat' } }],
  ['zc-feedback', { heading: 'Was paying easy?', reasons: [{ id: 'r', label: 'Too many steps' }] }],
];

describe('every component, themed', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  for (const [tag, props] of cases) {
    it(`${tag}: dark defaults under prefers-color-scheme: dark, brand tokens win, axe clean in both`, async () => {
      const el = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`<div></div>`).then((host) => {
        const e = Object.assign(document.createElement(tag), props, { host: pendingHost }) as unknown as HTMLElement & { updateComplete: Promise<boolean> };
        host.append(e);
        return e;
      });
      await settle(el);
      const surface = (): CSSStyleDeclaration => getComputedStyle(el.shadowRoot!.querySelector('[part~="surface"]')!);
      expect(surface().backgroundColor, 'light').to.equal('rgb(255, 255, 255)');
      await expect(el).to.be.accessible();
      await emulateMedia({ colorScheme: 'dark' });
      expect(surface().backgroundColor, 'dark').to.equal('rgb(30, 32, 36)');
      await expect(el).to.be.accessible();
      el.style.setProperty('--zc-bg', 'rgb(250, 247, 240)');
      el.style.setProperty('--zc-fg', 'rgb(20, 20, 20)');
      expect(surface().backgroundColor, 'brand').to.equal('rgb(250, 247, 240)');
    });
  }
});
