// The demo a newcomer starts with `npm start` really shows help: serve it, rage-click its
// broken buttons in headless Chromium (desktop and phone), and check what the collector got.
// The same run opens the component gallery (demo/gallery.html), which must reach every state
// of every component in English, dark and Chinese, and on a phone.
// Needs `npm run build` first (npm test does it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

test('npm start demo: help appears where the pack puts it, at desktop and phone sizes; the gallery reaches every state', { timeout: 180_000 }, async () => {
  const shots = await mkdtemp(join(tmpdir(), 'zc-demo-'));
  const root = new URL('../../', import.meta.url).pathname;
  const child = spawn(process.execPath, ['demo/serve.mjs', '--check'], { cwd: root, env: { ...process.env, ZC_SHOTS_DIR: shots, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, out);
  assert.match(out, /^ok {3}desktop checkout/m);
  for (const flow of ['desktop gallery', 'desktop gallery dark', 'desktop gallery in Chinese', 'phone gallery']) {
    assert.match(out, new RegExp(`^ok {3}${flow}: all \\d+ states reached`, 'm'), `the ${flow} flow did not pass:\n${out}`);
  }
  assert.doesNotMatch(out, /^FAIL/m);
});
