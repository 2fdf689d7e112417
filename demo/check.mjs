// `node demo/serve.mjs --check`: drives the running demo the way a visitor would, in headless
// Chromium at a desktop and a phone size. It rage-clicks Pay now and Export CSV, expects
// Zero Call's help where the rule pack puts it, saves screenshots to docs/ and checks what the
// SDK sent to the collector. It also opens the component gallery (demo/gallery.html) in
// English, dark and Chinese at desktop size and in English on a phone, expects every state of
// every component, checks the layout and screenshots it whole. Resolves with the exit code;
// says what failed and where.
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
  { name: 'gallery', shot: 'gallery', gallery: true, run: (o) => galleryFlow(o) },
  { name: 'gallery dark', shot: 'gallery-dark', gallery: true, desktopOnly: true, run: (o) => galleryFlow({ ...o, theme: 'dark' }) },
  { name: 'gallery in Chinese', shot: 'gallery-zh', gallery: true, desktopOnly: true, run: (o) => galleryFlow({ ...o, lang: 'zh-CN' }) },
];
/**
 * The gallery's screenshots: no animation, so every surface is taken at rest; one image pixel
 * per CSS pixel, since the gallery is a long page (the phone one is some 12,000 px tall).
 */
const GALLERY_CONTEXT = { reducedMotion: 'reduce', deviceScaleFactor: 1 };
/** Every state the gallery must show, by component: its figures' data-component and data-state. */
const GALLERY = {
  'zc-card': ['plain', 'rich', 'reasons', 'answered', 'docked'],
  'zc-tip': ['inline', 'anchored'],
  'zc-steps': ['page', 'ring', 'missing', 'finished'],
  'zc-picker': ['loading', 'empty', 'error', 'list', 'selected'],
  'zc-action': ['idle', 'confirm', 'pending', 'success', 'failure'],
  'zc-upload': ['idle', 'preview', 'too-big', 'wrong-type', 'sending', 'uploaded', 'failed'],
  'zc-handoff': ['share', 'pending', 'sent', 'failed'],
  'zc-feedback': ['asking', 'reasons'],
  'zc-outlet': ['filled', 'empty'],
};

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
        const context = await browser.newContext({ ...size.options, locale: 'en-US', ...(flow.gallery ? GALLERY_CONTEXT : {}) });
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
          if (!flow.gallery) {
            const events = await page.evaluate(sdkEvents).catch(() => []);
            console.error(`     Zero Call events: ${events.join(', ') || 'none'}`);
          }
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

/**
 * The gallery in one language and theme: every state reached, the layout sound, then one
 * screenshot of the whole page.
 */
async function galleryFlow({ page, base, problems, shot, lang = 'en', theme = 'light' }) {
  const query = new URLSearchParams({ ...(lang !== 'en' && { lang }), ...(theme !== 'light' && { theme }) });
  await page.goto(`${base}/demo/gallery.html${query.size ? `?${query}` : ''}`);
  await step('the gallery did not finish (no <body data-ready>)', () => page.waitForFunction(() => document.body.dataset.ready, null, { timeout: TIMEOUT }));
  const cells = await page.$$eval('figure[data-state]', (figures) =>
    figures.map((f) => ({ id: `${f.dataset.component} ${f.dataset.state}`, ready: f.dataset.ready === 'true', problem: f.dataset.problem ?? '' })),
  );
  const shown = new Set(cells.map((c) => c.id));
  const missing = Object.entries(GALLERY)
    .flatMap(([tag, states]) => states.map((state) => `${tag} ${state}`))
    .filter((id) => !shown.has(id));
  if (missing.length) throw new CheckFailure(`the gallery has no cell for: ${missing.join(', ')}`);
  const stuck = cells.filter((c) => !c.ready);
  if (stuck.length) throw new CheckFailure(`states not reached: ${stuck.map((c) => `${c.id} (${c.problem || 'no reason given'})`).join('; ')}`);
  const applied = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    theme: document.documentElement.dataset.theme,
    locales: [...new Set([...document.querySelectorAll('figure *')].filter((el) => el.localName.startsWith('zc-') && el.localName !== 'zc-outlet').map((el) => el.locale))],
  }));
  if (applied.lang !== lang || applied.theme !== theme || applied.locales.join() !== lang) {
    throw new CheckFailure(`asked for ${lang}/${theme}, the page is ${applied.lang}/${applied.theme} with component locales ${applied.locales.join(', ')}`);
  }
  // A viewport as tall as the page: fixed-position surfaces (the anchored tip, the steps' ring)
  // are placed in viewport coordinates, and hide while their control is out of view.
  const { width } = page.viewportSize();
  await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.waitForTimeout(200);
  const wrong = await page.evaluate(galleryLayout);
  if (wrong.length) throw new CheckFailure(`the gallery's layout is off: ${wrong.join('; ')}`);
  await page.screenshot({ path: shot, fullPage: true });
  if (problems.length) throw new CheckFailure('the page reported problems');
  return `all ${cells.length} states reached (${lang}, ${theme}); no overlaps, tip and ring in place`;
}

/** What is wrong with the gallery's layout, in words. Runs in the page. */
function galleryLayout() {
  const wrong = [];
  const at = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)}`;
  const figures = [...document.querySelectorAll('figure[data-state]')];
  const name = (f) => `${f.dataset.component} ${f.dataset.state}`;
  const boxes = figures.map((f) => f.getBoundingClientRect());
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  boxes.forEach((a, i) => {
    for (let j = i + 1; j < boxes.length; j++) {
      const b = boxes[j];
      if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) wrong.push(`${name(figures[i])} overlaps ${name(figures[j])}`);
    }
  });
  // Every component, the anchored and docked ones too, stays inside its own cell.
  figures.forEach((f, i) => {
    for (const el of f.querySelectorAll('*')) {
      if (!el.localName.startsWith('zc-')) continue;
      const r = el.getBoundingClientRect();
      if (r.width && r.height && !inside(r, boxes[i])) wrong.push(`<${el.localName}> in ${name(f)} sticks out of its cell (${at(r)} in ${at(boxes[i])})`);
    }
  });
  const cell = (component, state) => document.querySelector(`figure[data-component="${component}"][data-state="${state}"]`);
  const tip = cell('zc-tip', 'anchored')?.querySelector('zc-tip');
  const button = cell('zc-tip', 'anchored')?.querySelector('button');
  if (tip && button) {
    const [t, b] = [tip.getBoundingClientRect(), button.getBoundingClientRect()];
    const gap = b.top - t.bottom;
    if (tip.dataset.side !== 'top' || gap < 0 || gap > 16 || t.right <= b.left || t.left >= b.right || getComputedStyle(tip).visibility === 'hidden') {
      wrong.push(`the anchored tip is not just above its button (side ${tip.dataset.side}, tip ${at(t)}, button ${at(b)})`);
    }
  }
  const steps = cell('zc-steps', 'ring')?.querySelector('zc-steps');
  const ring = steps?.shadowRoot?.querySelector('[part="ring"]');
  const target = document.getElementById('gallery-export');
  if (!ring || ring.hidden || !target) wrong.push('the steps ring is not drawn');
  else {
    const [r, t] = [ring.getBoundingClientRect(), target.getBoundingClientRect()];
    if (Math.abs(r.left - t.left) > 1 || Math.abs(r.top - t.top) > 1 || Math.abs(r.width - t.width) > 1 || Math.abs(r.height - t.height) > 1) {
      wrong.push(`the steps ring (${at(r)}) is not around its control (${at(t)})`);
    }
  }
  const empty = cell('zc-outlet', 'empty')?.querySelector('zc-outlet');
  if (empty && empty.getBoundingClientRect().height !== 0) wrong.push('the empty outlet takes space');
  const page = document.scrollingElement;
  if (page.scrollWidth > page.clientWidth) wrong.push(`the page scrolls sideways (${page.scrollWidth}px in ${page.clientWidth}px)`);
  return wrong;
}

const box = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}×${Math.round(r.height)}`;
