// custom-elements.json (for editors, docs and design tools) is generated from the components'
// JSDoc by `npm run cem` and committed; this test fails when a component changed without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const root = new URL('../../', import.meta.url).pathname;

test('custom-elements.json is up to date and describes every zc-* tag', { timeout: 120_000 }, async () => {
  // The analyzer resolves --outdir against the working directory, so keep it inside the checkout.
  const out = 'node_modules/.cache/zc-cem';
  // The analyzer also points package.json's "customElements" at its output: keep the published one.
  const pkg = await readFile(join(root, 'package.json'), 'utf8');
  try {
    await promisify(execFile)(process.execPath, [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--outdir', out], { cwd: root });
  } finally {
    await writeFile(join(root, 'package.json'), pkg);
  }
  const fresh = await readFile(join(root, out, 'custom-elements.json'), 'utf8');
  const committed = await readFile(join(root, 'custom-elements.json'), 'utf8');
  assert.equal(committed, fresh, 'custom-elements.json is stale: run npm run cem and commit it');
  const tags = JSON.parse(committed).modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName)).map((d) => d.tagName).sort();
  assert.deepEqual(tags, ['zc-action', 'zc-agent-bar', 'zc-card', 'zc-feedback', 'zc-handoff', 'zc-outlet', 'zc-picker', 'zc-steps', 'zc-tip', 'zc-upload']);
  const card = JSON.parse(committed).modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === 'zc-card');
  assert.ok(card.events.some((e) => e.name === 'zc-outcome'), 'zc-card documents zc-outcome');
  assert.ok(card.cssParts.some((p) => p.name === 'surface'), 'zc-card documents its parts');
  assert.ok(card.cssProperties.some((p) => p.name === '--zc-accent'), 'zc-card documents the theme tokens');
});
