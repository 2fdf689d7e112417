// The agent-push journey (issue 9), run by `node demo/serve.mjs --check` next to the others: a
// user on the phone with support and the agent's console, two pages in one browser, talking
// through the relay the demo server mounts at /zc/v1. The user shares the page and reads out the
// code; the agent pairs, pushes the order picker; the user picks the stuck order; the agent sees
// the pick and pushes the remedy; the user confirms; the agent sees it succeed; the user ends
// the session and the agent sees that too. Real time: nothing here waits on a clock of its own.
import { JourneyFailure, step } from './journeys.mjs';

const STUCK = 'ORD-10471';

/** Runs the journey on `page` (the user's) and a console page in the same browser context. */
export async function runAgentJourney({ page, base, problems, shot }) {
  const user = page;
  await user.goto(`${base}/demo/orders`);
  await step('the SDK reports ready', () => user.locator('.sdk-status[data-zc-status="ready"]').waitFor({ timeout: 15_000 }));
  await step('the mocked API starts', () => user.waitForFunction(() => document.documentElement.dataset.mocks === 'on', null, { timeout: 15_000 }));

  // On the phone: "read me the code on your screen".
  await user.locator('#call-us').click();
  await user.locator('#call-us-share').click();
  const code = await step('the page shows a code to read out', async () => {
    const shown = user.locator('zc-agent-bar [part~="code"]');
    await shown.waitFor({ timeout: 10_000 });
    return (await shown.textContent()).replace(/\s/g, '');
  });
  if (!/^\d{6}$/.test(code)) throw new JourneyFailure(`the code on screen is "${code}", not six digits`);

  const agent = await user.context().newPage();
  agent.on('pageerror', (error) => problems.push(`console page error: ${error.message}`));
  await agent.goto(`${base}/demo/agent.html`);
  await agent.locator('#agent-code').fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await agent.locator('#agent-name').fill('Alex');
  await agent.locator('#agent-pair').click();
  await step('the user sees who is connected', () => user.locator('zc-agent-bar', { hasText: 'Alex from support is connected' }).waitFor({ timeout: 10_000 }));
  await step('the console gets the user context', () => agent.locator('#picker-provider option[value="recentOrders"]').waitFor({ state: 'attached', timeout: 10_000 }));

  // "Which order is it?"
  await agent.locator('#picker-provider').selectOption('recentOrders');
  await agent.locator('#picker-title').fill('Which order is stuck?');
  await agent.locator('#push-picker').click();
  const picker = user.locator('zc-picker');
  await step('the pushed picker lists the orders', () => picker.locator('[role="option"]', { hasText: STUCK }).waitFor({ timeout: 10_000 }));
  await picker.locator('[role="option"]', { hasText: STUCK }).click();
  const picked = agent.locator('#agent-answers li[data-push="p1"][data-outcome="picked"]');
  await step('the agent sees the pick', () => picked.waitFor({ timeout: 10_000 }));
  if (!(await picked.textContent()).includes(STUCK)) throw new JourneyFailure(`the agent's answer line does not name ${STUCK}: "${await picked.textContent()}"`);

  // The remedy, which asks the user before it runs.
  await agent.locator('#action-host').selectOption('recheckOrder');
  await agent.locator('#action-label').fill('Check the order again');
  await agent.locator('#action-success').fill('The bank confirmed your order.');
  await agent.locator('#push-action').click();
  const action = user.locator('zc-action');
  await step('the pushed remedy appears in place of the picker', () => action.locator('[part~="primary"]').waitFor({ timeout: 10_000 }));
  if (await picker.count()) throw new JourneyFailure('the picker is still on screen next to the remedy');
  await action.locator('[part~="primary"]').click();
  await step('the remedy asks first', () => action.locator('[part="confirm"]').waitFor({ timeout: 5_000 }));
  await action.locator('[part~="primary"]').click();
  await step('the remedy worked in the page', () => action.locator('[part="result"]', { hasText: 'The bank confirmed your order.' }).waitFor({ timeout: 10_000 }));
  await step('the agent sees the success', () => agent.locator('#agent-answers li[data-push="p2"][data-outcome="action-succeeded"]').waitFor({ timeout: 10_000 }));
  if (shot) {
    await user.screenshot({ path: shot });
    await agent.screenshot({ path: shot.replace(/\.png$/, '-console.png'), fullPage: true });
  }

  // The user is done: ends sharing, and the agent hears it.
  await user.locator('zc-agent-bar [part~="primary"]').click();
  await step('the bar goes', () => user.locator('zc-agent-bar').waitFor({ state: 'detached', timeout: 5_000 }));
  await step('the agent hears the session ended', () => agent.locator('#agent-status', { hasText: /ended/i }).waitFor({ timeout: 10_000 }));
  await agent.close();
  if (problems.length) throw new JourneyFailure('a page reported problems');
  return `code ${code}; picker → ${STUCK} → recheckOrder confirmed → action-succeeded, seen by the agent; ended by the user`;
}
