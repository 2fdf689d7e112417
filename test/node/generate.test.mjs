// The session generator (demo/generate.mjs) drives the demo with simulated users in headless
// Chromium: one session per persona here, checked for labels, onsets, a recording that starts
// with the page load, and telemetry from the collector. Needs `npm run build` first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const root = new URL('../../', import.meta.url).pathname;

function generate(...args) {
  const child = spawn(process.execPath, ['demo/serve.mjs', '--generate', ...args], { cwd: root, env: { ...process.env, PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

test('generator: one labelled session per persona, recorded from the page load, with what the collector got', { timeout: 300_000 }, async () => {
  const out = await mkdtemp(join(tmpdir(), 'zc-generate-'));
  const r = await generate('--out', out, '--sessions', '4', '--seed', 'ci', '--help', 'on');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /generated 4 of 4 synthetic sessions/);

  const labels = (await readFile(join(out, 'labels.csv'), 'utf8')).trim().split('\n');
  assert.equal(labels[0], 'session,label,onset,persona,scenario');
  const rows = labels.slice(1).map((l) => l.split(','));
  assert.deepEqual(rows.map((c) => c[3]), ['smooth', 'confused', 'blocked', 'impatient']);
  for (const [id, label, onset, persona] of rows) {
    assert.equal(label, persona === 'smooth' ? '0' : '1');
    if (persona === 'smooth') assert.equal(onset, '');
    else assert.match(onset, /^\d{13}$/, `${persona} ${id} has no onset`);
  }

  const sessions = (await readFile(join(out, 'sessions.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const headers = sessions.filter((l) => l.zerocall === 'session');
  assert.deepEqual(headers.map((h) => h.id), rows.map((c) => c[0]));
  for (const [i, h] of headers.entries()) {
    const from = sessions.indexOf(h) + 1;
    const next = sessions.findIndex((l, k) => k >= from && l.zerocall);
    const events = sessions.slice(from, next < 0 ? undefined : next);
    assert.deepEqual([events[0].type, events[0].kind], ['nav', 'load'], `session ${i + 1} does not start with the page load`);
    assert.ok(events.every((e, k) => k === 0 || e.t >= events[k - 1].t), `session ${i + 1} is out of time order`);
    // Struggle comes after the onset: the recording reaches past it.
    if (rows[i][2]) assert.ok(events.at(-1).t > Number(rows[i][2]), `session ${i + 1} ends before its onset`);
  }
  assert.ok(!sessions.some((l) => 'value' in l || 'text' in l), 'a recording holds a value or text');

  const records = (await readFile(join(out, 'outcomes.ndjson'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  const sids = new Set(records.map((x) => x.sid));
  for (const [id, label] of rows) if (label === '1') assert.ok(sids.has(id), `the collector got nothing from the struggling session ${id}`);
  assert.ok(records.some((x) => x.kind === 'decision'), 'no decision reached the collector');
  assert.ok(records.some((x) => x.kind === 'track' && typeof x.name === 'string'), 'no track record reached the collector');
});

test('generator: bad options are named', async () => {
  const r = await generate('--sessions', '2');
  assert.equal(r.code, 2);
  assert.match(r.out, /generate: missing --out <dir>/);
});
