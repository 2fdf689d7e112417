/** One located problem in a pack: a JSON pointer and what was expected there. */
export interface PackProblem {
  readonly path: string;
  readonly message: string;
}

/** Collects problems while walking a pack. */
export type Problems = PackProblem[];

/** Escapes one JSON-pointer token (RFC 6901). */
export const ptr = (base: string, key: string | number): string =>
  `${base}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`;

/** Formats a problem the way designers read it: `/rules/3/when/within: expected …`. */
export const formatProblem = (p: PackProblem): string => `${p.path || '/'}: ${p.message}`;

/** Narrows to a plain object, recording a problem if it is not one. */
export function isObject(v: unknown, path: string, out: Problems): v is Record<string, unknown> {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return true;
  out.push({ path, message: `expected an object, got ${describe(v)}` });
  return false;
}

/** Records unknown keys: a typo in a pack must not be silently ignored. */
export function onlyKeys(o: Record<string, unknown>, keys: readonly string[], path: string, out: Problems): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k)) out.push({ path: ptr(path, k), message: `unknown property; expected one of ${keys.join(', ')}` });
  }
}

/** Checks a required or optional string with a length range and an optional extra test. */
export function str(
  o: Record<string, unknown>,
  key: string,
  path: string,
  out: Problems,
  opts: { required?: boolean; max?: number; test?: (s: string) => boolean; expected?: string } = {},
): string | undefined {
  const v = o[key];
  const at = ptr(path, key);
  if (v === undefined) {
    if (opts.required) out.push({ path: at, message: `missing; expected ${opts.expected ?? 'a string'}` });
    return undefined;
  }
  const ok = typeof v === 'string' && v.length > 0 && v.length <= (opts.max ?? 200) && (!opts.test || opts.test(v));
  if (!ok) {
    out.push({ path: at, message: `expected ${opts.expected ?? `a non-empty string of at most ${opts.max ?? 200} characters`}, got ${describe(v)}` });
    return undefined;
  }
  return v as string;
}

/** Checks an optional integer or number within a range. */
export function num(
  o: Record<string, unknown>,
  key: string,
  path: string,
  out: Problems,
  min: number,
  max: number,
  integer = true,
): void {
  const v = o[key];
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    out.push({ path: ptr(path, key), message: `expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${describe(v)}` });
  }
}

/** A short description of a bad value for messages; never echoes long input back. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length ? `an array of ${v.length}` : 'an empty array';
  if (typeof v === 'string') return v.length > 40 ? `"${v.slice(0, 37)}…"` : JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** Checks an optional boolean. */
export function bool(o: Record<string, unknown>, key: string, at: string, out: Problems): void {
  if (o[key] !== undefined && typeof o[key] !== 'boolean') out.push({ path: ptr(at, key), message: `expected true or false, got ${describe(o[key])}` });
}

/** The tests a context or record condition may make of one value (the closed operator set). */
export const VALUE_TESTS = ['is', 'isNot', 'in', 'gte', 'lte', 'exists'];

/**
 * A test of one value: `{ "context": "plan", "is": "pro" }` on the host's context, or
 * `{ "record": "status", "is": "refunded" }` on a flow's picked record. Exactly one test (or gte with lte).
 */
export function checkValueTest(v: Record<string, unknown>, key: 'context' | 'record', at: string, out: Problems): void {
  onlyKeys(v, [key, ...VALUE_TESTS], at, out);
  str(v, key, at, out, { max: 64, test: (s) => /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(s), expected: key === 'context' ? 'a context key like "plan"' : 'a key of the record\'s data like "status", or "id"' });
  const given = VALUE_TESTS.filter((k) => k in v);
  if (given.length !== 1 && !(given.length === 2 && given.includes('gte') && given.includes('lte'))) {
    return void out.push({ path: at, message: `expected one test of ${VALUE_TESTS.join(', ')} (or gte with lte), got ${given.length ? given.join(', ') : 'none'}` });
  }
  for (const k of ['is', 'isNot']) {
    if (k in v && !['string', 'number', 'boolean'].includes(typeof v[k])) out.push({ path: ptr(at, k), message: `expected a string, number or boolean, got ${describe(v[k])}` });
  }
  if ('in' in v && !(Array.isArray(v.in) && v.in.length >= 1 && v.in.length <= 100 && v.in.every((x) => typeof x === 'string' || typeof x === 'number'))) {
    out.push({ path: ptr(at, 'in'), message: `expected an array of 1 to 100 strings or numbers, got ${describe(v.in)}` });
  }
  num(v, 'gte', at, out, -1e15, 1e15, false);
  num(v, 'lte', at, out, -1e15, 1e15, false);
  bool(v, 'exists', at, out);
}
