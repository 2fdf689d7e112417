import { parseDuration } from './duration.js';
import type { EngineInput } from './types.js';

/**
 * What the struggle score looks at (docs/struggle-score.md). The names are stable API: packs
 * weigh them and `explain()` reports them.
 *
 * Counts of detector signals in the window, one per friction detector (docs/signals.md):
 * - `rage-click`, `dead-click`, `error-click`, `repeated-action`, `api-error`, `js-error`,
 *   `form-error-loop`, `hesitation`, `u-turn`, `reload-loop`, `scroll-thrash`, `cursor-thrash`.
 *
 * Counts derived from raw events in the window:
 * - `errors`: uncaught JS errors and rejections, and failed requests (an end with status 0 or
 *   ≥ 400 that the page did not abort itself); raw, so it sees what the detectors rate-limit.
 * - `backtracks`: back/forward navigations (`pop`), and navigations to a page visited earlier
 *   in the window (a reload of the page one is on is not one: that is `reload-loop`).
 * - `corrections`: a field changed after it was rejected (`invalid`) within the window;
 *   one per rejection, so typing ten characters into a rejected field is one correction.
 *
 * A gauge:
 * - `idle`: seconds since the last progress event (click, input, submit, track), or since the
 *   first event seen when there was none yet, capped at the window length.
 */
export type StruggleFeature = (typeof FEATURES)[number];

const FEATURES = [
  'rage-click', 'dead-click', 'error-click', 'repeated-action', 'api-error', 'js-error',
  'form-error-loop', 'hesitation', 'u-turn', 'reload-loop', 'scroll-thrash', 'cursor-thrash',
  'errors', 'backtracks', 'corrections', 'idle',
] as const;

/** Every feature, in the order the score sums them and `explain()` breaks ties. */
export const STRUGGLE_FEATURES: readonly StruggleFeature[] = FEATURES;

/**
 * A logistic model over the features: `score = 1 / (1 + exp(-(bias + Σ weight_f · x_f)))`,
 * where `x_f = log1p(count)` for a count (the first rage click says more than the tenth) and
 * `x_idle = idle seconds / 60` (idle minutes). A missing weight is 0.
 */
export interface StruggleModel {
  /** How far back counts reach, ms; also the cap of `idle`. */
  readonly window: number;
  readonly bias: number;
  readonly weights: Readonly<Partial<Record<StruggleFeature, number>>>;
}

/**
 * Hand-set defaults until trained weights ship in packs. The bias puts a calm session at about
 * 0.02 (≈0.05 after two idle minutes). Weights follow how surely a signal means "stuck" rather
 * than "busy": one rage click alone scores ≈0.29 (4.5·ln 2 − 4); a form that keeps rejecting
 * input or a repeated failing action is nearly as telling; one background JS error or failed
 * request alone stays under 0.1, since pages have those without anyone struggling; thrash,
 * hesitation and idle time only add to other evidence. Rage + api errors + a form loop in one
 * window scores > 0.9. test/engine/struggle.test.ts pins these figures.
 */
export const DEFAULT_STRUGGLE_MODEL: StruggleModel = {
  window: 120_000,
  bias: -4,
  weights: {
    'rage-click': 4.5,
    'dead-click': 2,
    'error-click': 3,
    'repeated-action': 3,
    'api-error': 1.5,
    'js-error': 1,
    'form-error-loop': 3.5,
    hesitation: 1,
    'u-turn': 1.5,
    'reload-loop': 3,
    'scroll-thrash': 1,
    'cursor-thrash': 1,
    errors: 0.5,
    backtracks: 0.8,
    corrections: 0.6,
    idle: 0.5,
  },
};

/**
 * Memory bounds, whatever the session length: timestamps kept per count feature (so a count
 * saturates at 64; ln 65 ≈ 4.2), recently visited pages for `backtracks`, recently rejected
 * fields for `corrections`. The oldest entry makes room for a new one.
 */
export const STRUGGLE_LIMITS = { timestamps: 64, pages: 32, fields: 16 } as const;

/** One feature's part in the score, for the debug overlay. */
export interface StruggleContribution {
  readonly feature: StruggleFeature;
  /** The measurement: a count in the window, or idle seconds. */
  readonly value: number;
  /** weight · x: what it adds to the logit. */
  readonly contribution: number;
}

/** The running struggle score of one session. */
/** The score with the features behind it, largest contribution first. */
export interface StruggleExplanation {
  readonly score: number;
  readonly features: StruggleContribution[];
}

export interface Struggle {
  /** Takes the next event or signal (in event-time order); events no feature reads change nothing. */
  update(input: EngineInput): void;
  /** The score at event time `t` (at or after the last update), strictly between 0 and 1. */
  score(t: number): number;
  /** The score and the non-zero contributions, largest |contribution| first, at most `top`. */
  explain(t: number, top?: number): StruggleExplanation;
  /** Entries held, for tests: at most 15 × 64 timestamps + 32 pages + 16 fields (STRUGGLE_LIMITS). */
  size(): number;
}

const COUNTS = STRUGGLE_FEATURES.length - 1;
const ERRORS = STRUGGLE_FEATURES.indexOf('errors');
const BACKTRACKS = STRUGGLE_FEATURES.indexOf('backtracks');
const CORRECTIONS = STRUGGLE_FEATURES.indexOf('corrections');
const IDLE = STRUGGLE_FEATURES.indexOf('idle');
/** Detector name → feature index, for the signal features (those before `errors`). */
const BY_SIGNAL: ReadonlyMap<string, number> = new Map(STRUGGLE_FEATURES.slice(0, ERRORS).map((f, i) => [f, i]));
const CAP = STRUGGLE_LIMITS.timestamps;
/** Beyond ±30 the score would round to exactly 0 or 1; a rule "at least 1" must stay impossible. */
const MAX_LOGIT = 30;

/**
 * Something at an event time. The hot path hands events, not their times, to its helpers: a
 * double passed to a call V8 does not inline is boxed, one heap number per event.
 */
type Timed = { readonly t: number };

/**
 * A small set of recent keys (pages, fields) with the time each was last seen, in fixed arrays:
 * a full set forgets its oldest key, and keys a window old are dropped when touched.
 */
class Recent {
  private readonly _keys: string[];
  private readonly _at: Float64Array;
  constructor(
    size: number,
    private readonly _window: number,
  ) {
    this._keys = new Array<string>(size).fill('');
    this._at = new Float64Array(size).fill(-Infinity);
  }
  /** The slot of `key` if it was seen within the window up to `e.t`, else -1. */
  find(key: string, e: Timed): number {
    for (let i = 0; i < this._keys.length; i++) {
      if (this._keys[i] === key && e.t - this._at[i] < this._window && this._at[i] <= e.t) return i;
    }
    return -1;
  }
  /** Records `key` at `e.t`, dropping keys a window old. */
  put(key: string, e: Timed): void {
    let slot = -1;
    let oldest = 0;
    for (let i = 0; i < this._keys.length; i++) {
      if (e.t - this._at[i] >= this._window) this.drop(i);
      if (this._keys[i] === key) slot = i;
      if (this._at[i] < this._at[oldest]) oldest = i;
    }
    if (slot < 0) slot = oldest;
    this._keys[slot] = key;
    this._at[slot] = e.t;
  }
  drop(i: number): void {
    this._keys[i] = '';
    this._at[i] = -Infinity;
  }
  size(): number {
    let n = 0;
    for (const k of this._keys) if (k !== '') n++;
    return n;
  }
}

/**
 * Starts a session's struggle score. Pure over event time: the same inputs give the same score
 * anywhere, and a page change does not reset it (struggle spans pages). `update` allocates
 * nothing: timestamps live in one ring per feature inside a typed array, pruned to the window.
 */
export function createStruggle(model: StruggleModel): Struggle {
  const win = model.window;
  const w = Float64Array.from(STRUGGLE_FEATURES, (f) => model.weights[f] ?? 0);
  const times = new Float64Array(COUNTS * CAP);
  const head = new Int32Array(COUNTS);
  const len = new Int32Array(COUNTS);
  const pages = new Recent(STRUGGLE_LIMITS.pages, win);
  const fields = new Recent(STRUGGLE_LIMITS.fields, win);
  let current: string | undefined;
  // The first event seen, the last progress event, the last rejection. In a typed array because
  // assigning a double to a closure variable boxes it: one heap number per event.
  const clock = Float64Array.of(NaN, NaN, -Infinity);
  const START = 0;
  const PROGRESS = 1;
  const INVALID = 2;

  const add = (f: number, e: Timed): void => {
    const base = f * CAP;
    if (len[f] === CAP) {
      times[base + head[f]] = e.t;
      head[f] = (head[f] + 1) % CAP;
    } else {
      times[base + ((head[f] + len[f]) % CAP)] = e.t;
      len[f]++;
    }
  };

  /** Drops timestamps a window old at `e.t`; the first event read starts the clock. */
  const advance = (e: Timed): void => {
    if (Number.isNaN(clock[START])) clock[START] = e.t;
    for (let f = 0; f < COUNTS; f++) {
      while (len[f] > 0 && e.t - times[f * CAP + head[f]] >= win) {
        head[f] = (head[f] + 1) % CAP;
        len[f]--;
      }
    }
  };

  /** Occurrences in (t - window, t]; a ring written out of time order is still counted right. */
  const count = (f: number, t: number): number => {
    let n = 0;
    for (let i = 0; i < len[f]; i++) {
      const at = times[f * CAP + ((head[f] + i) % CAP)];
      if (t - at < win && at <= t) n++;
    }
    return n;
  };

  const idleSeconds = (t: number): number => {
    const since = Number.isNaN(clock[PROGRESS]) ? clock[START] : clock[PROGRESS];
    return Number.isNaN(since) ? 0 : Math.min(Math.max(t - since, 0), win) / 1000;
  };

  /** The measurement of feature `f` at `t`, and the x it enters the model as. */
  const value = (f: number, t: number): number => (f === IDLE ? idleSeconds(t) : count(f, t));
  const x = (f: number, v: number): number => (f === IDLE ? v / 60 : Math.log1p(v));
  const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.min(Math.max(z, -MAX_LOGIT), MAX_LOGIT)));

  return {
    update(input) {
      switch (input.type) {
        case 'signal': {
          const f = BY_SIGNAL.get(input.signal);
          if (f === undefined) return;
          advance(input);
          add(f, input);
          return;
        }
        case 'click':
        case 'submit':
        case 'track':
          advance(input);
          clock[PROGRESS] = input.t;
          return;
        case 'input': {
          advance(input);
          clock[PROGRESS] = input.t;
          if (input.t - clock[INVALID] >= win) return;
          const i = fields.find(input.target.fp, input);
          if (i >= 0) {
            fields.drop(i);
            add(CORRECTIONS, input);
          }
          return;
        }
        case 'invalid':
          advance(input);
          clock[INVALID] = input.t;
          fields.put(input.target.fp, input);
          return;
        case 'net':
          if (input.phase !== 'end' || input.aborted || input.status === undefined) return;
          if (input.status !== 0 && input.status < 400) return;
          advance(input);
          add(ERRORS, input);
          return;
        case 'js-error':
          advance(input);
          add(ERRORS, input);
          return;
        case 'nav': {
          advance(input);
          const here = current ?? input.from;
          if (input.kind === 'pop' || (input.page !== here && pages.find(input.page, input) >= 0)) add(BACKTRACKS, input);
          if (input.from !== '') pages.put(input.from, input);
          pages.put(input.page, input);
          current = input.page;
          return;
        }
        case 'tick':
          advance(input);
          return;
        default:
          // move, scroll, mutation, selection, focus, outcome: no feature reads them.
          return;
      }
    },

    score(t) {
      let z = model.bias;
      for (let f = 0; f < STRUGGLE_FEATURES.length; f++) if (w[f] !== 0) z += w[f] * x(f, value(f, t));
      return sigmoid(z);
    },

    explain(t, top = Infinity) {
      let z = model.bias;
      const features: StruggleContribution[] = [];
      for (let f = 0; f < STRUGGLE_FEATURES.length; f++) {
        if (w[f] === 0) continue;
        const v = value(f, t);
        const contribution = w[f] * x(f, v);
        z += contribution;
        if (contribution !== 0) features.push({ feature: STRUGGLE_FEATURES[f], value: v, contribution });
      }
      // Array#sort is stable: ties keep the order of STRUGGLE_FEATURES.
      features.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
      return { score: sigmoid(z), features: features.slice(0, Math.max(0, top)) };
    },

    size() {
      let n = pages.size() + fields.size();
      for (let f = 0; f < COUNTS; f++) n += len[f];
      return n;
    },
  };
}

/** The `struggle` section of a pack as written: the window as a duration string. */
export interface StruggleSection {
  readonly window?: string;
  readonly bias?: number;
  readonly weights?: Readonly<Record<string, number>>;
}

/**
 * The model for a checked section: the pack's window and bias, and its weights laid over the
 * default weights, so a pack that tunes one feature keeps the others (set one to 0 to drop it).
 * No section gives DEFAULT_STRUGGLE_MODEL.
 */
export function compileStruggle(v: StruggleSection | undefined): StruggleModel {
  if (v === undefined) return DEFAULT_STRUGGLE_MODEL;
  const weights: Partial<Record<StruggleFeature, number>> = { ...DEFAULT_STRUGGLE_MODEL.weights };
  for (const f of STRUGGLE_FEATURES) {
    const w = v.weights?.[f];
    if (w !== undefined) weights[f] = w;
  }
  return {
    window: (v.window === undefined ? undefined : parseDuration(v.window)) ?? DEFAULT_STRUGGLE_MODEL.window,
    bias: v.bias ?? DEFAULT_STRUGGLE_MODEL.bias,
    weights,
  };
}
