// Node-side tests: the designers' CLI runs the same validator as the page, and the published
// JSON Schema agrees with it on a corpus of packs. Needs `npm run build` (dist/cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { main } from '../../dist/cli.mjs';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const schema = JSON.parse(await readFile(new URL('schema/rule-pack.schema.json', root), 'utf8'));
const good = JSON.parse(await readFile(new URL('bench/pack.json', root), 'utf8'));

/** A flow over the good pack's strings: a picker branching on the picked order, a remedy, a card, a hand-off. */
const orderFlow = () => ({
  start: 'pick',
  keep: '10m',
  steps: {
    pick: {
      component: 'zc-picker',
      content: { title: 't' },
      source: 'orders',
      on: [
        { outcome: 'picked', when: { record: 'autodebit', exists: true }, to: 'stop' },
        { outcome: 'picked', when: { record: 'status', is: 'refunded' }, to: 'refunded' },
      ],
    },
    stop: { component: 'zc-action', content: { title: 't' }, action: { host: 'stopDebit', label: 't' }, on: [{ outcome: 'action-succeeded', to: 'end' }, { outcome: 'action-failed', to: 'agent' }] },
    refunded: { component: 'zc-card', content: { title: 't', body: 'b' } },
    agent: { component: 'zc-handoff', content: { title: 't' }, handoff: { channel: 'chat', via: 'contact' } },
  },
});
/** The good pack with its rule's solution a flow, after `change` to the flow. */
const withFlow = (change) => (p) => {
  const flow = orderFlow();
  change(flow);
  p.rules[0].solution = { placement: { outlet: 'help', dock: 'end' }, flow };
  return p;
};

const variants = {
  good: (p) => p,
  'bad duration': (p) => ((p.rules[0].when = { signal: 'rage-click', count: 2, within: '2 minutes' }), p),
  'count without window': (p) => ((p.rules[0].when.count = 2), p),
  'unknown key': (p) => ((p.rules[0].priorty = 1), p),
  'unknown signal': (p) => ((p.rules[0].when.signal = 'rage'), p),
  'bad side': (p) => ((p.rules[0].solution.placement.side = 'middle'), p),
  'empty placement': (p) => ((p.rules[0].solution.placement = {}), p),
  'bad id': (p) => ((p.id = 'Acme Pay'), p),
  'no rules': (p) => ((p.rules = []), p),
  'bad sdk range': (p) => ((p.sdk = 'latest'), p),
  'priority too high': (p) => ((p.rules[0].priority = 101), p),
  'page glob without slash': (p) => ((p.rules[0].page = 'checkout'), p),
  'detector override': (p) => ((p.signals = { 'rage-click': { count: 5, within: '2s', radius: 40 } }), p),
  'with count and window': (p) => ((p.rules[0].when = { signal: 'rage-click', count: 2, within: '1m' }), p),
  'api-error by method and path': (p) => ((p.rules[0].when = { signal: 'api-error', method: 'POST', path: '/api/pay*', count: 2, within: '1m' }), p),
  'lower-case method': (p) => ((p.rules[0].when = { signal: 'api-error', method: 'post' }), p),
  'path without slash': (p) => ((p.rules[0].when = { signal: 'api-error', path: 'api/pay' }), p),
  'every detector overridden': (p) => ((p.signals = { 'dead-click': { within: '3s' }, 'cursor-thrash': { reversals: 12, minTravel: 30 }, hesitation: { field: '20s' }, 'js-error': { burst: 5 } }), p),
  // (A duration override out of its range is caught by the validator only: JSON Schema cannot compare durations.)
  'override out of range': (p) => ((p.signals = { 'cursor-thrash': { reversals: 100 } }), p),
  'unknown detector option': (p) => ((p.signals = { 'u-turn': { radius: 3 } }), p),
  'all, any, not, sequence, context, score': (p) => ((p.rules[0].when = {
    all: [
      { any: [{ signal: 'rage-click', target: '#pay' }, { event: 'net', method: 'POST', path: '/api/*', status: '5xx', count: 2, within: '1m' }] },
      { not: { event: 'track', name: 'paid', within: '30s' } },
      { sequence: [{ event: 'submit' }, { absent: { event: 'track', name: 'paid*' }, within: '20s' }], within: '2m' },
      { context: 'plan', in: ['pro', 'team'] },
      { context: 'seats', gte: 5, lte: 50 },
      { score: { gte: 0.7 } },
    ],
  }), p),
  'caps, groups, holdout, kill switch': (p) => (Object.assign(p, { groups: { billing: { perSession: 1, perDay: 2, cooldown: '1d' } }, holdout: 0.05, enabled: true, budget: { perSession: 2, perDay: 4, minGap: '90s' } }), Object.assign(p.rules[0], { cap: 2, cooldown: '1h', group: 'billing', enabled: false }), p),
  'two operators': (p) => ((p.rules[0].when = { all: [{ signal: 'rage-click' }], any: [{ signal: 'dead-click' }] }), p),
  'absence without window': (p) => ((p.rules[0].when = { sequence: [{ event: 'submit' }, { absent: { event: 'track' } }] }), p),
  'context with two tests': (p) => ((p.rules[0].when = { context: 'plan', is: 'pro', isNot: 'free' }), p),
  'score above 1': (p) => ((p.rules[0].when = { score: { gte: 2 } }), p),
  'unknown event': (p) => ((p.rules[0].when = { event: 'hover' }), p),
  'bad status class': (p) => ((p.rules[0].when = { event: 'net', status: '6xx' }), p),
  'holdout above a half': (p) => ((p.holdout = 0.75), p),
  'group with unknown limit': (p) => ((p.groups = { billing: { perWeek: 1 } }), p),
  'link actions': (p) => ((p.rules[0].solution.actions = [{ label: 't', href: '/help/pay' }, { label: 'b', href: 'https://example.com/x' }]), p),
  'script link': (p) => ((p.rules[0].solution.actions = [{ label: 't', href: 'javascript:alert(1)' }]), p),
  'protocol-relative link': (p) => ((p.rules[0].solution.actions = [{ label: 't', href: '//evil.example' }]), p),
  'every placement': (p) => ((p.rules[0].solution.placement = { outlet: 'help', anchor: '$target', side: 'top', after: '#orders', dock: 'end' }), p),
  'tip without title': (p) => ((p.rules[0].solution = { component: 'zc-tip', placement: { dock: 'end' }, content: { body: 'b' } }), p),
  'card without body': (p) => (delete p.rules[0].solution.content.body, p),
  'steps': (p) => ((p.rules[0].solution = { component: 'zc-steps', placement: { dock: 'start' }, content: { title: 't' }, steps: [{ text: 't', page: '/settings', target: '#x' }] }), p),
  'steps missing': (p) => ((p.rules[0].solution.component = 'zc-steps'), p),
  'picker then action': (p) => ((p.rules[0].solution = { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 't' }, source: 'orders', next: { component: 'zc-action', content: { title: 't' }, action: { host: 'refund', label: 't' } } }), p),
  'picker then picker': (p) => ((p.rules[0].solution = { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 't' }, source: 'orders', next: { component: 'zc-picker', content: { title: 't' }, source: 'x' } }), p),
  'section of another component': (p) => ((p.rules[0].solution.source = 'orders'), p),
  'upload both ways': (p) => ((p.rules[0].solution = { component: 'zc-upload', placement: { dock: 'end' }, content: { title: 't' }, upload: { via: 'send', endpoint: '/up' } }), p),
  'upload to an endpoint': (p) => ((p.rules[0].solution = { component: 'zc-upload', placement: { dock: 'end' }, content: { title: 't' }, upload: { endpoint: '/up', accept: ['pdf'], maxBytes: 1000 } }), p),
  'handoff': (p) => ((p.rules[0].solution = { component: 'zc-handoff', placement: { dock: 'end' }, content: { title: 't' }, handoff: { channel: 'ticket', endpoint: 'https://support.example/tickets' } }), p),
  'handoff without a way': (p) => ((p.rules[0].solution = { component: 'zc-handoff', placement: { dock: 'end' }, content: { title: 't' }, handoff: { channel: 'ticket' } }), p),
  'feedback reasons': (p) => ((p.rules[0].solution = { component: 'zc-feedback', placement: { dock: 'end' }, content: { title: 't' }, reasons: ['t', 'b'] }), p),
  'tip with reasons': (p) => ((p.rules[0].solution = { component: 'zc-tip', placement: { dock: 'end' }, content: { body: 'b' }, reasons: ['t'] }), p),
  'struggle weights': (p) => ((p.struggle = { window: '5m', bias: -3, weights: { 'rage-click': 2, idle: 0.2, backtracks: 0 } }), p),
  'struggle unknown feature': (p) => ((p.struggle = { weights: { rage: 1 } }), p),
  'struggle window too long': (p) => ((p.struggle = { window: '1h' }), p),
  'struggle weight too large': (p) => ((p.struggle = { weights: { errors: 11 } }), p),
  'help defaults per segment, a high-confidence rule': (p) => (Object.assign(p, { preferences: { help: 'stuck', segments: [{ when: { all: [{ context: 'tenure', lte: 30 }, { not: { context: 'plan', is: 'pro' } }] }, help: 'useful' }, { when: { context: 'optOut', is: true }, help: 'off' }] } }), (p.rules[0].confidence = 'high'), p),
  'help level out of its set': (p) => ((p.preferences = { help: 'always' }), p),
  'segment on a signal': (p) => ((p.preferences = { segments: [{ when: { any: [{ context: 'plan', is: 'pro' }, { signal: 'rage-click' }] }, help: 'off' }] }), p),
  'segment without a level': (p) => ((p.preferences = { segments: [{ when: { context: 'plan', is: 'pro' } }] }), p),
  'confidence out of its set': (p) => ((p.rules[0].confidence = 'certain'), p),
  // Flows. Their graph (a `start` or `to` naming no step, unreachable steps, loops without an
  // exit) and which outcomes each component reports are the validator's alone: a schema cannot
  // compare keys with values. test/pack/validate-flow.test.ts pins those errors.
  'flow: picker, branch on the record, remedy, hand-off': withFlow(() => undefined),
  'flow: a retry loop with an exit, kept a week': withFlow((f) => ((f.keep = '7d'), (f.steps.stop.on = [{ outcome: 'action-failed', to: 'stop' }, { outcome: 'action-succeeded', to: 'end' }, { outcome: 'unhelpful', to: 'agent' }]))),
  'flow: record tests under all, any and not': withFlow((f) => (f.steps.pick.on[0].when = { all: [{ any: [{ record: 'status', in: ['pending', 'paid'] }, { record: 'amount', gte: 10, lte: 500 }] }, { not: { record: 'id', isNot: 'o-1' } }] })),
  'flow: next inside a step': withFlow((f) => (f.steps.pick.next = { component: 'zc-card', content: { title: 't', body: 'b' } })),
  'flow: placement inside a step': withFlow((f) => (f.steps.refunded.placement = { dock: 'end' })),
  'flow: a step called "end"': withFlow((f) => ((f.steps.end = f.steps.refunded), delete f.steps.refunded)),
  'flow: a step id in capitals': withFlow((f) => ((f.steps.Agent = f.steps.agent), delete f.steps.agent, (f.steps.stop.on[1].to = 'Agent'))),
  'flow: 13 steps': withFlow((f) => Array.from({ length: 9 }, (_, i) => (f.steps[`more-${i}`] = f.steps.refunded))),
  'flow: no steps': withFlow((f) => (f.steps = {})),
  'flow: kept under a minute': withFlow((f) => (f.keep = '30s')),
  'flow: kept over a week': withFlow((f) => (f.keep = '8d')),
  'flow: unknown key': withFlow((f) => (f.begin = 'pick')),
  'flow: unknown outcome': withFlow((f) => (f.steps.stop.on[0].outcome = 'clicked')),
  'flow: record test with two tests': withFlow((f) => (f.steps.pick.on[0].when = { record: 'status', is: 'paid', isNot: 'refunded' })),
  'flow: unknown record operator': withFlow((f) => (f.steps.pick.on[0].when = { record: 'status', matches: 'ref*' })),
  'flow: transition without a destination': withFlow((f) => delete f.steps.stop.on[0].to),
  'flow: empty transitions': withFlow((f) => (f.steps.stop.on = [])),
  'flow without a placement': (p) => ((p.rules[0].solution = { flow: orderFlow() }), p),
  'flow beside a component': (p) => ((p.rules[0].solution = { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't', body: 'b' }, flow: orderFlow() }), p),
};

test('the JSON Schema and the runtime validator agree on every pack in the corpus', async () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  for (const [name, change] of Object.entries(variants)) {
    const pack = change(structuredClone(good));
    const errors = [];
    const code = await main(['validate', await file(pack)], () => undefined, (s) => errors.push(s));
    assert.equal(validate(pack), code === 0, `${name}: schema says ${validate(pack)}, validator says ${errors.join('; ') || 'ok'}`);
  }
});

test('zerocall validate: ok for a good pack, located errors and exit 1 for a bad one, usage and exit 2 otherwise', async () => {
  const bin = new URL('bin/zerocall.mjs', root).pathname;
  const ok = await run('node', [bin, 'validate', await file(good)]);
  assert.match(ok.stdout, /: ok \(1 rule, SDK 0\.1\.0\)/);
  const bad = structuredClone(good);
  bad.rules[0].when.within = 'soon';
  await assert.rejects(run('node', [bin, 'validate', await file(bad)]), (e) => {
    assert.equal(e.code, 1);
    assert.match(e.stderr, /pack\.json: \/rules\/0\/when\/within: expected a duration like "30s" \(ms, s, m, h or d\), got "soon"/);
    return true;
  });
  await assert.rejects(run('node', [bin, 'check']), (e) => e.code === 2 && /usage: zerocall validate/.test(e.stderr));
});

test('zerocall validate refuses a pack made for another SDK and names the file of unreadable input', async () => {
  const errors = [];
  assert.equal(await main(['validate', await file({ ...good, sdk: '^3' })], () => undefined, (s) => errors.push(s)), 1);
  assert.match(errors[0], /\/sdk: this pack needs SDK \^3, but this is SDK 0\.1\.0/);
  const notJson = join(await mkdtemp(join(tmpdir(), 'zc-')), 'x.json');
  await writeFile(notJson, '{ nope');
  errors.length = 0;
  assert.equal(await main(['validate', notJson], () => undefined, (s) => errors.push(s)), 1);
  assert.match(errors[0], /x\.json: not valid JSON/);
});

async function file(pack) {
  const path = join(await mkdtemp(join(tmpdir(), 'zc-')), 'pack.json');
  await writeFile(path, JSON.stringify(pack));
  return path;
}

test('the schema\'s detector section is generated from the catalogue and up to date', async () => {
  const { stdout } = await run('node', [new URL('scripts/schema-signals.mjs', root).pathname, '--check']);
  assert.match(stdout, /up to date/);
});
