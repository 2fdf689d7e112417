import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../components/card/zc-card.js';
import type { ZcCard } from '../../components/card/zc-card.js';
import { settle } from './settle.js';

const surfaceStyle = (el: ZcCard): CSSStyleDeclaration => {
  const surface = el.shadowRoot?.querySelector('[part="surface"]');
  if (!surface) throw new Error('no surface');
  return getComputedStyle(surface);
};

const mountCard = async (): Promise<ZcCard> => {
  const el = await fixture<ZcCard>(html`<zc-card heading="Why was my card declined?" body="Check the expiry date."></zc-card>`);
  await settle(el);
  return el;
};

describe('zc-card theming', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('follows --zc-* custom properties set by the host page', async () => {
    const el = await mountCard();
    expect(surfaceStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    el.style.setProperty('--zc-bg', 'rgb(255, 250, 240)');
    el.style.setProperty('--zc-radius', '3px');
    expect(surfaceStyle(el).backgroundColor).to.equal('rgb(255, 250, 240)');
    expect(surfaceStyle(el).borderTopLeftRadius).to.equal('3px');
    await expect(el).to.be.accessible();
  });

  it('defaults to dark colours under prefers-color-scheme: dark, still overridable', async () => {
    const el = await mountCard();
    await emulateMedia({ colorScheme: 'dark' });
    expect(surfaceStyle(el).backgroundColor).to.equal('rgb(30, 32, 36)');
    el.style.setProperty('--zc-bg', 'rgb(1, 2, 3)');
    expect(surfaceStyle(el).backgroundColor).to.equal('rgb(1, 2, 3)');
    await expect(el).to.be.accessible();
  });

  it('drops its entrance animation under prefers-reduced-motion', async () => {
    const el = await mountCard();
    expect(surfaceStyle(el).animationName).to.equal('zc-in');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(surfaceStyle(el).animationName).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('shows a focus ring on keyboard focus, reachable with Tab', async () => {
    const el = await mountCard();
    const dismiss = el.shadowRoot?.querySelector('[part="dismiss"]');
    if (!dismiss) throw new Error('no dismiss button');
    expect(getComputedStyle(dismiss).outlineStyle).to.equal('none');
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Amount');
    el.before(input);
    input.focus();
    await sendKeys({ press: 'Tab' });
    input.remove();
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('dismiss');
    expect(getComputedStyle(dismiss).outlineStyle).to.equal('solid');
    await expect(el).to.be.accessible();
  });

  it('fits a narrow phone screen with 8px to spare on each side', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await mountCard();
    el.body = 'A very long explanation '.repeat(20);
    await el.updateComplete;
    expect(el.getBoundingClientRect().width).to.be.at.most(320 - 16);
    await setViewport({ width: 800, height: 600 });
    expect(el.getBoundingClientRect().width).to.equal(360);
    await expect(el).to.be.accessible();
  });
});
