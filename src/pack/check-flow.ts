import type { ComponentName } from './types.js';
import { VALUE_TESTS, checkValueTest, describe, isObject, onlyKeys, ptr, str, type Problems } from './checks.js';
import { parseDuration } from '../engine/duration.js';
import { FLOW_END, FLOW_OUTCOMES } from './flow.js';

/** At most this many steps in one flow, and transitions from one step: a flow is a short dialogue. */
export const FLOW_LIMITS = { steps: 12, transitions: 10, depth: 4 } as const;
const STEP_ID = /^[a-z][a-z0-9_-]{0,31}$/;
/** How long a flow under way may be kept: a minute to a week. */
const KEEP = {
  test: (s: string) => {
    const ms = parseDuration(s);
    return ms !== undefined && ms >= 60_000 && ms <= 7 * 86_400_000;
  },
  expected: 'a duration from "1m" to "7d"',
};

/** Checks a step's component and sections (check-solution.ts), allowing its `on`. */
export type StepCheck = (step: Record<string, unknown>, at: string) => ComponentName | undefined;

/**
 * A solution's `flow`: its steps (each checked like a solution), their transitions, and the
 * graph: every step reachable from `start`, every `to` a step or "end", and no loop the user
 * cannot leave but by closing the help.
 */
export function checkFlow(v: unknown, at: string, out: Problems, checkStep: StepCheck): void {
  if (!isObject(v, at, out)) return;
  onlyKeys(v, ['start', 'steps', 'keep'], at, out);
  str(v, 'keep', at, out, KEEP);
  const sAt = ptr(at, 'steps');
  if (!isObject(v.steps, sAt, out)) return;
  const ids = Object.keys(v.steps);
  if (ids.length === 0 || ids.length > FLOW_LIMITS.steps) return void out.push({ path: sAt, message: `expected 1 to ${FLOW_LIMITS.steps} steps, got ${ids.length}` });
  const start = str(v, 'start', at, out, { required: true, max: 32, expected: 'the id of the step shown first' });
  if (start !== undefined && !ids.includes(start)) out.push({ path: ptr(at, 'start'), message: `no step "${start}" in "steps"; expected one of ${ids.join(', ')}` });
  const edges = new Map<string, Edges>();
  const picks = ids.some((id) => (v.steps as Record<string, { component?: unknown }>)[id]?.component === 'zc-picker');
  for (const id of ids) {
    const stAt = ptr(sAt, id);
    if (!STEP_ID.test(id) || id === FLOW_END) out.push({ path: stAt, message: `a step id is lower-case letters, digits, "-" or "_", starting with a letter, and not "${FLOW_END}"` });
    const step = (v.steps as Record<string, unknown>)[id];
    if (!isObject(step, stAt, out)) continue;
    const component = checkStep(step, stAt);
    if (component === undefined) continue;
    edges.set(id, checkTransitions(step.on, ptr(stAt, 'on'), component, ids, picks, out));
  }
  if (start === undefined || !ids.includes(start) || edges.size !== ids.length) return;
  // A move that could not be read is reported already; the steps it was meant to reach (and a
  // step called "end", which every `to` reads as the end) would only be named again as unreachable.
  const complete = [...edges.values()].every((e) => !e.unread);
  checkGraph(start, edges, sAt, out, (id) => complete && id !== FLOW_END);
}

/** A step's moves: the steps it may lead to, whether the flow can end there, and whether some move could not be read. */
interface Edges {
  readonly to: readonly string[];
  readonly exits: boolean;
  readonly unread: boolean;
}

function checkTransitions(v: unknown, at: string, component: ComponentName, ids: readonly string[], picks: boolean, out: Problems): Edges {
  const { finish, also } = FLOW_OUTCOMES[component];
  if (v === undefined) return { to: [], exits: true, unread: false };
  if (!Array.isArray(v) || v.length === 0 || v.length > FLOW_LIMITS.transitions) {
    out.push({ path: at, message: `expected an array of 1 to ${FLOW_LIMITS.transitions} transitions, got ${describe(v)}` });
    return { to: [], exits: true, unread: true };
  }
  const to: string[] = [];
  /** Outcomes a transition always takes (one without a condition), by its index: later ones on them are never tried. */
  const covered = new Map<string, number>();
  // A move that could not be read counts as a way out: its error is named here, not again as a loop.
  let ends = false;
  let unread = false;
  /** Transitions never tried, by the index of the one before them that takes their outcome. */
  const shadowed = new Map<number, number[]>();
  v.forEach((t: unknown, i) => {
    const tAt = ptr(at, i);
    if (!isObject(t, tAt, out)) return void (ends = unread = true);
    onlyKeys(t, ['outcome', 'when', 'to'], tAt, out);
    const outcome = str(t, 'outcome', tAt, out, {
      required: true,
      test: (s) => (finish as readonly string[]).includes(s) || (also as readonly string[]).includes(s),
      expected: `an outcome ${component} reports: one of ${[...finish, ...also].join(', ')}`,
    });
    const target = str(t, 'to', tAt, out, { required: true, max: 32, expected: `a step id of this flow or "${FLOW_END}"` });
    if (target === FLOW_END) ends = true;
    else if (target !== undefined && ids.includes(target)) to.push(target);
    else {
      if (target !== undefined) out.push({ path: ptr(tAt, 'to'), message: `no step "${target}" in this flow; expected one of ${[...ids.filter((id) => id !== FLOW_END), FLOW_END].join(', ')}` });
      ends = unread = true;
    }
    const first = outcome === undefined ? undefined : covered.get(outcome);
    if (first !== undefined) shadowed.set(first, [...(shadowed.get(first) ?? []), i]);
    if (t.when !== undefined) {
      if (!picks) out.push({ path: ptr(tAt, 'when'), message: 'tests the picked record, but no step of this flow is a zc-picker' });
      else checkRecordCondition(t.when, ptr(tAt, 'when'), out, 1);
    } else if (outcome !== undefined && !covered.has(outcome)) covered.set(outcome, i);
  });
  for (const [i, later] of shadowed) {
    const outcome = (v[i] as { outcome: string }).outcome;
    out.push({ path: ptr(at, i), message: `takes every "${outcome}" (it has no "when"), so ${later.length > 1 ? 'transitions' : 'transition'} ${later.join(', ')} after it can never be taken; give it a "when" or move it last` });
  }
  // A step whose component has no result (a hint) ends the flow by being read.
  return { to, exits: ends || finish.length === 0 || finish.some((o) => !covered.has(o)), unread };
}

/** A transition's `when`: record tests under all, any and not. */
function checkRecordCondition(v: unknown, at: string, out: Problems, depth: number): void {
  if (!isObject(v, at, out)) return;
  if (depth > FLOW_LIMITS.depth) return void out.push({ path: at, message: `conditions on the record nest at most ${FLOW_LIMITS.depth} deep` });
  const ops = ['all', 'any', 'not', 'record'].filter((k) => k in v);
  if (ops.length !== 1) return void out.push({ path: at, message: ops.length ? `one operator per condition, got ${ops.join(' and ')}` : 'expected one of all, any, not, record' });
  const op = ops[0]!;
  if (op === 'record') {
    // An unknown operator in place of the test is one mistake: name it once, not also as "no test".
    const stray = Object.keys(v).find((k) => k !== 'record' && !VALUE_TESTS.includes(k));
    if (stray !== undefined && !VALUE_TESTS.some((k) => k in v)) return void out.push({ path: ptr(at, stray), message: `"${stray}" is not a test of the record; expected one of ${VALUE_TESTS.join(', ')}` });
    return checkValueTest(v, 'record', at, out);
  }
  onlyKeys(v, [op], at, out);
  if (op === 'not') return checkRecordCondition(v.not, ptr(at, 'not'), out, depth + 1);
  const items = v[op];
  if (!Array.isArray(items) || items.length === 0 || items.length > 10) return void out.push({ path: ptr(at, op), message: `expected an array of 1 to 10 conditions, got ${describe(items)}` });
  items.forEach((c: unknown, i) => checkRecordCondition(c, ptr(ptr(at, op), i), out, depth + 1));
}

/**
 * The graph: steps no transition reaches from `start` are unreachable (named where `unreachable` says so);
 * steps from which no path leads to a step where the flow can end (a transition to "end", or a
 * result no transition always takes) are caught in a loop: named once per loop, with the loop.
 */
function checkGraph(start: string, edges: ReadonlyMap<string, Edges>, at: string, out: Problems, unreachable: (id: string) => boolean): void {
  const reached = new Set([start]);
  for (const id of reached) for (const to of edges.get(id)!.to) reached.add(to);
  for (const id of edges.keys()) if (!reached.has(id) && unreachable(id)) out.push({ path: ptr(at, id), message: `unreachable: no transition leads here from "${start}"` });
  // Steps that can end the flow, and every step with a path to one.
  const canEnd = new Set([...edges].filter(([, e]) => e.exits).map(([id]) => id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, e] of edges) if (!canEnd.has(id) && e.to.some((t) => canEnd.has(t))) grew = !!canEnd.add(id);
  }
  // Steps leading into a loop cannot end either, but only because of the loop: it is named once.
  const seen = new Set<string>();
  for (const id of reached) {
    if (canEnd.has(id) || seen.has(id)) continue;
    const path = pathFrom(id, edges);
    const loop = path.slice(path.indexOf(path.at(-1)!));
    const known = seen.has(loop[0]!);
    path.forEach((s) => seen.add(s));
    if (!known) out.push({ path: ptr(at, loop[0]!), message: `a loop without an exit (${loop.join(' → ')}): every outcome leads back into it; add a transition to "${FLOW_END}" or leave a result without a transition` });
  }
}

/**
 * Follows moves from a step that cannot end (so neither can any step it leads to) until a step
 * repeats: the path, ending with the repeated step, so the loop is the path from its first visit.
 */
function pathFrom(id: string, edges: ReadonlyMap<string, Edges>): string[] {
  const path = [id];
  for (let at = id; ; ) {
    at = edges.get(at)!.to[0]!;
    const repeated = path.includes(at);
    path.push(at);
    if (repeated) return path;
  }
}
