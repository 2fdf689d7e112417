import { scan } from 'rxjs';
import { flatten } from './flatten.js';
import type { Signal, TargetInfo, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the hesitation detector; every one can be overridden by a rule pack. */
export interface HesitationOptions {
  /** Visible time a focused field may go without input before the user counts as stuck on it, ms. */
  readonly field: number;
  /** Visible time a page may go without progress (click, input, submit, nav, track), ms. */
  readonly dwell: number;
}

/** Defaults: 10 s idle in a focused field, 30 s on a page without progress (docs/signals.md). */
export const HESITATION_DEFAULTS: HesitationOptions = { field: 10_000, dwell: 30_000 };

/**
 * Ticks come every second while the page is visible and stop while it is hidden, so a longer
 * gap between ticks is time the user spent elsewhere; it is not hesitation and is not counted.
 */
const HIDDEN_GAP = 2000;

/** Idle time since `since`, counted in visible time up to `mark`. */
interface Clock {
  readonly since: number;
  readonly mark: number;
  readonly idle: number;
}

interface State {
  readonly page?: string;
  /** 'done' once the visit has had its dwell signal. */
  readonly dwell?: Clock | 'done';
  /** The focused field, while focus stays on it. */
  readonly field?: { readonly target: TargetInfo; readonly clock: Clock | 'done' };
  readonly out: readonly Signal[];
}

/** What counts as getting somewhere on a page (a nav starts a new visit anyway). */
const PROGRESS: ReadonlySet<ZcEvent['type']> = new Set(['click', 'input', 'submit', 'track']);

const start = (t: number): Clock => ({ since: t, mark: t, idle: 0 });
const NONE: readonly Signal[] = [];

/**
 * Buttons keep focus after a click and the user may then read the page for a while; that is not
 * hesitating over a field, so only text entry and non-clickable form controls qualify.
 */
const isField = (target: TargetInfo | undefined): target is TargetInfo => {
  const traits = target?.traits ?? [];
  return traits.includes('text-entry') || (traits.includes('field') && !traits.includes('interactive'));
};

/** Advances a clock to a tick at `t`; a gap longer than HIDDEN_GAP adds nothing. */
const advance = (c: Clock, t: number): Clock => {
  const gap = t - c.mark;
  return { since: c.since, mark: t, idle: gap >= 0 && gap <= HIDDEN_GAP ? c.idle + gap : c.idle };
};

const signal = (page: string, c: Clock, limit: number, kind: 'field' | 'dwell', target?: TargetInfo): Signal => {
  // The limit was reached inside the last (visible) tick interval: report that moment, not the tick.
  const deadline = c.mark - (c.idle - limit);
  const evidence = { count: 1, first: c.since, last: deadline, idle: limit, result: kind };
  return { type: 'signal', signal: 'hesitation', t: deadline, page, ...(target ? { target } : {}), evidence };
};

/** Advances the state by one event; pure. */
function step(s: State, e: ZcEvent, o: HesitationOptions): State {
  // A new page (nav, or the first event seen) is a new visit: its own dwell, no focused field.
  const visit = e.page !== s.page || e.type === 'nav';
  let dwell = visit ? start(e.t) : s.dwell;
  let field = visit ? undefined : s.field;
  if (PROGRESS.has(e.type) && dwell !== 'done') dwell = start(e.t);
  let out: Signal[] | undefined;
  switch (e.type) {
    case 'tick':
      if (dwell !== undefined && dwell !== 'done') {
        dwell = advance(dwell, e.t);
        if (dwell.idle >= o.dwell) {
          (out ??= []).push(signal(e.page, dwell, o.dwell, 'dwell'));
          dwell = 'done';
        }
      }
      if (field !== undefined && field.clock !== 'done') {
        const clock = advance(field.clock, e.t);
        const fired = clock.idle >= o.field;
        if (fired) (out ??= []).push(signal(e.page, clock, o.field, 'field', field.target));
        field = { target: field.target, clock: fired ? 'done' : clock };
      }
      break;
    case 'focus':
      // Focus coming back to the same field (e.g. from another window) continues its episode.
      if (!isField(e.target)) field = undefined;
      else if (field?.target.fp !== e.target.fp) field = { target: e.target, clock: start(e.t) };
      break;
    case 'input':
      if (field !== undefined && field.clock !== 'done' && field.target.fp === e.target.fp) field = { target: field.target, clock: start(e.t) };
      break;
    case 'submit':
      // Focus often stays in the field after Enter submits; what follows is reading the result.
      field = undefined;
      break;
  }
  // Most events change nothing here (a pointer move, a scroll): same state, no garbage.
  if (!out && s.out === NONE && e.page === s.page && dwell === s.dwell && field === s.field) return s;
  out?.sort((a, b) => a.t - b.t);
  return { page: e.page, dwell, field, out: out ?? NONE };
}

/**
 * Detects hesitation, over event time: a focused field left without input for `field` ms
 * (signal with the field as target), and a page visit without progress for `dwell` ms (no
 * target). Only visible time counts. Each fires once per focus episode / page visit, at the
 * moment the limit was reached; `evidence.result` is 'field' or 'dwell'.
 */
export const hesitation = defineDetector<HesitationOptions>({
  name: 'hesitation',
  defaults: HESITATION_DEFAULTS,
  durations: ['field', 'dwell'],
  ranges: { field: [2000, 600_000], dwell: [5000, 3_600_000] },
  detect: (o) => (events) =>
    events.pipe(
      scan<ZcEvent, State>((s, e) => step(s, e, o), { out: NONE }),
      flatten((s) => s.out),
    ),
});
