import { helpLevel } from './help-level.js';
import { defer, type OperatorFunction } from 'rxjs';
import { flatten } from '../signals/flatten.js';
import type { FlowSolution, HelpLevel, Solution } from '../pack/types.js';
import type { CompiledPack, CompiledRule } from './compile-pack.js';
import { freshState, holds, inputKeys, observeLeaves, observeSequences, type ConditionState, type EvalContext, type LeafHits } from './conditions.js';
import { matchGlob } from './glob.js';
import { createStruggle, type Struggle } from './struggle.js';
import type { ContextValue, EngineInput, Signal, TargetInfo } from './types.js';

/** The engine's verdict to show a solution. */
export interface Decision {
  readonly type: 'decision';
  readonly t: number;
  readonly rule: string;
  readonly pack: string;
  readonly page: string;
  readonly solution: Solution | FlowSolution;
  /** The latest signal the rule's condition matched, with its evidence (none for rules on events only). */
  readonly signal: Signal | undefined;
  /** The element the latest matched signal or event happened on: what `"anchor": "$target"` means. */
  readonly target: TargetInfo | undefined;
  /** The user is in the holdout group for this rule: record it, show nothing. */
  readonly heldOut: boolean;
}

/**
 * Why a rule whose condition held did not fire; for the debug inspector and `simulate`.
 * `cap`: shown as often as it may be this session; `cooldown`: shown too recently (any session);
 * `group`: its fatigue group's limits; `open`: its placement shows another rule; `budget`,
 * `day-budget`, `min-gap`: the pack's fatigue budget; `dismissed`: the user closed it this session, or said don't show again;
 * `consent`: the host has not given consent for help; `agent`: a human agent is sharing the session and decides what to show;
 * `preference`: the user (or the pack's default for their segment) wants help only when stuck, or none.
 */
export type SuppressReason = 'consent' | 'agent' | 'preference' | 'dismissed' | 'cap' | 'cooldown' | 'group' | 'open' | 'budget' | 'day-budget' | 'min-gap';

/** A rule whose condition held but which the arbiter held back. */
export interface Suppressed {
  readonly type: 'suppressed';
  readonly t: number;
  readonly rule: string;
  readonly reason: SuppressReason;
}

/** What the engine emits. */
export type Verdict = Decision | Suppressed;

/** Shows counted for fatigue: the last one, and how many on its (UTC) day. */
export interface Shows {
  last: number;
  day: number;
  count: number;
}

/**
 * What the arbiter remembers beyond the session, across tabs and visits (the runtime persists
 * it): the pack's shows, each rule's and each group's, and the rules the user dismissed.
 * Bounded by the number of rules and groups.
 */
export interface FatigueMemory {
  pack: Shows;
  readonly rules: Record<string, Shows>;
  readonly groups: Record<string, Shows>;
  readonly dismissed: string[];
}

/** Per-session engine state; every collection is bounded by the number of rules. */
export interface EngineState {
  /** The pack's shared leaves: their latest match times (conditions.ts LeafTable). */
  readonly hits: LeafHits;
  /** Condition state per rule, created when an input first touches the rule. */
  readonly rules: Map<string, ConditionState>;
  /** Per rule: the latest matched signal and target, for the decision's evidence and anchor. */
  readonly lastSignal: Map<string, Signal>;
  readonly lastTarget: Map<string, TargetInfo>;
  /** Shows this session, per rule and per group. */
  readonly session: Map<string, number>;
  readonly groupSession: Map<string, number>;
  decisions: number;
  readonly memory: FatigueMemory;
  /** Rules the user dismissed this session (`dont-show-again` goes to memory instead). */
  readonly dismissed: Set<string>;
  /** Placement key → the rule whose surface is there. */
  readonly open: Map<string, string>;
  readonly context: Record<string, ContextValue>;
  consent: boolean;
  /** A human agent shares the session (ZeroCall.connect, paired). */
  agent: boolean;
  /** The level of help the user chose; undefined: the pack's default for their segment. */
  help: HelpLevel | undefined;
  /** The anonymous id the holdout is drawn from. */
  readonly subject: string;
  /** The struggle score over this session; decide() creates it from the pack's model. */
  struggle: Struggle | undefined;
}

/** Nothing shown yet, anywhere. */
export const emptyMemory = (): FatigueMemory => ({ pack: { last: -Infinity, day: 0, count: 0 }, rules: {}, groups: {}, dismissed: [] });

/** What a session starts from: the memory of earlier ones, the holdout id, consent. */
export interface StateInit {
  readonly memory?: FatigueMemory;
  readonly subject?: string;
  readonly consent?: boolean;
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** The level of help the user chose in an earlier session. */
  readonly help?: HelpLevel;
}

/** A fresh session. */
export const initialState = (init: StateInit = {}): EngineState => ({
  hits: [],
  rules: new Map(),
  lastSignal: new Map(),
  lastTarget: new Map(),
  session: new Map(),
  groupSession: new Map(),
  decisions: 0,
  memory: init.memory ?? emptyMemory(),
  open: new Map(),
  dismissed: new Set(),
  context: { ...init.context },
  consent: init.consent ?? true,
  agent: false,
  help: init.help,
  subject: init.subject ?? '',
  struggle: undefined,
});

const DAY = 86_400_000;
const dayOf = (t: number): number => Math.floor(t / DAY);
/** Shows on the day of `t`. */
const today = (s: Shows | undefined, t: number): number => (s !== undefined && s.day === dayOf(t) ? s.count : 0);
const shown = (s: Shows | undefined, t: number): Shows =>
  // A show another tab reports may be older than the last one seen here; a day is never undone.
  s !== undefined && s.day > dayOf(t) ? { ...s, last: Math.max(s.last, t) } : { last: Math.max(t, s?.last ?? -Infinity), day: dayOf(t), count: today(s, t) + 1 };

/**
 * The holdout bucket of a user for a rule, in [0, 1): FNV-1a over "subject:rule". Deterministic,
 * so a user stays in or out of a rule's holdout on every visit, and independent across rules.
 */
export function holdoutBucket(subject: string, rule: string): number {
  let h = 0x811c9dc5;
  const s = `${subject}:${rule}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

function arbitrate(pack: CompiledPack, rule: CompiledRule, t: number, s: EngineState): SuppressReason | undefined {
  const m = s.memory;
  if (!s.consent) return 'consent';
  if (s.agent) return 'agent';
  const level = helpLevel(pack.help, s.help, s.context).help;
  if (level === 'off' || (level === 'stuck' && !rule.whenStuck)) return 'preference';
  if (m.dismissed.includes(rule.id) || s.dismissed.has(rule.id)) return 'dismissed';
  if ((s.session.get(rule.id) ?? 0) >= rule.cap) return 'cap';
  if (t - (m.rules[rule.id]?.last ?? -Infinity) < rule.cooldown) return 'cooldown';
  if (rule.group !== undefined) {
    const g = pack.groups.get(rule.group);
    const gm = m.groups[rule.group];
    if (g && ((s.groupSession.get(rule.group) ?? 0) >= g.perSession || today(gm, t) >= g.perDay || t - (gm?.last ?? -Infinity) < g.cooldown)) return 'group';
  }
  if (s.open.has(rule.placement)) return 'open';
  if (s.decisions >= pack.budget.perSession) return 'budget';
  if (today(m.pack, t) >= pack.budget.perDay) return 'day-budget';
  if (t - m.pack.last < pack.budget.minGap) return 'min-gap';
  return undefined;
}

/**
 * Counts a show in what is remembered across sessions and tabs. The runtime also applies the
 * shows other tabs report, so the daily budget, min gap, cooldowns and groups hold across tabs.
 */
export function rememberShow(m: FatigueMemory, rule: string, group: string | undefined, t: number): void {
  m.pack = shown(m.pack, t);
  m.rules[rule] = shown(m.rules[rule], t);
  if (group !== undefined) m.groups[group] = shown(m.groups[group], t);
}

/** "Don't show this again", remembered for good (and across tabs). */
export function rememberDismissal(m: FatigueMemory, rule: string): void {
  if (!m.dismissed.includes(rule)) m.dismissed.push(rule);
}

/** Counts a show everywhere fatigue is counted. A held-out show counts too: the holdout differs only in seeing nothing. */
function record(rule: CompiledRule, t: number, s: EngineState, heldOut: boolean): void {
  s.session.set(rule.id, (s.session.get(rule.id) ?? 0) + 1);
  s.decisions++;
  rememberShow(s.memory, rule.id, rule.group, t);
  if (rule.group !== undefined) s.groupSession.set(rule.group, (s.groupSession.get(rule.group) ?? 0) + 1);
  if (!heldOut) s.open.set(rule.placement, rule.id);
  // The condition starts over: the next show needs new friction, after this moment.
  s.rules.set(rule.id, { ...freshState(rule.condition), since: t });
  s.lastSignal.delete(rule.id);
  s.lastTarget.delete(rule.id);
}

const NONE: Verdict[] = [];

/** The rules an input can make hold, in rank order, each once. */
function candidates(pack: CompiledPack, keys: readonly string[]): readonly CompiledRule[] {
  let found: readonly CompiledRule[] | undefined;
  let merged: CompiledRule[] | undefined;
  for (const key of keys) {
    const list = pack.index.get(key);
    if (!list) continue;
    if (!found) found = list;
    else (merged ??= [...found]).push(...list);
  }
  if (!merged) return found ?? [];
  return [...new Set(merged)].sort((a, b) => a.rank - b.rank);
}

/**
 * One step of the engine: applies an input to the state and returns the verdicts. Pure
 * apart from mutating `state`, and driven only by event time, so a recorded session
 * replays to the same verdicts anywhere.
 */
export function step(pack: CompiledPack, state: EngineState, input: EngineInput): Verdict[] {
  state.struggle?.update(input);
  switch (input.type) {
    case 'outcome': {
      const rule = pack.byId.get(input.rule);
      const o = input.outcome;
      if ((o === 'dismissed' || o === 'dont-show-again' || o === 'closed') && rule && state.open.get(rule.placement) === input.rule) state.open.delete(rule.placement);
      // A surface the engine did not decide on this load (a flow or tour resumed), or a flow that moved on after its step was
      // closed, holds its place all the same: nothing else shows there meanwhile.
      else if ((o === 'shown' || (o === 'transition' && input.to !== 'end')) && rule && !state.open.has(rule.placement)) state.open.set(rule.placement, input.rule);
      if (o === 'dismissed') state.dismissed.add(input.rule);
      if (o === 'dont-show-again') rememberDismissal(state.memory, input.rule);
      return NONE;
    }
    case 'context':
      Object.assign(state.context, input.values);
      return NONE;
    case 'consent':
      state.consent = input.granted;
      return NONE;
    case 'agent':
      state.agent = input.on;
      return NONE;
    case 'preference':
      state.help = input.help;
      return NONE;
  }
  if (!pack.enabled) return NONE;
  const keys = inputKeys(input);
  const matched = observeLeaves(pack.leaves, state.hits, input, keys);
  const rules = candidates(pack, keys);
  if (rules.length === 0) return NONE;
  let verdicts: Verdict[] | undefined;
  const x: EvalContext = { table: pack.leaves, hits: state.hits, context: state.context, score: () => state.struggle?.score(input.t) ?? 0 };
  for (const rule of rules) {
    if (!matchGlob(rule.page, input.page)) continue;
    let cs = state.rules.get(rule.id);
    if (!cs) state.rules.set(rule.id, (cs = freshState(rule.condition)));
    // The input is evidence for the rule if it matched one of its leaves or sequence steps.
    const stepped = observeSequences(rule.condition, cs, input);
    const evidence = stepped || (matched !== undefined && rule.condition.leaves.some((i) => matched.includes(i)));
    if (evidence) {
      if (input.type === 'signal') state.lastSignal.set(rule.id, input);
      const target = 'target' in input ? input.target : undefined;
      if (target) state.lastTarget.set(rule.id, target);
    }
    if (!holds(rule.condition, cs, rule.condition.root, input.t, x)) continue;
    const reason = arbitrate(pack, rule, input.t, state);
    if (reason) {
      (verdicts ??= []).push({ type: 'suppressed', t: input.t, rule: rule.id, reason });
      continue;
    }
    const heldOut = pack.holdout > 0 && holdoutBucket(state.subject, rule.id) < pack.holdout;
    const signal = state.lastSignal.get(rule.id);
    const target = state.lastTarget.get(rule.id);
    record(rule, input.t, state, heldOut);
    (verdicts ??= []).push({ type: 'decision', t: input.t, rule: rule.id, pack: pack.ref, page: input.page, solution: rule.solution, signal, target, heldOut });
  }
  return verdicts ?? NONE;
}

/** The engine as an rxjs operator; each subscription is its own session. */
export const decide = (pack: CompiledPack, state: () => EngineState = initialState): OperatorFunction<EngineInput, Verdict> => (inputs) =>
  defer(() => {
    const s = state();
    s.struggle ??= createStruggle(pack.struggle);
    return inputs.pipe(flatten((input: EngineInput) => step(pack, s, input)));
  });
