import { defer, type OperatorFunction } from 'rxjs';
import { flatten } from '../signals/flatten.js';
import type { Solution } from '../pack/types.js';
import type { CompiledPack, CompiledRule } from './compile-pack.js';
import { matchGlob } from './glob.js';
import type { EngineInput, Signal } from './types.js';

/** The engine's verdict to show a solution. */
export interface Decision {
  readonly type: 'decision';
  readonly t: number;
  readonly rule: string;
  readonly pack: string;
  readonly page: string;
  readonly solution: Solution;
  /** The signal that completed the condition, with its evidence. */
  readonly signal: Signal;
}

/** Why a matching rule did not fire; for the debug inspector and `simulate`. */
export type SuppressReason = 'open' | 'fired' | 'dismissed' | 'budget' | 'min-gap';

/** A rule whose condition held but which the arbiter held back. */
export interface Suppressed {
  readonly type: 'suppressed';
  readonly t: number;
  readonly rule: string;
  readonly reason: SuppressReason;
}

/** What the engine emits. */
export type Verdict = Decision | Suppressed;

/** Per-session engine state; every collection is bounded by the number of rules. */
export interface EngineState {
  /** Event times of matching signals per rule, at most `count` kept. */
  readonly hits: Map<string, number[]>;
  readonly fired: Set<string>;
  readonly dismissed: Set<string>;
  decisions: number;
  lastDecision: number;
  /** The rule whose surface is on screen, if any: one surface at a time. */
  open: string | undefined;
}

/** A fresh session. */
export const initialState = (): EngineState => ({ hits: new Map(), fired: new Set(), dismissed: new Set(), decisions: 0, lastDecision: -Infinity, open: undefined });

function conditionHolds(rule: CompiledRule, s: Signal, state: EngineState): boolean {
  if (!matchGlob(rule.page, s.page)) return false;
  if (rule.target !== undefined && !s.target?.hits.includes(rule.target)) return false;
  if (rule.method !== undefined && rule.method !== s.evidence.method) return false;
  if (rule.path !== undefined && !matchGlob(rule.path, s.evidence.path ?? '')) return false;
  const times = (state.hits.get(rule.id) ?? []).filter((t) => s.t - t < rule.within);
  times.push(s.t);
  if (times.length > rule.count) times.shift();
  state.hits.set(rule.id, times);
  return times.length >= rule.count;
}

function arbitrate(pack: CompiledPack, rule: CompiledRule, t: number, state: EngineState): SuppressReason | undefined {
  if (state.dismissed.has(rule.id)) return 'dismissed';
  if (state.fired.has(rule.id)) return 'fired';
  if (state.open !== undefined) return 'open';
  if (state.decisions >= pack.budget.perSession) return 'budget';
  if (t - state.lastDecision < pack.budget.minGap) return 'min-gap';
  return undefined;
}

/**
 * One step of the engine: applies an input to the state and returns the verdicts. Pure
 * apart from mutating `state`, and driven only by event time, so a recorded session
 * replays to the same verdicts anywhere.
 */
export function step(pack: CompiledPack, state: EngineState, input: EngineInput): Verdict[] {
  if (input.type === 'outcome') {
    if (input.outcome === 'dismissed' || input.outcome === 'closed') {
      if (state.open === input.rule) state.open = undefined;
      if (input.outcome === 'dismissed') state.dismissed.add(input.rule);
    }
    return [];
  }
  if (input.type !== 'signal') return [];
  const verdicts: Verdict[] = [];
  for (const rule of pack.bySignal.get(input.signal) ?? []) {
    if (!conditionHolds(rule, input, state)) continue;
    const reason = arbitrate(pack, rule, input.t, state);
    if (reason) {
      verdicts.push({ type: 'suppressed', t: input.t, rule: rule.id, reason });
      continue;
    }
    state.fired.add(rule.id);
    state.decisions++;
    state.lastDecision = input.t;
    state.open = rule.id;
    state.hits.delete(rule.id);
    verdicts.push({ type: 'decision', t: input.t, rule: rule.id, pack: pack.ref, page: input.page, solution: rule.solution, signal: input });
  }
  return verdicts;
}

/** The engine as an rxjs operator; each subscription is its own session. */
export const decide = (pack: CompiledPack, state: () => EngineState = initialState): OperatorFunction<EngineInput, Verdict> => (inputs) =>
  defer(() => {
    const s = state();
    return inputs.pipe(flatten((input: EngineInput) => step(pack, s, input)));
  });
