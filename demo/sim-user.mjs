// A simulated user of the Acme Pay demo (demo/generate.mjs): their dice, their clock, what
// they can do on a page, and how they take the help they are offered.

/** Components a user can be offered. */
const SURFACES = 'zc-card, zc-tip, zc-steps, zc-picker, zc-action, zc-upload, zc-handoff, zc-feedback';
/** The receipt a refund asks for: a tiny PNG. */
export const RECEIPT = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A user's whole visit: the page, their dice, their clock. */
export class User {
  constructor(page, base, random, help) {
    Object.assign(this, { page, base, random, help });
    this.onsetAt = undefined;
    this.loaded = false;
    /** What earlier page loads of the visit recorded and sent. */
    this.parts = [];
  }
  chance(p) {
    return this.random() < p;
  }
  pick(list) {
    return list[Math.floor(this.random() * list.length)];
  }
  between(lo, hi) {
    return Math.round(lo + this.random() * (hi - lo));
  }
  /** The user reads or thinks for lo–hi ms of the page's clock; the SDK's timers run meanwhile. */
  pause(lo, hi = lo) {
    return this.page.clock.runFor(this.between(lo, hi));
  }
  async now() {
    return this.page.evaluate(() => Date.now());
  }
  /** Marks the start of the struggle (the first call counts). */
  async onset() {
    this.onsetAt ??= await this.now();
  }
  /**
   * Loads a page. A visit that loads a second page keeps what the first recorded and sent (the
   * SDK's session id spans page loads in a tab; a page's recording and collector panel do not).
   */
  async open(path) {
    if (this.loaded) this.parts.push(await leave(this.page, this.help));
    this.loaded = true;
    await this.page.goto(`${this.base}${path}`);
    await this.page.locator('.sdk-status[data-zc-status="ready"]').waitFor({ timeout: 15_000 });
    await this.page.waitForFunction(() => document.documentElement.dataset.mocks === 'on', null, { timeout: 15_000 });
  }
  async click(selector) {
    await this.page.locator(selector).first().click({ timeout: 10_000 });
  }
  /** Quick clicks on one spot, `gap` ms apart on the page's clock: a burst of impatience. */
  async burst(selector, n, gap = 120) {
    const box = await this.page.locator(selector).first().boundingBox();
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    for (let i = 0; i < n; i++) {
      await this.page.mouse.click(x, y);
      await this.page.clock.runFor(gap);
    }
  }
  async fill(selector, value) {
    await this.page.locator(selector).fill(value, { timeout: 10_000 });
  }
  async visible(selector) {
    await this.page.locator(selector).first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  /** The help on screen within `ms` of real time (the SDK decides within a second or so), or undefined. */
  async offered(ms = 2500) {
    if (!this.help) return undefined;
    const surface = this.page.locator(SURFACES).filter({ visible: true }).first();
    try {
      await surface.waitFor({ state: 'visible', timeout: ms });
    } catch {
      return undefined;
    }
    return { tag: await surface.evaluate((el) => el.localName), el: surface };
  }
  /** Closes the help: "dismiss" for this session, or now and then "don't show again". */
  async dismiss(help) {
    const never = help.el.locator('[part~="dont-show"]');
    if (this.chance(0.25) && (await never.count())) await never.click();
    else await help.el.locator('[part~="dismiss"]').first().click({ timeout: 5000 });
  }
  /** Gives up on the task: most such users reach for the phone. */
  async giveUp() {
    await this.pause(2000, 6000);
    if (this.chance(0.7)) await this.click('#call-us');
    await this.pause(3000, 8000);
  }
  /** Answers a "did this help?" if one comes: yes, four times in five. */
  async feedback() {
    const asked = await this.offered(1500);
    if (asked?.tag !== 'zc-feedback') return;
    await this.pause(1000, 3000);
    await asked.el.locator('button', { hasText: this.chance(0.8) ? 'Yes' : 'No' }).first().click();
  }
}

/** Pays a bill: the form with `fields`, then the payment. */
export async function openPay(u, fields) {
  await u.open('/demo/pay');
  await u.page.locator('#pay-payee:enabled').waitFor({ timeout: 10_000 });
  for (const [field, value] of Object.entries(fields)) {
    await u.pause(800, 2500);
    await u.fill(`#pay-${field}`, value);
  }
}

/** Submits the payment form; resolves true when it went through, false when a field was refused. */
export async function submitPay(u) {
  await u.page.locator('#pay-error').evaluate((el) => (el.textContent = ''));
  await u.click('#pay-submit');
  const done = u.page.locator('h1', { hasText: 'Payment sent' });
  const refused = u.page.locator('[aria-invalid="true"], #pay-error:not(:empty)');
  await Promise.race([done.waitFor({ timeout: 10_000 }), refused.first().waitFor({ timeout: 10_000 })]);
  return done.isVisible();
}

export async function downloadStatement(u) {
  await u.page.locator('#statement-status').evaluate((el) => (el.textContent = ''));
  await u.click('#statement');
  await u.page.locator('#statement-status').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
}

export async function submitRefund(u) {
  await u.page.locator('#refund-error').evaluate((el) => (el.textContent = ''));
  await u.click('#refund-submit');
  await Promise.race([u.page.locator('#refund-done').waitFor({ timeout: 10_000 }), u.page.locator('#refund-error').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 })]);
  return u.page.locator('#refund-done').isVisible();
}

export async function turnOffAutoDebit(u) {
  await u.click('#agreement-more');
  await u.pause(800, 2000);
  await u.click('#autodebit-off');
  await u.pause(500, 1500);
  await u.click('#autodebit-confirm-yes');
}

/** Uses a one-click action: press it, read the confirmation, confirm. */
export async function useAction(u, help) {
  await u.pause(1500, 4000);
  await help.el.locator('[part~="primary"]').click();
  await help.el.locator('[part~="confirm"]').waitFor({ timeout: 5000 }).catch(() => undefined);
  await u.pause(800, 2000);
  if (await help.el.locator('[part~="confirm"]').count()) await help.el.locator('[part~="primary"]').click();
  await u.pause(1500, 3000);
}

/** After a burst: help taken if offered (whatever it is), else off to the phone. */
export async function helpedOrGone(u) {
  const help = await u.offered();
  if (!help) return u.giveUp();
  await u.pause(2000, 4000);
  if (help.tag === 'zc-handoff') return help.el.locator('[part~="primary"]').click();
  if (help.tag === 'zc-action') return useAction(u, help);
  return u.dismiss(help);
}

/** The stuck order: the picker if it comes (pick it, re-check it), else give up. */
export async function recheckOrder(u) {
  const help = await u.offered();
  if (help?.tag === 'zc-picker' && !u.chance(0.1)) {
    await u.pause(2000, 4000);
    await help.el.locator('[role="option"]', { hasText: 'ORD-10471' }).click();
    const action = u.page.locator('zc-outlet[name="order-help"] > zc-action');
    await action.waitFor({ timeout: 5000 });
    return useAction(u, { el: action });
  }
  if (help) await u.dismiss(help);
  return u.giveUp();
}

/** Ends a page load: its recording, then everything it sent once the SDK's shutdown flush arrived. */
export async function leave(page, help) {
  const recorded = await page.evaluate(() => window.ZeroCall.debug.exportSession());
  await page.evaluate(() => window.ZeroCall.shutdown());
  // Without consent for help the collector hears nothing worth waiting for.
  return { recorded, records: help ? await collected(page) : [] };
}

/** Every record the demo's collector (msw, shown in the Telemetry panel) received, once the SDK's shutdown flush arrived. */
async function collected(page) {
  let last = -1;
  for (let i = 0; i < 40; i++) {
    const count = await page.locator('.batch__json').count();
    if (count === last && count > 0) break;
    last = count;
    await page.waitForTimeout(250);
  }
  const batches = await page.locator('.batch__json').allTextContents();
  return batches.flatMap((json) => JSON.parse(json).events ?? []);
}
