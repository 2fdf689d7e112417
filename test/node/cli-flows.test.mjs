// `zerocall simulate --answers`: a scripted user walks a rule's flow the way the page does.
// The cases are shared with the browser (test/mount/flow-run.test.ts). Needs `npm run build` (dist/cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const at = (path) => new URL(path, root).pathname;
const bin = at('bin/zerocall.mjs');
const pack = at('test/fixtures/flows.pack.json');
const session = at('test/fixtures/flows.session.ndjson');
const { cases } = JSON.parse(await readFile(at('test/fixtures/flows.cases.json'), 'utf8'));
const folder = await mkdtemp(join(tmpdir(), 'zc-flows-'));

let files = 0;
/** Writes an answers file (JSON, or text as it is); returns its path. */
async function answersFile(answers) {
  const file = join(folder, `answers-${files++}.json`);
  await writeFile(file, typeof answers === 'string' ? answers : JSON.stringify(answers));
  return file;
}
/** Runs simulate on the fixture with these answers; resolves to the bin's stdout and stderr. */
const simulate = async (answers, ...flags) => run('node', [bin, 'simulate', pack, session, '--answers', await answersFile(answers), ...flags]);

for (const c of cases) {
  test(`simulate --answers: ${c.name}`, async () => {
    const { stdout } = await simulate({ 'order-flow': c.answers }, '--json');
    const decisions = stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.type === 'decision');
    assert.equal(decisions.length, 1);
    const { flow } = decisions[0];
    assert.deepEqual(flow.steps, c.steps);
    assert.deepEqual(flow.moves.map((m) => [m.from, m.outcome, m.to]), c.moves);
    assert.equal(flow.ended, c.ended);
    assert.deepEqual(flow.ignored, []);
  });
}

test('simulate --answers tells the walk under its decision, with the records picked and the answers not taken', async () => {
  const refunded = cases.find((c) => c.steps.join() === 'pick,refunded');
  const plain = await simulate({ 'order-flow': refunded.answers });
  assert.deepEqual(plain.stdout.trimEnd().split('\n'), ['+2.000s   decision   rule=order-flow  signal=-  page=/orders', '          flow       pick —picked ORD-7→ refunded · finished at refunded']);

  const stopped = cases.find((c) => c.steps.join() === 'pick,stop');
  const odd = await simulate({ 'order-flow': [{ outcome: 'uploaded' }, ...stopped.answers, { outcome: 'dismissed' }] });
  assert.deepEqual(odd.stdout.trimEnd().split('\n').slice(1), [
    '          flow       pick —picked ORD-3→ stop —action-succeeded→ end · ended',
    '          flow       answers pick never reports: uploaded',
    '          flow       1 answer after the flow was over, not used',
  ]);
  const json = await simulate({ 'order-flow': [{ outcome: 'uploaded' }, { outcome: 'dismissed' }] }, '--json');
  assert.deepEqual(JSON.parse(json.stdout).flow, { steps: ['pick'], moves: [], ended: 'dismissed', ignored: [{ outcome: 'uploaded' }] });

  // Without --answers, nothing changes.
  const none = await run('node', [bin, 'simulate', pack, session]);
  assert.deepEqual(none.stdout.trimEnd().split('\n'), ['+2.000s   decision   rule=order-flow  signal=-  page=/orders']);
});

test('simulate --answers refuses a bad answers file, naming the file and each problem (exit 1)', async () => {
  const refused = async (answers, ...lines) => {
    const file = await answersFile(answers);
    await assert.rejects(run('node', [bin, 'simulate', pack, session, '--answers', file]), (e) => {
      assert.equal(e.code, 1);
      const said = e.stderr.trimEnd().split('\n');
      assert.equal(said.length, lines.length, e.stderr);
      lines.forEach((l, i) => (l instanceof RegExp ? assert.match(said[i], new RegExp(`^${file}: ${l.source}`)) : assert.equal(said[i], `${file}: ${l}`)));
      return true;
    });
  };
  await refused({ 'order-flw': [] }, '/order-flw: no rule "order-flw" in the pack');
  await refused([], 'expected an object of answers by rule id, { "<rule id>": [ { "outcome": … }, … ] }, got an array');
  await refused({ 'order-flow': { outcome: 'picked' } }, '/order-flow: expected an array of answers, got {"outcome":"picked"}');
  await refused({ 'order-flow': [{ outcome: 'picked' }] }, '/order-flow/0/record: missing; "picked" needs the record picked, { "id": … }');
  await refused(
    { 'order-flow': [{ outcome: 'pickd' }, { outcome: 'picked', record: { id: 7, data: { status: ['paid'] } } }, { outcome: 'helpful', recrod: {} }] },
    '/order-flow/0/outcome: expected one of picked, helpful, unhelpful, dismissed, action-succeeded, action-failed, uploaded, escalated, engaged, completed, target-missing, dont-show-again, got "pickd"',
    '/order-flow/1/record/id: expected a non-empty string, got 7',
    '/order-flow/1/record/data/status: expected a string, number or boolean, got ["paid"]',
    '/order-flow/2/recrod: unknown property (an answer has "outcome" and, for "picked", "record")',
  );
  await refused('{"order-flow": [', /not valid JSON \(/);
});
