import { parseDuration } from '../engine/duration.js';
import type { RulePack } from './types.js';
import { describe, isObject, num, onlyKeys, ptr, str, type Problems } from './checks.js';
import { isSdkRange, satisfiesRange } from './sdk-range.js';
import { CATALOGUE, detectorNamed } from '../signals/catalogue.js';

/** Limits that keep a pack cheap to load and impossible to use against the page. */
export const PACK_LIMITS = { rules: 200, stringLength: 2000, stringsPerLocale: 2000, bytes: 256 * 1024 } as const;

/** Signals a condition may name: the detector catalogue. */
export const SIGNALS: readonly string[] = CATALOGUE.map((d) => d.name);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
/** Components a solution may name; grows with the component set. */
export const COMPONENTS = ['zc-card'] as const;
const SIDES = ['top', 'bottom', 'left', 'right'];
const ID = (s: string): boolean => /^[a-z0-9][a-z0-9._-]*$/.test(s);
const DURATION = { test: (s: string) => parseDuration(s) !== undefined, expected: 'a duration like "30s" (ms, s, m, h or d)' };

/** What the validator needs from its host: the SDK version, and in the page the browser's selector parser. */
export interface ValidateOptions {
  readonly sdkVersion: string;
  /** Returns false for a selector the browser cannot parse; omitted in Node. */
  readonly isSelector?: (selector: string) => boolean;
}

/**
 * Validates a parsed pack. Returns every problem found, each with the JSON pointer of the
 * offending value, so a designer fixes them all in one pass. An empty list means `pack` is a RulePack.
 */
export function validatePack(pack: unknown, options: ValidateOptions): Problems {
  const out: Problems = [];
  if (!isObject(pack, '', out)) return out;
  onlyKeys(pack, ['$schema', 'id', 'version', 'sdk', 'locale', 'strings', 'budget', 'signals', 'rules', 'signature'], '', out);
  str(pack, '$schema', '', out, { max: 500 });
  str(pack, 'id', '', out, { required: true, max: 64, test: ID, expected: 'an id of lower-case letters, digits, ".", "_" or "-"' });
  str(pack, 'version', '', out, { required: true, max: 32 });
  const sdk = str(pack, 'sdk', '', out, { required: true, max: 32, test: isSdkRange, expected: 'an SDK version range like "^0.1"' });
  if (sdk && !satisfiesRange(options.sdkVersion, sdk)) {
    out.push({ path: '/sdk', message: `this pack needs SDK ${sdk}, but this is SDK ${options.sdkVersion}` });
  }
  const locale = str(pack, 'locale', '', out, { max: 16 }) ?? 'en';
  const strings = checkStrings(pack.strings, locale, out);
  if (pack.budget !== undefined && isObject(pack.budget, '/budget', out)) {
    onlyKeys(pack.budget, ['perSession', 'minGap'], '/budget', out);
    num(pack.budget, 'perSession', '/budget', out, 0, 100);
    str(pack.budget, 'minGap', '/budget', out, DURATION);
  }
  if (pack.signals !== undefined && isObject(pack.signals, '/signals', out)) checkOverrides(pack.signals, out);
  checkRules(pack.rules, strings, options, out);
  if (pack.signature !== undefined && isObject(pack.signature, '/signature', out)) {
    onlyKeys(pack.signature, ['alg', 'kid', 'value'], '/signature', out);
    str(pack.signature, 'alg', '/signature', out, { required: true, test: (s) => s === 'ES256' || s === 'Ed25519', expected: 'one of ES256, Ed25519' });
    str(pack.signature, 'kid', '/signature', out, { max: 64 });
    str(pack.signature, 'value', '/signature', out, { required: true, test: (s) => /^[A-Za-z0-9_-]+$/.test(s), expected: 'a base64url signature' });
  }
  return out;
}

/** Detector overrides, checked against each detector's own ranges (durations as strings). */
function checkOverrides(signals: Record<string, unknown>, out: Problems): void {
  onlyKeys(signals, SIGNALS, '/signals', out);
  for (const [name, overrides] of Object.entries(signals)) {
    const d = detectorNamed(name);
    const at = ptr('/signals', name);
    if (!d || !isObject(overrides, at, out)) continue;
    onlyKeys(overrides, Object.keys(d.defaults), at, out);
    for (const [key, [min, max]] of Object.entries(d.ranges)) {
      if (!(d.durations as readonly string[]).includes(key)) {
        num(overrides, key, at, out, min, max, Number.isInteger(d.defaults[key]));
        continue;
      }
      const fits = (s: string): boolean => {
        const v = parseDuration(s);
        return v !== undefined && v >= min && v <= max;
      };
      str(overrides, key, at, out, { test: fits, expected: `a duration from ${min}ms to ${max}ms, like "${Math.max(min, 1000) / 1000}s"` });
    }
  }
}

function checkStrings(v: unknown, locale: string, out: Problems): Readonly<Record<string, string>> | undefined {
  if (v === undefined) {
    out.push({ path: '/strings', message: 'missing; expected an object of strings by locale' });
    return undefined;
  }
  if (!isObject(v, '/strings', out)) return undefined;
  for (const [loc, table] of Object.entries(v)) {
    const at = ptr('/strings', loc);
    if (!isObject(table, at, out)) continue;
    const entries = Object.entries(table);
    if (entries.length > PACK_LIMITS.stringsPerLocale) out.push({ path: at, message: `at most ${PACK_LIMITS.stringsPerLocale} strings per locale` });
    for (const [k, s] of entries) {
      if (typeof s !== 'string' || s.length > PACK_LIMITS.stringLength) {
        out.push({ path: ptr(at, k), message: `expected a string of at most ${PACK_LIMITS.stringLength} characters, got ${describe(s)}` });
      }
    }
  }
  const base = v[locale];
  if (base === undefined) out.push({ path: ptr('/strings', locale), message: `missing the strings of the pack's locale "${locale}"` });
  return typeof base === 'object' && base !== null ? (base as Record<string, string>) : undefined;
}

function checkRules(v: unknown, strings: Readonly<Record<string, string>> | undefined, o: ValidateOptions, out: Problems): void {
  if (!Array.isArray(v) || v.length === 0 || v.length > PACK_LIMITS.rules) {
    out.push({ path: '/rules', message: `expected an array of 1 to ${PACK_LIMITS.rules} rules, got ${describe(v)}` });
    return;
  }
  const seen = new Set<string>();
  v.forEach((rule: unknown, i) => {
    const at = ptr('/rules', i);
    if (!isObject(rule, at, out)) return;
    onlyKeys(rule, ['id', 'page', 'priority', 'when', 'solution'], at, out);
    const id = str(rule, 'id', at, out, { required: true, max: 64, test: ID, expected: 'a rule id of lower-case letters, digits, ".", "_" or "-"' });
    if (id !== undefined && seen.has(id)) out.push({ path: ptr(at, 'id'), message: `duplicate rule id "${id}"` });
    if (id !== undefined) seen.add(id);
    str(rule, 'page', at, out, { max: 200, test: (s) => s.startsWith('/') || s === '*', expected: 'a page glob starting with "/" (only * and ? are special)' });
    num(rule, 'priority', at, out, 0, 100);
    checkWhen(rule.when, ptr(at, 'when'), o, out);
    checkSolution(rule.solution, ptr(at, 'solution'), strings, o, out);
  });
}

function selector(o: Record<string, unknown>, key: string, path: string, v: ValidateOptions, out: Problems, allowTarget = false): void {
  str(o, key, path, out, {
    max: 300,
    test: (s) => (allowTarget && s === '$target') || !v.isSelector || v.isSelector(s),
    expected: allowTarget ? '"$target" or a valid CSS selector' : 'a valid CSS selector',
  });
}

function checkWhen(v: unknown, at: string, o: ValidateOptions, out: Problems): void {
  if (v === undefined) return void out.push({ path: at, message: 'missing; expected a condition' });
  if (!isObject(v, at, out)) return;
  onlyKeys(v, ['signal', 'target', 'method', 'path', 'count', 'within'], at, out);
  str(v, 'signal', at, out, { required: true, test: (s) => SIGNALS.includes(s), expected: `one of ${SIGNALS.join(', ')}` });
  selector(v, 'target', at, o, out);
  str(v, 'method', at, out, { test: (s) => METHODS.includes(s), expected: `one of ${METHODS.join(', ')}` });
  str(v, 'path', at, out, { max: 300, test: (s) => s.startsWith('/') || s.startsWith('*') || s.startsWith('http'), expected: 'a request path glob starting with "/", "*" or "http"' });
  num(v, 'count', at, out, 1, 100);
  str(v, 'within', at, out, DURATION);
  if (v.count !== undefined && v.count !== 1 && v.within === undefined) out.push({ path: ptr(at, 'within'), message: 'a count above 1 needs a window, e.g. "within": "2m"' });
}

function checkSolution(v: unknown, at: string, strings: Readonly<Record<string, string>> | undefined, o: ValidateOptions, out: Problems): void {
  if (v === undefined) return void out.push({ path: at, message: 'missing; expected a solution' });
  if (!isObject(v, at, out)) return;
  onlyKeys(v, ['component', 'placement', 'content'], at, out);
  str(v, 'component', at, out, { required: true, test: (s) => (COMPONENTS as readonly string[]).includes(s), expected: `one of ${COMPONENTS.join(', ')}` });
  const pAt = ptr(at, 'placement');
  if (v.placement === undefined) out.push({ path: pAt, message: 'missing; expected a placement' });
  else if (isObject(v.placement, pAt, out)) {
    onlyKeys(v.placement, ['outlet', 'anchor', 'side'], pAt, out);
    str(v.placement, 'outlet', pAt, out, { max: 64 });
    selector(v.placement, 'anchor', pAt, o, out, true);
    str(v.placement, 'side', pAt, out, { test: (s) => SIDES.includes(s), expected: `one of ${SIDES.join(', ')}` });
    if (v.placement.outlet === undefined && v.placement.anchor === undefined) out.push({ path: pAt, message: 'needs an "outlet", an "anchor", or both' });
  }
  const cAt = ptr(at, 'content');
  if (v.content === undefined) return void out.push({ path: cAt, message: 'missing; expected content' });
  if (!isObject(v.content, cAt, out)) return;
  onlyKeys(v.content, ['title', 'body'], cAt, out);
  for (const key of ['title', 'body']) {
    const id = str(v.content, key, cAt, out, { required: true, max: 64, expected: 'a string id defined in "strings"' });
    if (id !== undefined && strings && !(id in strings)) out.push({ path: ptr(cAt, key), message: `string id "${id}" is not defined in the pack's locale strings` });
  }
}

/** Type guard over validatePack. */
export const isRulePack = (pack: unknown, options: ValidateOptions): pack is RulePack => validatePack(pack, options).length === 0;
