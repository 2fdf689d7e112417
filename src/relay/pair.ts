import { MAX_MESSAGE_BYTES, type Paired, spacedCode } from '../agent/protocol.js';
import { bearer, readJson, sendJson } from './http-io.js';
import { rateLimited, Refusal } from './refusal.js';
import type { Handler } from './relay-context.js';
import { checkPairRequest, formatProblems } from './request-checks.js';

/** POST {base}/pair: an agent console pairs with the code the user read out. */
export const pair: Handler = async (ctx, req, res) => {
  const { settings, store, throttle } = ctx;
  const token = bearer(req);
  if (token === undefined || !(await settings.verifyAgent(token))) {
    throw new Refusal(401, 'unauthorized', token === undefined ? 'send the agent token as "Authorization: Bearer <token>"' : 'the relay does not accept this agent token; check the token the console is configured with');
  }
  const now = settings.now();
  // Checked before the code is even read, so a throttled token learns nothing about any code.
  const wait = throttle.wait(token, now);
  if (wait > 0) throw rateLimited(wait, 'too many pairing attempts with codes that did not pair; check the code with the user');
  const checked = checkPairRequest(await readJson(req, MAX_MESSAGE_BYTES));
  if ('problems' in checked) throw new Refusal(400, 'bad-request', formatProblems(checked.problems));
  const { code, name } = checked;
  const outcome = store.pair(code, name, now);
  if (!outcome.ok) {
    if (throttle.failed(token, now)) settings.log('pairing throttled for an agent token after repeated codes that did not pair');
    const spaced = spacedCode(code);
    const minutes = Math.round(settings.codeTtl / 60_000);
    throw {
      unknown: new Refusal(404, 'unknown-code', `no session has the code ${spaced}; check the digits with the user`),
      expired: new Refusal(410, 'code-expired', `the code ${spaced} expired (a code pairs for ${minutes} min); ask the user for a new code`),
      used: new Refusal(409, 'already-paired', `the code ${spaced} was used already: a code pairs once; if this console paired, use the key it got then, else ask the user for a new code`),
      ended: new Refusal(410, 'session-ended', `the session with the code ${spaced} has ended; ask the user for a new code`),
    }[outcome.why];
  }
  const { session, key } = outcome;
  const body: Paired = { session: session.id, key, expires: session.expires(), user: session.user };
  sendJson(res, 200, body);
};
