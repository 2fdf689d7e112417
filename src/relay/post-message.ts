import { checkMessage, MAX_MESSAGE_BYTES, POSTS, type Role } from '../agent/protocol.js';
import { authorize } from './authorize.js';
import { readJson, sendJson } from './http-io.js';
import { rateLimited, Refusal } from './refusal.js';
import type { Handler } from './relay-context.js';
import { formatProblems } from './request-checks.js';

const OTHER: Readonly<Record<Role, Role>> = { user: 'agent', agent: 'user' };

/**
 * POST {base}/sessions/{id}/messages: one message for the other side (an `end` ends the session
 * for both). The user's messages wait in the agent's stream until an agent pairs and listens.
 */
export const postMessage: Handler = async (ctx, req, res, id) => {
  const { store, settings } = ctx;
  const now = settings.now();
  const { session, role } = authorize(store, req, id, now);
  const wait = session.buckets[role].take(now);
  if (wait > 0) throw rateLimited(wait, `the ${role} side posts too many messages (at most ${role === 'agent' ? '10 at once and 1' : '60 at once and 10'} a second)`);
  const message = await readJson(req, MAX_MESSAGE_BYTES);
  // The other side may have ended it while the body came in.
  if (session.ended) throw new Refusal(410, 'session-ended', 'the session ended while this message was sent; start a new one to share again');
  const problems = checkMessage(role, message);
  if (problems.length) {
    const type = (message as { type?: unknown }).type;
    if (problems[0]!.path === '/type' && typeof type === 'string') {
      throw new Refusal(403, 'forbidden', `the ${role} side may not send "${type}"; it may send ${POSTS[role].join(', ')}`);
    }
    throw new Refusal(400, 'bad-request', formatProblems(problems));
  }
  const { type } = message as { type: string };
  if (type === 'end') {
    const ids = store.end(session, { by: role, reason: 'ended', why: 'an end message' }, now);
    return sendJson(res, 202, { id: ids[OTHER[role]] });
  }
  session.lastUsed = now;
  sendJson(res, 202, { id: session.send(OTHER[role], type, JSON.stringify(message)) });
};
