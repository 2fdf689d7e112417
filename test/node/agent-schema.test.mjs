// Node-side tests: the published JSON Schema of the agent-push protocol (zc-agent/1) agrees with
// the relay's own check, `checkMessage` (src/agent/protocol.ts), on a corpus of what each side
// posts, both refuse a bad message at the same place, and every example in docs/agent-push.md
// is valid. Needs `npm run build` (dist/relay.mjs); ZC_PROTOCOL_MODULE may point at another
// build of protocol.ts (`npx esbuild src/agent/protocol.ts --bundle --format=esm --outfile=…`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';

const { checkMessage, PROTOCOL } = await import(process.env.ZC_PROTOCOL_MODULE ?? '../../dist/relay.mjs');

const root = new URL('../../', import.meta.url);
const read = async (path) => readFile(new URL(path, root), 'utf8');
const schema = JSON.parse(await read('schema/agent-push.schema.json'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
// PushMessage.solution and ContextMessage.rules refer into the pack schema by URI.
ajv.addSchema(JSON.parse(await read('schema/rule-pack.schema.json')));
ajv.addSchema(schema);
const validator = (pointer) => ajv.getSchema(`${schema.$id}#${pointer}`);

/** What each side may post, in the order of its union's `oneOf` in the schema. */
const POSTS = { agent: ['push', 'end'], user: ['context', 'signal', 'answer', 'end'] };
const UNION = { agent: '/$defs/AgentMessage', user: '/$defs/UserMessage' };

/** Where an ajv error is, as checkMessage would say it: a missing or unknown key is a place of its own. */
const place = (e) =>
  e.keyword === 'required' ? `${e.instancePath}/${e.params.missingProperty}` : e.keyword === 'additionalProperties' ? `${e.instancePath}/${e.params.additionalProperty}` : e.instancePath;
const under = (path, at) => path === at || path.startsWith(`${at}/`);
const schemaErrors = (validate, m) => (validate(m) ? [] : validate.errors.map(place));

/** The union's branch for the message's type, or the union itself when the type is wrong. */
function branchOf(role, m) {
  const i = m !== null && typeof m === 'object' && !Array.isArray(m) ? POSTS[role].indexOf(m.type) : -1;
  return i < 0 ? undefined : validator(`${UNION[role]}/oneOf/${i}`);
}

// ---- The corpus ----

const solution = { component: 'zc-card', placement: { dock: 'end' }, content: { title: 'agent.title', body: 'agent.body' } };
const strings = { en: { 'agent.title': 'Your refund for order 1182', 'agent.body': 'It was sent on **12 March**.' }, de: { 'agent.title': 'Ihre Erstattung' } };
const push = { type: 'push', id: 'p-1', rule: 'order-stuck' };
const inline = { type: 'push', id: 'p_2', solution, strings };
const sig = { signal: 'rage-click', t: 1767225600000, page: '/orders/1182', target: 'main > button.refund' };
const signal = { type: 'signal', ...sig };
const context = {
  type: 'context',
  page: '/orders/1182',
  pages: ['/', '/orders', '/orders/1182'],
  signals: [sig],
  pack: 'acme-pay@2026.11.0',
  locale: 'en',
  actions: ['requestRefund'],
  providers: ['orders'],
  rules: [{ id: 'order-stuck', component: 'zc-picker' }],
};
const answer = { type: 'answer', push: 'p-1', outcome: 'picked', record: { id: '1182', label: 'Order 1182 · 12 March · €42.00' } };
const without = (m, key) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== key));
const long = (n) => 'x'.repeat(n);

/** [name, message, the places checkMessage names (none: good)], per side that posts it. */
const corpus = {
  agent: [
    ['push by rule id', push, []],
    ['push of an inline solution with its strings', inline, []],
    ['push of an inline solution with the pack\'s strings', without(inline, 'strings'), []],
    ['push with an empty strings table', { ...inline, strings: { en: {} } }, []],
    ['push with an empty text', { ...inline, strings: { en: { 'agent.title': '' } } }, []],
    ['push with a text of 2000 characters', { ...inline, strings: { en: { 'agent.body': long(2000) } } }, []],
    ['push id of 64 characters', { ...push, id: long(64) }, []],
    ['rule id of 64 characters', { ...push, rule: long(64) }, []],
    ['end', { type: 'end' }, []],
    ['end, chosen', { type: 'end', reason: 'ended' }, []],
    ['end, expired', { type: 'end', reason: 'expired' }, []],

    ['an array', [], ['']],
    ['null', null, ['']],
    ['a string', 'push', ['']],
    ['no type', without(push, 'type'), ['/type']],
    ['a type only the user sends', { ...signal }, ['/type']],
    ['a type only the relay sends', { type: 'paired', name: 'Alex' }, ['/type']],
    ['an unknown type', { type: 'pull' }, ['/type']],
    ['push without id', without(push, 'id'), ['/id']],
    ['push id with a space', { ...push, id: 'p 1' }, ['/id']],
    ['push id of 65 characters', { ...push, id: long(65) }, ['/id']],
    ['push id a number', { ...push, id: 7 }, ['/id']],
    ['both rule and solution', { ...push, solution }, ['']],
    ['neither rule nor solution', without(push, 'rule'), ['']],
    ['empty rule id', { ...push, rule: '' }, ['/rule']],
    ['rule id of 65 characters', { ...push, rule: long(65) }, ['/rule']],
    ['rule id a number', { ...push, rule: 3 }, ['/rule']],
    ['rule id null', { ...push, rule: null }, ['/rule']],
    ['solution an array', { ...without(push, 'rule'), solution: [] }, ['/solution']],
    ['strings an array', { ...push, strings: [] }, ['/strings']],
    ['a locale\'s table a string', { ...inline, strings: { en: 'Your refund' } }, ['/strings/en']],
    ['a text a number', { ...inline, strings: { en: { 'agent.title': 1 } } }, ['/strings/en']],
    ['a text over 2000 characters', { ...inline, strings: { en: { 'agent.body': long(2001) } } }, ['/strings/en']],
    ['push with an unknown property', { ...push, priority: 90 }, ['/priority']],
    ['push with two problems', { ...push, id: 'p 1', when: 'now' }, ['/id', '/when']],
    ['end with who ended it (the relay sets that)', { type: 'end', by: 'agent' }, ['/by']],
    ['end with another reason', { type: 'end', reason: 'bored' }, ['/reason']],
  ],
  user: [
    ['context', context, []],
    ['context before anything happened', { ...context, pages: [], signals: [], actions: [], providers: [], rules: [] }, []],
    ['signal', signal, []],
    ['signal without target', without(signal, 'target'), []],
    ['answer shown', { type: 'answer', push: 'p-1', outcome: 'shown' }, []],
    ['answer picked, with the record', answer, []],
    ['answer at a step', { type: 'answer', push: 'p-1', outcome: 'completed', step: 0 }, []],
    ['answer unhelpful, with the reason', { type: 'answer', push: 'p-1', outcome: 'unhelpful', reason: 'reason.too-slow' }, []],
    ['answer refused, with located problems', { type: 'answer', push: 'p-2', outcome: 'refused', problems: [{ path: '/solution/action/host', message: 'no host action "refund" is registered' }] }, []],
    ['end', { type: 'end' }, []],
    ['end, chosen', { type: 'end', reason: 'ended' }, []],

    ['a number', 42, ['']],
    ['a push (only the agent pushes)', push, ['/type']],
    ['paired (only the relay sends it)', { type: 'paired' }, ['/type']],
    ['context without pack', without(context, 'pack'), ['/pack']],
    ['context without rules', without(context, 'rules'), ['/rules']],
    ['context with an empty page', { ...context, page: '' }, ['/page']],
    ['context with a page over 2000 characters', { ...context, page: `/${long(2000)}` }, ['/page']],
    ['context with pages a string', { ...context, pages: '/orders' }, ['/pages']],
    ['context with a pack tag over 200 characters', { ...context, pack: long(201) }, ['/pack']],
    ['context with a locale over 16 characters', { ...context, locale: long(17) }, ['/locale']],
    ['context with the user\'s name', { ...context, user: 'Ada' }, ['/user']],
    ['signal with a time in words', { ...signal, t: 'now' }, ['/t']],
    ['signal without time', without(signal, 't'), ['/t']],
    ['signal name over 64 characters', { ...signal, signal: long(65) }, ['/signal']],
    ['signal without page', without(signal, 'page'), ['/page']],
    ['signal with an empty target', { ...signal, target: '' }, ['/target']],
    ['signal carrying a value', { ...signal, value: '4111 1111 1111 1111' }, ['/value']],
    ['answer without push', without(answer, 'push'), ['/push']],
    ['answer to a push id with a slash', { ...answer, push: 'p/1' }, ['/push']],
    ['answer without outcome', without(answer, 'outcome'), ['/outcome']],
    ['answer held-out (never an agent\'s push)', { ...answer, outcome: 'held-out' }, ['/outcome']],
    ['record without label', { ...answer, record: { id: '1182' } }, ['/record']],
    ['record with an empty id', { ...answer, record: { id: '', label: 'Order 1182' } }, ['/record']],
    ['record label over 500 characters', { ...answer, record: { id: '1182', label: long(501) } }, ['/record']],
    ['record an array', { ...answer, record: ['1182', 'Order 1182'] }, ['/record']],
    ['step below 0', { ...answer, step: -1 }, ['/step']],
    ['step a fraction', { ...answer, step: 1.5 }, ['/step']],
    ['step a string', { ...answer, step: '2' }, ['/step']],
    ['problems not a list', { ...answer, outcome: 'refused', problems: 'bad' }, ['/problems']],
    ['a problem without message', { ...answer, outcome: 'refused', problems: [{ path: '/rule' }] }, ['/problems']],
    ['answer with two problems', { ...answer, outcome: 'gone', at: 3 }, ['/at', '/outcome']],
    ['end with who ended it (the relay sets that)', { type: 'end', by: 'user' }, ['/by']],
    ['a page path that is a number', { ...context, pages: [1] }, ['/pages/0']],
    ['a recent signal without time', { ...context, signals: [without(sig, 't')] }, ['/signals/0']],
    ['a rule of an unknown component', { ...context, rules: [{ id: 'order-stuck', component: 'zc-modal' }] }, ['/rules/0']],
    ['a record with more than id and label', { ...answer, record: { id: '1182', label: 'Order 1182', iban: 'DE89…' } }, ['/record']],
    ['a reason that is no string id', { type: 'answer', push: 'p-1', outcome: 'unhelpful', reason: 3 }, ['/reason']],
    ['a problem with more than path and message', { ...answer, outcome: 'refused', problems: [{ path: '', message: 'm', hint: 'h' }] }, ['/problems']],
  ],
};

for (const [role, cases] of Object.entries(corpus)) {
  test(`what the ${role} side posts: the schema and checkMessage agree, and name the same places`, () => {
    const union = validator(UNION[role]);
    for (const [name, m, expected] of cases) {
      const problems = checkMessage(role, m);
      const found = [...new Set(problems.map((p) => p.path))].sort();
      assert.deepEqual(found, expected, `${name}: checkMessage says ${JSON.stringify(problems)}`);
      const errors = schemaErrors(union, m);
      assert.equal(errors.length === 0, expected.length === 0, `${name}: the schema says ${JSON.stringify(union.errors)}`);
      if (expected.length === 0) continue;
      const branch = branchOf(role, m);
      if (!branch) {
        // The type is wrong or it is no object: every branch fails; one says so at the same place.
        assert.ok(errors.includes(expected[0]), `${name}: the schema names ${errors.join(', ')}, not ${expected[0]}`);
        continue;
      }
      const at = schemaErrors(branch, m);
      for (const path of at) assert.ok(expected.some((e) => under(path, e)), `${name}: the schema names ${path}, checkMessage only ${expected.join(', ')}`);
      for (const e of expected) assert.ok(at.some((path) => under(path, e)), `${name}: the schema names nothing at ${e} (${at.join(', ')})`);
    }
  });
}

test('the schema\'s unions list the types checkMessage lets each side post, in order', () => {
  for (const [role, types] of Object.entries(POSTS)) {
    const consts = schema.$defs[UNION[role].split('/').pop()].oneOf.map((b) => schema.$defs[b.$ref.split('/').pop()].properties.type.const);
    assert.deepEqual(consts, types, role);
    for (const type of ['push', 'end', 'paired', 'context', 'signal', 'answer', 'ping']) {
      const refused = checkMessage(role, { type }).some((p) => p.path === '/type');
      assert.equal(refused, !types.includes(type), `${role} posting ${type}`);
    }
  }
  assert.equal(schema.$defs.CreateSession.properties.protocol.const, PROTOCOL);
});

test('every outcome the schema lists is one checkMessage accepts', () => {
  for (const outcome of schema.$defs.AnswerMessage.properties.outcome.enum) {
    assert.deepEqual(checkMessage('user', { type: 'answer', push: 'p-1', outcome }), [], outcome);
  }
});

/**
 * Where the two differ by design or by what each can say: the schema follows the message types
 * of protocol.ts further than the relay's envelope check does, and counts string length in code
 * points where JavaScript counts UTF-16 units. [name, side, message, places checkMessage names,
 * places the schema names]. If checkMessage grows stricter, move the case into the corpus.
 */
const differences = [
  ['an inline solution the page would refuse (the relay passes it on)', 'agent', { ...inline, solution: { component: 'zc-card' } }, [], ['/solution']],
  ['a text of 1001 emoji (2002 UTF-16 units)', 'agent', { ...inline, strings: { en: { 'agent.body': '\u{1F600}'.repeat(1001) } } }, ['/strings/en'], []],
];

test('where the schema and checkMessage differ, they differ only as documented', () => {
  for (const [name, role, m, byCheck, bySchema] of differences) {
    assert.deepEqual(checkMessage(role, m).map((p) => p.path), byCheck, `${name}: checkMessage`);
    assert.equal(validator(UNION[role])(m), bySchema.length === 0, `${name}: the schema's verdict`);
    const at = [...new Set(schemaErrors(branchOf(role, m), m))];
    assert.ok(bySchema.every((e) => at.some((path) => under(path, e))) && at.every((path) => bySchema.some((e) => under(path, e))), `${name}: the schema names ${at.join(', ')}`);
  }
});

test('the HTTP bodies and the relay\'s own messages have the shapes the schema gives', () => {
  const cases = [
    ['CreateSession', { protocol: PROTOCOL, sdk: '0.1.0', pack: 'acme-pay@2026.11.0', locale: 'en' }, true],
    ['CreateSession', { protocol: 'zc-agent/2', sdk: '0.1.0' }, false],
    ['CreateSession', { protocol: PROTOCOL }, false],
    ['SessionCreated', { session: 'k3J9x0QmR2v7Lw8tY4pZ1a', key: 'uk_5b8f', code: '482913', codeExpires: 1767226200000, expires: 1767227400000 }, true],
    ['SessionCreated', { session: 'short', key: 'uk_5b8f', code: '482913', codeExpires: 1, expires: 2 }, false],
    ['SessionCreated', { session: 'k3J9x0QmR2v7Lw8tY4pZ1a', key: 'uk_5b8f', code: '482 913', codeExpires: 1, expires: 2 }, false],
    ['PairRequest', { code: '482913', name: 'Alex, Acme support' }, true],
    ['PairRequest', { code: '48291' }, false],
    ['PairRequest', { code: '482913', name: long(65) }, false],
    ['Paired', { session: 'k3J9x0QmR2v7Lw8tY4pZ1a', key: 'ak_9c1d', expires: 1767227400000, user: { sdk: '0.1.0', pack: 'acme-pay@2026.11.0', locale: 'en' } }, true],
    ['Paired', { session: 'k3J9x0QmR2v7Lw8tY4pZ1a', key: 'ak_9c1d', expires: 1767227400000, user: { sdk: '0.1.0', protocol: PROTOCOL } }, false],
    ['RelayError', { error: 'already-paired', message: 'an agent used this code already' }, true],
    ['RelayError', { error: 'teapot', message: 'no' }, false],
    ['ToUser', { type: 'paired', name: 'Alex, Acme support' }, true],
    ['ToUser', { type: 'end', by: 'agent', reason: 'ended' }, true],
    ['ToUser', { type: 'end', by: 'someone' }, false],
    ['ToUser', context, false],
    ['ToAgent', { type: 'end', by: 'relay', reason: 'expired' }, true],
    ['ToAgent', push, false],
  ];
  for (const [def, m, good] of cases) {
    const validate = validator(`/$defs/${def}`);
    assert.equal(validate(m), good, `${def} ${JSON.stringify(m).slice(0, 80)}: ${JSON.stringify(validate.errors)}`);
  }
});

test('every example in docs/agent-push.md is valid against the $defs entry its section links', async () => {
  const doc = await read('docs/agent-push.md');
  const pieces = doc.split('```json\n');
  const shown = new Set();
  for (let i = 1; i < pieces.length; i++) {
    const def = [...pieces[i - 1].matchAll(/\$defs\/(\w+)/g)].pop()?.[1];
    assert.ok(def, `example ${i} has no $defs link before it`);
    const example = JSON.parse(pieces[i].slice(0, pieces[i].indexOf('```')));
    const validate = validator(`/$defs/${def}`);
    assert.ok(validate(example), `example ${i} (${def}): ${JSON.stringify(validate.errors)}`);
    shown.add(def);
  }
  const messages = ['CreateSession', 'SessionCreated', 'PairRequest', 'Paired', 'RelayError', 'PushMessage', 'EndMessage', 'PairedMessage', 'ContextMessage', 'SignalMessage', 'AnswerMessage'];
  assert.deepEqual(messages.filter((m) => !shown.has(m)), [], 'messages without an example in the docs');
});
