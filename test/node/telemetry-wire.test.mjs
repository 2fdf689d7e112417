// Node-side tests of the telemetry wire: schema/telemetry.schema.json accepts every kind of
// record the SDK sends, names the path of what is wrong in what it must not send, and stays in
// step with the TypeScript types; src/transport/otlp.ts turns a batch into the exact OTLP/HTTP
// JSON body an OpenTelemetry Collector takes at /v1/logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { Ajv2020 } from 'ajv/dist/2020.js';

const root = new URL('../../', import.meta.url);
const source = (path) => readFile(new URL(path, root), 'utf8');
const schema = JSON.parse(await source('schema/telemetry.schema.json'));
// strict: a misspelt keyword in the schema fails here instead of being silently ignored (per-kind
// `required` names properties declared on the record, not in the `then` branch, hence strictRequired off).
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

const out = join(await mkdtemp(join(tmpdir(), 'zc-otlp-')), 'otlp.mjs');
await build({ entryPoints: [fileURLToPath(new URL('src/transport/otlp.ts', root))], bundle: true, format: 'esm', platform: 'neutral', outfile: out, logLevel: 'error' });
const { toOtlp } = await import(pathToFileURL(out).href);

const T = 1763999999120;
const base = { sid: 'c41', pack: 'acme-pay@2026.11.0' };
// One record of each kind, with the fields in the order src/runtime.ts builds them.
const records = {
  signal: { id: 'r1', ...base, kind: 'signal', t: T, page: '/checkout', signal: 'rage-click', evidence: { count: 3, first: T - 420, last: T }, target: 'main > button#pay' },
  decision: { id: 'r2', ...base, kind: 'decision', t: T + 1, page: '/checkout', rule: 'pay-stuck', signal: 'rage-click', heldOut: true },
  outcome: { id: 'r3', ...base, kind: 'outcome', t: T + 290, page: '/checkout', rule: 'pay-stuck', outcome: 'unhelpful', record: 'order-7', reason: 'why.slow', step: 0 },
  error: { id: 'r4', ...base, kind: 'error', t: T + 300, page: '/checkout', rule: 'pay-stuck', message: 'could not mount zc-card: anchor #pay is gone' },
  dropped: { id: 'r5', ...base, kind: 'dropped', t: T + 400, count: 12, reason: 'rejected', status: 413 },
  transition: { id: 'r6', ...base, kind: 'outcome', t: T + 500, page: '/orders/7', rule: 'order-stuck', outcome: 'transition', record: 'order-7', flowStep: 'pick', to: 'recheck' },
};
const batchOf = (...events) => ({ v: 1, batch: 'b-1', sdk: '0.1.0', sent: T + 880, events });
const every = () => structuredClone(batchOf(...Object.values(records)));

/** Ajv's errors as `path keyword (detail)` lines, for assertion messages. */
const explain = (errors) => (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${JSON.stringify(e.params)}`).join('\n');

test('the schema accepts a batch with every kind of record, and the example in docs/telemetry.md', async () => {
  assert.ok(validate(every()), explain(validate.errors));
  const doc = await source('docs/telemetry.md');
  const example = JSON.parse(doc.match(/```json\n([\s\S]*?)```/)[1]);
  assert.ok(validate(example), explain(validate.errors));
});

test('the schema accepts the optional fields and the smallest records of each kind', () => {
  const good = {
    'signal without page or target': { id: 'a', t: T, kind: 'signal', sid: 's', signal: 'dead-click', evidence: { count: 1, first: T, last: T } },
    'decision without signal': { id: 'a', t: T, kind: 'decision', sid: 's', rule: 'r' },
    'error without rule or pack': { id: 'a', t: T, kind: 'error', sid: 's', message: 'stopped after an internal error in engine: x' },
    'dropped, evicted, without status': { id: 'a', t: T, kind: 'dropped', sid: 's', count: 1, reason: 'evicted' },
    'dropped, too large': { id: 'a', t: T, kind: 'dropped', sid: 's', count: 2, reason: 'too-large' },
    'page with an allowlisted parameter and a hash route': { ...records.signal, page: '/orders?plan=pro#/7' },
  };
  for (const [name, record] of Object.entries(good)) {
    assert.ok(validate(batchOf(record)), `${name}:\n${explain(validate.errors)}`);
  }
  for (const outcome of schema.$defs.record.properties.outcome.enum) {
    assert.ok(validate(batchOf({ ...records.outcome, outcome })), `${outcome}:\n${explain(validate.errors)}`);
  }
  assert.ok(validate(batchOf()), 'a batch may be empty');
});

test('the schema rejects a bad batch and names the failing path', () => {
  // [what is wrong, change to a batch of every kind (events 0..5 = signal, decision, outcome, error, dropped, a flow's transition), path, keyword, detail]
  const bad = [
    ['signal without signal', (b) => delete b.events[0].signal, '/events/0', 'required', { missingProperty: 'signal' }],
    ['signal without evidence', (b) => delete b.events[0].evidence, '/events/0', 'required', { missingProperty: 'evidence' }],
    ['evidence without last', (b) => delete b.events[0].evidence.last, '/events/0/evidence', 'required', { missingProperty: 'last' }],
    ['evidence with an extra key', (b) => (b.events[0].evidence.x = 1), '/events/0/evidence', 'additionalProperties', { additionalProperty: 'x' }],
    ['decision without rule', (b) => delete b.events[1].rule, '/events/1', 'required', { missingProperty: 'rule' }],
    ['heldOut false', (b) => (b.events[1].heldOut = false), '/events/1/heldOut', 'const', { allowedValue: true }],
    ['outcome without rule', (b) => delete b.events[2].rule, '/events/2', 'required', { missingProperty: 'rule' }],
    ['outcome without outcome', (b) => delete b.events[2].outcome, '/events/2', 'required', { missingProperty: 'outcome' }],
    ['unknown outcome', (b) => (b.events[2].outcome = 'clicked'), '/events/2/outcome', 'enum', null],
    ['negative step', (b) => (b.events[2].step = -1), '/events/2/step', 'minimum', null],
    ['error without message', (b) => delete b.events[3].message, '/events/3', 'required', { missingProperty: 'message' }],
    ['dropped without count', (b) => delete b.events[4].count, '/events/4', 'required', { missingProperty: 'count' }],
    ['dropped without reason', (b) => delete b.events[4].reason, '/events/4', 'required', { missingProperty: 'reason' }],
    ['dropped count 0', (b) => (b.events[4].count = 0), '/events/4/count', 'minimum', null],
    ['dropped count not an integer', (b) => (b.events[4].count = 1.5), '/events/4/count', 'type', { type: 'integer' }],
    ['unknown dropped reason', (b) => (b.events[4].reason = 'lost'), '/events/4/reason', 'enum', null],
    ['status 5xx', (b) => (b.events[4].status = 503), '/events/4/status', 'maximum', null],
    ['unknown record field', (b) => (b.events[0].value = 'secret'), '/events/0', 'additionalProperties', { additionalProperty: 'value' }],
    ['record without id', (b) => delete b.events[2].id, '/events/2', 'required', { missingProperty: 'id' }],
    ['record without t', (b) => delete b.events[2].t, '/events/2', 'required', { missingProperty: 't' }],
    ['record without sid', (b) => delete b.events[2].sid, '/events/2', 'required', { missingProperty: 'sid' }],
    ['record without kind', (b) => delete b.events[2].kind, '/events/2', 'required', { missingProperty: 'kind' }],
    ['unknown kind', (b) => (b.events[2].kind = 'click'), '/events/2/kind', 'enum', null],
    ['t as a string', (b) => (b.events[2].t = String(T)), '/events/2/t', 'type', { type: 'integer' }],
    ['pack without a version', (b) => (b.events[2].pack = 'acme-pay'), '/events/2/pack', 'pattern', null],
    ['wire version 2', (b) => (b.v = 2), '/v', 'const', { allowedValue: 1 }],
    ['batch without sdk', (b) => delete b.sdk, '', 'required', { missingProperty: 'sdk' }],
    ['unknown batch field', (b) => (b.user = 'u'), '', 'additionalProperties', { additionalProperty: 'user' }],
  ];
  for (const [name, change, path, keyword, params] of bad) {
    const batch = every();
    change(batch);
    assert.equal(validate(batch), false, `${name}: accepted`);
    const hit = validate.errors.find((e) => e.instancePath === path && e.keyword === keyword);
    assert.ok(hit, `${name}: expected ${path || '/'} ${keyword}, got:\n${explain(validate.errors)}`);
    if (params) assert.deepEqual(hit.params, params, name);
  }
});

test('the schema lists exactly the fields, kinds and outcomes of the TypeScript types', async () => {
  const record = await source('src/transport/record.ts');
  const body = (name) => record.match(new RegExp(`interface ${name} \\{([\\s\\S]*?)\\n\\}`))[1];
  const fields = (name) => [...body(name).matchAll(/^\s*readonly (\w+)\??:/gm)].map((m) => m[1]).sort();
  const rec = schema.$defs.record;
  assert.deepEqual(Object.keys(rec.properties).sort(), fields('TelemetryRecord'));
  assert.deepEqual(Object.keys(schema.properties).sort(), fields('Batch'));
  const kinds = [...body('TelemetryRecord').match(/readonly kind: ([^;]+);/)[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  assert.deepEqual(rec.properties.kind.enum, kinds);
  assert.deepEqual(rec.allOf.map((c) => c.if.properties.kind.const).sort(), [...kinds].sort(), 'one if/then per kind');
  const types = await source('src/engine/types.ts');
  const outcomes = [...types.match(/export const OUTCOMES = \[([\s\S]*?)\]/)[1].matchAll(/'([\w-]+)'/g)].map((m) => m[1]);
  assert.deepEqual(rec.properties.outcome.enum, outcomes);
  for (const [name, property] of Object.entries({ ...schema.properties, ...rec.properties })) {
    assert.ok(property.description, `${name} has a description`);
  }
});

// Hand-written OTLP values: the expected body is spelt out, not computed by the code under test.
const str = (key, stringValue) => ({ key, value: { stringValue } });
const int = (key, intValue) => ({ key, value: { intValue } });
const bool = (key, boolValue) => ({ key, value: { boolValue } });

test('toOtlp: one resource, one scope, one log record per record of each kind, exactly', () => {
  const head = (id) => [str('log.record.uid', id), str('session.id', 'c41'), str('zc.pack', 'acme-pay@2026.11.0')];
  const expected = {
    resourceLogs: [
      {
        resource: {
          attributes: [
            str('service.name', 'zerocall'),
            str('telemetry.sdk.name', 'zerocall'),
            str('telemetry.sdk.language', 'webjs'),
            str('telemetry.sdk.version', '0.1.0'),
          ],
        },
        scopeLogs: [
          {
            scope: { name: 'zerocall', version: '0.1.0', attributes: [str('zc.batch', 'b-1'), int('zc.wire', '1')] },
            logRecords: [
              {
                timeUnixNano: '1763999999120000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 9,
                severityText: 'INFO',
                eventName: 'zerocall.signal',
                body: { stringValue: 'signal rage-click' },
                attributes: [
                  ...head('r1'),
                  str('url.path', '/checkout'),
                  str('zc.signal', 'rage-click'),
                  int('zc.evidence.count', '3'),
                  int('zc.evidence.first', '1763999998700'),
                  int('zc.evidence.last', '1763999999120'),
                  str('zc.target', 'main > button#pay'),
                ],
              },
              {
                timeUnixNano: '1763999999121000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 9,
                severityText: 'INFO',
                eventName: 'zerocall.decision',
                body: { stringValue: 'decision pay-stuck' },
                attributes: [...head('r2'), str('url.path', '/checkout'), str('zc.rule', 'pay-stuck'), str('zc.signal', 'rage-click'), bool('zc.heldOut', true)],
              },
              {
                timeUnixNano: '1763999999410000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 9,
                severityText: 'INFO',
                eventName: 'zerocall.outcome',
                body: { stringValue: 'outcome unhelpful' },
                attributes: [
                  ...head('r3'),
                  str('url.path', '/checkout'),
                  str('zc.rule', 'pay-stuck'),
                  str('zc.outcome', 'unhelpful'),
                  str('zc.record', 'order-7'),
                  str('zc.reason', 'why.slow'),
                  int('zc.step', '0'),
                ],
              },
              {
                timeUnixNano: '1763999999420000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 17,
                severityText: 'ERROR',
                eventName: 'zerocall.error',
                body: { stringValue: 'could not mount zc-card: anchor #pay is gone' },
                attributes: [...head('r4'), str('url.path', '/checkout'), str('zc.rule', 'pay-stuck'), str('zc.message', 'could not mount zc-card: anchor #pay is gone')],
              },
              {
                timeUnixNano: '1763999999520000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 13,
                severityText: 'WARN',
                eventName: 'zerocall.dropped',
                body: { stringValue: 'dropped 12 rejected' },
                attributes: [...head('r5'), int('zc.count', '12'), str('zc.reason', 'rejected'), int('zc.status', '413')],
              },
              {
                timeUnixNano: '1763999999620000000',
                observedTimeUnixNano: '1764000000000000000',
                severityNumber: 9,
                severityText: 'INFO',
                eventName: 'zerocall.outcome',
                body: { stringValue: 'outcome transition' },
                attributes: [
                  ...head('r6'),
                  str('url.path', '/orders/7'),
                  str('zc.rule', 'order-stuck'),
                  str('zc.outcome', 'transition'),
                  str('zc.record', 'order-7'),
                  str('zc.flowStep', 'pick'),
                  str('zc.to', 'recheck'),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const batch = every();
  assert.ok(validate(batch), explain(validate.errors));
  const otlp = toOtlp(batch);
  assert.deepStrictEqual(otlp, expected);
  // What is POSTed is the JSON text: nothing may be lost or changed by serialising it.
  assert.deepStrictEqual(JSON.parse(JSON.stringify(otlp)), expected);
  assert.deepStrictEqual(batch, every(), 'the batch is not modified');
});

test('toOtlp: nanosecond times are exact decimal strings, never floats', () => {
  const times = [T, 1, 999, 1e12, 4102444800000, 16725225600000];
  const otlp = toOtlp({ ...batchOf(...times.map((t, i) => ({ ...records.outcome, id: `r${i}`, t }))), sent: T });
  const logs = otlp.resourceLogs[0].scopeLogs[0].logRecords;
  assert.equal(logs[0].timeUnixNano, '1763999999120000000');
  assert.equal(logs.at(-1).timeUnixNano, '16725225600000000000', 'year 2500, still under 2^64 ns');
  logs.forEach((log, i) => {
    assert.equal(typeof log.timeUnixNano, 'string');
    assert.match(log.timeUnixNano, /^[1-9]\d*$/);
    assert.equal(BigInt(log.timeUnixNano), BigInt(times[i]) * 1000000n);
    assert.equal(log.observedTimeUnixNano, '1763999999120000000');
  });
});

test('toOtlp: absent fields are left out, keys are unique, other numbers are doubles', () => {
  // `...(x ? { target } : {})` and `page: e.page` can leave a key holding undefined.
  const otlp = toOtlp(batchOf({ ...records.error, page: undefined, rule: undefined }, { ...records.outcome, step: 1.5 }));
  const [error, outcome] = otlp.resourceLogs[0].scopeLogs[0].logRecords;
  assert.deepEqual(
    error.attributes.map((a) => a.key),
    ['log.record.uid', 'session.id', 'zc.pack', 'zc.message'],
  );
  assert.deepEqual(outcome.attributes.find((a) => a.key === 'zc.step').value, { doubleValue: 1.5 });
  for (const log of [error, outcome]) {
    const keys = log.attributes.map((a) => a.key);
    assert.equal(new Set(keys).size, keys.length, 'attribute keys MUST be unique (logs.proto)');
    for (const { value } of log.attributes) assert.equal(Object.keys(value).length, 1, 'one AnyValue member');
  }
});
