// `node demo/serve.mjs --check`: drives the running demo the way visitors would, in headless
// Chromium. First the end-to-end journeys (demo/journeys.mjs): users who struggle in each of the
// pack's scenarios must get the right help within 3 s, users who do not must get none, and each
// struggling journey saves its screenshot in docs/; one of them also checks what reached the
// collector. Then the component gallery (demo/gallery.html) in English, dark and Chinese at
// desktop size and in English on a phone: every state of every component, the layout, one
// screenshot each. Resolves with the exit code; says what failed and where.
import { mkdir, readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { JOURNEYS, runJourney, step, JourneyFailure as CheckFailure } from './journeys.mjs';
import { runAgentJourney } from './agent-journey.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TIMEOUT = 10_000;
/** The longest one journey or gallery run may take, ms. */
const RUN_LIMIT = 120_000;
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** The gallery in each language and theme; the first also on a phone. */
const GALLERIES = [
  { name: 'gallery', shot: 'gallery', phone: true },
  { name: 'gallery dark', shot: 'gallery-dark', theme: 'dark' },
  { name: 'gallery in Chinese', shot: 'gallery-zh', lang: 'zh-CN' },
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
/** The journey whose telemetry is checked: the collector must get its signal, decision and outcome, and nothing typed. */
const TELEMETRY_JOURNEY = 'journey-pay-expiry';

/**
 * @param {{ base: string, root: string, failureDir: string, only?: string }} o  `only`: run the journeys and gallery runs whose name contains it
 * @returns {Promise<number>} the exit code
 */
export async function runCheck({ base, root, failureDir, only = process.env.ZC_ONLY }) {
  await checkSnippet(root);
  const pack = JSON.parse(await readFile(join(root, 'demo/packs/acme-pay.json'), 'utf8'));
  // Screenshots refresh the README's pictures in docs/; tests point ZC_SHOTS_DIR elsewhere.
  const shots = process.env.ZC_SHOTS_DIR || join(root, 'docs');
  await mkdir(shots, { recursive: true });
  const runs = [
    ...JOURNEYS.map((journey) => ({
      label: `${journey.phone ? 'phone' : 'desktop'} journey ${journey.name}`,
      shot: journey.shot,
      options: journey.phone ? PHONE : DESKTOP,
      journey,
      run: async ({ page, problems, shot }) => {
        const note = await runJourney({ journey, page, base, pack, shot, problems });
        return journey.shot === TELEMETRY_JOURNEY ? `${note}; ${await checkTelemetry(page)}` : note;
      },
    })),
    {
      label: 'desktop journey agent push: the agent pushes a picker, then the remedy; the user picks and confirms',
      shot: 'journey-agent-push',
      options: DESKTOP,
      run: ({ page, problems, shot }) => runAgentJourney({ page, base, problems, shot }),
    },
    ...GALLERIES.flatMap((g) =>
      [false, ...(g.phone ? [true] : [])].map((phone) => ({
        label: `${phone ? 'phone' : 'desktop'} ${g.name}`,
        shot: `${g.shot}${phone ? '-mobile' : ''}`,
        options: { ...(phone ? PHONE : DESKTOP), ...GALLERY_CONTEXT },
        run: (o) => galleryFlow({ ...o, base, lang: g.lang, theme: g.theme }),
      })),
    ),
  ].filter((r) => !only || r.label.includes(only));

  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  let failed = 0;
  try {
    for (const r of runs) {
      const context = await browser.newContext({ ...r.options, locale: 'en-US' });
      const page = await context.newPage();
      const problems = watchConsole(page);
      const file = r.shot ? join(shots, `${r.shot}.png`) : undefined;
      try {
        const note = await within(RUN_LIMIT, r.run({ page, problems, shot: file }));
        console.log(`ok   ${r.label}: ${note}${file ? ` → ${file}` : ''}`);
      } catch (error) {
        failed++;
        const shot = join(failureDir, `zerocall-demo-failure-${r.label.replace(/\W+/g, '-')}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        console.error(`FAIL ${r.label}: ${error.message}`);
        if (problems.length) console.error(`     the page said:\n       ${problems.join('\n       ')}`);
        if (r.journey) {
          const events = await page.evaluate(sdkEvents).catch(() => []);
          console.error(`     Zero Call events: ${events.join(', ') || 'none'}`);
        }
        console.error(`     screenshot of the page: ${shot}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  if (!hasCjkFont()) console.warn('note: no Chinese font is installed, so 中文 renders as boxes in the screenshots (apt-get install fonts-noto-cjk).');
  console.log(failed ? `demo check failed: ${failed} of ${runs.length} run(s) broken` : `demo check passed: ${runs.length} runs`);
  return failed ? 1 : 0;
}

/** Rejects when `work` has not settled within `ms`: a run that hangs fails with a message instead of hanging CI. */
export function within(ms, work) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailure(`still running after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
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

/** The demo must embed the snippet exactly as dist/ ships it, as the README tells customers to, and require the pack's signature. */
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
  const key = (await readFile(join(root, 'demo/keys/acme-pay-demo.public.txt'), 'utf8')).trim();
  if (!html.includes(`data-public-key="${key}"`)) throw new CheckFailure('demo/index.html does not carry data-public-key with demo/keys/acme-pay-demo.public.txt.');
}

/** Collects what the page reports that a visitor should never cause: errors and SDK warnings. */
function watchConsole(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    const text = m.text();
    // The demo API fails on purpose (a statement service that is down, refunds and payments it refuses); the browser logs each.
    if (new URL(m.location().url || 'about:blank', 'http://x').pathname.startsWith('/api/') && text.startsWith('Failed to load resource')) return;
    if (text.includes('[ZeroCall]') || m.type() === 'error') problems.push(`${m.type()}: ${text}`);
  });
  return problems;
}

/** The collector (the Telemetry panel) must get the signal, the decision and the outcome, and no input value. */
async function checkTelemetry(page) {
  const wanted = ['signal:form-error-loop', 'decision:pay-expiry-format', 'outcome:shown'];
  let events = [];
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const batches = await page.locator('.batch__json').allTextContents();
    events = batches.flatMap((json) => JSON.parse(json).events ?? []);
    const seen = events.map((e) => `${e.kind}:${e.kind === 'signal' ? e.signal : e.kind === 'decision' ? e.rule : e.outcome}`);
    if (wanted.every((w) => seen.includes(w))) {
      const all = batches.join('\n');
      const typed = ['08/2027', '8/2027', '08-2027', '42.50', '4242 4242'].filter((value) => all.includes(value));
      if (typed.length) throw new CheckFailure(`the telemetry contains what the user typed: ${typed.join(', ')}`);
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

