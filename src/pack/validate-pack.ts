import { parseDuration } from '../engine/duration.js';
import type { RulePack } from './types.js';
import { bool, checkValueTest, describe, isObject, num, onlyKeys, ptr, str, type Problems } from './checks.js';
import { checkPreferences } from './check-preferences.js';
import { checkSolution } from './check-solution.js';
import { checkStruggle } from './check-struggle.js';
import { isSdkRange, satisfiesRange } from './sdk-range.js';
import { CATALOGUE, detectorNamed } from '../signals/catalogue.js';

/** Limits that keep a pack cheap to load and impossible to use against the page. */
export const PACK_LIMITS = { rules: 10_000, stringLength: 2000, stringsPerLocale: 2000, bytes: 2 * 1024 * 1024, depth: 8, children: 20, steps: 10, leaves: 32, groups: 100 } as const;

/** Signals a condition may name: the detector catalogue. */
export const SIGNALS: readonly string[] = CATALOGUE.map((d) => d.name);
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
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
  onlyKeys(pack, ['$schema', 'id', 'version', 'sdk', 'locale', 'strings', 'budget', 'groups', 'holdout', 'enabled', 'signals', 'struggle', 'preferences', 'rules', 'signature'], '', out);
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
    onlyKeys(pack.budget, ['perSession', 'perDay', 'minGap'], '/budget', out);
    num(pack.budget, 'perSession', '/budget', out, 0, 100);
    num(pack.budget, 'perDay', '/budget', out, 0, 1000);
    str(pack.budget, 'minGap', '/budget', out, DURATION);
  }
  const groups = checkGroups(pack.groups, out);
  num(pack, 'holdout', '', out, 0, 0.5, false);
  bool(pack, 'enabled', '', out);
  if (pack.signals !== undefined && isObject(pack.signals, '/signals', out)) checkOverrides(pack.signals, out);
  if (pack.struggle !== undefined) checkStruggle(pack.struggle, '/struggle', out);
  checkPreferences(pack.preferences, out, (c, at) => checkCondition(c, at, options, out, 1, { n: 0 }));
  checkRules(pack.rules, strings, groups, options, out);
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


/** Fatigue groups: ids as rule ids, each with its own limits. Returns the ids. */
function checkGroups(v: unknown, out: Problems): ReadonlySet<string> {
  const ids = new Set<string>();
  if (v === undefined || !isObject(v, '/groups', out)) return ids;
  const entries = Object.entries(v);
  if (entries.length > PACK_LIMITS.groups) out.push({ path: '/groups', message: `at most ${PACK_LIMITS.groups} groups` });
  for (const [id, g] of entries) {
    const at = ptr('/groups', id);
    if (!ID(id)) out.push({ path: at, message: 'expected a group id of lower-case letters, digits, ".", "_" or "-"' });
    if (!isObject(g, at, out)) continue;
    onlyKeys(g, ['perSession', 'perDay', 'cooldown'], at, out);
    num(g, 'perSession', at, out, 0, 100);
    num(g, 'perDay', at, out, 0, 1000);
    str(g, 'cooldown', at, out, DURATION);
    ids.add(id);
  }
  return ids;
}

function checkRules(v: unknown, strings: Readonly<Record<string, string>> | undefined, groups: ReadonlySet<string>, o: ValidateOptions, out: Problems): void {
  if (!Array.isArray(v) || v.length === 0 || v.length > PACK_LIMITS.rules) {
    out.push({ path: '/rules', message: `expected an array of 1 to ${PACK_LIMITS.rules} rules, got ${describe(v)}` });
    return;
  }
  const seen = new Set<string>();
  v.forEach((rule: unknown, i) => {
    const at = ptr('/rules', i);
    if (!isObject(rule, at, out)) return;
    onlyKeys(rule, ['id', 'page', 'priority', 'when', 'cap', 'cooldown', 'group', 'enabled', 'confidence', 'solution'], at, out);
    str(rule, 'confidence', at, out, { test: (s) => s === 'high' || s === 'normal', expected: 'one of high, normal' });
    const id = str(rule, 'id', at, out, { required: true, max: 64, test: ID, expected: 'a rule id of lower-case letters, digits, ".", "_" or "-"' });
    if (id !== undefined && seen.has(id)) out.push({ path: ptr(at, 'id'), message: `duplicate rule id "${id}"` });
    if (id !== undefined) seen.add(id);
    str(rule, 'page', at, out, { max: 200, test: (s) => s.startsWith('/') || s === '*', expected: 'a page glob starting with "/" (only * and ? are special)' });
    num(rule, 'priority', at, out, 0, 100);
    num(rule, 'cap', at, out, 1, 100);
    str(rule, 'cooldown', at, out, DURATION);
    const group = str(rule, 'group', at, out, { max: 64 });
    if (group !== undefined && !groups.has(group)) out.push({ path: ptr(at, 'group'), message: `no group "${group}" in "groups"` });
    bool(rule, 'enabled', at, out);
    checkWhen(rule.when, ptr(at, 'when'), o, out);
    checkSolution(rule.solution, ptr(at, 'solution'), { strings, selector: (obj, key, path, allowTarget) => selector(obj, key, path, o, out, allowTarget) }, out);
  });
}

/** Checks a selector field: one the browser parses (in the page), or `$target` where allowed. */
export function selector(o: Record<string, unknown>, key: string, path: string, v: ValidateOptions, out: Problems, allowTarget = false): void {
  str(o, key, path, out, {
    max: 300,
    test: (s) => (allowTarget && s === '$target') || !v.isSelector || v.isSelector(s),
    expected: allowTarget ? '"$target" or a valid CSS selector' : 'a valid CSS selector',
  });
}

/** Events a condition may match directly (pack/types.ts EventName). */
export const EVENTS = ['click', 'submit', 'invalid', 'input', 'focus', 'nav', 'net', 'js-error', 'track'] as const;
const TARGETED = ['click', 'invalid', 'input', 'focus'];
const OPERATORS = ['all', 'any', 'not', 'sequence', 'context', 'score', 'signal', 'event'];
const STATUSES = ['4xx', '5xx', 'failed'];

function checkWhen(v: unknown, at: string, o: ValidateOptions, out: Problems): void {
  if (v === undefined) return void out.push({ path: at, message: 'missing; expected a condition' });
  const leaves = { n: 0 };
  checkCondition(v, at, o, out, 1, leaves);
  if (leaves.n > PACK_LIMITS.leaves) out.push({ path: at, message: `at most ${PACK_LIMITS.leaves} signal and event matches in one rule, got ${leaves.n}` });
}

/**
 * One node of a condition tree: which operator it is is decided by its one operator key
 * (`all`, `any`, `not`, `sequence`, `context`, `score`, `signal` or `event`).
 */
function checkCondition(v: unknown, at: string, o: ValidateOptions, out: Problems, depth: number, leaves: { n: number }): void {
  if (!isObject(v, at, out)) return;
  if (depth > PACK_LIMITS.depth) return void out.push({ path: at, message: `conditions nest at most ${PACK_LIMITS.depth} deep` });
  const ops = OPERATORS.filter((k) => k in v);
  if (ops.length !== 1) {
    return void out.push({ path: at, message: ops.length ? `one operator per condition, got ${ops.join(' and ')}` : `expected one of ${OPERATORS.join(', ')}` });
  }
  const op = ops[0]!;
  const list = (key: string, max: number): unknown[] | undefined => {
    const items = v[key];
    if (Array.isArray(items) && items.length >= 1 && items.length <= max) return items;
    out.push({ path: ptr(at, key), message: `expected an array of 1 to ${max} conditions, got ${describe(items)}` });
    return undefined;
  };
  switch (op) {
    case 'all':
    case 'any':
      onlyKeys(v, [op], at, out);
      list(op, PACK_LIMITS.children)?.forEach((c, i) => checkCondition(c, ptr(ptr(at, op), i), o, out, depth + 1, leaves));
      return;
    case 'not':
      onlyKeys(v, ['not'], at, out);
      return checkCondition(v.not, ptr(at, 'not'), o, out, depth + 1, leaves);
    case 'sequence': {
      onlyKeys(v, ['sequence', 'within'], at, out);
      str(v, 'within', at, out, DURATION);
      list('sequence', PACK_LIMITS.steps)?.forEach((step, i) => {
        const sAt = ptr(ptr(at, 'sequence'), i);
        if (!isObject(step, sAt, out)) return;
        if (!('absent' in step)) return checkLeaf(step, sAt, o, out, leaves);
        if (i === 0) out.push({ path: sAt, message: 'a sequence cannot start with an absence: it needs a step before it to be absent after' });
        onlyKeys(step, ['absent', 'within'], sAt, out);
        str(step, 'within', sAt, out, { required: true, ...DURATION });
        if (isObject(step.absent, ptr(sAt, 'absent'), out)) checkLeaf(step.absent, ptr(sAt, 'absent'), o, out, leaves);
      });
      return;
    }
    case 'context':
      return checkValueTest(v, 'context', at, out);
    case 'score': {
      onlyKeys(v, ['score'], at, out);
      const sAt = ptr(at, 'score');
      if (!isObject(v.score, sAt, out)) return;
      onlyKeys(v.score, ['gte'], sAt, out);
      if (v.score.gte === undefined) out.push({ path: ptr(sAt, 'gte'), message: 'missing; expected a score from 0 to 1' });
      num(v.score, 'gte', sAt, out, 0, 1, false);
      return;
    }
    default:
      return checkLeaf(v, at, o, out, leaves);
  }
}

/** A signal or event match, with its count and window. */
function checkLeaf(v: Record<string, unknown>, at: string, o: ValidateOptions, out: Problems, leaves: { n: number }): void {
  leaves.n++;
  if ('signal' in v === 'event' in v) return void out.push({ path: at, message: 'expected a "signal" or an "event" match' });
  if ('signal' in v) {
    onlyKeys(v, ['signal', 'target', 'method', 'path', 'count', 'within'], at, out);
    str(v, 'signal', at, out, { required: true, test: (s) => SIGNALS.includes(s), expected: `one of ${SIGNALS.join(', ')}` });
  } else {
    onlyKeys(v, ['event', 'target', 'name', 'method', 'path', 'status', 'count', 'within'], at, out);
    const event = str(v, 'event', at, out, { required: true, test: (s) => (EVENTS as readonly string[]).includes(s), expected: `one of ${EVENTS.join(', ')}` });
    const only = (key: string, events: readonly string[]): void => {
      if (event !== undefined && key in v && !events.includes(event)) out.push({ path: ptr(at, key), message: `"${key}" applies to ${events.join(', ')} events, not ${event}` });
    };
    only('target', TARGETED);
    only('name', ['track']);
    only('method', ['net']);
    only('path', ['net']);
    only('status', ['net']);
    str(v, 'name', at, out, { max: 64 });
    const status = v.status;
    if (status !== undefined && !(typeof status === 'string' && STATUSES.includes(status)) && !(typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 599)) {
      out.push({ path: ptr(at, 'status'), message: `expected an HTTP status (0 to 599) or one of ${STATUSES.join(', ')}, got ${describe(status)}` });
    }
  }
  selector(v, 'target', at, o, out);
  str(v, 'method', at, out, { test: (s) => METHODS.includes(s), expected: `one of ${METHODS.join(', ')}` });
  str(v, 'path', at, out, { max: 300, test: (s) => s.startsWith('/') || s.startsWith('*') || s.startsWith('http'), expected: 'a request path glob starting with "/", "*" or "http"' });
  num(v, 'count', at, out, 1, 100);
  str(v, 'within', at, out, DURATION);
  if (v.count !== undefined && v.count !== 1 && v.within === undefined) out.push({ path: ptr(at, 'within'), message: 'a count above 1 needs a window, e.g. "within": "2m"' });
}

/** Type guard over validatePack. */
export const isRulePack = (pack: unknown, options: ValidateOptions): pack is RulePack => validatePack(pack, options).length === 0;
