// The reference agent-push relay (src/relay, docs/agent-relay.md) over real HTTP on loopback.
// Time-driven behaviour (code, idle and maximum age, rate limits) runs on an injected clock that
// the tests move, then call sweep(): no test sleeps. Needs dist/relay.mjs (`npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { acceptTokens, checkMessage, createRelay, PROTOCOL, startRelay } from '../../dist/relay.mjs';

const USER = 'app-token-acme';
const AGENT = 'agent-token-console-1';
const AGENT_2 = 'agent-token-console-2';
const MINUTE = 60_000;
const bin = new URL('../../bin/zerocall-relay.mjs', import.meta.url).pathname;

/** Opens an event stream; `next()` resolves with the next event (undefined once the stream ended). */
async function openStream(url, key, lastEventId) {
  const abort = new AbortController();
  const headers = { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(lastEventId !== undefined ? { 'last-event-id': String(lastEventId) } : {}) };
  const res = await fetch(url, { headers, signal: abort.signal });
  if (res.status !== 200) return { status: res.status, body: await res.json() };
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  /** Every block read so far, as written (comments and `retry:` included). */
  const blocks = [];
  const block = async () => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        blocks.push(text);
        return text;
      }
      const { value, done } = await reader.read();
      if (done) return undefined;
      buffer += value;
    }
  };
  return {
    status: 200,
    headers: res.headers,
    blocks,
    block,
    async next() {
      for (;;) {
        const text = await block();
        if (text === undefined) return undefined;
        const fields = Object.fromEntries(text.split('\n').filter((l) => !l.startsWith(':')).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
        if (fields.data !== undefined) return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) };
      }
    },
    close: () => abort.abort(),
  };
}

/** A relay on a free loopback port with a clock the test moves; closed after the test. */
async function setup(t, options = {}) {
  const clock = { now: Date.UTC(2026, 0, 5, 9) };
  const lines = [];
  const started = await startRelay({
    port: 0,
    host: '127.0.0.1',
    verifyUser: acceptTokens([USER]),
    // An async hook, as one that asks an identity service would be.
    verifyAgent: async (token) => acceptTokens([AGENT, AGENT_2])(token),
    now: () => clock.now,
    log: (line) => lines.push(line),
    ...options,
  });
  t.after(() => started.close());
  const call = async (method, path, bearer, body, headers = {}) => {
    const res = await fetch(started.url + path, {
      method,
      headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
  };
  const create = async () => {
    const res = await call('POST', '/sessions', USER, { protocol: PROTOCOL, sdk: '0.1.0', pack: 'acme-pay@3', locale: 'en' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const pair = (code, token = AGENT, name) => call('POST', '/pair', token, name === undefined ? { code } : { code, name });
  return {
    ...started,
    clock,
    lines,
    call,
    create,
    pair,
    /** A session with an agent paired: the page's and the agent's credentials. */
    async paired(name = 'Alex, Acme support') {
      const user = await create();
      const res = await pair(user.code, AGENT, name);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return { user, agent: res.body };
    },
    post: (session, key, message) => call('POST', `/sessions/${session}/messages`, key, message),
    listen: (session, key, lastEventId) => openStream(`${started.url}/sessions/${session}/events`, key, lastEventId),
    advance(ms) {
      clock.now += ms;
    },
  };
}

const context = { type: 'context', page: '/pay', pages: ['/', '/pay'], signals: [{ signal: 'rage-click', t: 1, page: '/pay', target: 'form > button' }], pack: 'acme-pay@3', locale: 'en', actions: ['refund'], providers: ['orders'], rules: [{ id: 'pay-limit', component: 'zc-steps' }] };
const push = (id = 'p1') => ({ type: 'push', id, rule: 'pay-limit' });
const answer = (id = 'p1', outcome = 'shown') => ({ type: 'answer', push: id, outcome });
/** A code that is not `code`. */
const otherCode = (code) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const spaced = (code) => `${code.slice(0, 3)} ${code.slice(3)}`;

test('the entry exports the relay and the protocol it speaks', async () => {
  const entry = await import('../../dist/relay.mjs');
  assert.deepEqual(Object.keys(entry).sort(), ['PROTOCOL', 'acceptTokens', 'checkMessage', 'createRelay', 'startRelay']);
  assert.equal(PROTOCOL, 'zc-agent/1');
  assert.deepEqual(checkMessage('agent', push()), []);
});

test('create, pair, push reaches the page, the answer reaches the agent', async (t) => {
  const r = await setup(t);
  const user = await r.create();
  assert.match(user.session, /^[A-Za-z0-9_-]{22}$/);
  assert.match(user.key, /^[A-Za-z0-9_-]{43}$/);
  assert.match(user.code, /^\d{6}$/);
  assert.equal(user.codeExpires, r.clock.now + 10 * MINUTE);
  assert.equal(user.expires, r.clock.now + 30 * MINUTE);

  const page = await r.listen(user.session, user.key);
  assert.equal(page.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.equal(page.headers.get('x-accel-buffering'), 'no');
  assert.equal(await page.block(), 'retry: 1000');

  // Sent before any agent paired: waits for the agent.
  const early = await r.post(user.session, user.key, context);
  assert.deepEqual([early.status, early.body], [202, { id: 1 }]);
  assert.deepEqual((await r.post(user.session, user.key, { type: 'signal', signal: 'rage-click', t: 2, page: '/pay' })).body, { id: 2 });

  r.advance(MINUTE);
  const paired = await r.pair(user.code, AGENT, 'Alex, Acme support');
  assert.equal(paired.status, 200);
  assert.equal(paired.body.session, user.session);
  assert.match(paired.body.key, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(paired.body.key, user.key);
  assert.equal(paired.body.expires, r.clock.now + 30 * MINUTE);
  assert.deepEqual(paired.body.user, { sdk: '0.1.0', pack: 'acme-pay@3', locale: 'en' });
  assert.deepEqual(await page.next(), { id: 1, event: 'paired', data: { type: 'paired', name: 'Alex, Acme support' } });

  const agent = await r.listen(user.session, paired.body.key);
  assert.deepEqual(await agent.next(), { id: 1, event: 'context', data: context });
  assert.deepEqual((await agent.next()).data.type, 'signal');

  assert.deepEqual((await r.post(user.session, paired.body.key, push())).body, { id: 2 });
  assert.deepEqual(await page.next(), { id: 2, event: 'push', data: push() });
  assert.deepEqual((await r.post(user.session, user.key, answer())).body, { id: 3 });
  await r.post(user.session, user.key, answer('p1', 'engaged'));
  assert.deepEqual(await agent.next(), { id: 3, event: 'answer', data: answer() });
  assert.deepEqual((await agent.next()).data, answer('p1', 'engaged'));

  // A second tab of the page: the kept events, then everything live, like the first.
  const tab = await r.listen(user.session, user.key);
  assert.deepEqual([(await tab.next()).event, (await tab.next()).event], ['paired', 'push']);
  await r.post(user.session, paired.body.key, push('p2'));
  assert.deepEqual([(await page.next()).data.id, (await tab.next()).data.id], ['p2', 'p2']);

  const short = user.session.slice(0, 6);
  assert.deepEqual(r.lines, [`session ${short}… created (sdk 0.1.0, pack acme-pay@3)`, `session ${short}… paired`]);
  for (const secret of [USER, AGENT, user.key, paired.body.key, user.code]) assert.ok(!r.lines.some((l) => l.includes(secret)), 'no secret in the log');
  for (const s of [page, agent, tab]) s.close();
});

test('pairing: a wrong code 404 saying what to do, a used one 409, a spaced one pairs, a malformed one 400', async (t) => {
  const r = await setup(t);
  const user = await r.create();
  const wrong = otherCode(user.code);
  assert.deepEqual((await r.pair(wrong)).body, { error: 'unknown-code', message: `no session has the code ${spaced(wrong)}; check the digits with the user` });
  assert.equal((await r.pair(wrong)).status, 404);
  assert.deepEqual((await r.pair('48291')).body, { error: 'bad-request', message: '/code: expected the 6 digits the user reads out, such as "482913"' });
  assert.equal((await r.call('POST', '/pair', AGENT, { code: user.code, name: 'x'.repeat(65) })).status, 400);

  const page = await r.listen(user.session, user.key);
  assert.equal((await r.pair(spaced(user.code))).status, 200);
  assert.deepEqual((await page.next()).data, { type: 'paired' });

  const again = await r.pair(user.code, AGENT_2);
  assert.equal(again.status, 409);
  assert.equal(again.body.error, 'already-paired');
  assert.match(again.body.message, /was used already: a code pairs once/);
  page.close();
});

test('an expired code: 410 code-expired, and the page hears the session end', async (t) => {
  const r = await setup(t);
  const user = await r.create();
  const page = await r.listen(user.session, user.key);
  r.advance(10 * MINUTE + 1);
  const res = await r.pair(user.code);
  assert.equal(res.status, 410);
  assert.deepEqual(res.body, { error: 'code-expired', message: `the code ${spaced(user.code)} expired (a code pairs for 10 min); ask the user for a new code` });
  assert.deepEqual(await page.next(), { id: 1, event: 'end', data: { type: 'end', by: 'relay', reason: 'expired' } });
  assert.equal(await page.next(), undefined, 'the stream is closed');
  assert.equal((await r.pair(user.code)).status, 410, 'the code still says it expired');
  const late = await r.post(user.session, user.key, context);
  assert.deepEqual([late.status, late.body.error], [410, 'session-ended']);
  assert.match(r.lines.at(-1), /^session .{6}… expired \(no agent paired in 10 min\)$/);
});

test('isolation: a key reaches its own session only', async (t) => {
  const r = await setup(t);
  const a = await r.paired('Alex');
  const b = await r.paired('Bo');
  const bPage = await r.listen(b.user.session, b.user.key);
  const bAgent = await r.listen(b.user.session, b.agent.key);
  assert.deepEqual((await bPage.next()).data, { type: 'paired', name: 'Bo' });

  for (const key of [a.agent.key, a.user.key]) {
    const stream = await r.listen(b.user.session, key);
    assert.deepEqual(stream, { status: 403, body: { error: 'forbidden', message: 'this key belongs to another session: a key reaches only the session it was issued for' } });
    assert.equal((await r.post(b.user.session, key, key === a.agent.key ? push('intruder') : answer('intruder'))).status, 403);
    assert.equal((await r.call('DELETE', `/sessions/${b.user.session}`, key)).status, 403);
  }
  // A's own traffic flows, and none of it reaches B.
  assert.equal((await r.post(a.user.session, a.agent.key, push('for-a'))).status, 202);
  assert.equal((await r.post(a.user.session, a.user.key, answer('for-a'))).status, 202);
  await r.post(b.user.session, b.agent.key, push('for-b'));
  await r.post(b.user.session, b.user.key, answer('for-b'));
  assert.deepEqual(await bPage.next(), { id: 2, event: 'push', data: push('for-b') });
  assert.deepEqual(await bAgent.next(), { id: 1, event: 'answer', data: answer('for-b') });
  bPage.close();
  bAgent.close();
});

test('401 for no key, an unknown key, and tokens the hooks refuse', async (t) => {
  const r = await setup(t);
  const { user } = await r.paired();
  const unknown = await r.listen(user.session, 'not-a-key-the-relay-issued');
  assert.equal(unknown.status, 401);
  assert.equal(unknown.body.error, 'unauthorized');
  assert.match(unknown.body.message, /does not know this key/);
  assert.equal((await r.listen(user.session)).status, 401);
  assert.equal((await r.post(user.session, undefined, context)).status, 401);
  assert.deepEqual((await r.call('POST', '/sessions', 'wrong', { protocol: PROTOCOL, sdk: '0.1.0' })).body, { error: 'unauthorized', message: 'the relay does not accept this app token; check the token the page is configured with' });
  assert.equal((await r.call('POST', '/sessions', AGENT, { protocol: PROTOCOL, sdk: '0.1.0' })).status, 401, 'an agent token is no app token');
  assert.equal((await r.pair(user.code, USER)).status, 401, 'an app token is no agent token');
  assert.equal((await r.pair(user.code, user.key)).status, 401, 'a session key is no agent token');
});

test('403 for a type the side may not send; 400 naming the pointer; 413 over the limit', async (t) => {
  const r = await setup(t);
  const { user, agent } = await r.paired();
  assert.deepEqual((await r.post(user.session, agent.key, context)).body, { error: 'forbidden', message: 'the agent side may not send "context"; it may send push, end' });
  assert.equal((await r.post(user.session, user.key, push())).status, 403);
  assert.equal((await r.post(user.session, user.key, { type: 'paired' })).status, 403, 'only the relay sends paired');

  assert.deepEqual((await r.post(user.session, agent.key, { type: 'push', id: 'no spaces', rule: 'pay-limit' })).body, { error: 'bad-request', message: '/id: expected 1 to 64 letters, digits, "_" or "-"' });
  assert.match((await r.post(user.session, agent.key, { type: 'push', id: 'p1' })).body.message, /^\(the whole body\): needs exactly one of "rule"/);
  assert.equal((await r.post(user.session, user.key, { type: 42 })).status, 400);
  const bad = await r.post(user.session, user.key, '{"type": "answer",');
  assert.deepEqual([bad.status, bad.body.error], [400, 'bad-request']);
  assert.match(bad.body.message, /^the body is not JSON/);
  const old = await r.call('POST', '/sessions', USER, { protocol: 'zc-agent/0', sdk: '0.1.0', extra: 1 });
  assert.equal(old.body.message, '/extra: unknown property; expected one of protocol, sdk, pack, locale; /protocol: expected "zc-agent/1" (this relay speaks that version only), got "zc-agent/0"');

  assert.equal((await r.call('POST', '/sessions', USER, { protocol: PROTOCOL, sdk: '0.1.0\nsession x… ended by agent' })).status, 201);
  assert.match(r.lines.at(-1), /^session .{6}… created \(sdk 0\.1\.0\?session x… ended by agent\)$/, 'no forged log line');

  const big = await r.post(user.session, agent.key, { type: 'push', id: 'big', rule: 'x', strings: { en: { t: 'x'.repeat(70_000) } } });
  assert.deepEqual([big.status, big.body.error], [413, 'too-large']);
  // Without a Content-Length: the relay stops reading at the limit, answers, closes the connection.
  const chunked = await new Promise((resolve, reject) => {
    const url = new URL(`${r.url}/sessions/${user.session}/messages`);
    const req = request(url, { method: 'POST', headers: { authorization: `Bearer ${agent.key}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, connection: res.headers.connection, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.write(`{"type":"push","id":"big","rule":"${'x'.repeat(40_000)}`);
    req.write('x'.repeat(40_000));
    // The rest is never sent: the relay must answer before the body ends.
  });
  assert.deepEqual([chunked.status, chunked.connection, chunked.body.error], [413, 'close', 'too-large']);
});

test('Last-Event-ID resumes after the last event seen; the replay buffer keeps the last events', async (t) => {
  const r = await setup(t, { replay: 4 });
  const { user, agent } = await r.paired();
  for (const id of ['p1', 'p2', 'p3']) await r.post(user.session, agent.key, push(id));
  const resumed = await r.listen(user.session, user.key, 2);
  assert.deepEqual([await resumed.next(), await resumed.next()], [
    { id: 3, event: 'push', data: push('p2') },
    { id: 4, event: 'push', data: push('p3') },
  ]);
  await r.post(user.session, agent.key, push('p4'));
  assert.deepEqual(await resumed.next(), { id: 5, event: 'push', data: push('p4') });
  assert.deepEqual(resumed.blocks.slice(0, 2), ['retry: 1000', `id: 3\nevent: push\ndata: ${JSON.stringify(push('p2'))}`]);

  // Five events were sent, four are kept: a fresh stream starts at the oldest kept.
  const fresh = await r.listen(user.session, user.key);
  assert.deepEqual((await fresh.next()).id, 2);
  resumed.close();
  fresh.close();
});

test('the replay buffer holds at most 1 MiB per stream, whatever replay says', async (t) => {
  const r = await setup(t);
  const user = await r.create();
  const large = { ...context, pages: Array.from({ length: 30 }, (_, i) => `/${i}/${'x'.repeat(1990)}`) };
  for (let i = 0; i < 20; i++) assert.equal((await r.post(user.session, user.key, large)).status, 202);
  await r.post(user.session, user.key, { type: 'signal', signal: 'marker', t: 1, page: '/' });
  const { body: agent } = await r.pair(user.code);
  const stream = await r.listen(user.session, agent.key);
  const ids = [];
  for (let e = await stream.next(); e.event !== 'signal'; e = await stream.next()) ids.push(e.id);
  assert.ok(ids.length >= 15 && ids.length < 20, `kept ${ids.length} of 20 large events`);
  assert.deepEqual(ids, Array.from({ length: ids.length }, (_, i) => 21 - ids.length + i), 'the newest ones, in order');
  stream.close();
});

test('idle expiry ends open streams (by the relay) and later requests get 410; any message moves it on', async (t) => {
  const r = await setup(t);
  const { user, agent } = await r.paired();
  r.advance(20 * MINUTE);
  await r.post(user.session, user.key, context);
  r.advance(20 * MINUTE);
  r.relay.sweep();
  const page = await r.listen(user.session, user.key);
  const console_ = await r.listen(user.session, agent.key);
  assert.equal((await page.next()).event, 'paired', 'alive: the message 20 min ago moved the expiry on');
  assert.equal((await console_.next()).event, 'context');

  r.advance(30 * MINUTE + 1);
  r.relay.sweep();
  const expired = { event: 'end', data: { type: 'end', by: 'relay', reason: 'expired' } };
  assert.deepEqual(await page.next(), { id: 2, ...expired });
  assert.deepEqual(await console_.next(), { id: 2, ...expired });
  assert.equal(await page.next(), undefined);
  assert.equal(await console_.next(), undefined);
  const late = await r.post(user.session, agent.key, push());
  assert.equal(late.status, 410);
  assert.deepEqual(late.body, { error: 'session-ended', message: 'the session expired (no message in 30 min); start a new one to share again' });
  assert.equal((await r.listen(user.session, user.key)).status, 410);
  assert.match(r.lines.at(-1), /expired \(no message in 30 min\)$/);

  // Without a sweep too: a request finds the session past its maximum age.
  const old = await r.paired();
  for (let i = 0; i < 8; i++) {
    r.advance(29 * MINUTE);
    assert.equal((await r.post(old.user.session, old.user.key, context)).status, 202);
  }
  r.advance(29 * MINUTE);
  assert.equal((await r.post(old.user.session, old.user.key, context)).status, 410, 'past 4 h');

  // An hour later the tombstone is gone and the key is unknown.
  r.advance(61 * MINUTE);
  r.relay.sweep();
  assert.equal((await r.post(user.session, agent.key, push())).status, 401);
});

test('an end from the user reaches the agent and closes both; DELETE ends it the same way', async (t) => {
  const r = await setup(t);
  const { user, agent } = await r.paired();
  const page = await r.listen(user.session, user.key);
  const console_ = await r.listen(user.session, agent.key);
  await page.next();
  assert.deepEqual((await r.post(user.session, user.key, { type: 'end' })).body, { id: 1 });
  assert.deepEqual(await console_.next(), { id: 1, event: 'end', data: { type: 'end', by: 'user', reason: 'ended' } });
  assert.deepEqual(await page.next(), { id: 2, event: 'end', data: { type: 'end', by: 'user', reason: 'ended' } });
  assert.equal(await console_.next(), undefined);
  assert.equal(await page.next(), undefined);
  const after = await r.post(user.session, agent.key, push());
  assert.deepEqual(after.body, { error: 'session-ended', message: 'the session was ended by the other side; start a new one to share again' });
  assert.equal(after.status, 410);
  assert.equal((await r.listen(user.session, user.key)).status, 410);
  assert.equal((await r.call('DELETE', `/sessions/${user.session}`, user.key)).status, 410);

  const other = await r.paired();
  const otherPage = await r.listen(other.user.session, other.user.key);
  await otherPage.next();
  assert.equal((await r.call('DELETE', `/sessions/${other.user.session}`, other.agent.key)).status, 204);
  assert.deepEqual((await otherPage.next()).data, { type: 'end', by: 'agent', reason: 'ended' });
  assert.equal(await otherPage.next(), undefined);
  assert.deepEqual(r.lines.filter((l) => l.includes('ended')).map((l) => l.replace(/^session .{6}… /, '')), ['ended by user (an end message)', 'ended by agent (DELETE)']);
});

test('rate limits: 429 with Retry-After per session and side', async (t) => {
  const r = await setup(t);
  const { user, agent } = await r.paired();
  for (let i = 0; i < 10; i++) assert.equal((await r.post(user.session, agent.key, push(`p${i}`))).status, 202);
  const limited = await r.post(user.session, agent.key, push('p10'));
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '1');
  assert.deepEqual(limited.body, { error: 'rate-limited', message: 'the agent side posts too many messages (at most 10 at once and 1 a second); try again in 1 s' });
  assert.equal((await r.post(user.session, user.key, answer())).status, 202, 'the other side has its own bucket');
  r.advance(1000);
  assert.equal((await r.post(user.session, agent.key, push('p10'))).status, 202);
  assert.equal((await r.post(user.session, agent.key, push('p11'))).status, 429);

  for (let i = 0; i < 60; i++) assert.equal((await r.post(user.session, user.key, answer())).status, 202);
  assert.equal((await r.post(user.session, user.key, answer())).status, 429);
  r.advance(100);
  assert.equal((await r.post(user.session, user.key, answer())).status, 202);
});

test('pairing attempts with wrong codes are throttled per agent token', async (t) => {
  const r = await setup(t);
  const user = await r.create();
  const wrong = otherCode(user.code);
  for (let i = 0; i < 10; i++) assert.equal((await r.pair(wrong)).status, 404);
  const throttled = await r.pair(user.code);
  assert.equal(throttled.status, 429, 'even the right code: a throttled token learns nothing');
  assert.equal(throttled.headers.get('retry-after'), '6');
  assert.equal(throttled.body.error, 'rate-limited');
  assert.match(throttled.body.message, /too many pairing attempts with codes that did not pair; check the code with the user; try again in 6 s/);
  assert.ok(r.lines.includes('pairing throttled for an agent token after repeated codes that did not pair'));

  r.advance(6000);
  assert.equal((await r.pair(wrong)).status, 404, 'one more try after 6 s');
  assert.equal((await r.pair(user.code)).status, 429);
  assert.equal((await r.pair(user.code, AGENT_2)).status, 200, 'other consoles are not held back');
});

test('CORS: preflights answered for allowed origins only', async (t) => {
  const r = await setup(t, { allowOrigins: ['https://shop.example', 'https://console.example:8443'] });
  const preflight = (origin) => r.call('OPTIONS', '/sessions/abc/events', undefined, undefined, { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization, last-event-id' });
  const ok = await preflight('https://console.example:8443');
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get('access-control-allow-origin'), 'https://console.example:8443');
  assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, POST, DELETE, OPTIONS');
  assert.equal(ok.headers.get('access-control-allow-headers'), 'authorization, content-type, last-event-id');
  assert.equal(ok.headers.get('access-control-max-age'), '600');
  assert.equal(ok.headers.get('access-control-allow-credentials'), null);

  const other = await preflight('https://evil.example');
  assert.equal(other.status, 403);
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  assert.equal(other.body.error, 'forbidden');

  const created = await r.call('POST', '/sessions', USER, { protocol: PROTOCOL, sdk: '0.1.0' }, { origin: 'https://shop.example' });
  assert.equal(created.headers.get('access-control-allow-origin'), 'https://shop.example');
  assert.equal(created.headers.get('access-control-expose-headers'), 'retry-after');
  assert.match(created.headers.get('vary'), /origin/);
  const foreign = await r.call('POST', '/sessions', USER, { protocol: PROTOCOL, sdk: '0.1.0' }, { origin: 'https://evil.example' });
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);

  const any = await setup(t, { allowOrigins: ['*'] });
  assert.equal((await any.call('OPTIONS', '/pair', undefined, undefined, { origin: 'https://any.example' })).headers.get('access-control-allow-origin'), '*');
  const none = await setup(t);
  assert.equal((await none.call('OPTIONS', '/sessions')).status, 204, 'a health check without an origin');
  assert.equal((await none.call('OPTIONS', '/pair', undefined, undefined, { origin: 'https://shop.example' })).headers.get('access-control-allow-origin'), null);
});

test('handle() takes only paths under base, so the relay can sit in another server', async (t) => {
  const relay = createRelay({ verifyUser: () => true, verifyAgent: () => false, base: '/support/relay/' });
  t.after(() => relay.close());
  // Untouched: any use of res would throw.
  assert.equal(relay.handle({ url: '/support/relayed', method: 'GET', headers: {} }, {}), false);
  assert.equal(relay.handle({ url: '/', method: 'POST', headers: {} }, {}), false);

  const server = createServer((req, res) => {
    if (!relay.handle(req, res)) res.writeHead(200, { 'content-type': 'text/plain' }).end('the host app');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const origin = `http://127.0.0.1:${server.address().port}`;
  assert.equal(await (await fetch(`${origin}/support/relay-docs`)).text(), 'the host app');
  const created = await fetch(`${origin}/support/relay/sessions?x=1`, { method: 'POST', headers: { authorization: 'Bearer anything' }, body: JSON.stringify({ protocol: PROTOCOL, sdk: '1' }) });
  assert.equal(created.status, 201);
  const lost = await fetch(`${origin}/support/relay/session`);
  assert.deepEqual([lost.status, (await lost.json()).error], [404, 'not-found']);
  const wrongMethod = await fetch(`${origin}/support/relay/pair`);
  assert.deepEqual([wrongMethod.status, wrongMethod.headers.get('allow')], [405, 'POST']);
});

test('keep-alive comments on open streams; close() ends every session', async (t) => {
  const r = await setup(t, { keepAlive: 20 });
  const { user } = await r.paired();
  const page = await r.listen(user.session, user.key);
  await page.next();
  assert.equal(await page.block(), ': keep-alive');
  r.relay.close();
  assert.deepEqual((await page.next()).data, { type: 'end', by: 'relay', reason: 'ended' });
  assert.equal(await page.next(), undefined);
});

test('createRelay says what is wrong with its options', () => {
  assert.throws(() => createRelay({ verifyUser: () => true }), { name: 'TypeError', message: /^createRelay: verifyAgent is required/ });
  assert.throws(() => createRelay({ verifyUser: () => true, verifyAgent: () => true, allowOrigins: ['https://shop.example/'] }), { message: /"https:\/\/shop.example\/", which is not an origin; .* e\.g\. https:\/\/shop\.example/ });
  assert.throws(() => createRelay({ verifyUser: () => true, verifyAgent: () => true, idleTtl: -1 }), { message: /idleTtl must be a number/ });
});

test('bin/zerocall-relay.mjs: usage, refuses without agent tokens, runs and stops on SIGTERM', async () => {
  const run = promisify(execFile);
  const help = await run(process.execPath, [bin, '--help']);
  assert.match(help.stdout, /^usage: zerocall-relay/);
  const missing = await run(process.execPath, [bin], { env: { PATH: process.env.PATH } }).catch((error) => error);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^zerocall-relay: no agent tokens: set ZC_RELAY_AGENT_TOKENS/);

  const child = spawn(process.execPath, [bin, '--port', '0', '--allow-origin', 'https://shop.example'], { env: { PATH: process.env.PATH, ZC_RELAY_USER_TOKENS: USER, ZC_RELAY_AGENT_TOKENS: `${AGENT}, ${AGENT_2}` } });
  let out = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (s) => {
      out += s;
      const m = /listening on (http:\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', () => reject(new Error(`exited early: ${out}`)));
  });
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/zc\/v1$/);
  const res = await fetch(`${url}/sessions`, { method: 'POST', headers: { authorization: `Bearer ${USER}` }, body: JSON.stringify({ protocol: PROTOCOL, sdk: '0.1.0' }) });
  assert.equal(res.status, 201);
  const { code } = await res.json();
  assert.equal((await fetch(`${url}/pair`, { method: 'POST', headers: { authorization: `Bearer ${AGENT_2}` }, body: JSON.stringify({ code }) })).status, 200);
  child.kill('SIGTERM');
  const [exitCode] = await once(child, 'exit');
  assert.equal(exitCode, 0);
  assert.match(out, /Z session .{6}… created \(sdk 0\.1\.0\)\n/);
  assert.ok(!out.includes(code) && !out.includes(USER), 'no code or token in the output');
});
