// The demo a newcomer starts with `npm start` really shows help: serve it and run the end-to-end
// journeys (demo/journeys.mjs) in headless Chromium, desktop and phone, and check what the collector got;
// and the agent-push journey (demo/agent-journey.mjs): the agent's console and the user's page, paired.
// The same run opens the component gallery (demo/gallery.html), which must reach every state
// of every component in English, dark and Chinese, and on a phone.
// Needs `npm run build` first (npm test does it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { JOURNEYS } from '../../demo/journeys.mjs';

test('npm start demo: struggling journeys get the right help within 3 s, smooth ones none; the gallery reaches every state', { timeout: 600_000 }, async () => {
  const shots = await mkdtemp(join(tmpdir(), 'zc-demo-'));
  const root = new URL('../../', import.meta.url).pathname;
  const child = spawn(process.execPath, ['demo/serve.mjs', '--check'], { cwd: root, env: { ...process.env, ZC_SHOTS_DIR: shots, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, out);
  for (const journey of JOURNEYS) {
    assert.ok(out.includes(`ok   ${journey.phone ? 'phone' : 'desktop'} journey ${journey.name}: `), `the journey "${journey.name}" did not pass:\n${out}`);
  }
  assert.match(out, /^ok {3}desktop journey agent push: .*ended by the user/m, `the agent-push journey did not pass:\n${out}`);
  for (const flow of ['desktop gallery', 'desktop gallery dark', 'desktop gallery in Chinese', 'phone gallery']) {
    assert.match(out, new RegExp(`^ok {3}${flow}: all \\d+ states reached`, 'm'), `the ${flow} flow did not pass:\n${out}`);
  }
  assert.doesNotMatch(out, /^FAIL/m);
});
