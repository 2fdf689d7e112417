import { writeFile } from 'node:fs/promises';
import { formatReport } from '../analysis/format-report.js';
import { buildReport, parseOutcomes } from '../analysis/report.js';
import { type Evaluation, evaluate, joinLabels, type LabelledSession, parseLabels } from '../analysis/sessions.js';
import { type ModelMetrics, train as trainModel } from '../analysis/train.js';
import { compilePack, type CompiledPack } from '../engine/compile-pack.js';
import { parseSessions } from '../engine/session.js';
import type { StruggleSection } from '../engine/struggle.js';
import { validatePack } from '../pack/validate-pack.js';
import { formatProblem } from '../pack/checks.js';
import type { RulePack } from '../pack/types.js';
import { SDK_VERSION } from '../version.js';
import { type Command, fail, loadPack, options, parseJson, plural, readText, UsageError, type Write } from './common.js';

// The data loop (docs/data-loop.md): what the rules did for users (report), a struggle score
// learnt from labelled sessions (train), and how a pack would do on them (evaluate).

/** `zerocall report <outcomes.ndjson> [--target <event>] [--confidence <0..1>] [--json]` */
export const report: Command = async (args, out, err) => {
  const { values, positionals } = options(args, ['outcomes.ndjson'], { target: { type: 'string' }, confidence: { type: 'string' }, json: { type: 'boolean' } });
  const [file] = positionals as [string];
  const confidence = values.confidence === undefined ? 0.95 : Number(values.confidence);
  if (!(confidence > 0 && confidence < 1)) throw new UsageError(`--confidence must be a number between 0 and 1, got ${String(values.confidence)}`);
  const target = typeof values.target === 'string' ? values.target : undefined;
  const parsed = parseOutcomes(await readText(file));
  if (parsed.records.length === 0) {
    return fail(`${file}: no telemetry records`, ...parsed.problems.slice(0, 10).map((p) => `${file}: line ${p.line}: ${p.message}`));
  }
  const built = buildReport(parsed, { ...(target ? { target } : {}), confidence });
  out(values.json ? JSON.stringify(built, null, 2) : formatReport(built));
  if (parsed.problems.length) err(`note: ${file}: ${plural(parsed.problems.length, 'line')} skipped (first: line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message})`);
  if (target && !parsed.records.some((r) => r.kind === 'track' && r.name === target)) {
    err(`note: no "track" record is named ${JSON.stringify(target)}; the page sends one with ZeroCall.track(${JSON.stringify(target)})`);
  }
  return 0;
};

/** The sessions of a file with their labels; unlabelled sessions and stray labels are noted, not fatal. */
async function labelled(sessionsFile: string, labelsFile: string, err: Write): Promise<LabelledSession[]> {
  const parsed = parseSessions(await readText(sessionsFile));
  if ('error' in parsed) return fail(`${sessionsFile}: ${parsed.error}`);
  const labels = parseLabels(await readText(labelsFile));
  if (labels.problems.length) return fail(...labels.problems.map((p) => `${labelsFile}: ${p}`));
  const joined = joinLabels(parsed.sessions, labels.labels);
  if (joined.problems.length) err(`note: ${joined.problems.length} left out: ${joined.problems.slice(0, 3).join('; ')}${joined.problems.length > 3 ? '; …' : ''}`);
  if (joined.sessions.length === 0) return fail(`${sessionsFile}: no session has a label in ${labelsFile}`);
  return joined.sessions;
}

/** The pack sessions are replayed with, or the SDK's defaults (detectors and struggle model) without one. */
async function packFor(file: string | undefined): Promise<CompiledPack> {
  const pack: RulePack = file ? await loadPack(file) : { id: 'defaults', version: '0', sdk: '*', strings: {}, rules: [] };
  return compilePack(pack);
}

/** Every `score.gte` in a pack's conditions. */
function scoreThresholds(v: unknown): number[] {
  if (Array.isArray(v)) return v.flatMap(scoreThresholds);
  if (typeof v !== 'object' || v === null) return [];
  const gte = (v as { score?: { gte?: unknown } }).score?.gte;
  return [...(typeof gte === 'number' ? [gte] : []), ...Object.values(v).flatMap(scoreThresholds)];
}

/** The lowest score a rule of the pack acts on: where a session counts as recognised. */
const scoreThreshold = (pack: CompiledPack): number | undefined => {
  const all = scoreThresholds(pack.pack.rules.map((r) => r.when));
  return all.length ? Math.min(...all) : undefined;
};

const pct = (v: number): string => (Number.isNaN(v) ? '-' : `${(v * 100).toFixed(1)}%`);
const num = (v: number): string => (Number.isNaN(v) ? '-' : v.toFixed(3));

/** `zerocall train <sessions.ndjson> <labels.csv> [--pack <pack.json>] [--out <fragment.json>] …` */
export const train: Command = async (args, out, err) => {
  const { values, positionals } = options(args, ['sessions.ndjson', 'labels.csv'], {
    pack: { type: 'string' },
    out: { type: 'string' },
    l2: { type: 'string', default: '1' },
    test: { type: 'string', default: '0.25' },
    seed: { type: 'string', default: 'zerocall' },
    threshold: { type: 'string' },
    json: { type: 'boolean' },
  });
  const [sessionsFile, labelsFile] = positionals as [string, string];
  const l2 = Number(values.l2);
  const testShare = Number(values.test);
  if (!(l2 >= 0)) throw new UsageError(`--l2 must be a number of at least 0, got ${String(values.l2)}`);
  if (!(testShare > 0 && testShare < 1)) throw new UsageError(`--test must be a share between 0 and 1, got ${String(values.test)}`);
  const pack = await packFor(typeof values.pack === 'string' ? values.pack : undefined);
  const threshold = values.threshold === undefined ? scoreThreshold(pack) ?? 0.5 : Number(values.threshold);
  if (!(threshold > 0 && threshold < 1)) throw new UsageError(`--threshold must be a score between 0 and 1, got ${String(values.threshold)}`);
  const sessions = await labelled(sessionsFile, labelsFile, err);
  let result: ReturnType<typeof trainModel>;
  try {
    result = trainModel(sessions, pack, { l2, testShare, seed: String(values.seed), threshold });
  } catch (error) {
    return fail(`${labelsFile}: ${(error as Error).message}`);
  }
  const fragment = { struggle: result.section };
  const text = `${JSON.stringify(fragment, null, 2)}\n`;
  if (typeof values.out === 'string') await writeFile(values.out, text);
  if (values.json) {
    out(JSON.stringify({ fragment, split: result.split, test: result.test, converged: result.fit.converged, iterations: result.fit.iterations, clamped: result.clamped, threshold }, null, 2));
    return 0;
  }
  // The figures go where the fragment does not: stdout with --out, stderr when the fragment is piped.
  const say = typeof values.out === 'string' ? out : err;
  const { split, test } = result;
  say(`trained on ${plural(split.train, 'session')} (${split.examples} moments), tested on ${split.test} (${test.struggling} struggling, ${test.smooth} smooth; split seed "${split.seed}")`);
  say(`fit: ${result.fit.converged ? 'converged' : 'did NOT converge'} in ${plural(result.fit.iterations, 'iteration')}, L2 ${l2}`);
  const row = (name: string, m: ModelMetrics): string => `  ${name.padEnd(9)} AUC ${num(m.auc)}  precision ${pct(m.precision)}  recall ${pct(m.recall)}  smooth sessions over the threshold ${pct(m.falsePositiveRate)}`;
  say(`on the test sessions, a session counts as recognised when its score reaches ${threshold}:`);
  say(row('trained', test.trained));
  say(row('current', test.current));
  for (const c of result.clamped) say(`note: ${c} (the limit a pack allows)`);
  if (typeof values.out === 'string') say(`wrote ${values.out}: put its "struggle" section in the pack, validate and sign it`);
  else out(text.trimEnd());
  return 0;
};

/** Lays a trained `{ "struggle": … }` fragment over a pack, checked as the pack's own section would be. */
async function withFragment(pack: RulePack, file: string): Promise<RulePack> {
  const fragment = parseJson(file, await readText(file, 64 * 1024)) as { struggle?: StruggleSection };
  const merged = { ...pack, struggle: fragment?.struggle };
  const problems = validatePack(merged, { sdkVersion: SDK_VERSION }).filter((p) => p.path.startsWith('/struggle'));
  if (!fragment?.struggle || problems.length) return fail(...(problems.length ? problems.map((p) => `${file}: ${formatProblem(p)}`) : [`${file}: expected { "struggle": { … } } as zerocall train writes it`]));
  return merged;
}

function describeEvaluation(e: Evaluation, say: Write): void {
  const sec = (ms: number): string => (Number.isNaN(ms) ? '-' : `${(ms / 1000).toFixed(1)} s`);
  say(`${plural(e.sessions, 'session')}: ${e.struggling} struggling, ${e.smooth} smooth`);
  say(`  recall              ${pct(e.recall)}  struggling sessions helped from the onset on`);
  say(`  false interruptions ${pct(e.falseInterruptions)}  smooth sessions offered help`);
  say(`  early               ${e.early}  struggling sessions offered help before the onset`);
  say(`  onset to decision   ${sec(e.medianDelay)} median`);
  say('  by persona:');
  for (const [name, p] of Object.entries(e.personas)) say(`    ${name.padEnd(12)} ${String(p.decided).padStart(4)} of ${String(p.sessions).padEnd(4)} decided on   median ${sec(p.medianDelay)}`);
  say('  first decision by rule:');
  for (const [rule, n] of Object.entries(e.rules).sort((a, b) => b[1] - a[1])) say(`    ${rule.padEnd(28)} ${n}`);
}

/** `zerocall evaluate <pack.json> <sessions.ndjson> <labels.csv> [--struggle <fragment.json>] [--json]` */
export const evaluateCommand: Command = async (args, out, err) => {
  const { values, positionals } = options(args, ['pack.json', 'sessions.ndjson', 'labels.csv'], { struggle: { type: 'string' }, json: { type: 'boolean' } });
  const [packFile, sessionsFile, labelsFile] = positionals as [string, string, string];
  let pack = await loadPack(packFile);
  if (typeof values.struggle === 'string') pack = await withFragment(pack, values.struggle);
  const sessions = await labelled(sessionsFile, labelsFile, err);
  const result = evaluate(sessions, compilePack(pack));
  if (values.json) {
    const { results, ...figures } = result;
    out(JSON.stringify({ pack: `${pack.id}@${pack.version}`, struggle: values.struggle ?? null, ...figures, results }, null, 2));
  } else {
    out(`${pack.id}@${pack.version}${typeof values.struggle === 'string' ? ` with the struggle model of ${values.struggle}` : ''}`);
    describeEvaluation(result, out);
  }
  return 0;
};
