import { authorize } from './authorize.js';
import type { Handler } from './relay-context.js';

/** DELETE {base}/sessions/{id}: either side ends the shared session for both. */
export const endSession: Handler = async (ctx, req, res, id) => {
  const now = ctx.settings.now();
  const { session, role } = authorize(ctx.store, req, id, now);
  ctx.store.end(session, { by: role, reason: 'ended', why: 'DELETE' }, now);
  res.writeHead(204);
  res.end();
};
