import { filter, map, scan } from 'rxjs';
import type { ClickEvent, Signal, SignalEvidence, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';
import { failureOf } from './error-click.js';

/** Thresholds of the repeated-action detector; every one can be overridden by a rule pack. */
export interface RepeatedActionOptions {
  /** Activations of one control, each ending in the same failure, needed to fire. */
  readonly count: number;
  /** Max time from the first to the last of those activations, ms. */
  readonly within: number;
  /** How long after an activation its result may come, ms. */
  readonly resultWithin: number;
}

/** Defaults: the same failure three times within 30 s, each within 2 s of its click (docs/signals.md). */
export const REPEATED_ACTION_DEFAULTS: RepeatedActionOptions = { count: 3, within: 30_000, resultWithin: 2000 };

/** Controls followed at once; a user retries one or two things, not dozens. */
const MAX_CONTROLS = 8;

/** One control's run of identical failures: the activation times, oldest first (at most `count`). */
interface Streak {
  readonly fp: string;
  readonly result: string;
  readonly times: readonly number[];
}

/** The detector's state between events. */
export interface RepeatedActionState {
  /** The latest activation, until its result (or its absence) is known. */
  readonly awaiting?: ClickEvent;
  /** Most recently failed control last. */
  readonly streaks: readonly Streak[];
  readonly signal?: Signal;
}

/** The failing result an event stands for, as a key that is equal for equal failures, with its evidence. */
export function resultOf(e: ZcEvent): { readonly key: string; readonly evidence: Partial<SignalEvidence> } | undefined {
  if (e.type === 'invalid') return { key: `invalid: ${e.target.fp}`, evidence: e.form === undefined ? { field: e.target.fp } : { field: e.target.fp, form: e.form } };
  const f = failureOf(e, 400);
  if (f === undefined) return undefined;
  return { key: e.type === 'js-error' ? `js-error: ${e.message}` : `${f.method} ${f.path} ${f.status}`, evidence: f };
}

/** Advances the state by one event; pure, so it is unit-testable without rxjs. */
export function nextRepeatedAction(s: RepeatedActionState, e: ZcEvent, o: RepeatedActionOptions): RepeatedActionState {
  let { awaiting, streaks } = s;
  // An activation with no failure in time worked: the user is not stuck on that control.
  if (awaiting !== undefined && e.t > awaiting.t + o.resultWithin) {
    const fp = awaiting.target.fp;
    streaks = streaks.filter((k) => k.fp !== fp);
    awaiting = undefined;
  }
  // A click in a text field only places the caret; every other click is an activation, and
  // the newest one takes the blame, so a double click counts once.
  if (e.type === 'click') return { awaiting: (e.target.traits ?? []).includes('text-entry') ? awaiting : e, streaks };
  const r = awaiting === undefined || e.t < awaiting.t ? undefined : resultOf(e);
  // Nothing changed: the same state, so the common event makes no garbage.
  if (awaiting === undefined || r === undefined) return awaiting === s.awaiting && streaks === s.streaks && !s.signal ? s : { awaiting, streaks };
  const a = awaiting;
  const prev = streaks.find((k) => k.fp === a.target.fp);
  const rest = streaks.filter((k) => k.fp !== a.target.fp);
  // A different failure starts a new run: the user is now stuck on something else.
  const earlier = prev !== undefined && prev.result === r.key ? prev.times : [];
  const times = [...earlier, a.t].filter((t) => a.t - t <= o.within).slice(-o.count);
  if (times.length < o.count) return { streaks: [...rest, { fp: a.target.fp, result: r.key, times }].slice(-MAX_CONTROLS) };
  // Fire once, then start over: the next `count` identical failures are a new signal.
  const evidence: SignalEvidence = { count: times.length, first: times[0] ?? a.t, last: e.t, result: r.key, ...r.evidence };
  return { streaks: rest, signal: { type: 'signal', signal: 'repeated-action', t: e.t, page: e.page, target: a.target, evidence } };
}

/**
 * Detects repeated actions over event time: one control activated `count` times within
 * `within`, each activation followed within `resultWithin` by the same failing request,
 * JavaScript error or rejected field. Emitted at the time of the last failure.
 */
export const repeatedAction = defineDetector<RepeatedActionOptions>({
  name: 'repeated-action',
  defaults: REPEATED_ACTION_DEFAULTS,
  durations: ['within', 'resultWithin'],
  ranges: { count: [2, 10], within: [1000, 600_000], resultWithin: [100, 30_000] },
  detect: (o) => (events) =>
    events.pipe(
      scan<ZcEvent, RepeatedActionState>((s, e) => nextRepeatedAction(s, e, o), { streaks: [] }),
      map((s) => s.signal),
      filter((s): s is Signal => s !== undefined),
    ),
});
