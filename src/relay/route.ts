import { createSession } from './create-session.js';
import { endSession } from './end-session.js';
import { openEvents } from './open-events.js';
import { pair } from './pair.js';
import { postMessage } from './post-message.js';
import type { Handler } from './relay-context.js';

/** Where a request under the base path goes: a handler, the wrong method, or nowhere. */
export type Route = { readonly handler: Handler; readonly id: string } | { readonly allow: string } | undefined;

/** Session ids are base64url; anything else cannot be one. */
const SESSION = /^\/sessions\/([A-Za-z0-9_-]{16,64})(\/events|\/messages)?$/;

/** Matches a path (below the base) and method to its endpoint, as listed in protocol.ts. */
export function route(method: string, path: string): Route {
  const pick = (allowed: Readonly<Record<string, Handler>>, id = ''): Route => {
    return Object.hasOwn(allowed, method) ? { handler: allowed[method]!, id } : { allow: Object.keys(allowed).join(', ') };
  };
  if (path === '/sessions') return pick({ POST: createSession });
  if (path === '/pair') return pick({ POST: pair });
  const m = SESSION.exec(path);
  if (!m) return undefined;
  const [, id = '', tail] = m;
  if (tail === '/events') return pick({ GET: openEvents }, id);
  if (tail === '/messages') return pick({ POST: postMessage }, id);
  return pick({ DELETE: endSession }, id);
}
