// `node demo/serve.mjs --check`: drives the running demo the way a visitor would, in headless
// Chromium at a desktop and a phone size. It rage-clicks Pay now and Export CSV, expects
// Zero Call's help where the rule pack puts it, saves screenshots to docs/ and checks what the
// SDK sent to the collector. Resolves with the exit code; says what failed and where.
import { mkdir, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TIMEOUT = 10_000;
const SIZES = [
  { name: 'desktop', suffix: '', options: { viewport: { width: 1280, height: 800 } } },
  { name: 'phone', suffix: '-mobile', options: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
];
/** What runs at each size; the desktop run also checks the collector and the Chinese UI. */
const FLOWS = [
  { name: 'checkout', shot: 'demo-checkout', run: (o) => checkoutFlow(o) },
  { name: 'checkout in Chinese', shot: 'demo-checkout-zh', desktopOnly: true, run: (o) => checkoutFlow({ ...o, lang: 'zh-CN' }) },
  { name: 'orders', shot: 'demo-orders', run: (o) => ordersFlow(o) },
];

/** A failed step, with what the visitor would have seen. */
class CheckFailure extends Error {}

/**
 * @param {{ base: string, root: string, failureDir: string }} o
 * @returns {Promise<number>} the exit code
 */
export async function runCheck({ base, root, failureDir }) {
  await checkSnippet(root);
  const pack = JSON.parse(await readFile(join(root, 'demo/packs/demo.json'), 'utf8'));
  // Screenshots refresh the README's pictures in docs/; tests point ZC_SHOTS_DIR elsewhere.
  const shots = process.env.ZC_SHOTS_DIR || join(root, 'docs');
  await mkdir(shots, { recursive: true });

  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failed = 0;
  try {
    for (const size of SIZES) {
      for (const flow of FLOWS) {
        if (flow.desktopOnly && size.name !== 'desktop') continue;
        const context = await browser.newContext({ ...size.options, locale: 'en-US' });
        const page = await context.newPage();
        const problems = watchConsole(page);
        const file = join(shots, `${flow.shot}${size.suffix}.png`);
        const label = `${size.name} ${flow.name}`;
        try {
          const note = await flow.run({ page, base, pack, problems, shot: file, telemetry: size.name === 'desktop' });
          console.log(`ok   ${label}: ${note} → ${file}`);
        } catch (error) {
          failed++;
          const shot = join(failureDir, `zerocall-demo-failure-${size.name}-${flow.shot}.png`);
          await page.screenshot({ path: shot }).catch(() => undefined);
          console.error(`FAIL ${label}: ${error.message}`);
          if (problems.length) console.error(`     the page said:\n       ${problems.join('\n       ')}`);
          const events = await page.evaluate(sdkEvents).catch(() => []);
          console.error(`     Zero Call events: ${events.join(', ') || 'none'}`);
          console.error(`     screenshot of the page: ${shot}`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
  }
  if (!hasCjkFont()) console.warn('note: no Chinese font is installed, so 中文 renders as boxes in the screenshots (apt-get install fonts-noto-cjk).');
  console.log(failed ? `demo check failed: ${failed} flow(s) broken` : 'demo check passed');
  return failed ? 1 : 0;
}

/** The SDK events the page saw (index.html records them), as `type:detail` strings. Runs in the page. */
function sdkEvents() {
  return (window.acmeZeroCallEvents ?? []).map(({ type, detail: d }) => `${type}:${d.pack ?? d.rule ?? d.signal ?? d.message ?? ''}${d.reason ? ` (${d.reason})` : ''}${d.outcome ? ` ${d.outcome}` : ''}`);
}

/** Whether fontconfig knows a font with Chinese glyphs; screenshots need one to be legible. */
function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true; // no fontconfig: cannot tell, so do not nag
  }
}

/** The demo must embed the snippet exactly as dist/ ships it, as the README tells customers to. */
async function checkSnippet(root) {
  const snippet = await readFile(join(root, 'dist/snippet.min.js'), 'utf8').then(
    (s) => s.trim(),
    () => {
      throw new CheckFailure('dist/ is not built: run `npm run build` first (npm start does both).');
    },
  );
  const html = await readFile(join(root, 'demo/index.html'), 'utf8');
  if (!html.includes(`<script>${snippet}</script>`)) {
    throw new CheckFailure('demo/index.html does not inline the current dist/snippet.min.js: paste it again between <script> and </script>.');
  }
}

/** Collects what the page reports that a visitor should never cause: errors and SDK warnings. */
function watchConsole(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    // The demo API fails on purpose; the browser logs each failed call.
    if (m.location().url.includes('/api/pay') || m.location().url.includes('/api/export')) return;
    if (text.includes('[ZeroCall]') || m.type() === 'error') problems.push(`${m.type()}: ${text}`);
  });
  return problems;
}

async function open(page, url) {
  await page.goto(url);
  await step('the SDK reports ready', () => page.locator('.sdk-status[data-zc-status="ready"]').waitFor({ timeout: TIMEOUT }));
  await step('the mocked API starts', () => page.waitForFunction(() => document.documentElement.dataset.mocks === 'on', null, { timeout: TIMEOUT }));
}

/** Runs a step; a timeout becomes a message that names the step. */
async function step(what, fn) {
  try {
    return await fn();
  } catch (error) {
    throw new CheckFailure(`${what}: ${error.message.split('\n')[0].replace(/^[\w.]+: /, '')}`);
  }
}

/** Three quick real clicks in the middle of the element, as a frustrated user does. */
async function rageClick(page, selector) {
  const el = page.locator(selector);
  // Leave room below it for the help, as a visitor's screen would.
  await el.evaluate((node) => node.getBoundingClientRect().bottom + 220 > innerHeight && node.scrollIntoView({ block: 'center' }));
  for (let i = 0; i < 3; i++) await el.click();
}

/** Waits until the help card has been placed and its entry animation has finished. */
async function settledCard(page, selector) {
  const card = page.locator(selector);
  await step(`help did not appear within ${TIMEOUT / 1000} s (${selector})`, () => card.waitFor({ state: 'visible', timeout: TIMEOUT }));
  await page.waitForFunction(
    (sel) =>
      new Promise((resolve) => {
        const el = document.querySelector(sel);
        const before = el?.getBoundingClientRect().top;
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(el && el.getBoundingClientRect().top === before && (el.parentElement?.localName === 'zc-outlet' || el.style.top !== '0px'))));
      }),
    selector,
    { timeout: TIMEOUT, polling: 100 },
  );
  await page.waitForTimeout(300);
  return card;
}

async function checkoutFlow({ page, base, pack, problems, shot, telemetry, lang = 'en' }) {
  await open(page, `${base}/demo/checkout${lang === 'en' ? '' : `?lang=${lang}`}`);
  await page.locator('#card-name').fill('Test Person');
  await rageClick(page, '#pay');
  const card = await settledCard(page, 'zc-card');
  await expectText(card, pack.strings[lang]['pay.title']);
  const [c, b] = [await card.boundingBox(), await page.locator('#pay').boundingBox()];
  const below = c.y >= b.y + b.height && c.y <= b.y + b.height + 24;
  const above = c.y + c.height <= b.y && c.y + c.height >= b.y - 24;
  if (!(below || above) || c.x >= b.x + b.width || c.x + c.width <= b.x) {
    throw new CheckFailure(`the help is not next to Pay now (card ${box(c)}, button ${box(b)})`);
  }
  if (await page.locator('#pay-error').textContent() === '') throw new CheckFailure('the inline payment error did not show');
  await page.screenshot({ path: shot });
  if (problems.length) throw new CheckFailure('the page reported problems');
  let sent = '';
  if (telemetry && lang === 'en') sent = `; ${await checkTelemetry(page)}`;
  return `help shown ${below ? 'below' : 'above'} Pay now${sent}`;
}

async function ordersFlow({ page, base, pack, problems, shot }) {
  // Arrive the way a visitor does: through the app's own (pushState) navigation.
  await open(page, `${base}/demo/checkout`);
  await page.locator('.app-nav a[href="/demo/orders"]').click();
  await step('the Orders page renders', () => page.locator('#export-csv').waitFor({ timeout: TIMEOUT }));
  if (new URL(page.url()).pathname !== '/demo/orders') throw new CheckFailure(`navigation went to ${page.url()}`);
  await rageClick(page, '#export-csv');
  const card = await settledCard(page, 'zc-outlet[name="orders-help"] > zc-card');
  await expectText(card, pack.strings.en['export.title']);
  // Show the toolbar, the help and the first rows of the table together.
  await page.evaluate(() => {
    const header = document.querySelector('.app-header').getBoundingClientRect().height; // sticky
    const panel = document.querySelector('.orders').getBoundingClientRect().top;
    const help = document.querySelector('zc-card').getBoundingClientRect().bottom;
    if (help + 120 > innerHeight || innerWidth < 760) window.scrollBy(0, panel - header - 12);
  });
  await page.waitForTimeout(100);
  await page.screenshot({ path: shot });
  // Following the help works: a shorter range exports.
  await page.locator('#range').selectOption('30d');
  await page.locator('#export-csv').click();
  await step('the export works with a shorter range', () => page.locator('#export-status', { hasText: 'orders-30d.csv' }).waitFor({ timeout: TIMEOUT }));
  if (problems.length) throw new CheckFailure('the page reported problems');
  return 'help shown in <zc-outlet name="orders-help">; its advice works';
}

async function expectText(card, text) {
  const shown = await card.evaluate((el) => el.shadowRoot?.textContent ?? '');
  if (!shown.includes(text)) throw new CheckFailure(`the help says ${JSON.stringify(shown.trim().slice(0, 120))}, expected ${JSON.stringify(text)}`);
}

/** The collector (the Telemetry panel) must get the signal, the decision and the outcome, and no input value. */
async function checkTelemetry(page) {
  const wanted = ['signal:rage-click', 'decision:checkout-pay-failing', 'outcome:shown'];
  let events = [];
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const batches = await page.locator('.batch__json').allTextContents();
    events = batches.flatMap((json) => JSON.parse(json).events ?? []);
    const seen = events.map((e) => `${e.kind}:${e.kind === 'signal' ? e.signal : e.kind === 'decision' ? e.rule : e.outcome}`);
    if (wanted.every((w) => seen.includes(w))) {
      const all = batches.join('\n');
      if (all.includes('Test Person') || all.includes('4242 4242')) throw new CheckFailure('the telemetry contains what the user typed');
      return `collector received ${events.length} records (${seen.join(', ')})`;
    }
    await page.waitForTimeout(250);
  }
  throw new CheckFailure(`the collector did not receive ${wanted.join(', ')} within 20 s (got ${JSON.stringify(events)})`);
}

const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
