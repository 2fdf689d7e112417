#!/usr/bin/env node
// `npm run bench`: every benchmark, one JSON object per line per figure; `npm run bench -- telemetry`
// (or engine, thin-path, storm, quality, relay) runs only the ones named.
// Figures are measurements to compare across commits, never assertions.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, mkdtemp } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runQuality } from './quality.mjs';
import { runRelay } from './relay.mjs';
import { runStorm } from './storm.mjs';
import { runTelemetry } from './telemetry.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const print = (figure) => console.log(JSON.stringify(figure));

async function engineInNode() {
  const out = join(await mkdtemp(join(tmpdir(), 'zc-bench-')), 'engine.mjs');
  await build({ entryPoints: [join(root, 'bench/engine.bench.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { run, runRules } = await import(pathToFileURL(out).href);
  run().forEach(print);
  runRules().forEach(print);
}

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

/** Requests the loopback collector has answered: the telemetry benchmark counts its requests here, wherever in the page they came from. */
let collected = 0;

/** Serves the repo read-only on loopback for the browser benchmarks. */
function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    // Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
    // The analytics SDKs' collectors, answered locally: the storm measures the page, not a network.
    if (path.startsWith('/ph/') || path.startsWith('/mp/')) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}');
    // Zero Call's own collector, for the telemetry benchmark: the body is read, then accepted.
    if (path === '/collect' && req.method === 'POST') return req.resume().on('end', () => (collected++, res.writeHead(204).end()));
    const file = join(root, path === '/' ? 'bench/page.html' : path);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function inChromium(fn) {
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await fn(browser, `http://127.0.0.1:${server.address().port}`);
  } finally {
    await browser.close();
    server.close();
  }
}

async function thinPath(browser, base) {
  const page = await browser.newPage();
  await page.goto(`${base}/`);
  // The page registers a ready listener through the snippet before the SDK loads.
  await page.waitForFunction(() => window.__zcReady === true);
  const perClick = await page.evaluate(() => {
    const el = document.querySelector('#other');
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const rounds = [];
    for (let round = 0; round < 7; round++) {
      const n = 2000;
      const start = performance.now();
      for (let i = 0; i < n; i++) el.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: i % 400, clientY: 10 }));
      rounds.push(((performance.now() - start) * 1000) / n);
    }
    return median(rounds);
  });
  print({ bench: 'thin-path', metric: 'median_us_per_click', value: +perClick.toFixed(2) });
  const sizes = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/')).map((e) => ({ name: new URL(e.name).pathname, transfer: e.encodedBodySize })));
  for (const s of sizes) print({ bench: 'thin-path', metric: `bytes_loaded:${s.name}`, value: s.transfer });
  await page.close();
}

async function stormBench(browser, base) {
  const r = await runStorm(browser, base);
  const us = (v) => +v.toFixed(2);
  for (const [sdk, f] of Object.entries(r)) {
    print({ bench: 'storm', metric: `median_us_per_event:${sdk}`, value: us(f.median) });
    print({ bench: 'storm', metric: `p99_us_per_event:${sdk}`, value: us(f.p99) });
    for (const [kind, v] of Object.entries(f.p99By)) print({ bench: 'storm', metric: `p99_us_per_event:${sdk}:${kind}`, value: us(v) });
    // The handlers' time plus everything deferred from them (timers, frames, idle callbacks), per event.
    print({ bench: 'storm', metric: `total_us_per_event:${sdk}`, value: us(f.totalUs) });
    print({ bench: 'storm', metric: `deferred_us_per_event:${sdk}`, value: us(f.deferredUs) });
    print({ bench: 'storm', metric: `long_tasks:${sdk}`, value: f.longTasks });
  }
  // What each SDK adds on top of the page's own event dispatch.
  const over = (sdk, k) => Math.max(0.01, r[sdk][k] - r.none[k]);
  for (const k of ['median', 'p99', 'totalUs']) {
    const name = k === 'totalUs' ? 'total' : k;
    print({ bench: 'storm', metric: `${name}_overhead_us:zerocall`, value: us(over('zerocall', k)) });
    for (const other of ['posthog', 'mixpanel']) {
      print({ bench: 'storm', metric: `${name}_overhead_ratio:zerocall/${other}`, value: +(over('zerocall', k) / over(other, k)).toFixed(3) });
    }
  }
  print({ bench: 'storm', metric: 'timer_isolated', value: r.zerocall.isolated ? 1 : 0 });
}

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
if (wanted('engine')) await engineInNode();
if (wanted('quality')) (await runQuality()).forEach(print);
if (wanted('relay')) (await runRelay()).forEach(print);
if (['thin-path', 'storm', 'telemetry'].some(wanted)) await inChromium(async (browser, base) => {
  if (wanted('thin-path')) await thinPath(browser, base);
  if (wanted('storm')) await stormBench(browser, base);
  if (!wanted('telemetry')) return;
  // In a worker, as the script tag runs it; then on the main thread, as where a worker cannot start.
  await runTelemetry(browser, base, print, { requests: () => collected });
  await runTelemetry(browser, base, print, { requests: () => collected, worker: false });
});
