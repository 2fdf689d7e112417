// The data loop's commands on the committed synthetic sessions (bench/data, docs/data-loop.md):
// report, train, evaluate; and their errors. Needs `npm run build` (dist/cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { main } from '../../dist/cli.mjs';

const root = new URL('../../', import.meta.url).pathname;
const data = (set, file) => join(root, 'bench/data', set, file);
const PACK = join(root, 'demo/packs/acme-pay.json');

async function zerocall(...argv) {
  const out = [];
  const err = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const dir = () => mkdtemp(join(tmpdir(), 'zc-data-'));

test('report: every rule of the helped sessions, with lift on support contacts against the holdout', async () => {
  const r = await zerocall('report', data('helped', 'outcomes.ndjson.gz'), '--target', 'support-contact', '--json');
  assert.equal(r.code, 0, r.err);
  const report = JSON.parse(r.out);
  assert.equal(report.target, 'support-contact');
  assert.equal(report.problems.length, 0);
  const rules = new Set(report.rules.map((x) => x.rule));
  for (const rule of ['pay-expiry-format', 'autodebit-wrong-control', 'refund-needs-receipt', 'nothing-works']) assert.ok(rules.has(rule), `${rule} is missing from ${[...rules]}`);
  for (const x of report.rules) {
    // A held-out decision shows nothing; a shown surface may lead to a next one (picker → action), so shown can exceed decisions.
    if (x.triggered === x.heldOut) assert.equal(x.shown, 0, x.rule);
    assert.ok(x.resolved <= x.shown && x.dismissed <= x.shown && x.escalated <= x.shown, x.rule);
  }
  // Two versions of the demo pack were live while the sessions were generated.
  const pack = report.packs.find((p) => p.pack === 'acme-pay@2026.11.5');
  assert.ok(pack.lift, `no pack-level lift: ${pack.noLift}`);
  // The simulated users who get no help call more often.
  assert.ok(pack.lift.heldOut.rate > pack.lift.treated.rate, JSON.stringify(pack.lift));
  assert.ok(pack.lift.low <= pack.lift.difference && pack.lift.difference <= pack.lift.high);

  const table = await zerocall('report', data('helped', 'outcomes.ndjson.gz'), '--target', 'support-contact');
  assert.match(table.out, /^rule +triggered +held out +shown +engaged +resolved +dismissed/m);
  assert.match(table.out, /^ {2}any rule +support-contact: treated [\d.]+% \(\d+\/\d+\), held out [\d.]+% \(\d+\/\d+\): [-+][\d.]+ pts, 95% CI/m);
});

test('report: bad lines are skipped and named; a file with no record fails', async () => {
  const folder = await dir();
  const file = join(folder, 'outcomes.ndjson');
  const record = { id: 'a.1', t: 1, kind: 'decision', sid: 's1', pack: 'p@1', rule: 'r' };
  await writeFile(file, `${JSON.stringify(record)}\nnot json\n${JSON.stringify(record)}\n`);
  const r = await zerocall('report', file);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^1 record, 1 session, 1 duplicate dropped$/m);
  assert.match(r.err, /line 2: not JSON/);
  await writeFile(file, 'nothing here\n');
  const empty = await zerocall('report', file);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /no telemetry records/);
  assert.match(empty.err, /line 1: not JSON/);
  assert.equal((await zerocall('report', file, '--confidence', '2')).code, 2);
});

test('train: learns from the training sessions, beats the hand-set score on its test split, and writes a fragment the pack accepts', async () => {
  const folder = await dir();
  const fragment = join(folder, 'struggle.json');
  // The demo pack ships trained weights: without its section it runs the SDK's hand-set ones.
  const { struggle: shipped, ...handSet } = JSON.parse(await readFile(PACK, 'utf8'));
  const handSetFile = join(folder, 'hand-set.json');
  await writeFile(handSetFile, JSON.stringify(handSet));
  const r = await zerocall('train', data('train', 'sessions.ndjson.gz'), data('train', 'labels.csv'), '--pack', handSetFile, '--out', fragment);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^trained on \d+ sessions \(\d+ moments\), tested on \d+/m);
  assert.match(r.out, /^fit: converged/m);
  const auc = (name) => Number(new RegExp(`^ {2}${name} +AUC ([\\d.]+)`, 'm').exec(r.out)?.[1]);
  assert.ok(auc('trained') >= 0.8, r.out);
  assert.ok(auc('trained') > auc('current'), r.out);
  const { struggle } = JSON.parse(await readFile(fragment, 'utf8'));
  // Training is deterministic: the same sessions and seed give the section the demo pack ships.
  assert.deepEqual(struggle, shipped);
  assert.equal(struggle.window, '2m');
  assert.equal(Object.keys(struggle.weights).length, 16);
  assert.ok(struggle.weights['rage-click'] > 0, JSON.stringify(struggle.weights));

  // The fragment drops into the pack: evaluate takes it, and a validate of the merged pack passes.
  const merged = join(folder, 'pack.json');
  await writeFile(merged, JSON.stringify({ ...handSet, signature: undefined, struggle }));
  assert.equal((await zerocall('validate', merged)).code, 0);

  // Without --out the fragment is stdout, ready to pipe; the figures go to stderr.
  const piped = await zerocall('train', data('train', 'sessions.ndjson.gz'), data('train', 'labels.csv'), '--pack', PACK);
  assert.deepEqual(JSON.parse(piped.out), { struggle });
  assert.match(piped.err, /AUC/);
});

test('evaluate: the demo pack on unseen test sessions, with its own score and a trained one', async () => {
  const folder = await dir();
  const fragment = join(folder, 'struggle.json');
  await zerocall('train', data('train', 'sessions.ndjson.gz'), data('train', 'labels.csv'), '--pack', PACK, '--out', fragment);
  for (const extra of [[], ['--struggle', fragment]]) {
    const r = await zerocall('evaluate', PACK, data('test', 'sessions.ndjson.gz'), data('test', 'labels.csv'), ...extra, '--json');
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out);
    assert.equal(e.sessions, e.results.length);
    assert.equal(e.struggling + e.smooth, e.sessions);
    assert.equal(e.recall, e.results.filter((x) => x.struggling && x.decided).length / e.struggling);
    assert.ok(e.recall > 0.5 && e.falseInterruptions < 0.5, JSON.stringify({ recall: e.recall, fi: e.falseInterruptions }));
    for (const x of e.results) if (x.delay !== undefined) assert.ok(x.delay >= 0, `${x.id}: a decision before the onset counted as recall`);
  }
  const table = await zerocall('evaluate', PACK, data('test', 'sessions.ndjson.gz'), data('test', 'labels.csv'));
  assert.match(table.out, /^ {2}recall +[\d.]+% {2}struggling sessions helped/m);
  assert.match(table.out, /^ {4}impatient +\d+ of \d+/m);
});

test('train and evaluate: located errors for bad labels, sessions and fragments', async () => {
  const folder = await dir();
  const sessions = join(folder, 's.ndjson.gz');
  await writeFile(sessions, gzipSync('{"zerocall":"session","v":1,"sdk":"0.1.0","pack":"p@1","started":1}\n{"type":"tick","t":1,"page":"/"}\n'));
  const labels = join(folder, 'labels.csv');
  await writeFile(labels, 'session,label\nx,maybe\n');
  const noId = await zerocall('train', sessions, labels);
  assert.equal(noId.code, 1);
  assert.match(noId.err, /s\.ndjson\.gz: line 1: the session header has no "id"/);
  await writeFile(sessions, gzipSync('{"zerocall":"session","v":1,"id":"x","sdk":"0.1.0","pack":"p@1","started":1}\n{"type":"tick","t":1,"page":"/"}\n'));
  const badLabel = await zerocall('train', sessions, labels);
  assert.equal(badLabel.code, 1);
  assert.match(badLabel.err, /labels\.csv: line 2: label "maybe" for x: expected 1 or 0/);
  await writeFile(labels, 'session,label\nx,1\n');
  const oneClass = await zerocall('train', sessions, labels);
  assert.equal(oneClass.code, 1);
  assert.match(oneClass.err, /needs both struggling and smooth sessions/);
  const fragment = join(folder, 'f.json');
  await writeFile(fragment, JSON.stringify({ struggle: { weights: { 'rage-clicks': 2 } } }));
  const bad = await zerocall('evaluate', PACK, sessions, labels, '--struggle', fragment);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /f\.json: \/struggle\/weights\/rage-clicks: unknown property/);
  assert.equal((await zerocall('train', sessions, labels, '--test', '1')).code, 2);
});
