import type { ComponentName } from './types.js';
import { describe, isObject, num, onlyKeys, ptr, str, type Problems } from './checks.js';
import { checkFlow } from './check-flow.js';

/** Components a solution may name (components/index.ts defines them). */
export const COMPONENTS: readonly ComponentName[] = ['zc-card', 'zc-tip', 'zc-steps', 'zc-picker', 'zc-action', 'zc-upload', 'zc-handoff', 'zc-feedback'];
/** Components that may follow a picker with the picked record. */
const AFTER_PICKER: readonly ComponentName[] = ['zc-card', 'zc-action', 'zc-upload', 'zc-handoff', 'zc-feedback'];
/** The section each component reads, and which components may have it. */
const SECTIONS: Readonly<Record<string, readonly ComponentName[]>> = {
  actions: ['zc-card'],
  steps: ['zc-steps'],
  source: ['zc-picker'],
  next: ['zc-picker'],
  action: ['zc-action'],
  upload: ['zc-upload'],
  handoff: ['zc-handoff'],
  reasons: COMPONENTS.filter((c) => c !== 'zc-tip'),
};
const REQUIRED: Partial<Record<ComponentName, string>> = { 'zc-steps': 'steps', 'zc-picker': 'source', 'zc-action': 'action', 'zc-upload': 'upload', 'zc-handoff': 'handoff' };
const SIDES = ['top', 'bottom', 'left', 'right'];
const DOCKS = ['start', 'end'];
const CHANNELS = ['chat', 'callback', 'ticket'];
const KINDS = ['image', 'pdf'];
/** The largest evidence file a pack may allow: 25 MB. */
export const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

/** A page path or an https URL: never javascript:, data: or plain http. */
const HREF = (s: string): boolean => (s.startsWith('/') && !s.startsWith('//')) || /^https:\/\/[^\s/]+/.test(s);
const HOST_NAME = { max: 64, test: (s: string) => /^[A-Za-z][\w.-]*$/.test(s), expected: 'a name the host registers (letters, digits, ".", "_" or "-", starting with a letter)' };
const URL_OPTS = { max: 500, test: HREF, expected: 'a path starting with "/" or an https:// URL' };

/** What checking a solution needs from the pack check: the pack's strings and the selector test. */
export interface SolutionContext {
  readonly strings: Readonly<Record<string, string>> | undefined;
  /** Records a problem for a CSS selector (`$target` allowed when `allowTarget`). */
  readonly selector: (o: Record<string, unknown>, key: string, at: string, allowTarget?: boolean) => void;
}

/** Checks a rule's solution: the component, where it goes, its text and its own section; or a flow of such steps in one place. */
export function checkSolution(v: unknown, at: string, c: SolutionContext, out: Problems): void {
  if (v === undefined) return void out.push({ path: at, message: 'missing; expected a solution' });
  if (!isObject(v, at, out)) return;
  checkPlacement(v.placement, ptr(at, 'placement'), c, out);
  if (v.flow === undefined) return void checkBody(v, at, c, out, COMPONENTS, ['placement']);
  onlyKeys(v, ['placement', 'flow'], at, out);
  checkFlow(v.flow, ptr(at, 'flow'), out, (step, sAt) => checkStep(step, sAt, c, out));
}

/** A flow's step: a solution without placement (the steps share the flow's) and without `next` (transitions say it). */
function checkStep(v: Record<string, unknown>, at: string, c: SolutionContext, out: Problems): ComponentName | undefined {
  const { placement, next, ...body } = v;
  if (placement !== undefined) out.push({ path: ptr(at, 'placement'), message: 'a flow\'s steps share one placement: give "placement" next to "flow", not in a step' });
  if (next !== undefined) out.push({ path: ptr(at, 'next'), message: 'a flow step moves on with "on", e.g. [{ "outcome": "picked", "to": "<step id>" }], not "next"' });
  return checkBody(body, at, c, out, COMPONENTS, ['on'], ['next']);
}

function checkPlacement(v: unknown, at: string, c: SolutionContext, out: Problems): void {
  if (v === undefined) return void out.push({ path: at, message: 'missing; expected a placement' });
  if (!isObject(v, at, out)) return;
  onlyKeys(v, ['outlet', 'anchor', 'side', 'after', 'dock'], at, out);
  str(v, 'outlet', at, out, { max: 64 });
  c.selector(v, 'anchor', at, true);
  c.selector(v, 'after', at, true);
  str(v, 'side', at, out, { test: (s) => SIDES.includes(s), expected: `one of ${SIDES.join(', ')}` });
  str(v, 'dock', at, out, { test: (s) => DOCKS.includes(s), expected: `one of ${DOCKS.join(', ')}` });
  if (!['outlet', 'anchor', 'after', 'dock'].some((k) => v[k] !== undefined)) out.push({ path: at, message: 'needs at least one of "outlet", "anchor", "after" or "dock" (tried in that order)' });
}

/** Everything but the placement; `next` (after a picker) is checked with the same rules. Returns the component. */
function checkBody(
  v: Record<string, unknown>,
  at: string,
  c: SolutionContext,
  out: Problems,
  allowed: readonly ComponentName[],
  extra: readonly string[],
  without: readonly string[] = [],
): ComponentName | undefined {
  onlyKeys(v, ['component', 'content', ...extra, ...Object.keys(SECTIONS).filter((k) => !without.includes(k))], at, out);
  const component = str(v, 'component', at, out, { required: true, test: (s) => (allowed as readonly string[]).includes(s), expected: `one of ${allowed.join(', ')}` }) as ComponentName | undefined;
  if (component === undefined) return undefined;
  for (const [key, owners] of Object.entries(SECTIONS)) {
    if (v[key] !== undefined && !without.includes(key) && !owners.includes(component)) out.push({ path: ptr(at, key), message: `only ${owners.join(', ')} use${owners.length === 1 ? 's' : ''} "${key}"; ${component} does not` });
  }
  const required = REQUIRED[component];
  if (required && v[required] === undefined) out.push({ path: ptr(at, required), message: `missing; ${component} needs "${required}"` });
  const cAt = ptr(at, 'content');
  if (v.content === undefined) out.push({ path: cAt, message: 'missing; expected content' });
  else if (isObject(v.content, cAt, out)) {
    onlyKeys(v.content, ['title', 'body'], cAt, out);
    stringId(v.content, 'title', cAt, c, out, component !== 'zc-tip');
    stringId(v.content, 'body', cAt, c, out, component === 'zc-card' || component === 'zc-tip');
  }
  if (v.actions !== undefined) checkList(v.actions, ptr(at, 'actions'), 3, out, (a, aAt) => {
    onlyKeys(a, ['label', 'href'], aAt, out);
    stringId(a, 'label', aAt, c, out, true);
    str(a, 'href', aAt, out, { required: true, ...URL_OPTS });
  });
  if (v.steps !== undefined) checkList(v.steps, ptr(at, 'steps'), 10, out, (s, sAt) => {
    onlyKeys(s, ['text', 'page', 'target'], sAt, out);
    stringId(s, 'text', sAt, c, out, true);
    str(s, 'page', sAt, out, { max: 300, test: (p) => p.startsWith('/') && !p.startsWith('//'), expected: 'a page path starting with "/"' });
    c.selector(s, 'target', sAt);
  });
  if (v.reasons !== undefined) {
    const rAt = ptr(at, 'reasons');
    if (!Array.isArray(v.reasons) || v.reasons.length === 0 || v.reasons.length > 5) out.push({ path: rAt, message: `expected 1 to 5 string ids, got ${describe(v.reasons)}` });
    else v.reasons.forEach((_, i) => stringId(v.reasons as unknown as Record<string, unknown>, String(i), rAt, c, out, true));
  }
  str(v, 'source', at, out, HOST_NAME);
  checkSection(v, 'action', at, out, (a, aAt) => {
    onlyKeys(a, ['host', 'label', 'confirm', 'success'], aAt, out);
    str(a, 'host', aAt, out, { required: true, ...HOST_NAME });
    stringId(a, 'label', aAt, c, out, true);
    stringId(a, 'confirm', aAt, c, out, false);
    stringId(a, 'success', aAt, c, out, false);
  });
  checkSection(v, 'upload', at, out, (u, uAt) => {
    onlyKeys(u, ['via', 'endpoint', 'accept', 'maxBytes'], uAt, out);
    oneWay(u, uAt, out);
    if (u.accept !== undefined && !(Array.isArray(u.accept) && u.accept.length > 0 && u.accept.every((k) => KINDS.includes(k as string)))) {
      out.push({ path: ptr(uAt, 'accept'), message: `expected a list of ${KINDS.join(' and/or ')}, got ${describe(u.accept)}` });
    }
    num(u, 'maxBytes', uAt, out, 1, MAX_UPLOAD_BYTES);
  });
  checkSection(v, 'handoff', at, out, (h, hAt) => {
    onlyKeys(h, ['channel', 'via', 'endpoint'], hAt, out);
    str(h, 'channel', hAt, out, { required: true, test: (s) => CHANNELS.includes(s), expected: `one of ${CHANNELS.join(', ')}` });
    oneWay(h, hAt, out);
  });
  if (!without.includes('next')) checkSection(v, 'next', at, out, (n, nAt) => checkBody(n, nAt, c, out, AFTER_PICKER, []));
  return component;
}

/** Uploads and hand-offs go through a host action or to an endpoint: exactly one. */
function oneWay(o: Record<string, unknown>, at: string, out: Problems): void {
  str(o, 'via', at, out, HOST_NAME);
  str(o, 'endpoint', at, out, URL_OPTS);
  if ((o.via === undefined) === (o.endpoint === undefined)) out.push({ path: at, message: 'needs exactly one of "via" (a host action) or "endpoint" (a URL)' });
}

function checkSection(v: Record<string, unknown>, key: string, at: string, out: Problems, check: (o: Record<string, unknown>, at: string) => void): void {
  const sAt = ptr(at, key);
  if (v[key] !== undefined && isObject(v[key], sAt, out)) check(v[key], sAt);
}

function checkList(v: unknown, at: string, max: number, out: Problems, check: (o: Record<string, unknown>, at: string) => void): void {
  if (!Array.isArray(v) || v.length === 0 || v.length > max) return void out.push({ path: at, message: `expected an array of 1 to ${max} items, got ${describe(v)}` });
  v.forEach((item: unknown, i) => {
    const iAt = ptr(at, i);
    if (isObject(item, iAt, out)) check(item, iAt);
  });
}

function stringId(o: Record<string, unknown>, key: string, at: string, c: SolutionContext, out: Problems, required: boolean): void {
  const id = str(o, key, at, out, { required, max: 64, expected: 'a string id defined in "strings"' });
  if (id !== undefined && c.strings && !Object.hasOwn(c.strings, id)) out.push({ path: ptr(at, key), message: `string id "${id}" is not defined in the pack's locale strings` });
}
