import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/outlet/zc-outlet.js';
import type { ZcOutlet } from '../../components/outlet/zc-outlet.js';

const slotOf = (el: ZcOutlet): HTMLSlotElement => {
  const slot = el.shadowRoot?.querySelector('slot');
  if (!slot) throw new Error('no slot');
  return slot;
};

describe('zc-outlet', () => {
  it('takes no space while empty, even between flex siblings with a gap', async () => {
    const layout = await fixture<HTMLDivElement>(html`
      <div style="display:flex; flex-direction:column; gap:10px">
        <p id="a" style="margin:0; height:20px">A</p>
        <zc-outlet name="checkout" style="margin:12px"> </zc-outlet>
        <p id="b" style="margin:0; height:20px">B</p>
      </div>
    `);
    const el = layout.querySelector('zc-outlet') as ZcOutlet;
    await el.updateComplete;
    expect(el.empty).to.equal(true);
    expect(getComputedStyle(el).display).to.equal('none');
    const a = layout.querySelector('#a')?.getBoundingClientRect();
    const b = layout.querySelector('#b')?.getBoundingClientRect();
    expect((b?.top ?? 0) - (a?.bottom ?? 0)).to.equal(10);
    await expect(el).to.be.accessible();
  });

  it('shows slotted content as a block and reflects its name', async () => {
    const el = await fixture<ZcOutlet>(html`<zc-outlet name="checkout"><p>Help is here</p></zc-outlet>`);
    await el.updateComplete;
    expect(el.empty).to.equal(false);
    expect(getComputedStyle(el).display).to.equal('block');
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(slotOf(el).assignedElements()[0]?.textContent).to.equal('Help is here');
    el.name = 'profile';
    await el.updateComplete;
    expect(el.getAttribute('name')).to.equal('profile');
    await expect(el).to.be.accessible();
  });

  it('appears when help is mounted into it and collapses when it is removed', async () => {
    const el = await fixture<ZcOutlet>(html`<zc-outlet name="settings"></zc-outlet>`);
    await el.updateComplete;
    expect(el.getBoundingClientRect().height).to.equal(0);

    const help = document.createElement('p');
    help.textContent = 'Auto-debit is under Payments.';
    let changed = oneEvent(slotOf(el), 'slotchange');
    el.append(help);
    await changed;
    expect(el.empty).to.equal(false);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);

    changed = oneEvent(slotOf(el), 'slotchange');
    help.remove();
    await changed;
    expect(el.empty).to.equal(true);
    expect(el.getBoundingClientRect().height).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('counts non-blank text as content', async () => {
    const el = await fixture<ZcOutlet>(html`<zc-outlet name="tips">Plain text tip</zc-outlet>`);
    await el.updateComplete;
    expect(el.empty).to.equal(false);
    expect(el.getBoundingClientRect().height).to.be.greaterThan(0);
    await expect(el).to.be.accessible();
  });
});
