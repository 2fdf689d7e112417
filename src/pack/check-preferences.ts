import { HELP_LEVELS, isHelpLevel } from '../engine/help-level.js';
import { describe, isObject, onlyKeys, ptr, str, type Problems } from './checks.js';

const LEVEL = { test: isHelpLevel, expected: `one of ${HELP_LEVELS.join(', ')}` };
/** Segments a pack may define: the first that matches a user's context sets the default. */
const MAX_SEGMENTS = 20;

/** The first operator in a segment's condition that is not about the host's context, with where it is. */
function notContext(v: unknown, at: string): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const c = v as Record<string, unknown>;
  if ('all' in c || 'any' in c) {
    const items = c.all ?? c.any;
    const key = 'all' in c ? 'all' : 'any';
    return Array.isArray(items) ? items.map((x, i) => notContext(x, ptr(ptr(at, key), i))).find((x) => x !== undefined) : undefined;
  }
  if ('not' in c) return notContext(c.not, ptr(at, 'not'));
  const op = ['signal', 'event', 'sequence', 'score'].find((k) => k in c);
  return op ? `${at}: "${op}"` : undefined;
}

/**
 * The pack's `preferences`: a default level and segments of users by host context, each a
 * condition of `context` tests (with all, any, not), checked by `condition` like a rule's.
 */
export function checkPreferences(v: unknown, out: Problems, condition: (c: unknown, at: string) => void): void {
  const at = '/preferences';
  if (v === undefined || !isObject(v, at, out)) return;
  onlyKeys(v, ['help', 'segments'], at, out);
  str(v, 'help', at, out, LEVEL);
  if (v.segments === undefined) return;
  const sAt = ptr(at, 'segments');
  if (!Array.isArray(v.segments) || v.segments.length === 0 || v.segments.length > MAX_SEGMENTS) return void out.push({ path: sAt, message: `expected an array of 1 to ${MAX_SEGMENTS} segments, got ${describe(v.segments)}` });
  v.segments.forEach((segment: unknown, i) => {
    const gAt = ptr(sAt, i);
    if (!isObject(segment, gAt, out)) return;
    onlyKeys(segment, ['when', 'help'], gAt, out);
    str(segment, 'help', gAt, out, { required: true, ...LEVEL });
    const wAt = ptr(gAt, 'when');
    if (segment.when === undefined) return void out.push({ path: wAt, message: 'missing; expected a condition on the context' });
    const other = notContext(segment.when, wAt);
    if (other) return void out.push({ path: other.slice(0, other.indexOf(': ')), message: `a segment tests only the host's context (context, all, any, not), not ${other.slice(other.indexOf(': ') + 2)}` });
    condition(segment.when, wAt);
  });
}
