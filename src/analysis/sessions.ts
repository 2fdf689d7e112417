import { from, type OperatorFunction } from 'rxjs';
import type { CompiledPack } from '../engine/compile-pack.js';
import { initialState } from '../engine/decide.js';
import { pipeline, withSignals } from '../engine/pipeline.js';
import type { ParsedSession } from '../engine/session.js';
import { createStruggle, STRUGGLE_FEATURES, type StruggleModel } from '../engine/struggle.js';
import type { EngineInput, ZcEvent } from '../engine/types.js';

/**
 * Labelled sessions (docs/data-loop.md): what `zerocall train` learns from and `zerocall
 * evaluate` measures a pack against. Pure: the same results in Node and in the page.
 */

/** One row of labels.csv: whether the user in a session was struggling, and from when. */
export interface Label {
  readonly id: string;
  readonly struggling: boolean;
  /** When the struggle began, event time (ms since the epoch); unknown for smooth sessions. */
  readonly onset?: number;
  /** What kind of user this was (the generator's persona, or a reviewer's note): reports break figures down by it. */
  readonly persona?: string;
}

const TRUE = new Set(['1', 'true', 'yes', 'struggling', 'stuck']);
const FALSE = new Set(['0', 'false', 'no', 'smooth', 'ok']);

/**
 * Reads labels.csv: a header row naming the columns `session`, `label`, and optionally `onset`
 * and `persona`, in any order; then one row per session. `label` is 1/0 (or true/false,
 * struggling/smooth); `onset` is ms since the epoch, or `+<seconds>` from the session's first
 * event (resolved by `resolveOnsets`), or empty. Every bad row is reported by line.
 */
export function parseLabels(csv: string): { labels: Map<string, Label & { offset?: number }>; problems: string[] } {
  const labels = new Map<string, Label & { offset?: number }>();
  const problems: string[] = [];
  const lines = csv.split('\n').map((l) => l.trim());
  const first = lines.findIndex((l) => l !== '' && !l.startsWith('#'));
  if (first < 0) return { labels, problems: ['the file is empty: expected a header row "session,label,onset,persona"'] };
  const columns = lines[first]!.split(',').map((c) => c.trim().toLowerCase());
  const at = (name: string): number => columns.indexOf(name);
  const [idAt, labelAt, onsetAt, personaAt] = ['session', 'label', 'onset', 'persona'].map(at) as [number, number, number, number];
  if (idAt < 0 || labelAt < 0) return { labels, problems: [`line ${first + 1}: the header must name the columns "session" and "label" (got ${lines[first]})`] };
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    const where = `line ${i + 1}`;
    const id = cells[idAt] ?? '';
    const label = (cells[labelAt] ?? '').toLowerCase();
    const onset = onsetAt >= 0 ? cells[onsetAt] ?? '' : '';
    if (!id) {
      problems.push(`${where}: no session id`);
      continue;
    }
    if (!TRUE.has(label) && !FALSE.has(label)) {
      problems.push(`${where}: label ${JSON.stringify(cells[labelAt] ?? '')} for ${id}: expected 1 or 0 (true/false, struggling/smooth)`);
      continue;
    }
    const offset = /^\+\d+(\.\d+)?$/.test(onset) ? Math.round(Number(onset.slice(1)) * 1000) : undefined;
    const absolute = /^\d+$/.test(onset) ? Number(onset) : undefined;
    if (onset && offset === undefined && absolute === undefined) {
      problems.push(`${where}: onset ${JSON.stringify(onset)} for ${id}: expected ms since the epoch or +seconds from the session's start`);
      continue;
    }
    if (labels.has(id)) {
      problems.push(`${where}: session ${id} is labelled twice`);
      continue;
    }
    const persona = personaAt >= 0 && cells[personaAt] ? cells[personaAt] : undefined;
    labels.set(id, { id, struggling: TRUE.has(label), ...(absolute === undefined ? {} : { onset: absolute }), ...(offset === undefined ? {} : { offset }), ...(persona ? { persona } : {}) });
  }
  return { labels, problems };
}

/** A session with its label, onsets given as offsets made absolute. */
export interface LabelledSession {
  readonly id: string;
  readonly events: readonly ZcEvent[];
  readonly label: Label;
}

/**
 * Pairs sessions with their labels. A session without a label, or a label without a session,
 * is a problem (named), and left out.
 */
export function joinLabels(sessions: readonly ParsedSession[], labels: ReadonlyMap<string, Label & { offset?: number }>): { sessions: LabelledSession[]; problems: string[] } {
  const out: LabelledSession[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const s of sessions) {
    const id = s.header?.id ?? '';
    const label = labels.get(id);
    seen.add(id);
    if (!label) {
      problems.push(`session ${id} (line ${s.line}) has no label`);
      continue;
    }
    const { offset, ...rest } = label;
    const start = s.events[0]?.t ?? s.header?.started ?? 0;
    out.push({ id, events: s.events, label: offset === undefined ? rest : { ...rest, onset: start + offset } });
  }
  for (const id of labels.keys()) if (!seen.has(id)) problems.push(`label for ${id}: no such session`);
  return { sessions: out, problems };
}

/** Runs a synchronous operator over recorded events and calls `each` with every output. */
function replay<T>(events: readonly ZcEvent[], op: OperatorFunction<ZcEvent, T>, each: (v: T) => void): void {
  from(events).pipe(op).subscribe({ next: each });
}

/** The feature vector of the struggle score, in STRUGGLE_FEATURES order, at one moment. */
export interface Snapshot {
  readonly t: number;
  readonly x: number[];
}

/**
 * The struggle features over a session, taken at every engine tick and every signal (when the
 * score can change a rule's verdict), with the pack's detector settings and window. `x` is
 * what the model weighs: ln(1 + count) per count, idle minutes.
 */
export function snapshots(events: readonly ZcEvent[], pack: CompiledPack): Snapshot[] {
  // With every weight 1 and no bias, each contribution explain() reports is the feature's x.
  const unit: StruggleModel = { window: pack.struggle.window, bias: 0, weights: Object.fromEntries(STRUGGLE_FEATURES.map((f) => [f, 1])) };
  const struggle = createStruggle(unit);
  const out: Snapshot[] = [];
  replay(events, withSignals(pack), (input: EngineInput) => {
    struggle.update(input);
    if (input.type !== 'tick' && input.type !== 'signal') return;
    const x = new Array<number>(STRUGGLE_FEATURES.length).fill(0);
    for (const c of struggle.explain(input.t).features) x[STRUGGLE_FEATURES.indexOf(c.feature)] = c.contribution;
    out.push({ t: input.t, x });
  });
  return out;
}

/** Is the user struggling at `t`, by the label? From the onset on (the whole session when no onset is known). */
export const strugglingAt = (label: Label, t: number): boolean => label.struggling && (label.onset === undefined || t >= label.onset);

/** What a pack decided over one labelled session. */
export interface SessionResult {
  readonly id: string;
  readonly struggling: boolean;
  readonly persona?: string;
  /** The first decision at or after the onset (any decision for a smooth session), and its rule. */
  readonly decided?: { readonly t: number; readonly rule: string };
  /** A struggling session whose first decision came before the onset. */
  readonly early: boolean;
  /** Onset to `decided`, ms (struggling sessions with an onset). */
  readonly delay?: number;
}

/** A pack's figures over labelled sessions, overall and per persona. */
export interface Evaluation {
  readonly sessions: number;
  readonly struggling: number;
  readonly smooth: number;
  /** Struggling sessions the pack decided on at or after the onset, share of the struggling. */
  readonly recall: number;
  /** Smooth sessions the pack decided on at all, share of the smooth. */
  readonly falseInterruptions: number;
  /** Struggling sessions decided on before the struggle began. */
  readonly early: number;
  /** Median onset → decision over the recalled sessions with an onset, ms; NaN without any. */
  readonly medianDelay: number;
  /** Which rule decided first, by number of sessions. */
  readonly rules: Readonly<Record<string, number>>;
  readonly personas: Readonly<Record<string, { readonly sessions: number; readonly decided: number; readonly medianDelay: number }>>;
  readonly results: readonly SessionResult[];
}

/** The median of some numbers; NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Replays one session through the pack, as the page would have run it, and times its first decision. */
export function decideSession(session: LabelledSession, pack: CompiledPack): SessionResult {
  const { label } = session;
  let first: { t: number; rule: string } | undefined;
  let decided: { t: number; rule: string } | undefined;
  // A fixed visitor: whether the holdout would have shown help does not change that the pack decided.
  replay(session.events, pipeline(pack, () => initialState({ subject: 'evaluate' })), (o) => {
    if (o.type !== 'decision') return;
    first ??= { t: o.t, rule: o.rule };
    if (!decided && (!label.struggling || strugglingAt(label, o.t))) decided = { t: o.t, rule: o.rule };
  });
  const early = label.struggling && first !== undefined && !strugglingAt(label, first.t);
  const delay = label.struggling && label.onset !== undefined && decided ? decided.t - label.onset : undefined;
  return { id: session.id, struggling: label.struggling, ...(label.persona ? { persona: label.persona } : {}), ...(decided ? { decided } : {}), early, ...(delay === undefined ? {} : { delay }) };
}

/** How well a pack helps the labelled sessions: recall, false interruptions, onset → decision. */
export function evaluate(sessions: readonly LabelledSession[], pack: CompiledPack): Evaluation {
  const results = sessions.map((s) => decideSession(s, pack));
  const struggling = results.filter((r) => r.struggling);
  const smooth = results.filter((r) => !r.struggling);
  const delays = (rs: readonly SessionResult[]): number[] => rs.flatMap((r) => (r.delay === undefined ? [] : [r.delay]));
  const rules: Record<string, number> = {};
  for (const r of results) if (r.decided) rules[r.decided.rule] = (rules[r.decided.rule] ?? 0) + 1;
  const personas: Record<string, { sessions: number; decided: number; medianDelay: number }> = {};
  for (const name of [...new Set(results.map((r) => r.persona ?? (r.struggling ? 'struggling' : 'smooth')))].sort()) {
    const rs = results.filter((r) => (r.persona ?? (r.struggling ? 'struggling' : 'smooth')) === name);
    personas[name] = { sessions: rs.length, decided: rs.filter((r) => r.decided).length, medianDelay: median(delays(rs)) };
  }
  const share = (n: number, of: number): number => (of ? n / of : NaN);
  return {
    sessions: results.length,
    struggling: struggling.length,
    smooth: smooth.length,
    recall: share(struggling.filter((r) => r.decided).length, struggling.length),
    falseInterruptions: share(smooth.filter((r) => r.decided).length, smooth.length),
    early: struggling.filter((r) => r.early).length,
    medianDelay: median(delays(struggling)),
    rules,
    personas,
    results,
  };
}
