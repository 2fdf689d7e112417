// What the generator's personas do (demo/generate.mjs): every task, the way it goes right and
// the ways it goes wrong, and which struggles each persona meets.
import { RECEIPT, downloadStatement, helpedOrGone, openPay, recheckOrder, submitPay, submitRefund, turnOffAutoDebit, useAction } from './sim-user.mjs';

/**
 * Every task a persona may do. `smooth` ones go right (bar an everyday slip); the others are
 * struggles the demo pack knows (`rule`), or only the struggle score can see (`rule` of the
 * score's rule). `alone` is what the user does with no help in sight; `helped` what they do with it.
 */
export const TASKS = {
  // --- everyday tasks -------------------------------------------------------------------
  async payBill(u) {
    const slip = u.chance(0.25);
    await openPay(u, { amount: String(u.between(12, 300)), expiry: '08/27', cvc: slip ? '12' : '123' });
    await u.pause(1000, 3000);
    if (!(await submitPay(u))) {
      // A typo in the CVC: seen, fixed, paid.
      await u.pause(2000, 5000);
      await u.fill('#pay-cvc', '123');
      await u.pause(500, 1500);
      await submitPay(u);
    }
    await u.pause(2000, 5000);
  },
  async autoDebitOff(u) {
    await u.open('/demo/settings');
    await u.pause(2000, 5000);
    await u.click('#settings-payments');
    await u.pause(2000, 6000);
    await u.click('#autodebit-link');
    await u.pause(1500, 4000);
    await u.click(`#agreement-${u.pick(['streamly', 'city-power', 'fern-fitness'])}`);
    await u.pause(2000, 5000);
    await turnOffAutoDebit(u);
    await u.pause(2000, 4000);
  },
  async browseOrders(u) {
    await u.open('/demo/orders');
    await u.pause(2000, 6000);
    for (let i = u.between(1, 2); i > 0; i--) {
      await u.click(`a.order-link[href$="${u.pick(['ORD-10472', 'ORD-10470', 'ORD-10468', 'ORD-10466'])}"]`);
      await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
      // Now and then a long, calm read.
      await u.pause(...(u.chance(0.25) ? [10_000, 16_000] : [3000, 9000]));
      await u.click('#back-to-orders');
      await u.pause(1500, 4000);
    }
    if (u.chance(0.3)) {
      // The statement fails once; the user shrugs and moves on.
      await downloadStatement(u);
      await u.pause(2000, 5000);
    }
  },
  async askRefundOnce(u) {
    await u.open('/demo/orders/ORD-10469');
    await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
    await u.pause(2000, 5000);
    await u.click('#refund-link');
    await u.pause(1500, 3000);
    await u.page.locator('#refund-reason').selectOption({ index: 1 });
    await u.pause(1000, 3000);
    await submitRefund(u);
    // Refused for want of a receipt: the user will come back with it later.
    await u.pause(3000, 6000);
    await u.click('.app-nav a[href="/demo/orders"]');
    await u.pause(2000, 4000);
  },

  // --- confused ---------------------------------------------------------------------------
  async expiryFormat(u) {
    await openPay(u, { amount: String(u.between(20, 200)), cvc: '123' });
    const wrong = ['08/2027', '8/2027', '08-2027', '2027-08', '0827'];
    for (let i = 0; i < 3; i++) {
      await u.fill('#pay-expiry', wrong[i]);
      await u.pause(800, 2500);
      if (i === 1) await u.onset();
      await submitPay(u);
      await u.pause(1500, 4000);
    }
    const help = await u.offered();
    if (help) {
      if (u.chance(0.15)) await u.dismiss(help);
      await u.pause(2000, 5000);
    } else {
      await u.fill('#pay-expiry', wrong[3]);
      await submitPay(u);
      await u.pause(5000, 15_000);
      if (!u.chance(0.35)) return u.giveUp();
    }
    await u.fill('#pay-expiry', '08/27');
    await u.pause(800, 2000);
    if (await submitPay(u)) await u.feedback();
    await u.pause(2000, 4000);
  },
  async wanderSettings(u) {
    await u.open('/demo/settings');
    await u.pause(2000, 5000);
    const wrong = ['#settings-security', '#settings-notifications', '#settings-profile'];
    for (let i = 0; i < 2; i++) {
      if (i === 1) await u.onset();
      await u.click(wrong[i]);
      await u.pause(1500, 4000);
      await u.page.goBack();
      await u.page.locator('#settings-payments').waitFor({ timeout: 10_000 });
      await u.pause(1000, 3000);
    }
    const help = await u.offered();
    if (help && !u.chance(0.15)) {
      // The guide's steps, in order.
      for (const step of ['#settings-payments', '#autodebit-link', '#agreement-streamly']) {
        await u.pause(1500, 3500);
        await u.click(step);
      }
      await u.pause(1500, 3000);
      return turnOffAutoDebit(u);
    }
    if (help) await u.dismiss(help);
    await u.click(wrong[2]);
    await u.pause(3000, 6000);
    await u.page.goBack();
    await u.pause(3000, 8000);
    return u.giveUp();
  },
  async badgeIsNotASwitch(u) {
    await u.open(`/demo/settings/auto-debit/${u.pick(['streamly', 'city-power', 'fern-fitness'])}`);
    await u.pause(2000, 5000);
    await u.onset();
    await u.click('#agreement-status');
    await u.pause(1500, 3500);
    await u.click('#agreement-status');
    await u.pause(1200, 2000);
    const help = await u.offered();
    if (help?.tag === 'zc-action' && !u.chance(0.1)) return useAction(u, help);
    if (help) await u.dismiss(help);
    await u.click('#agreement-status');
    await u.pause(4000, 10_000);
    if (u.chance(0.4)) return turnOffAutoDebit(u);
    return u.giveUp();
  },
  async stareAtOrder(u) {
    await u.open('/demo/orders');
    await u.pause(2000, 4000);
    await u.click('a.order-link[href$="ORD-10471"]');
    await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
    await u.pause(10_000);
    await u.onset();
    await u.pause(10_500, 14_000);
    return recheckOrder(u);
  },
  async backToTheOrder(u) {
    // From a link in an email straight to the order; to the list, and straight back.
    await u.open('/demo/orders/ORD-10471');
    await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
    await u.pause(3000, 7000);
    await u.onset();
    await u.click('#back-to-orders');
    await u.pause(1500, 3500);
    await u.click('a.order-link[href$="ORD-10471"]');
    await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
    await u.pause(500, 1000);
    return recheckOrder(u);
  },

  // --- blocked by the service --------------------------------------------------------------
  async overTheLimit(u) {
    await openPay(u, { expiry: '08/27', cvc: '123' });
    for (const [i, amount] of ['1500', '1250', '1100'].entries()) {
      await u.fill('#pay-amount', amount);
      await u.pause(800, 2000);
      if (i === 1) await u.onset();
      await submitPay(u);
      await u.pause(1500, 4000);
    }
    const help = await u.offered();
    if (!help) {
      await u.pause(5000, 12_000);
      if (!u.chance(0.3)) return u.giveUp();
    } else await u.pause(3000, 6000);
    await u.fill('#pay-amount', '1000');
    await submitPay(u);
    await u.pause(2000, 4000);
  },
  async refundNeedsReceipt(u) {
    await u.open('/demo/orders/ORD-10469/refund');
    await u.page.locator('#refund-reason').waitFor({ timeout: 10_000 });
    await u.pause(1500, 3000);
    await u.page.locator('#refund-reason').selectOption({ index: u.between(1, 2) });
    for (let i = 0; i < 2; i++) {
      await u.pause(1500, 4000);
      if (i === 1) await u.onset();
      await submitRefund(u);
    }
    const help = await u.offered();
    if (help?.tag === 'zc-upload' && !u.chance(0.1)) {
      await u.pause(3000, 8000);
      await help.el.locator('input[type="file"]').setInputFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: RECEIPT });
      await help.el.locator('[part~="preview"]').waitFor({ timeout: 5000 });
      await u.pause(1000, 2000);
      await help.el.locator('[part~="primary"]').click();
      await u.page.locator('#refund-receipt:not([hidden])').waitFor({ timeout: 10_000 });
      await u.pause(1000, 3000);
      await submitRefund(u);
      return u.pause(2000, 4000);
    }
    if (help) await u.dismiss(help);
    await u.pause(2000, 5000);
    await submitRefund(u);
    return u.giveUp();
  },
  async statementDown(u) {
    await u.open('/demo/orders');
    await u.pause(2000, 5000);
    for (let i = 0; i < 3; i++) {
      if (i) await u.pause(2000, 5000);
      if (i === 1) await u.onset();
      await downloadStatement(u);
    }
    const help = await u.offered();
    if (help?.tag === 'zc-handoff' && !u.chance(0.15)) {
      await u.pause(2000, 5000);
      await help.el.locator('[part~="primary"]').click();
      return u.pause(3000, 6000);
    }
    if (help) await u.dismiss(help);
    await u.pause(3000, 6000);
    await downloadStatement(u);
    return u.giveUp();
  },

  // --- impatient ----------------------------------------------------------------------------
  async hammerStatement(u) {
    await u.open('/demo/orders');
    await u.pause(1000, 3000);
    await u.onset();
    await u.burst('#statement', u.between(4, 6));
    await u.pause(1500, 3000);
    return helpedOrGone(u);
  },
  async hammerOrderStatus(u) {
    await u.open('/demo/orders/ORD-10471');
    await u.page.locator('#order-body:not([aria-busy])').waitFor({ timeout: 10_000 });
    await u.pause(1000, 3000);
    await u.onset();
    await u.burst('#order-status', u.between(4, 6));
    await u.pause(1000, 2000);
    await u.burst('#order-status', u.between(3, 5));
    await u.pause(1500, 3000);
    return helpedOrGone(u);
  },
  async hammerPay(u) {
    await openPay(u, { amount: String(u.between(20, 200)), expiry: '08/2027', cvc: '123' });
    await u.pause(500, 1500);
    await u.onset();
    await u.burst('#pay-submit', u.between(4, 6), 200);
    await u.pause(1500, 3000);
    return helpedOrGone(u);
  },
};

/** What each persona does: struggles (one of `struggles`, the rule meant for it), after an everyday task now and then. */
export const SCRIPTS = {
  smooth: { everyday: [TASKS.payBill, TASKS.autoDebitOff, TASKS.browseOrders, TASKS.askRefundOnce] },
  confused: {
    struggles: [
      [TASKS.expiryFormat, 'pay-expiry-format'],
      [TASKS.wanderSettings, 'autodebit-lost'],
      [TASKS.badgeIsNotASwitch, 'autodebit-wrong-control'],
      [TASKS.stareAtOrder, 'order-stuck'],
      [TASKS.backToTheOrder, 'order-stuck'],
    ],
  },
  blocked: {
    struggles: [
      [TASKS.overTheLimit, 'pay-over-limit'],
      [TASKS.refundNeedsReceipt, 'refund-needs-receipt'],
      [TASKS.statementDown, 'nothing-works'],
    ],
  },
  impatient: {
    struggles: [
      [TASKS.hammerStatement, 'nothing-works'],
      [TASKS.hammerOrderStatus, 'stuck-anywhere'],
      [TASKS.hammerPay, 'pay-expiry-format'],
    ],
  },
};
