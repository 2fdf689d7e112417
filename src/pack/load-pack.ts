import { formatProblem } from './checks.js';
import type { RulePack } from './types.js';
import { PACK_LIMITS, validatePack, type ValidateOptions } from './validate-pack.js';

/** A loaded pack (with the server's ETag), or one sentence that says what is wrong with it. */
export type PackResult = { readonly ok: true; readonly pack: RulePack; readonly etag?: string } | { readonly ok: false; readonly error: string };

/** loadPack's answer when the server says the cached copy is still current (HTTP 304). */
export const NOT_MODIFIED = { ok: 'not-modified' } as const;

/** How long a pack may take before the SDK gives up and stays dormant, ms. */
export const PACK_TIMEOUT_MS = 10_000;

/** What loadPack needs; `signal` aborts the fetch (by default after PACK_TIMEOUT_MS). */
export interface LoadPackOptions extends ValidateOptions {
  readonly fetch: typeof fetch;
  readonly signal?: AbortSignal;
  /** ETag of a cached copy: sent as If-None-Match, and a 304 answers NOT_MODIFIED. */
  readonly etag?: string;
  /** Give up after this many ms (default PACK_TIMEOUT_MS). */
  readonly timeout?: number;
}

const MAX_LISTED = 5;

/** Names the problems of an invalid pack, at most a few, with a count of the rest. */
export function describeProblems(problems: ReturnType<typeof validatePack>): string {
  const listed = problems.slice(0, MAX_LISTED).map(formatProblem).join('; ');
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return `invalid rule pack (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${listed}${more}`;
}

/**
 * Fetches, parses and validates a rule pack. Never rejects: every failure (network, timeout,
 * HTTP status, size, JSON, shape) becomes an error message naming the URL and the problem.
 */
export async function loadPack(url: string, o: LoadPackOptions): Promise<PackResult | typeof NOT_MODIFIED> {
  const fail = (why: string): PackResult => ({ ok: false, error: `pack ${url}: ${why}` });
  const signal = o.signal ?? AbortSignal.timeout(o.timeout ?? PACK_TIMEOUT_MS);
  let text: string;
  let etag: string | undefined;
  try {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.etag) headers['if-none-match'] = o.etag;
    const res = await o.fetch(url, { signal, credentials: 'same-origin', headers });
    if (res.status === 304 && o.etag) return NOT_MODIFIED;
    if (!res.ok) return fail(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
    etag = res.headers.get('etag') ?? undefined;
    text = await res.text();
  } catch (error) {
    if (signal.aborted && signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError') {
      return fail('no answer in time (timed out)');
    }
    return fail(`could not be fetched (${error instanceof Error ? error.message : String(error)})`);
  }
  if (text.length > PACK_LIMITS.bytes) return fail(`${text.length} characters is over the limit of ${PACK_LIMITS.bytes}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = checkPack(json, o, fail);
  return result.ok && etag ? { ...result, etag } : result;
}

/** Validates an already-parsed pack (e.g. one passed to init as an object). */
export function checkPack(json: unknown, o: ValidateOptions, fail: (why: string) => PackResult = (why) => ({ ok: false, error: `pack: ${why}` })): PackResult {
  const problems = validatePack(json, o);
  return problems.length ? fail(describeProblems(problems)) : { ok: true, pack: json as RulePack };
}
