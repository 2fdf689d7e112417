import { authorize } from './authorize.js';
import type { Handler } from './relay-context.js';

/** GET {base}/sessions/{id}/events: what this side hears, as Server-Sent Events, resumable with Last-Event-ID. */
export const openEvents: Handler = async (ctx, req, res, id) => {
  const { session, role } = authorize(ctx.store, req, id, ctx.settings.now());
  const last = req.headers['last-event-id'];
  const after = typeof last === 'string' && /^\d{1,15}$/.test(last.trim()) ? Number(last.trim()) : undefined;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    // nginx (and proxies that honour it) would otherwise hold events back to fill a buffer.
    'x-accel-buffering': 'no',
  });
  session.streams[role].attach(res, after);
};
