// The reference relay on loopback (dist/relay.mjs): how long a push takes from the agent's POST
// to the page's event stream, and an answer's way back, over paired sessions with both streams
// open. One push per session, as the relay allows an agent a burst of 10.
// Figures to compare across commits, never assertions. Needs `npm run build`.
import { performance } from 'node:perf_hooks';
import { startRelay, acceptTokens } from '../dist/relay.mjs';

const SESSIONS = Number(process.env.ZC_BENCH_SESSIONS) || 200;

/** An event-stream reader that resolves `next()` with each event's parsed data. */
async function stream(url, key) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`relay bench: ${url} answered ${res.status}: ${await res.text()}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const waiting = [];
  const events = [];
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ done: true }));
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer.slice(0, end).split('\n').find((l) => l.startsWith('data: '));
        buffer = buffer.slice(end + 2);
        if (data) (waiting.shift() ?? ((e) => events.push(e)))(JSON.parse(data.slice(6)));
      }
    }
  })();
  return { next: () => (events.length ? Promise.resolve(events.shift()) : new Promise((resolve) => waiting.push(resolve))), close: () => abort.abort() };
}

const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

export async function runRelay() {
  const relay = await startRelay({ port: 0, host: '127.0.0.1', verifyUser: acceptTokens(['u']), verifyAgent: acceptTokens(['a']), log: () => undefined });
  const post = async (path, bearer, body) => {
    const res = await fetch(relay.url + path, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`relay bench: POST ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  };
  const sessions = [];

  for (let i = 0; i < SESSIONS; i++) {
    const user = await post('/sessions', 'u', { protocol: 'zc-agent/1', sdk: '0.1.0', pack: 'bench@1', locale: 'en' });
    const agent = await post('/pair', 'a', { code: user.code, name: 'Bench' });
    const page = await stream(`${relay.url}/sessions/${user.session}/events`, user.key);
    const desk = await stream(`${relay.url}/sessions/${user.session}/events`, agent.key);
    await page.next(); // paired
    sessions.push({ user, agent, page, desk });
  }
  const pushes = [];
  const answers = [];
  for (const s of sessions) {
    let t = performance.now();
    await post(`/sessions/${s.user.session}/messages`, s.agent.key, { type: 'push', id: 'p1', rule: 'order-stuck' });
    await s.page.next();
    pushes.push(performance.now() - t);
    t = performance.now();
    await post(`/sessions/${s.user.session}/messages`, s.user.key, { type: 'answer', push: 'p1', outcome: 'shown' });
    await s.desk.next();
    answers.push(performance.now() - t);
  }
  for (const s of sessions) [s.page, s.desk].forEach((x) => x.close());
  await relay.close();
  const ms = (v) => +v.toFixed(2);
  return [
    { bench: 'relay', metric: 'push_to_page_ms_p50', value: ms(quantile(pushes, 0.5)), of: SESSIONS },
    { bench: 'relay', metric: 'push_to_page_ms_p99', value: ms(quantile(pushes, 0.99)), of: SESSIONS },
    { bench: 'relay', metric: 'answer_to_agent_ms_p50', value: ms(quantile(answers, 0.5)), of: SESSIONS },
    { bench: 'relay', metric: 'answer_to_agent_ms_p99', value: ms(quantile(answers, 0.99)), of: SESSIONS },
  ];
}
