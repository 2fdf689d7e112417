import { compileHelp, testsScore, type CompiledHelp } from './help-level.js';
import type { FlowSolution, Placement, RulePack, Solution } from '../pack/types.js';
import { CATALOGUE } from '../signals/catalogue.js';
import { compileCondition, LeafTable, type CompiledCondition } from './conditions.js';
import { parseDuration } from './duration.js';
import { compileStruggle, type StruggleModel } from './struggle.js';

/** A rule ready for matching: durations in ms, defaults filled in. */
export interface CompiledRule {
  readonly id: string;
  readonly page: string;
  readonly priority: number;
  /** Position in the order rules are tried: priority, then pack order. */
  readonly rank: number;
  readonly condition: CompiledCondition;
  /** Shows per session. */
  readonly cap: number;
  /** Least ms between two shows of this rule, across sessions. */
  readonly cooldown: number;
  readonly group: string | undefined;
  /** One surface per placement at a time: rules with the same key wait for each other. */
  readonly placement: string;
  /** One component, or a flow of them (pack/flow.ts). */
  readonly solution: Solution | FlowSolution;
  /** Shown to users who want help only when stuck: marked high-confidence, or on the struggle score. */
  readonly whenStuck: boolean;
}

/** A fatigue group with defaults filled in. */
export interface CompiledGroup {
  readonly perSession: number;
  readonly perDay: number;
  readonly cooldown: number;
}

/** A validated pack compiled for the engine. */
export interface CompiledPack {
  /** `id@version`, carried by every decision and outcome. */
  readonly ref: string;
  /** The kill switch: false, and nothing runs. */
  readonly enabled: boolean;
  /** Enabled rules in the order they are tried. */
  readonly rules: readonly CompiledRule[];
  readonly byId: ReadonlyMap<string, CompiledRule>;
  /**
   * Rules by the inputs that can make them hold (conditions.ts inputKeys: kind and name, narrowed
   * by target selector or track name), each list in rank order: an input touches only the rules
   * that can use it.
   */
  readonly index: ReadonlyMap<string, readonly CompiledRule[]>;
  /** Every leaf of every rule, each once, with its own index. */
  readonly leaves: LeafTable;
  readonly budget: { readonly perSession: number; readonly perDay: number; readonly minGap: number };
  readonly groups: ReadonlyMap<string, CompiledGroup>;
  /** Share of users held out, 0 to 0.5. */
  readonly holdout: number;
  /** Options of every detector in the catalogue: its defaults with the pack's overrides, durations in ms. */
  readonly detectors: ReadonlyMap<string, Readonly<Record<string, number>>>;
  /** Every target selector the rules test, for the sensors to match elements against. */
  readonly selectors: readonly string[];
  /** The struggle model: the defaults with the pack's weights laid over them. */
  readonly struggle: StruggleModel;
  /** How proactive help is until a user chooses, per segment (layered service). */
  readonly help: CompiledHelp;
  readonly pack: RulePack;
}

/** Defaults for the fatigue budget: help is rare, or it becomes noise. */
export const BUDGET_DEFAULTS = { perSession: 3, perDay: 6, minGap: 90_000 } as const;

const ms = (d: string | undefined, fallback: number): number => (d === undefined ? fallback : parseDuration(d) ?? fallback);

/** The placement a surface occupies: the first place it names, in the order they are tried (outlet, anchor, after, dock). */
export const placementKey = (p: Placement): string =>
  p.outlet !== undefined ? `outlet:${p.outlet}` : p.anchor !== undefined ? `anchor:${p.anchor}` : p.after !== undefined ? `after:${p.after}` : `dock:${p.dock ?? ''}`;

/** Compiles a pack that has passed validatePack. Linear in the pack's size. */
export function compilePack(pack: RulePack): CompiledPack {
  // Highest priority first, pack order breaks ties, so the first eligible rule is the one to fire.
  // Priorities are whole numbers 0–100: a bucket per priority sorts 10,000 rules without a comparator.
  const buckets: Array<Array<RulePack['rules'][number]>> = Array.from({ length: 101 }, () => []);
  for (const r of pack.rules) if (r.enabled !== false) buckets[100 - (r.priority ?? 50)]!.push(r);
  const enabled = buckets.flat();
  const leaves = new LeafTable();
  const rules = enabled.map((r, rank) => rule(r, rank, compileCondition(r.when, r.page ?? '*', leaves)));
  const byId = new Map<string, CompiledRule>();
  for (const r of rules) byId.set(r.id, r);
  const index = new Map<string, CompiledRule[]>();
  const selectors = new Set<string>();
  for (const cr of rules) {
    for (const key of cr.condition.triggers) {
      const list = index.get(key);
      if (list) list.push(cr);
      else index.set(key, [cr]);
    }
    cr.condition.selectors.forEach((s) => selectors.add(s));
  }
  const groups = new Map(
    Object.entries(pack.groups ?? {}).map(([id, g]) => [id, { perSession: g.perSession ?? Infinity, perDay: g.perDay ?? Infinity, cooldown: ms(g.cooldown, 0) }] as const),
  );
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
    enabled: pack.enabled !== false,
    rules,
    byId,
    index,
    leaves,
    budget: {
      perSession: pack.budget?.perSession ?? BUDGET_DEFAULTS.perSession,
      perDay: pack.budget?.perDay ?? BUDGET_DEFAULTS.perDay,
      minGap: ms(pack.budget?.minGap, BUDGET_DEFAULTS.minGap),
    },
    groups,
    holdout: pack.holdout ?? 0,
    detectors,
    selectors: [...selectors],
    struggle: compileStruggle(pack.struggle),
    help: compileHelp(pack),
    pack,
  };
}

function rule(r: RulePack['rules'][number], rank: number, condition: CompiledCondition): CompiledRule {
  return {
    id: r.id,
    page: r.page ?? '*',
    priority: r.priority ?? 50,
    rank,
    condition,
    cap: r.cap ?? 1,
    cooldown: ms(r.cooldown, 0),
    group: r.group,
    placement: placementKey(r.solution.placement),
    solution: r.solution,
    whenStuck: r.confidence === 'high' || testsScore(r.when),
  };
}
