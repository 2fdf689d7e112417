import type { RulePack, Solution } from '../pack/types.js';
import { CATALOGUE } from '../signals/catalogue.js';
import { parseDuration } from './duration.js';

/** A rule ready for matching: durations in ms, defaults filled in. */
export interface CompiledRule {
  readonly id: string;
  readonly page: string;
  readonly priority: number;
  readonly signal: string;
  readonly target: string | undefined;
  /** Requests (api-error, error-click, repeated-action): method and path glob of the evidence. */
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly count: number;
  readonly within: number;
  readonly solution: Solution;
}

/** A validated pack compiled for the engine. */
export interface CompiledPack {
  /** `id@version`, carried by every decision and outcome. */
  readonly ref: string;
  /** Rules indexed by the signal they listen to, so an input touches only rules that can use it. */
  readonly bySignal: ReadonlyMap<string, readonly CompiledRule[]>;
  readonly budget: { readonly perSession: number; readonly minGap: number };
  /** Options of every detector in the catalogue: its defaults with the pack's overrides, durations in ms. */
  readonly detectors: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Every target selector the rules test, for the sensors to match elements against. */
  readonly selectors: readonly string[];
  readonly pack: RulePack;
}

/** Defaults for the fatigue budget: help is rare, or it becomes noise. */
export const BUDGET_DEFAULTS = { perSession: 3, minGap: 90_000 } as const;

const ms = (d: string | undefined, fallback: number): number => (d === undefined ? fallback : parseDuration(d) ?? fallback);

/** Compiles a pack that has passed validatePack. */
export function compilePack(pack: RulePack): CompiledPack {
  const bySignal = new Map<string, CompiledRule[]>();
  const selectors = new Set<string>();
  for (const r of pack.rules) {
    const rule: CompiledRule = {
      id: r.id,
      page: r.page ?? '*',
      priority: r.priority ?? 50,
      signal: r.when.signal,
      target: r.when.target,
      method: r.when.method,
      path: r.when.path,
      count: r.when.count ?? 1,
      within: ms(r.when.within, Infinity),
      solution: r.solution,
    };
    if (rule.target !== undefined) selectors.add(rule.target);
    const list = bySignal.get(rule.signal) ?? [];
    list.push(rule);
    bySignal.set(rule.signal, list);
  }
  // Highest priority first, pack order breaks ties, so the first eligible rule is the one to fire.
  for (const list of bySignal.values()) list.sort((a, b) => b.priority - a.priority);
  const detectors = new Map(
    CATALOGUE.map((d) => {
      const overrides: Readonly<Record<string, number | string>> = pack.signals?.[d.name] ?? {};
      const options: Record<string, number> = { ...d.defaults };
      for (const [key, value] of Object.entries(overrides)) options[key] = typeof value === 'string' ? ms(value, options[key] ?? 0) : value;
      return [d.name, options] as const;
    }),
  );
  return {
    ref: `${pack.id}@${pack.version}`,
    bySignal,
    budget: { perSession: pack.budget?.perSession ?? BUDGET_DEFAULTS.perSession, minGap: ms(pack.budget?.minGap, BUDGET_DEFAULTS.minGap) },
    detectors,
    selectors: [...selectors],
    pack,
  };
}
