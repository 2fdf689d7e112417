import type { IncomingMessage } from 'node:http';
import type { Role } from '../agent/protocol.js';
import { bearer } from './http-io.js';
import { Refusal } from './refusal.js';
import type { Session } from './session.js';
import type { SessionStore } from './session-store.js';

/**
 * The session and side a request to `/sessions/{id}/…` acts for: its key must be one the relay
 * issued (401), for this very session (403), which must still be live (410). An overdue session
 * is ended here, so a request never reaches a session a sweep would have ended.
 */
export function authorize(store: SessionStore, req: IncomingMessage, id: string, now: number): { session: Session; role: Role } {
  const key = bearer(req);
  if (key === undefined) throw new Refusal(401, 'unauthorized', 'send the session key you got when you created or paired the session, as "Authorization: Bearer <key>"');
  const found = store.byKey(key);
  if (!found) throw new Refusal(401, 'unauthorized', 'the relay does not know this key: it was never issued, or its session ended long ago or when the relay restarted; start a new session');
  if (found.session.id !== id) throw new Refusal(403, 'forbidden', 'this key belongs to another session: a key reaches only the session it was issued for');
  store.expireIfDue(found.session, now);
  const ended = found.session.ended;
  if (ended) {
    const how = ended.reason === 'expired' ? `expired (${ended.why})` : ended.by === 'relay' ? `ended (${ended.why})` : `was ended by the ${ended.by === found.role ? 'same' : 'other'} side`;
    throw new Refusal(410, 'session-ended', `the session ${how}; start a new one to share again`);
  }
  return found;
}
