import { defer } from 'rxjs';
import { flatten } from './flatten.js';
import type { Signal, SignalEvidence, TargetInfo, ZcEvent } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the form-error-loop detector; every one can be overridden by a rule pack. */
export interface FormErrorLoopOptions {
  /** Rejected attempts of one field, or of one form, that make a loop. */
  readonly count: number;
  /** Max time from the first to the last of those attempts, ms. */
  readonly within: number;
  /** Rejections closer than this, or with no user action between them, are one attempt, ms. */
  readonly attemptGap: number;
  /** Max time from a submit to the 4xx response that rejects it, ms. */
  readonly submitWithin: number;
}

/** Defaults: the same field or form rejected in 3 attempts within 2 minutes. */
export const FORM_ERROR_LOOP_DEFAULTS: FormErrorLoopOptions = { count: 3, within: 120_000, attemptGap: 500, submitWithin: 3_000 };

// Bounds on what is remembered; the least recently touched goes first.
const [MAX_FIELDS, MAX_FORMS, MAX_REQUESTS] = [50, 20, 20];

/** One field's or form's rejections in the current episode. */
interface History {
  /** Time of its first rejection in each counted attempt, oldest first. */
  times: number[];
  /** The attempt it was last rejected in, and the one before. */
  attempt: number;
  prev: number;
  last: number;
  /** Fields: their form, and whether the user edited the field since its last rejection. */
  form?: string | undefined;
  edited: boolean;
}

/** Stores `value` under `key` as the most recent entry of `map`, forgetting the oldest beyond `max`. */
function remember<K, V>(map: Map<K, V>, max: number, key: K, value: V): V {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}
const historyOf = (map: Map<string, History>, max: number, key: string, t: number): History =>
  remember(map, max, key, map.get(key) ?? { times: [], attempt: -1, prev: -1, last: t, edited: false });

/** The detector's state for one subscription: a function from each event to the signals it completes. */
const NO_SIGNALS: readonly Signal[] = [];

function tracker(o: FormErrorLoopOptions): (e: ZcEvent) => readonly Signal[] {
  let page: string | undefined;
  let typing = false;
  let acted = true; // the user clicked, typed, moved focus or submitted since the last rejection
  let attempt = 0;
  let lastRejection = -Infinity; // -Infinity: no attempt open
  let submit: { readonly seq: number; readonly form: string; readonly t: number; rejected: boolean } | undefined;
  const requests = new Map<number, number>(); // request id → seq of the submit it followed
  const fields = new Map<string, History>();
  const forms = new Map<string, History>();
  const explained = new Set<string>(); // forms whose field looped in the open attempt
  const recent = (times: number[], t: number) => times.filter((x) => t - x <= o.within);
  const signal = (t: number, pg: string, evidence: SignalEvidence, target?: TargetInfo): Signal =>
    ({ type: 'signal', signal: 'form-error-loop', t, page: pg, ...(target ? { target } : {}), evidence });

  // A form's verdict waits for its attempt to end: the attempt may still reject the field that
  // explains the loop (a field-level signal says more), or show that the user fixed a field.
  const close = (t: number, pg: string): Signal[] => {
    const out: Signal[] = [];
    for (const [form, h] of forms) {
      if (h.attempt !== attempt) continue;
      // A field rejected last time, edited since and not rejected now was fixed: the user is
      // working through the form (native validation stops them at one field at a time), not looping.
      if ([...fields.values()].some((f) => f.form === form && f.attempt === h.prev && f.edited)) h.times = h.times.slice(-1);
      const loop = h.times.length >= o.count;
      if (loop && !explained.has(form)) out.push(signal(t, pg, { count: h.times.length, first: h.times[0]!, last: h.last, form }));
      if (loop || explained.has(form)) forms.delete(form); // once per episode
    }
    explained.clear();
    lastRejection = -Infinity;
    return out;
  };

  const reject = (t: number, pg: string, form: string | undefined, target?: TargetInfo): Signal[] => {
    // A new attempt needs a pause and something the user did: errors an app renders late, after
    // the 4xx that caused them, still belong to the submit that failed.
    if (lastRejection === -Infinity && acted) attempt += 1;
    lastRejection = t;
    acted = false;
    if (form !== undefined) {
      const h = historyOf(forms, MAX_FORMS, form, t);
      if (h.attempt !== attempt) Object.assign(h, { times: [...recent(h.times, t), t], prev: h.attempt, attempt });
      h.last = t;
    }
    if (!target) return [];
    const f = historyOf(fields, MAX_FIELDS, target.fp, t);
    if (f.attempt === attempt) return [];
    // A field counts again only once the user has tried to fix it: a field the user has not got
    // to yet is rejected on every submit too, and that is not a loop on it.
    const times = recent(f.times, t);
    Object.assign(f, { times: times.length === 0 || f.edited ? [...times, t] : times, prev: f.attempt, attempt, last: t, form, edited: false });
    if (f.times.length < o.count) return [];
    fields.delete(target.fp);
    if (form !== undefined) explained.add(form);
    return [signal(t, pg, { count: f.times.length, first: f.times[0]!, last: t, field: target.fp, ...(form === undefined ? {} : { form }) }, target)];
  };

  return (e) => {
    if (e.page !== page) {
      // Another page has other forms; a pending attempt is dropped, help for it would land on the wrong page.
      page = e.page;
      submit = undefined;
      typing = false;
      lastRejection = -Infinity;
      [fields, forms, requests, explained].forEach((m) => m.clear());
    }
    // Most events complete nothing: they share one empty result instead of allocating their own.
    // An attempt ends `attemptGap` after its last rejection: its verdict is stamped then, not at
    // the later event that revealed it (as dead clicks are stamped at their deadline).
    let out: readonly Signal[] = lastRejection !== -Infinity && e.t - lastRejection >= o.attemptGap ? close(lastRejection + o.attemptGap, e.page) : NO_SIGNALS;
    if (e.type === 'input' || e.type === 'click' || e.type === 'focus' || e.type === 'submit') {
      typing = e.type === 'input';
      acted = true;
    }
    const edited = e.type === 'input' ? fields.get(e.target.fp) : undefined;
    if (edited) edited.edited = true;
    if (e.type === 'submit') submit = { seq: (submit?.seq ?? 0) + 1, form: e.form, t: e.t, rejected: false };
    // While the user is typing (no click, focus move or submit since the last input), a
    // rejection is live validation reacting to keystrokes, not an attempt that failed.
    if (e.type === 'invalid' && !typing) out = [...out, ...reject(e.t, e.page, e.form, e.target)];
    if (e.type !== 'net' || !submit) return out;
    if (e.phase === 'start') {
      // Only a request started after the submit can be its answer; a poll already in flight cannot.
      remember(requests, MAX_REQUESTS, e.id, submit.seq);
      return out;
    }
    const seq = requests.get(e.id);
    requests.delete(e.id);
    const status = e.status ?? 0;
    // One server rejection per submit: a second 4xx from the same submit is the same attempt.
    if (seq === submit.seq && !submit.rejected && status >= 400 && status < 500 && e.t - submit.t <= o.submitWithin) {
      submit.rejected = true;
      out = [...out, ...reject(e.t, e.page, submit.form)];
    }
    return out;
  };
}

/**
 * Detects a form that keeps rejecting the user: the same field rejected in `count` attempts,
 * each after the user tried to fix it, or the same form rejected in `count` attempts without a
 * field getting fixed, within `within`. Rejections are `invalid` events and 4xx answers to a submit.
 */
export const formErrorLoop = defineDetector<FormErrorLoopOptions>({
  name: 'form-error-loop',
  defaults: FORM_ERROR_LOOP_DEFAULTS,
  durations: ['within', 'attemptGap', 'submitWithin'],
  ranges: { count: [2, 10], within: [5_000, 3_600_000], attemptGap: [50, 5_000], submitWithin: [500, 30_000] },
  // defer: every subscriber gets its own state, so a replayed session starts clean.
  detect: (o) => (events) => defer(() => events.pipe(flatten(tracker(o)))),
});
