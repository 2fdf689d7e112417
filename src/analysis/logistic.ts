/**
 * Fitting the struggle score's weights from labelled sessions, and judging the fit, for
 * `zerocall train`. Pure numbers: the CLI extracts the features (src/engine/struggle.ts) and
 * reports the errors, which are RangeErrors naming the offending example.
 */

/** One labelled example: the feature vector x (same length for all), the label, a weight (default 1). */
export interface Example {
  readonly x: ArrayLike<number>;
  readonly y: 0 | 1;
  readonly weight?: number;
}

/** How to fit. */
export interface FitOptions {
  /** L2 penalty λ on the weights (never on the bias): minimise Σ wᵢ·logloss + λ/2·‖β‖². Default 1. */
  readonly l2?: number;
  /** Newton iterations at most; default 50. Stops when the largest step is < 1e-8. */
  readonly iterations?: number;
}

/** A fitted model, in the shape of a pack's `struggle` section, and how the fit went. */
export interface Fit {
  readonly bias: number;
  readonly weights: number[];
  /** Newton steps taken. */
  readonly iterations: number;
  /**
   * False when the cap was reached first, or, with l2 = 0, when no unique finite optimum exists:
   * separable data (it lies at infinity), a feature always 0, collinear features.
   */
  readonly converged: boolean;
  /** The final penalised loss divided by the total weight. */
  readonly loss: number;
}

const STEP_TOLERANCE = 1e-8;
/** Keeps the Hessian invertible when every example is fitted to a probability of 0 or 1. */
const BIAS_RIDGE = 1e-9;
/** Loss differences this small (relative) are summation rounding: near the optimum, not an ascent. */
const LOSS_SLACK = 1e-12;

/** 1 / (1 + e^-z); exp only ever sees a non-positive argument, so it cannot overflow. */
const sigmoid = (z: number): number => {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
};
/**
 * log(1 + e^u) in the stable form, exact for any finite u. No clamp: a loss flattened beyond a
 * clamp would disagree with its gradient, and the line search would stall on separable data.
 */
const softplus = (u: number): number => Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u)));
export const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** The examples checked and packed: x row-major, n × d. */
interface Data {
  readonly n: number;
  readonly d: number;
  readonly x: Float64Array;
  readonly y: Uint8Array;
  readonly w: Float64Array;
  /** Total weight of the examples labelled 0 and 1. */
  readonly totals: readonly [number, number];
}

function pack(examples: readonly Example[]): Data {
  if (examples.length === 0) throw new RangeError('no examples: a fit needs examples of both labels');
  const n = examples.length;
  const d = examples[0].x.length;
  const x = new Float64Array(n * d);
  const y = new Uint8Array(n);
  const w = new Float64Array(n);
  const totals: [number, number] = [0, 0];
  examples.forEach((e, i) => {
    if (e.x.length !== d) throw new RangeError(`example ${i}: x has ${e.x.length} values, expected ${d} (as example 0)`);
    for (let j = 0; j < d; j++) {
      const v = e.x[j];
      if (!Number.isFinite(v)) throw new RangeError(`example ${i}: x[${j}] is ${show(v)}, expected a finite number`);
      x[i * d + j] = v;
    }
    if (e.y !== 0 && e.y !== 1) throw new RangeError(`example ${i}: y is ${show(e.y)}, expected 0 or 1`);
    const weight = e.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0) throw new RangeError(`example ${i}: weight is ${show(weight)}, expected a finite number >= 0`);
    y[i] = e.y;
    w[i] = weight;
    totals[e.y] += weight;
  });
  // With one label the bias is not penalised, so its optimum would be at ±infinity.
  for (const label of [0, 1] as const) {
    if (totals[label] === 0) throw new RangeError(`examples: none labelled ${label} has a weight above 0; a fit needs both labels`);
  }
  return { n, d, x, y, w, totals };
}

/** The logit of example i under beta = [bias, ...weights]. */
function logit(data: Data, beta: Float64Array, i: number): number {
  let z = beta[0];
  for (let j = 0; j < data.d; j++) z += beta[j + 1] * data.x[i * data.d + j];
  return z;
}

/** Σ wᵢ·logloss + λ/2·‖weights‖². */
function penalisedLoss(data: Data, beta: Float64Array, l2: number): number {
  let sum = 0;
  for (let i = 0; i < data.n; i++) {
    if (data.w[i] === 0) continue;
    const z = logit(data, beta, i);
    sum += data.w[i] * softplus(data.y[i] === 1 ? -z : z);
  }
  let norm = 0;
  for (let j = 1; j < beta.length; j++) norm += beta[j] * beta[j];
  return sum + (l2 / 2) * norm;
}

/**
 * Solves (A + μI)·s = b for symmetric A (m × m, row-major) by Cholesky. Returns undefined when a
 * pivot is not clearly positive, i.e. the matrix is singular to working precision.
 */
function cholesky(a: Float64Array, b: Float64Array, m: number, mu: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let pivot = a[j * m + j] + mu;
    for (let k = 0; k < j; k++) pivot -= l[j * m + k] * l[j * m + k];
    if (!(pivot > 1e-12 * (a[j * m + j] + mu)) || !(pivot > 0)) return undefined;
    const root = Math.sqrt(pivot);
    l[j * m + j] = root;
    for (let i = j + 1; i < m; i++) {
      let v = a[i * m + j];
      for (let k = 0; k < j; k++) v -= l[i * m + k] * l[j * m + k];
      l[i * m + j] = v / root;
    }
  }
  const s = Float64Array.from(b);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < i; k++) s[i] -= l[i * m + k] * s[k];
    s[i] /= l[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    for (let k = i + 1; k < m; k++) s[i] -= l[k * m + i] * s[k];
    s[i] /= l[i * m + i];
  }
  return s;
}

/**
 * The Newton direction at beta, and whether the Hessian was singular. It can be only with l2 = 0:
 * for a feature always 0, collinear features, or every example fitted to a probability of
 * exactly 0 or 1 (separable data). Damping then keeps the step within what the data can see.
 */
function newtonDirection(data: Data, beta: Float64Array, l2: number): { step: Float64Array; singular: boolean } | undefined {
  const m = data.d + 1;
  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const row = new Float64Array(m);
  row[0] = 1;
  for (let i = 0; i < data.n; i++) {
    const wi = data.w[i];
    if (wi === 0) continue;
    const p = sigmoid(logit(data, beta, i));
    const r = wi * (p - data.y[i]);
    const s = wi * p * (1 - p);
    for (let j = 0; j < data.d; j++) row[j + 1] = data.x[i * data.d + j];
    for (let a = 0; a < m; a++) {
      grad[a] += r * row[a];
      if (s === 0) continue;
      for (let b = a; b < m; b++) hess[a * m + b] += s * row[a] * row[b];
    }
  }
  let scale = BIAS_RIDGE;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < a; b++) hess[a * m + b] = hess[b * m + a];
    if (a > 0) {
      grad[a] += l2 * beta[a];
      hess[a * m + a] += l2;
    }
    scale = Math.max(scale, hess[a * m + a]);
    grad[a] = -grad[a];
  }
  hess[0] += BIAS_RIDGE;
  for (let tries = 0, mu = 0; tries < 12; tries++, mu = mu === 0 ? 1e-9 * scale : mu * 100) {
    const step = cholesky(hess, grad, m, mu);
    if (step) return { step, singular: mu > 0 };
  }
  return undefined;
}

/**
 * Fits bias and weights by Newton–Raphson on the penalised weighted log-loss, halving a step
 * while it does not lower the loss, so it never diverges. Throws a RangeError naming the example
 * (0-based index) with a wrong-length x, a non-finite value, a label other than 0/1 or a negative
 * weight, and for bad options, no examples, or a label with no weight.
 */
export function fitLogistic(examples: readonly Example[], options: FitOptions = {}): Fit {
  const l2 = options.l2 ?? 1;
  const cap = options.iterations ?? 50;
  if (!Number.isFinite(l2) || l2 < 0) throw new RangeError(`l2 is ${show(l2)}, expected a finite number >= 0`);
  if (!Number.isInteger(cap) || cap < 0) throw new RangeError(`iterations is ${show(cap)}, expected a whole number >= 0`);
  const data = pack(examples);
  const m = data.d + 1;
  let beta: Float64Array = new Float64Array(m);
  // Starting from the base rate, the bias is already at its optimum for weights 0.
  beta[0] = Math.log(data.totals[1] / data.totals[0]);
  let loss = penalisedLoss(data, beta, l2);
  let iterations = 0;
  let converged = false;
  while (iterations < cap) {
    const newton = newtonDirection(data, beta, l2);
    if (!newton) break;
    const direction = newton.step;
    const size = direction.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
    if (!Number.isFinite(size)) break;
    iterations++;
    let t = 1;
    let next: Float64Array;
    let nextLoss: number;
    for (;;) {
      next = beta.map((b, a) => b + t * direction[a]);
      nextLoss = penalisedLoss(data, next, l2);
      if (nextLoss <= loss + LOSS_SLACK * Math.abs(loss) || t * size < STEP_TOLERANCE) break;
      t /= 2;
    }
    if (nextLoss <= loss + LOSS_SLACK * Math.abs(loss)) {
      beta = next;
      loss = nextLoss;
    }
    // A step this small, taken or not, is rounding: the loss cannot be lowered further. On a
    // singular Hessian that is no optimum, e.g. separable data once every probability is 0 or 1.
    if (t * size < STEP_TOLERANCE) {
      converged = !newton.singular;
      break;
    }
  }
  return { bias: beta[0], weights: Array.from(beta.subarray(1)), iterations, converged, loss: loss / (data.totals[0] + data.totals[1]) };
}

/** sigmoid(bias + w·x); x must have one value per weight. */
export function predict(fit: Pick<Fit, 'bias' | 'weights'>, x: ArrayLike<number>): number {
  if (x.length !== fit.weights.length) throw new RangeError(`x has ${x.length} values, expected ${fit.weights.length}`);
  let z = fit.bias;
  for (let j = 0; j < x.length; j++) z += fit.weights[j] * x[j];
  return sigmoid(z);
}
