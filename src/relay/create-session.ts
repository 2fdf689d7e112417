import { MAX_MESSAGE_BYTES, type SessionCreated } from '../agent/protocol.js';
import { bearer, readJson, sendJson } from './http-io.js';
import { rateLimited, Refusal } from './refusal.js';
import type { Handler } from './relay-context.js';
import { checkCreateSession, formatProblems } from './request-checks.js';

/** POST {base}/sessions: a page asks for a shared session and gets its key and pairing code. */
export const createSession: Handler = async (ctx, req, res) => {
  const token = bearer(req);
  if (token === undefined || !(await ctx.settings.verifyUser(token))) {
    throw new Refusal(401, 'unauthorized', token === undefined ? 'send the app token as "Authorization: Bearer <token>"' : 'the relay does not accept this app token; check the token the page is configured with');
  }
  const checked = checkCreateSession(await readJson(req, MAX_MESSAGE_BYTES));
  if ('problems' in checked) throw new Refusal(400, 'bad-request', formatProblems(checked.problems));
  const created = ctx.store.create(checked.user, ctx.settings.now());
  if (!created) throw rateLimited(60_000, 'every pairing code is taken by a session waiting to pair');
  const { session, key } = created;
  const body: SessionCreated = { session: session.id, key, code: session.code, codeExpires: session.codeExpires, expires: session.expires() };
  sendJson(res, 201, body);
};
