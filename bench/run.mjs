#!/usr/bin/env node
// `npm run bench`: every benchmark, one JSON object per line per figure.
// Figures are measurements to compare across commits, never assertions.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { readFile, mkdtemp } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const print = (figure) => console.log(JSON.stringify(figure));

async function engineInNode() {
  const out = join(await mkdtemp(join(tmpdir(), 'zc-bench-')), 'engine.mjs');
  await build({ entryPoints: [join(root, 'bench/engine.bench.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { run } = await import(pathToFileURL(out).href);
  run().forEach(print);
}

const TYPES = { '.js': 'text/javascript', '.html': 'text/html', '.json': 'application/json', '.map': 'application/json' };

/** Serves the repo read-only on loopback for the browser benchmarks. */
function serve() {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
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

async function thinPathInChromium() {
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    // The page registers a ready listener through the snippet before the SDK loads.
    await page.waitForFunction(() => window.__zcReady === true);
    const figures = await page.evaluate(() => {
      const el = document.querySelector('#other');
      const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const perClick = [];
      for (let round = 0; round < 7; round++) {
        const n = 2000;
        const start = performance.now();
        for (let i = 0; i < n; i++) el.dispatchEvent(new MouseEvent('click', { bubbles: true, button: 0, clientX: i % 400, clientY: 10 }));
        perClick.push(((performance.now() - start) * 1000) / n);
      }
      return { perClick: median(perClick) };
    });
    print({ bench: 'thin-path', metric: 'median_us_per_click', value: +figures.perClick.toFixed(2) });
    const sizes = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/dist/')).map((e) => ({ name: new URL(e.name).pathname, transfer: e.encodedBodySize })));
    for (const s of sizes) print({ bench: 'thin-path', metric: `bytes_loaded:${s.name}`, value: s.transfer });
  } finally {
    await browser.close();
    server.close();
  }
}

await engineInNode();
await thinPathInChromium();
