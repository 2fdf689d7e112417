import { expect } from '@open-wc/testing';

describe('defineComponents when a tag is already taken', () => {
  it('leaves the existing definition alone and still defines the rest', async () => {
    // Another copy of the SDK (or the host) got there first; define() would throw.
    class OtherOutlet extends HTMLElement {}
    customElements.define('zc-outlet', OtherOutlet);
    const { defineComponents } = await import('../../components/index.js');
    expect(() => defineComponents()).not.to.throw();
    expect(customElements.get('zc-outlet') === OtherOutlet).to.equal(true);
    expect(customElements.get('zc-card')).to.be.a('function');
  });
});
