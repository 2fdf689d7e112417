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
