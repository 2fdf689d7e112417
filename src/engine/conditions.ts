import type { AbsentStep, Condition, EventCondition, LeafCondition, ValueTest } from '../pack/types.js';
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

/**
 * The compiled tree. A leaf is an index into the pack's table of leaves, shared by every rule
 * with the same match on the same page glob (LeafTable); sequences are indices into the rule's
 * own list (their progress is per rule).
 */
export type Node =
  | { readonly k: 'leaf'; readonly i: number }
  | { readonly k: 'seq'; readonly i: number }
  | { readonly k: 'all' | 'any'; readonly of: readonly Node[] }
  | { readonly k: 'not'; readonly of: Node }
  | { readonly k: 'ctx'; readonly key: string; readonly test: (v: ContextValue | undefined) => boolean }
  | { readonly k: 'score'; readonly gte: number };

export interface CompiledCondition {
  readonly root: Node;
  /** Every leaf the tree reads, as ids in the pack's leaf table. */
  readonly leaves: readonly number[];
  readonly sequences: readonly Sequence[];
  /**
   * Index keys of the inputs that can make the condition start to hold (see inputKeys): its
   * leaves outside any `not`, its sequences, the score. An input that only a negated leaf
   * matches can only make it false, so it updates the shared leaf and never touches the rule.
   */
  readonly triggers: readonly string[];
  /** Every target selector the condition tests. */
  readonly selectors: readonly string[];
}

/**
 * The pack's leaves, each once: rules that count the same thing on the same pages share its
 * state, so an input updates a leaf once however many rules read it.
 */
export class LeafTable {
  readonly leaves: Leaf[] = [];
  readonly pages: string[] = [];
  /** Index key → ids of the leaves found under it. */
  readonly byKey = new Map<string, number[]>();

  add(l: Leaf, page: string, key = leafKey(l)): number {
    const ids = this.byKey.get(key);
    // Leaves under one key differ in few fields; most keys hold one leaf (one target, one rule).
    if (ids) for (const i of ids) if (this.pages[i] === page && sameLeaf(this.leaves[i]!, l)) return i;
    const i = this.leaves.length;
    this.leaves.push(l);
    this.pages.push(page);
    if (ids) ids.push(i);
    else this.byKey.set(key, [i]);
    return i;
  }
}

const sameLeaf = (a: Leaf, b: Leaf): boolean =>
  a.on === b.on && a.name === b.name && a.target === b.target && a.method === b.method && a.path === b.path && a.status === b.status && a.trackName === b.trackName && a.count === b.count && a.within === b.within;

/** Durations repeat across a pack ("30s", "1m"): each is parsed once. */
const durations = new Map<string, number>();
const ms = (d: string | undefined): number => {
  if (d === undefined) return Infinity;
  let v = durations.get(d);
  if (v === undefined && durations.size < 1000) durations.set(d, (v = parseDuration(d) ?? Infinity));
  return v ?? parseDuration(d) ?? Infinity;
};

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
/**
 * When a score leaf is tried: on the 1 s tick, not on every signal. A rule that waits only for
 * the score is so tried up to a second after the signal that raised it, and the rule written for
 * that signal, tried on the signal itself, has the first word (then the budget's min gap keeps
 * the general rule from piling on). A score leaf next to a signal leaf is tried with that signal.
 */
const SCORE_KEYS = ['e:tick'];

/** The test of one context condition (or a flow's record test), on the value of its key. */
export function contextTest(c: ValueTest): (v: ContextValue | undefined) => boolean {
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

const NO_SEQUENCES: readonly Sequence[] = [];
const NO_SELECTORS: readonly string[] = [];

/**
 * Compiles a validated condition of a rule on pages `page`, adding its leaves to the pack's
 * table. Runs once per rule at load, for packs of up to 10,000 rules: plain loops, few objects.
 */
export function compileCondition(when: Condition, page: string, table: LeafTable): CompiledCondition {
  // Most rules are one signal or event: no tree to walk.
  if ('signal' in when || 'event' in when) {
    const l = leafOf(when);
    const key = leafKey(l);
    const i = table.add(l, page, key);
    return { root: { k: 'leaf', i }, leaves: [i], sequences: NO_SEQUENCES, triggers: [key], selectors: l.target === undefined ? NO_SELECTORS : [l.target] };
  }
  const c = new ConditionCompiler(page, table);
  const root = c.walk(when, true);
  return { root, leaves: c.leaves, sequences: c.sequences ?? NO_SEQUENCES, triggers: c.triggers, selectors: c.selectors };
}

class ConditionCompiler {
  readonly leaves: number[] = [];
  sequences: Sequence[] | undefined;
  readonly triggers: string[] = [];
  readonly selectors: string[] = [];
  constructor(
    private readonly page: string,
    private readonly table: LeafTable,
  ) {}

  private trigger(key: string): void {
    if (!this.triggers.includes(key)) this.triggers.push(key);
  }

  private select(l: Leaf): void {
    if (l.target !== undefined && !this.selectors.includes(l.target)) this.selectors.push(l.target);
  }

  private list(items: readonly Condition[], positive: boolean): Node[] {
    const out: Node[] = [];
    for (const item of items) out.push(this.walk(item, positive));
    return out;
  }

  walk(c: Condition, positive: boolean): Node {
    if ('signal' in c || 'event' in c) {
      const l = leafOf(c);
      const key = leafKey(l);
      if (positive) this.trigger(key);
      this.select(l);
      const i = this.table.add(l, this.page, key);
      this.leaves.push(i);
      return { k: 'leaf', i };
    }
    if ('all' in c) return { k: 'all', of: this.list(c.all, positive) };
    if ('any' in c) return { k: 'any', of: this.list(c.any, positive) };
    if ('not' in c) return { k: 'not', of: this.walk(c.not, !positive) };
    if ('context' in c) return { k: 'ctx', key: c.context, test: contextTest(c) };
    if ('score' in c) {
      for (const k of SCORE_KEYS) this.trigger(k);
      return { k: 'score', gte: c.score.gte };
    }
    // A sequence keeps its own progress, so every input a step matches must reach the rule.
    const steps: Step[] = [];
    for (const s of c.sequence) {
      const absent = 'absent' in s;
      const l = leafOf(absent ? (s as AbsentStep).absent : (s as LeafCondition));
      this.trigger(leafKey(l));
      this.select(l);
      steps.push({ leaf: l, absent: absent ? ms(s.within) : undefined });
    }
    // An absence is over when time passes: the tick says so.
    if (steps.some((s) => s.absent !== undefined)) this.trigger('e:tick');
    (this.sequences ??= []).push({ steps, within: ms(c.within) });
    return { k: 'seq', i: this.sequences.length - 1 };
  }
}

/** The one key of an event with no target hits and no name, per type: most events (moves, scrolls, ticks) are these, and build no key. */
const PLAIN = new Map<string, readonly string[]>();

/** The keys under which an input finds the rules it can affect: its kind and name, the same per target selector it hit, a track event's name. */
export function inputKeys(input: EngineInput): readonly string[] {
  if (input.type !== 'signal' && input.type !== 'track' && !('target' in input && input.target?.hits.length)) {
    let keys = PLAIN.get(input.type);
    if (!keys) PLAIN.set(input.type, (keys = [`e:${input.type}`]));
    return keys;
  }
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

/** A rule's own condition state: when it was last armed, and its sequences' progress. Bounded by the pack. */
export interface ConditionState {
  /** Leaf matches at or before this time do not count (the rule last showed then). */
  since: number;
  readonly progress: Progress[];
}

export const freshState = (c: CompiledCondition): ConditionState => ({
  since: -Infinity,
  progress: c.sequences.map((s) => new Array<Progress[number]>(s.steps.length + 1).fill(undefined)),
});

/** The shared leaves' state: the latest `count` match times of each. */
export type LeafHits = number[][];

/**
 * Applies one input to the pack's leaves (those under the input's keys, on matching pages).
 * Returns the ids of the leaves it matched, or undefined when none did.
 */
export function observeLeaves(table: LeafTable, hits: LeafHits, input: EngineInput, keys: readonly string[]): number[] | undefined {
  let matched: number[] | undefined;
  for (const key of keys) {
    const ids = table.byKey.get(key);
    if (!ids) continue;
    for (const i of ids) {
      const l = table.leaves[i]!;
      if (!leafMatches(l, input) || !matchGlob(table.pages[i]!, input.page)) continue;
      const times = (hits[i] ??= []);
      times.push(input.t);
      if (times.length > l.count) times.shift();
      (matched ??= []).push(i);
    }
  }
  return matched;
}

/** Applies one input to a rule's sequences; true if it matched a step of one (it is evidence for the rule). */
export function observeSequences(c: CompiledCondition, s: ConditionState, input: EngineInput): boolean {
  let matched = false;
  for (let i = 0; i < c.sequences.length; i++) if (advance(c.sequences[i]!, s.progress[i]!, input, s.since)) matched = true;
  return matched;
}

/** Keeps the partial match that started later (it has more time left); on a tie, the one already there. */
const better = (a: Progress[number], b: NonNullable<Progress[number]>): NonNullable<Progress[number]> => (a === undefined || b.start > a.start ? b : a);

/** Advances a sequence's partial matches by one input; true if the input matched one of its (non-absence) steps. */
function advance(seq: Sequence, p: Progress, input: EngineInput, since: number): boolean {
  const t = input.t;
  if (t <= since) return false;
  let matched = false;
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
    matched = true;
    const from = k === 0 ? undefined : p[k];
    if (k > 0 && (from === undefined || t < from.at || t - from.start > seq.within)) continue;
    p[k + 1] = better(p[k + 1], { start: from?.start ?? t, at: t });
  }
  return matched;
}

/** What evaluation needs from the engine besides the rule's own state. */
export interface EvalContext {
  readonly table: LeafTable;
  readonly hits: LeafHits;
  readonly context: Readonly<Record<string, ContextValue>>;
  readonly score: () => number;
}

/** Whether the condition holds at `t`, counting only leaf matches after the rule was last armed. */
export function holds(c: CompiledCondition, s: ConditionState, n: Node, t: number, x: EvalContext): boolean {
  switch (n.k) {
    case 'leaf': {
      const l = x.table.leaves[n.i]!;
      const times = x.hits[n.i];
      if (!times || times.length < l.count) return false;
      const oldest = times[times.length - l.count]!;
      return oldest > s.since && t - oldest < l.within;
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
