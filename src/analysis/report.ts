import { isHelpLevel } from '../engine/help-level.js';
import type { HelpLevel } from '../pack/types.js';
import type { TelemetryRecord } from '../transport/record.js';
import { addOutcome, continues, flowDropOff, type FlowStepCounts, isFlowRule, openSurface, type Surface } from './flow-dropoff.js';
import { newcombeInterval } from './interval.js';

/** A line of outcomes.ndjson that was skipped, located for the CLI (`line 40: event 3: missing "sid"`). */
export interface OutcomeProblem {
  readonly line: number;
  readonly message: string;
}

/** Options of `buildReport`: the `track` event name lift is measured on, and the interval's confidence. */
export interface ReportOptions {
  readonly target?: string;
  /** Between 0 and 1; 0.95 when absent. */
  readonly confidence?: number;
}

/** Sessions of one group, and how many of them hit the target. */
export interface Proportion {
  readonly sessions: number;
  readonly hits: number;
  /** hits / sessions (0 for no sessions). */
  readonly rate: number;
}

/** Treated against held-out sessions on one target: difference of rates with Newcombe's hybrid score interval. */
export interface Lift {
  readonly target: string;
  readonly treated: Proportion;
  readonly heldOut: Proportion;
  /** treated.rate - heldOut.rate. */
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  readonly confidence: number;
  /** treated.rate / heldOut.rate - 1, when heldOut.rate > 0. */
  readonly relative?: number;
  /** The interval excludes 0. Whether that is good depends on the target. */
  readonly significant: boolean;
  /** A group has fewer than 30 sessions. */
  readonly small: boolean;
}

/** Shares of shown surfaces; 0 when none was shown. */
export type OutcomeRates = Readonly<Record<'engaged' | 'resolved' | 'dismissed' | 'dontShowAgain' | 'escalated', number>>;

/** What one rule of one pack version did. Outcome counts are surface instances, each counted once. */
export interface RuleReport {
  readonly pack: string;
  readonly rule: string;
  readonly triggered: number;
  readonly heldOut: number;
  readonly shown: number;
  readonly engaged: number;
  /** `helpful` or `action-succeeded`. */
  readonly resolved: number;
  readonly dismissed: number;
  readonly dontShowAgain: number;
  readonly escalated: number;
  /** Outcome records with no earlier `shown` of the rule in their session. */
  readonly orphans: number;
  readonly rates: OutcomeRates;
  /** Sessions with both treated and held-out decisions for the rule (counted as treated). */
  readonly mixed: number;
  readonly lift?: Lift;
  readonly noLift?: string;
  /** Rules whose solution is a flow: drop-off per step, the start first. */
  readonly flow?: readonly FlowStepCounts[];
}

/** One pack version: sessions where any of its rules fired, and lift over any rule. */
export interface PackSummary {
  readonly pack: string;
  readonly sessions: number;
  /** Sessions treated by one rule and held out of another: left out of the lift. */
  readonly mixed: number;
  readonly lift?: Lift;
  readonly noLift?: string;
}

/** The whole report; `--json` prints it as is. */
export interface Report {
  readonly records: number;
  readonly duplicates: number;
  readonly sessions: number;
  readonly target?: string;
  readonly rules: RuleReport[];
  readonly packs: PackSummary[];
  /** Layered service: sessions by the level of help they ended on, among those where it changed, and how many changes. */
  readonly preferences: { readonly changes: number; readonly sessions: Readonly<Record<'useful' | 'stuck' | 'off', number>> };
  readonly problems: OutcomeProblem[];
}

const NO_PACK = '(no pack)';
/** Below this many sessions in a group, the interval is wide: say so. */
export const SMALL = 30;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a value is not a telemetry record, or undefined when it is one. */
function recordProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'not a record';
  const missing = (['id', 't', 'kind', 'sid'] as const).filter((k) => v[k] === undefined || v[k] === null);
  if (missing.length) return `missing ${missing.map((k) => `"${k}"`).join(', ')}`;
  if (typeof v.t !== 'number' || !Number.isFinite(v.t)) return '"t" is not a number';
  const bad = (['id', 'kind', 'sid'] as const).find((k) => typeof v[k] !== 'string' || v[k] === '');
  return bad && `"${bad}" is not a non-empty string`;
}

/**
 * Reads a collector's store: one record or one POST body (`Batch`) per line, mixed. Keeps the
 * first of records with the same id (delivery is at least once). Never throws on bad input:
 * unreadable lines and records are skipped and reported by line (and by event, from 1, in a batch).
 */
export function parseOutcomes(text: string): { records: TelemetryRecord[]; duplicates: number; problems: OutcomeProblem[] } {
  const records: TelemetryRecord[] = [];
  const problems: OutcomeProblem[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const add = (line: number, v: unknown, where: string): void => {
    const wrong = recordProblem(v);
    if (wrong) problems.push({ line, message: where + wrong });
    else if (seen.has((v as TelemetryRecord).id)) duplicates++;
    else {
      seen.add((v as TelemetryRecord).id);
      records.push(v as TelemetryRecord);
    }
  };
  text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      problems.push({ line, message: 'not JSON' });
      return;
    }
    if (isObject(v) && Array.isArray(v.events)) {
      // A later wire format may mean something else by the same fields: skip rather than guess.
      if (v.v !== 1) problems.push({ line, message: `batch version ${JSON.stringify(v.v)}, expected 1: skipped` });
      else v.events.forEach((e: unknown, j) => add(line, e, `event ${j + 1}: `));
    } else if (isObject(v)) add(line, v, '');
    else problems.push({ line, message: 'not a record or a batch' });
  });
  return { records, duplicates, problems };
}

/** Treated against held-out counts, or why there is no lift. */
function liftOf(target: string, n1: number, h1: number, n0: number, h0: number, confidence: number): { lift?: Lift; noLift?: string } {
  if (!n1 && !n0) return { noLift: 'no decisions' };
  if (!n0) return { noLift: 'no held-out sessions' };
  if (!n1) return { noLift: 'no treated sessions' };
  const [p1, p0] = [h1 / n1, h0 / n0];
  const { low, high } = newcombeInterval(h1, n1, h0, n0, confidence);
  const lift: Lift = {
    target,
    treated: { sessions: n1, hits: h1, rate: p1 },
    heldOut: { sessions: n0, hits: h0, rate: p0 },
    difference: p1 - p0,
    low,
    high,
    confidence,
    ...(p0 > 0 ? { relative: p1 / p0 - 1 } : {}),
    significant: low > 0 || high < 0,
    small: n1 < SMALL || n0 < SMALL,
  };
  return { lift };
}

/** Within one session, what one rule (or any rule of one pack) decided: its first decision time and the groups. */
interface Exposure {
  first: number;
  treated: boolean;
  held: boolean;
}
/** Sessions of a rule or pack on the target. */
interface Groups {
  n1: number;
  h1: number;
  n0: number;
  h0: number;
  mixed: number;
  sessions: number;
}
interface RuleCounts {
  readonly pack: string;
  readonly rule: string;
  triggered: number;
  heldOut: number;
  orphans: number;
  readonly surfaces: Surface[];
  readonly groups: Groups;
}

const expose = <K>(map: Map<K, Exposure>, key: K, r: TelemetryRecord): void => {
  const e = map.get(key) ?? { first: r.t, treated: false, held: false };
  if (r.heldOut === true) e.held = true;
  else e.treated = true;
  map.set(key, e);
};
const newGroups = (): Groups => ({ n1: 0, h1: 0, n0: 0, h0: 0, mixed: 0, sessions: 0 });

/** Orders "pay@2026.9.0" before "pay@2026.11.0": digit runs compare as numbers. */
export function naturalCompare(a: string, b: string): number {
  const x = a.match(/\d+|\D+/g) ?? [];
  const y = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i], y[i]];
    if (p === q) continue;
    if (/^\d/.test(p) && /^\d/.test(q) && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * Counts, per pack version and rule, decisions and what users did with each surface, and with a
 * target the lift per session against the holdout. Sessions are walked in time order (ties in input order).
 */
export function buildReport(parsed: ReturnType<typeof parseOutcomes>, options: ReportOptions = {}): Report {
  const { target, confidence = 0.95 } = options;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`buildReport: confidence must be between 0 and 1, got ${confidence}`);
  const bySid = new Map<string, TelemetryRecord[]>();
  for (const r of parsed.records) {
    const list = bySid.get(r.sid);
    if (list) list.push(r);
    else bySid.set(r.sid, [r]);
  }
  const rules = new Map<string, RuleCounts>();
  const packs = new Map<string, Groups>();
  const ruleOf = (pack: string, rule: string): RuleCounts => {
    const key = JSON.stringify([pack, rule]);
    const known = rules.get(key);
    if (known) return known;
    const made: RuleCounts = { pack, rule, triggered: 0, heldOut: 0, orphans: 0, surfaces: [], groups: newGroups() };
    rules.set(key, made);
    return made;
  };
  const tally = (g: Groups, e: Exposure, hits: readonly number[]): void => {
    const hit = hits.some((t) => t >= e.first) ? 1 : 0;
    g.sessions++;
    if (e.treated) [g.n1, g.h1] = [g.n1 + 1, g.h1 + hit];
    else [g.n0, g.h0] = [g.n0 + 1, g.h0 + hit];
  };
  const preferences = { changes: 0, sessions: { useful: 0, stuck: 0, off: 0 } };
  for (const session of bySid.values()) {
    let level: HelpLevel | undefined;
    const open = new Map<RuleCounts, Surface>();
    // Rules that decided since their last surface opened: their next `shown` is a new surface.
    const decided = new Set<RuleCounts>();
    const ruleExposure = new Map<RuleCounts, Exposure>();
    const packExposure = new Map<string, Exposure>();
    const hits: number[] = [];
    for (const r of session.sort((a, b) => a.t - b.t)) {
      if (r.kind === 'track' && target !== undefined && r.name === target) hits.push(r.t);
      if (r.kind === 'preference' && isHelpLevel(r.help)) [level, preferences.changes] = [r.help, preferences.changes + 1];
      if ((r.kind !== 'decision' && r.kind !== 'outcome') || typeof r.rule !== 'string') continue;
      const pack = typeof r.pack === 'string' ? r.pack : NO_PACK;
      const counts = ruleOf(pack, r.rule);
      if (r.kind === 'decision') {
        counts.triggered++;
        decided.add(counts);
        if (r.heldOut === true) counts.heldOut++;
        expose(ruleExposure, counts, r);
        expose(packExposure, pack, r);
      } else if (r.outcome === 'shown') {
        // A flow's later steps show themselves too: still the one surface.
        if (!decided.has(counts) && continues(open.get(counts), r)) continue;
        const surface = openSurface(r);
        counts.surfaces.push(surface);
        open.set(counts, surface);
        decided.delete(counts);
      } else if (r.outcome && r.outcome !== 'held-out') {
        const surface = open.get(counts);
        if (surface) addOutcome(surface, r);
        else counts.orphans++;
      }
    }
    if (level) preferences.sessions[level]++;
    for (const [{ groups: g }, e] of ruleExposure) {
      if (e.treated && e.held) g.mixed++;
      tally(g, e, hits);
    }
    for (const [pack, e] of packExposure) {
      const g = packs.get(pack) ?? newGroups();
      packs.set(pack, g);
      if (e.treated && e.held) [g.mixed, g.sessions] = [g.mixed + 1, g.sessions + 1];
      else tally(g, e, hits);
    }
  }
  const withLift = (g: Groups): { lift?: Lift; noLift?: string } => (target === undefined ? {} : liftOf(target, g.n1, g.h1, g.n0, g.h0, confidence));
  const ruleReports = [...rules.values()].map((c): RuleReport => {
    const shown = c.surfaces.length;
    const reached = (...outcomes: string[]): number => c.surfaces.filter((s) => outcomes.some((o) => s.outcomes.has(o))).length;
    const [engaged, resolved, dismissed, dontShowAgain, escalated] = [['engaged'], ['helpful', 'action-succeeded'], ['dismissed'], ['dont-show-again'], ['escalated']].map((o) => reached(...o));
    const rate = (n: number): number => (shown ? n / shown : 0);
    const rates = { engaged: rate(engaged), resolved: rate(resolved), dismissed: rate(dismissed), dontShowAgain: rate(dontShowAgain), escalated: rate(escalated) };
    const { pack, rule, triggered, heldOut, orphans } = c;
    const flow = isFlowRule(c.surfaces) ? { flow: flowDropOff(c.surfaces) } : {};
    return { pack, rule, triggered, heldOut, shown, engaged, resolved, dismissed, dontShowAgain, escalated, orphans, rates, mixed: c.groups.mixed, ...withLift(c.groups), ...flow };
  });
  ruleReports.sort((a, b) => naturalCompare(a.pack, b.pack) || b.triggered - a.triggered || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
  const packReports = [...new Set(ruleReports.map((r) => r.pack))].map((pack): PackSummary => {
    const g = packs.get(pack) ?? newGroups();
    return { pack, sessions: g.sessions, mixed: g.mixed, ...withLift(g) };
  });
  return {
    records: parsed.records.length,
    duplicates: parsed.duplicates,
    sessions: bySid.size,
    ...(target !== undefined ? { target } : {}),
    rules: ruleReports,
    packs: packReports,
    preferences,
    problems: parsed.problems,
  };
}
