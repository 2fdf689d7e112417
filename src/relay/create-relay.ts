import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowCors, answerPreflight } from './cors.js';
import { sendRefusal } from './http-io.js';
import { PairThrottle } from './pair-throttle.js';
import { Refusal } from './refusal.js';
import type { RelayContext } from './relay-context.js';
import { type Relay, type RelayOptions, resolveOptions } from './relay-options.js';
import { route } from './route.js';
import { SessionStore } from './session-store.js';

/**
 * Creates a relay to mount in a node:http server: `if (!relay.handle(req, res)) …`. Call
 * `sweep()` every half minute or so (startRelay does) to end overdue sessions and free memory;
 * requests check expiry on their own either way. Throws a TypeError on bad options.
 */
export function createRelay(o: RelayOptions): Relay {
  const settings = resolveOptions(o);
  const ctx: RelayContext = { settings, store: new SessionStore(settings), throttle: new PairThrottle() };
  let closed = false;
  const keepAlive = setInterval(() => ctx.store.keepAlive(), settings.keepAlive);
  // A relay mounted in another server must not keep its process alive on its own.
  keepAlive.unref();

  const under = (path: string): string | undefined => {
    if (settings.base === '') return path;
    if (path === settings.base) return '/';
    return path.startsWith(`${settings.base}/`) ? path.slice(settings.base.length) : undefined;
  };

  async function serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (closed) throw new Refusal(503, 'unavailable', 'the relay is shutting down; start a new session in a moment');
    const found = route(req.method ?? 'GET', path);
    if (!found) throw new Refusal(404, 'not-found', `no endpoint ${path} here; the relay answers POST /sessions, POST /pair and /sessions/{id}[/events|/messages] under ${settings.base || '/'}`);
    if ('allow' in found) throw new Refusal(405, 'method-not-allowed', `${path} answers ${found.allow} only`, { allow: found.allow });
    await found.handler(ctx, req, res, found.id);
  }

  return {
    handle(req, res) {
      const path = under((req.url ?? '/').split('?')[0] ?? '/');
      if (path === undefined) return false;
      const allowed = allowCors(req, res, settings.allowOrigins);
      if (req.method === 'OPTIONS') {
        if (allowed) answerPreflight(res);
        else if (req.headers.origin === undefined) res.writeHead(204, { allow: 'GET, POST, DELETE, OPTIONS' }).end();
        else sendRefusal(res, new Refusal(403, 'forbidden', `the origin ${req.headers.origin} is not allowed; add it to the relay's allowed origins (--allow-origin)`));
        return true;
      }
      serve(req, res, path).catch((error: unknown) => {
        if (error instanceof Refusal) return sendRefusal(res, error);
        // A verify hook that threw, or a bug: say so without details, log it for the operator.
        settings.log(`request failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
        sendRefusal(res, new Refusal(503, 'unavailable', 'the relay could not answer (an internal error); try again in a moment'));
      });
      return true;
    },
    sweep() {
      const now = settings.now();
      ctx.store.sweep(now);
      ctx.throttle.sweep(now);
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      ctx.store.close(settings.now());
    },
  };
}
