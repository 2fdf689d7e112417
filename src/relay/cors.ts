import type { IncomingMessage, ServerResponse } from 'node:http';

/** How long a browser may reuse a preflight's answer, in seconds (Chromium caps it at 7200). */
const PREFLIGHT_MAX_AGE = 600;

/**
 * Sets the CORS headers for a request from an allowed origin and says whether it was one. No
 * credentials mode: the relay uses bearer tokens, never cookies, so `*` is safe where asked for.
 * `Retry-After` is exposed because the clients read it on a 429 and it is not a safelisted header.
 */
export function allowCors(req: IncomingMessage, res: ServerResponse, origins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origins.length > 0) res.setHeader('vary', 'origin');
  if (origin === undefined) return false;
  const any = origins.includes('*');
  if (!any && !origins.includes(origin)) return false;
  res.setHeader('access-control-allow-origin', any ? '*' : origin);
  res.setHeader('access-control-expose-headers', 'retry-after');
  return true;
}

/** Answers a preflight from an allowed origin (the caller checked it with allowCors). */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
    'access-control-allow-headers': 'authorization, content-type, last-event-id',
    'access-control-max-age': String(PREFLIGHT_MAX_AGE),
  });
  res.end();
}

/** Checks the configured origins: each `*` or exactly `scheme://host[:port]`, as browsers send it. */
export function checkOrigins(origins: readonly string[]): readonly string[] {
  for (const o of origins) {
    if (o === '*') continue;
    let canonical: string | undefined;
    try {
      canonical = new URL(o).origin;
    } catch {
      canonical = undefined;
    }
    if (canonical !== o) {
      throw new TypeError(`createRelay: allowOrigins has ${JSON.stringify(o)}, which is not an origin; write scheme://host[:port] with no path or trailing slash${canonical && canonical !== 'null' ? `, e.g. ${canonical}` : ''}, or '*'`);
    }
  }
  return [...origins];
}
