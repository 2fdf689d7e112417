import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import * as chunk from '../../components/index.js';
import { settle } from './settle.js';

describe('components chunk (index.ts)', () => {
  it('exports exactly defineComponents and anchorTo, and defines nothing on import', () => {
    expect(Object.keys(chunk).sort()).to.deep.equal(['anchorTo', 'defineComponents']);
    expect(typeof customElements.get('zc-card')).to.equal('undefined');
    expect(typeof customElements.get('zc-outlet')).to.equal('undefined');
  });

  it('defineComponents registers zc-card and zc-outlet and is idempotent', () => {
    chunk.defineComponents();
    const card = customElements.get('zc-card');
    const outlet = customElements.get('zc-outlet');
    expect(card).to.be.a('function');
    expect(outlet).to.be.a('function');
    expect(() => chunk.defineComponents()).not.to.throw();
    expect(customElements.get('zc-card') === card).to.equal(true);
    expect(customElements.get('zc-outlet') === outlet).to.equal(true);
  });

  it('supports the core flow: create, fill, mount into an outlet, remove on dismissed', async () => {
    chunk.defineComponents();
    const outlet = await fixture<HTMLElementTagNameMap['zc-outlet']>(html`<zc-outlet name="autopay"></zc-outlet>`);
    const seen: string[] = [];
    const onOutcome = (e: CustomEvent<{ outcome: string; rule: string }>): void => {
      seen.push(`${e.detail.rule}:${e.detail.outcome}`);
      if (e.detail.outcome === 'dismissed' && e.target instanceof Element) e.target.remove();
    };
    document.addEventListener('zc-outcome', onOutcome);
    try {
      const el = document.createElement('zc-card');
      el.heading = 'Turn off auto-debit';
      el.body = 'Settings › Payments › Auto-debit.';
      el.locale = 'zh-CN';
      el.rule = 'autopay-stuck';
      const shown = oneEvent(el, 'zc-outcome');
      outlet.append(el);
      await shown;
      await settle(el);
      expect(outlet.getBoundingClientRect().height).to.be.greaterThan(0);
      await expect(outlet).to.be.accessible();
      el.dismiss();
      expect(el.isConnected).to.equal(false);
    } finally {
      document.removeEventListener('zc-outcome', onOutcome);
    }
    expect(seen).to.deep.equal(['autopay-stuck:shown', 'autopay-stuck:dismissed']);
  });
});
