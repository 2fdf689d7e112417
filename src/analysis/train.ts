import type { CompiledPack } from '../engine/compile-pack.js';
import { STRUGGLE_FEATURES, type StruggleModel, type StruggleSection } from '../engine/struggle.js';
import { type Example, type Fit, fitLogistic } from './logistic.js';
import { auc, confusion } from './metrics.js';
import { splitOf } from './split.js';
import { type LabelledSession, type Snapshot, snapshots, strugglingAt } from './sessions.js';

/**
 * `zerocall train`: fits the struggle score's weights to labelled sessions (docs/data-loop.md).
 * Every tick and signal of a training session is an example, labelled struggling from the
 * session's onset on; each session weighs the same in total, however long it is. Sessions are
 * split into training and test by id, so no moment of a test session is learnt from.
 */

export interface TrainOptions {
  /** L2 penalty on the weights (logistic.ts); default 1. */
  readonly l2?: number;
  /** Share of sessions kept for the test; default 0.25. */
  readonly testShare?: number;
  /** Seed of the split; default "zerocall". */
  readonly seed?: string;
  /** Score from which a session counts as recognised, for precision and recall. */
  readonly threshold: number;
}

/** How well a model tells struggling sessions from smooth ones, on the test sessions. */
export interface ModelMetrics {
  /** Area under the ROC curve of the session's highest score (from the onset on, for a struggling one). */
  readonly auc: number;
  readonly precision: number;
  readonly recall: number;
  /** Smooth sessions whose score reached the threshold, share of the smooth. */
  readonly falsePositiveRate: number;
}

export interface TrainResult {
  /** The pack fragment: `{ "struggle": … }` with the fitted bias and weights. */
  readonly section: Required<StruggleSection>;
  readonly fit: Fit;
  readonly split: { readonly train: number; readonly test: number; readonly examples: number; readonly seed: string };
  /** On the test sessions: the trained model, and the pack's current one. */
  readonly test: { readonly trained: ModelMetrics; readonly current: ModelMetrics; readonly struggling: number; readonly smooth: number };
  /** Values the pack validator would refuse (beyond ±10 for a weight, ±20 for the bias), set to the limit. */
  readonly clamped: readonly string[];
}

/** The limits validate-pack enforces on a `struggle` section. */
const WEIGHT_LIMIT = 10;
const BIAS_LIMIT = 20;
/** As in the engine: beyond ±30 the score would round to 0 or 1. */
const MAX_LOGIT = 30;

const round = (v: number): number => Math.round(v * 1000) / 1000;
const clamp = (v: number, limit: number): number => Math.min(Math.max(v, -limit), limit);

/** A window in ms as the duration a pack writes. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}

/** A model as a bias and a weight vector in STRUGGLE_FEATURES order. */
const asVector = (m: StruggleModel): { bias: number; weights: number[] } => ({ bias: m.bias, weights: STRUGGLE_FEATURES.map((f) => m.weights[f] ?? 0) });

/** The session's highest score under a model: from the onset on for a struggling session, throughout for a smooth one. */
function peak(model: { bias: number; weights: number[] }, session: LabelledSession, shots: readonly Snapshot[]): number {
  let best = 0;
  for (const s of shots) {
    if (session.label.struggling && !strugglingAt(session.label, s.t)) continue;
    let z = model.bias;
    for (let i = 0; i < s.x.length; i++) z += model.weights[i]! * s.x[i]!;
    best = Math.max(best, 1 / (1 + Math.exp(-clamp(z, MAX_LOGIT))));
  }
  return best;
}

function metrics(model: { bias: number; weights: number[] }, test: ReadonlyArray<readonly [LabelledSession, Snapshot[]]>, threshold: number): ModelMetrics {
  const scores = test.map(([s, shots]) => peak(model, s, shots));
  const labels = test.map(([s]) => (s.label.struggling ? 1 : 0) as 0 | 1);
  const c = confusion(scores, labels, threshold);
  return { auc: auc(scores, labels), precision: c.precision, recall: c.recall, falsePositiveRate: c.fp + c.tn ? c.fp / (c.fp + c.tn) : NaN };
}

/** Fits the weights; throws a RangeError naming the problem when the sessions cannot train a model. */
export function train(sessions: readonly LabelledSession[], pack: CompiledPack, options: TrainOptions): TrainResult {
  const seed = options.seed ?? 'zerocall';
  const testShare = options.testShare ?? 0.25;
  const all = sessions.map((s) => [s, snapshots(s.events, pack)] as const);
  const trainSet = all.filter(([s]) => splitOf(s.id, testShare, seed) === 'train');
  const testSet = all.filter(([s]) => splitOf(s.id, testShare, seed) === 'test');
  for (const [set, name] of [[trainSet, 'training'], [testSet, 'test']] as const) {
    const struggling = set.filter(([s]) => s.label.struggling).length;
    if (struggling === 0 || struggling === set.length) {
      throw new RangeError(`the ${name} split (${set.length} sessions) needs both struggling and smooth sessions; label more sessions or change --test`);
    }
  }
  const examples: Example[] = trainSet.flatMap(([s, shots]) => shots.map((shot) => ({ x: shot.x, y: strugglingAt(s.label, shot.t) ? 1 : 0, weight: 1 / shots.length })));
  const fit = fitLogistic(examples, { l2: options.l2 ?? 1 });
  const clamped: string[] = [];
  const limit = (name: string, v: number, max: number): number => {
    if (Math.abs(v) > max) clamped.push(`${name} ${round(v)} → ${clamp(v, max)}`);
    return round(clamp(v, max));
  };
  const section = {
    window: formatDuration(pack.struggle.window),
    bias: limit('bias', fit.bias, BIAS_LIMIT),
    weights: Object.fromEntries(STRUGGLE_FEATURES.map((f, i) => [f, limit(f, fit.weights[i]!, WEIGHT_LIMIT)])),
  };
  const trained = { bias: section.bias, weights: STRUGGLE_FEATURES.map((f) => section.weights[f]!) };
  return {
    section,
    fit,
    split: { train: trainSet.length, test: testSet.length, examples: examples.length, seed },
    test: {
      trained: metrics(trained, testSet, options.threshold),
      current: metrics(asVector(pack.struggle), testSet, options.threshold),
      struggling: testSet.filter(([s]) => s.label.struggling).length,
      smooth: testSet.filter(([s]) => !s.label.struggling).length,
    },
    clamped,
  };
}
