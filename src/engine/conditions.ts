import type { AbsentStep, Condition, ContextCondition, EventCondition, LeafCondition } from '../pack/types.js';
import { parseDuration } from './duration.js';
import { matchGlob } from './glob.js';
import type { ContextValue, EngineInput } from './types.js';

/**
 * A rule's condition compiled for the engine: a tree over leaves (single-input matchers with a
 * count and a window) and sequences, with context tests and the struggle score. Per-rule state
 * is a fixed set of small arrays: at most `count` times per leaf, one entry per sequence step.
 */

/** A leaf: which inputs it matches, and how many within how long make it hold. */
export interface Leaf {
  /** 'signal' or 'event'. */
  readonly on: 'signal' | 'event';
  /** The signal's detector name or the event's type. */
  readonly name: string;
  readonly target: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly status: EventCondition['status'] | undefined;
  /** `track` events: glob over the event name. */
  readonly trackName: string | undefined;
  readonly count: number;
  /** ms; Infinity when the pack gave none. */
  readonly within: number;
}

/** A step of a sequence: a leaf to match, or an absence of it for `absent` ms. */
export interface Step {
  readonly leaf: Leaf;
  readonly absent: number | undefined;
}

export interface Sequence {
  readonly steps: readonly Step[];
  readonly within: number;
}

/** The compiled tree. Leaves and sequences are indices into the rule's lists (their state lives in RuleState). */
export type Node =
  | { readonly k: 'leaf'; readonly i: number }
  | { readonly k: 'seq'; readonly i: number }
  | { readonly k: 'all' | 'any'; readonly of: readonly Node[] }
  | { readonly k: 'not'; readonly of: Node }
  | { readonly k: 'ctx'; readonly key: string; readonly test: (v: ContextValue | undefined) => boolean }
  | { readonly k: 'score'; readonly gte: number };

export interface CompiledCondition {
  readonly root: Node;
  readonly leaves: readonly Leaf[];
  readonly sequences: readonly Sequence[];
  /** Index keys of the inputs that can change whether the condition holds (see inputKeys). */
  readonly keys: readonly string[];
  /** Every target selector the condition tests. */
  readonly selectors: readonly string[];
}

const ms = (d: string | undefined): number => (d === undefined ? Infinity : parseDuration(d) ?? Infinity);

const leafOf = (c: LeafCondition): Leaf => {
  const isSignal = 'signal' in c;
  return {
    on: isSignal ? 'signal' : 'event',
    name: isSignal ? c.signal : c.event,
    target: c.target,
    method: c.method,
    path: c.path,
    status: isSignal ? undefined : c.status,
    trackName: isSignal ? undefined : c.name,
    count: c.count ?? 1,
    within: ms(c.within),
  };
};

const literal = (glob: string | undefined): glob is string => glob !== undefined && !/[*?]/.test(glob);

/**
 * The index key a leaf is found under: its kind and name, narrowed by its target when it has
 * one, or by a `track` event's name when it is literal (no * or ?).
 */
const leafKey = (l: Leaf): string => {
  const base = `${l.on === 'signal' ? 's' : 'e'}:${l.name}`;
  if (l.target !== undefined) return `${base}@${l.target}`;
  return literal(l.trackName) ? `${base}=${l.trackName}` : base;
};
/** Every signal, and the 1 s tick: what can move the struggle score. */
const SCORE_KEYS = ['s:*', 'e:tick'];

function contextTest(c: ContextCondition): (v: ContextValue | undefined) => boolean {
  if (c.exists !== undefined) return (v) => (v !== undefined) === c.exists;
  if (c.is !== undefined) return (v) => v === c.is;
  if (c.isNot !== undefined) return (v) => v !== c.isNot;
  if (c.in !== undefined) {
    const set = new Set<ContextValue>(c.in);
    return (v) => v !== undefined && set.has(v);
  }
  const { gte, lte } = c;
  return (v) => typeof v === 'number' && (gte === undefined || v >= gte) && (lte === undefined || v <= lte);
}

/** Compiles a validated condition. */
export function compileCondition(when: Condition): CompiledCondition {
  const leaves: Leaf[] = [];
  const sequences: Sequence[] = [];
  const keys = new Set<string>();
  const selectors = new Set<string>();
  const addLeaf = (l: Leaf): Leaf => {
    keys.add(leafKey(l));
    if (l.target !== undefined) selectors.add(l.target);
    return l;
  };
  const walk = (c: Condition): Node => {
    if ('all' in c) return { k: 'all', of: c.all.map(walk) };
    if ('any' in c) return { k: 'any', of: c.any.map(walk) };
    if ('not' in c) return { k: 'not', of: walk(c.not) };
    if ('context' in c) return { k: 'ctx', key: c.context, test: contextTest(c) };
    if ('score' in c) {
      SCORE_KEYS.forEach((k) => keys.add(k));
      return { k: 'score', gte: c.score.gte };
    }
    if ('sequence' in c) {
      const steps = c.sequence.map((s): Step => ('absent' in s ? { leaf: addLeaf(leafOf((s as AbsentStep).absent)), absent: ms(s.within) } : { leaf: addLeaf(leafOf(s)), absent: undefined }));
      // An absence is over when time passes: the tick says so.
      if (steps.some((s) => s.absent !== undefined)) keys.add('e:tick');
      sequences.push({ steps, within: ms(c.within) });
      return { k: 'seq', i: sequences.length - 1 };
    }
    leaves.push(addLeaf(leafOf(c)));
    return { k: 'leaf', i: leaves.length - 1 };
  };
  const root = walk(when);
  return { root, leaves, sequences, keys: [...keys], selectors: [...selectors] };
}

/** The keys under which an input finds the rules it can affect: its kind and name, the same per target selector it hit, a track event's name. */
export function inputKeys(input: EngineInput): string[] {
  const base = input.type === 'signal' ? `s:${input.signal}` : `e:${input.type}`;
  const keys = input.type === 'signal' ? [base, 's:*'] : input.type === 'track' ? [base, `${base}=${input.name}`] : [base];
  const hits = 'target' in input ? input.target?.hits : undefined;
  if (hits) for (const h of hits) keys.push(`${base}@${h}`);
  return keys;
}

const STATUS: Record<string, (s: number) => boolean> = {
  '4xx': (s) => s >= 400 && s < 500,
  '5xx': (s) => s >= 500 && s < 600,
  failed: (s) => s === 0 || s >= 400,
};

/** Whether one input matches a leaf (its page glob is the rule's, checked by the caller). */
export function leafMatches(l: Leaf, input: EngineInput): boolean {
  if (l.on === 'signal') {
    if (input.type !== 'signal' || input.signal !== l.name) return false;
    if (l.target !== undefined && !input.target?.hits.includes(l.target)) return false;
    if (l.method !== undefined && l.method !== input.evidence.method) return false;
    return l.path === undefined || matchGlob(l.path, input.evidence.path ?? '');
  }
  if (input.type !== l.name) return false;
  if (l.target !== undefined && !('target' in input && input.target?.hits.includes(l.target))) return false;
  if (input.type === 'track') return l.trackName === undefined || matchGlob(l.trackName, input.name);
  if (input.type === 'net') {
    if (l.method !== undefined && l.method !== input.method) return false;
    if (l.path !== undefined && !matchGlob(l.path, input.path)) return false;
    if (l.status === undefined) return true;
    // A status test is about the answer: only the end of a request (not aborted by the page) has one.
    if (input.phase !== 'end' || input.status === undefined || input.aborted) return false;
    return typeof l.status === 'number' ? input.status === l.status : STATUS[l.status]!(input.status);
  }
  return true;
}

/** Where a sequence has got to: for each number of steps done, the best partial match (latest start). */
type Progress = Array<{ start: number; at: number } | undefined>;

/** A rule's condition state; bounded by the pack (counts ≤ 100, a few dozen leaves, ≤ 10 steps). */
export interface ConditionState {
  readonly hits: number[][];
  readonly progress: Progress[];
}

export const freshState = (c: CompiledCondition): ConditionState => ({
  hits: c.leaves.map(() => []),
  progress: c.sequences.map((s) => new Array<Progress[number]>(s.steps.length + 1).fill(undefined)),
});

/** Applies one input to the condition's state; true if the input matched any leaf (it is evidence for the rule). */
export function observe(c: CompiledCondition, s: ConditionState, input: EngineInput): boolean {
  let matched = false;
  for (let i = 0; i < c.leaves.length; i++) {
    const l = c.leaves[i]!;
    if (!leafMatches(l, input)) continue;
    matched = true;
    const times = s.hits[i]!;
    times.push(input.t);
    if (times.length > l.count) times.shift();
  }
  for (let i = 0; i < c.sequences.length; i++) advance(c.sequences[i]!, s.progress[i]!, input);
  return matched;
}

/** Keeps the partial match that started later (it has more time left); on a tie, the one already there. */
const better = (a: Progress[number], b: NonNullable<Progress[number]>): NonNullable<Progress[number]> => (a === undefined || b.start > a.start ? b : a);

function advance(seq: Sequence, p: Progress, input: EngineInput): void {
  const t = input.t;
  const n = seq.steps.length;
  // Partial matches too old to finish in time are dropped.
  for (let k = 1; k < n; k++) if (p[k] !== undefined && t - p[k]!.start > seq.within) p[k] = undefined;
  // From the last step back, so one input advances a partial match by one step at most.
  for (let k = n - 1; k >= 0; k--) {
    const step = seq.steps[k]!;
    if (step.absent !== undefined) {
      const from = p[k]; // validation keeps absences out of first place
      if (from === undefined) continue;
      // Time passing completes an absence (stamped at its deadline); a match first breaks it.
      if (t - from.at >= step.absent) {
        p[k + 1] = better(p[k + 1], { start: from.start, at: from.at + step.absent });
        p[k] = undefined;
      } else if (leafMatches(step.leaf, input)) p[k] = undefined;
      continue;
    }
    if (!leafMatches(step.leaf, input)) continue;
    const from = k === 0 ? undefined : p[k];
    if (k > 0 && (from === undefined || t < from.at || t - from.start > seq.within)) continue;
    p[k + 1] = better(p[k + 1], { start: from?.start ?? t, at: t });
  }
}

/** What evaluation needs from the engine besides the rule's own state. */
export interface EvalContext {
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly score: () => number;
}

/** Whether the condition holds at `t`. */
export function holds(c: CompiledCondition, s: ConditionState, n: Node, t: number, x: EvalContext): boolean {
  switch (n.k) {
    case 'leaf': {
      const l = c.leaves[n.i]!;
      const times = s.hits[n.i]!;
      return times.length >= l.count && t - times[times.length - l.count]! < l.within;
    }
    case 'seq': {
      const seq = c.sequences[n.i]!;
      const done = s.progress[n.i]![seq.steps.length];
      return done !== undefined && t - done.start <= seq.within;
    }
    case 'all':
      return n.of.every((m) => holds(c, s, m, t, x));
    case 'any':
      return n.of.some((m) => holds(c, s, m, t, x));
    case 'not':
      return !holds(c, s, n.of, t, x);
    case 'ctx':
      return n.test(x.context[n.key]);
    case 'score':
      return x.score() >= n.gte;
  }
}
