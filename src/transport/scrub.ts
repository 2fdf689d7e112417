import { scrubUrl } from '../sensors/scrub-url.js';
import type { TelemetryRecord } from './record.js';

/** What scrubbing needs to know about the page: the URL links resolve against and the query params a team allowlisted. */
export interface ScrubContext {
  readonly base: string;
  readonly allowParams: readonly string[];
}

// Also percent-encoded (`%40`): scrubUrl re-encodes the value of an allowlisted param. The top-level
// domain must be letters, so a pack's `id@2026.11.0` is not taken for an address. The local part
// leaves out `/=?`, so a query keeps its param name (`?to=[email]`), and may be empty, so an
// address made only of those still loses its domain. It starts at a boundary (a capture: older Safari cannot parse a lookbehind), else a
// long run of letters without an `@` costs quadratic time.
const EMAIL = /(^|[^\w.!#$%&'*+^`{|}~-])[\w.!#$%&'*+^`{|}~-]*(?:@|%40)(?:[\w-]+\.)+[a-z]{2,}/gi;
// Card-shaped, no Luhn check (a mistyped card number is still one). Separated forms must stand
// alone, not touching a word character or a dash, so a UUID is left whole even where its groups
// happen to be all digits. 13+ digits in a row are masked anywhere, even inside a token such as a
// 32-hex id or a 13-digit ms timestamp in text: losing an id costs less than leaking a card.
const CARD = /(^|[^\w-])\d(?:(?:[ +-]|%20)?\d){12,18}(?![\w-])|\d{13,}/g;
// http(s) URLs whole (scrubUrl also drops a `user:password@`), and the last path segment before a
// query or fragment (one segment, so a run of slashes stays linear; the path is kept as it is anyway).
const URL_IN_TEXT = /https?:\/\/\S+|\/[^\s?#/]*[?#]\S*/gi;

const mask = (s: string) => s.replace(EMAIL, '$1[email]').replace(CARD, '$1[card]');
// What every match above needs at least: an `@` or `%40`, a `?` or `#`, four digits in a row or
// singly separated. Most strings (rule ids, signal names, CSS paths) have none and skip the regexes.
const SUSPECT = /[@%?#]|\d[ +-]?\d[ +-]?\d[ +-]?\d/;

/** scrubUrl throws on a bad base; dropping the URL is the safe answer. */
const url = (u: string, ctx: ScrubContext) => {
  try {
    return scrubUrl(u, ctx.base, ctx.allowParams);
  } catch {
    return '';
  }
};

/** Masks e-mail addresses and card-like numbers, and strips query and fragment from URLs inside free text (keeping allowlisted params). */
export function scrubText(text: string, ctx: ScrubContext): string {
  try {
    if (typeof text == 'string' && !SUSPECT.test(text)) return text;
    // Masked before, so a URL split at a space keeps no digits of a card; and after, since
    // scrubUrl decodes an allowlisted param (`%34%31…` comes back as digits).
    return mask(mask(text).replace(URL_IN_TEXT, (u) => url(u, ctx)));
  } catch {
    return '';
  }
}

// How each field TelemetryRecord declares is copied: `r` as it is (generated ids, enums),
// `n` a finite number, `s` scrubbed text. heldOut and evidence are checked on their own.
const FIELDS: Record<string, string> = { id: 'r', t: 'n', kind: 'r', sid: 'r', page: 's', pack: 's', rule: 's', outcome: 's', record: 's', reason: 's', count: 'n', status: 'n', step: 'n', flowStep: 's', to: 's', signal: 's', name: 's', target: 's', message: 's', help: 's', source: 's' };

/** The wire copy of a record: only the fields TelemetryRecord declares, each of its declared type (anything else dropped), strings capped and scrubbed. Never throws. */
export function scrubRecord(record: TelemetryRecord, ctx: ScrubContext): TelemetryRecord {
  const out: Record<string, unknown> = {};
  try {
    const r = record as unknown as Record<string, unknown>;
    for (const k in FIELDS) {
      const v = r[k];
      const how = FIELDS[k];
      if (how == 'n' ? Number.isFinite(v) : typeof v == 'string') {
        out[k] = how == 's' ? scrubText(k == 'page' && SUSPECT.test(v as string) ? url(v as string, ctx) : (v as string), ctx).slice(0, k == 'message' ? 1000 : 500) : v;
      }
    }
    if (r.heldOut === true) out.heldOut = true;
    const e = r.evidence as Record<string, unknown> | null;
    if (e && [e.count, e.first, e.last].every(Number.isFinite)) out.evidence = { count: e.count, first: e.first, last: e.last };
  } catch {
    // A getter that throws: keep what was copied, all of it already scrubbed.
  }
  return out as unknown as TelemetryRecord;
}

/** Deep copy of plain JSON data (objects, arrays, strings, finite numbers, booleans, null) with every string through scrubText; functions, symbols, undefined, non-finite numbers dropped; depth capped (e.g. 8) and cycles cut. For other payloads such as a hand-off packet. */
export function scrubDeep(value: unknown, ctx: ScrubContext): unknown {
  // Only the objects on the current path, so data shared between branches is copied like JSON.stringify does.
  const path = new Set<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v == 'string') return scrubText(v, ctx);
    if (v === null || typeof v == 'boolean' || Number.isFinite(v)) return v;
    if (typeof v != 'object' || depth > 8 || path.has(v)) return undefined;
    path.add(v);
    try {
      const kept = Object.keys(v)
        .map((k) => [scrubText(k, ctx), walk((v as Record<string, unknown>)[k], depth + 1)] as const)
        .filter((e) => e[1] !== undefined);
      // fromEntries defines own properties, so a `__proto__` key stays data.
      return Array.isArray(v) ? kept.map((e) => e[1]) : Object.fromEntries(kept);
    } catch {
      return undefined;
    } finally {
      path.delete(v);
    }
  };
  return walk(value, 0);
}
