import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/card/zc-card.js';
import type { ZcCard } from '../../components/card/zc-card.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import type { HelpLevel } from '../../src/pack/types.js';
import { settle } from './settle.js';

/** A card as the SDK mounts it, with the user's level of help; what it reports is kept. */
async function mount(help: HelpLevel | undefined, locale = 'en') {
  const outcomes: OutcomeKind[] = [];
  const chosen: HelpLevel[] = [];
  const el = await fixture<ZcCard>(html`<zc-card heading="Turn off auto-debit" body="Open Settings." locale=${locale} .help=${help}
    @zc-outcome=${(e: CustomEvent<{ outcome: OutcomeKind }>) => outcomes.push(e.detail.outcome)}
    @zc-preferences=${(e: CustomEvent<{ help: HelpLevel }>) => chosen.push(e.detail.help)}></zc-card>`);
  await settle(el);
  return { el, outcomes, chosen };
}
const settingsButton = (el: ZcCard) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="settings"][part~="button"]');
const radios = (el: ZcCard) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('fieldset[part="settings"] input[type="radio"]')];

describe('help settings on every surface (layered service)', () => {
  it('offers the three levels behind a disclosure button, the current one checked, accessibly', async () => {
    const { el } = await mount('stuck');
    const button = settingsButton(el)!;
    expect(button.textContent!.trim()).to.equal('Help settings');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    button.click();
    await settle(el);
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal('Help settings');
    expect(radios(el).map((r) => [r.parentElement!.textContent!.trim(), r.checked])).to.deep.equal([
      ['Help whenever useful', false],
      ["Only when I'm stuck", true],
      ['No help', false],
    ]);
    await expect(el).to.be.accessible();
  });

  it('tells the choice by keyboard and says it is saved; "No help" also closes the help', async () => {
    const { el, outcomes, chosen } = await mount('useful');
    settingsButton(el)!.focus();
    await sendKeys({ press: 'Enter' });
    await settle(el);
    radios(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' }); // radio groups move and choose with the arrows
    await settle(el);
    expect(chosen).to.deep.equal(['stuck']);
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.equal('Saved.');
    expect(outcomes).to.deep.equal(['shown']);
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(chosen).to.deep.equal(['stuck', 'off']);
    expect(outcomes).to.deep.equal(['shown', 'dismissed']);
  });

  it('speaks Chinese, and offers nothing where the SDK gave no level (a component used by hand)', async () => {
    const { el } = await mount('useful', 'zh-CN');
    settingsButton(el)!.click();
    await settle(el);
    expect(radios(el).map((r) => r.parentElement!.textContent!.trim())).to.deep.equal(['有用时就提示', '仅在我遇到困难时', '不需要帮助']);
    const { el: plain } = await mount(undefined);
    expect(settingsButton(plain)).to.equal(null);
  });
});
