// The quality benchmark (`npm run bench -- quality`): does the demo pack help the users who
// struggle, and leave the others alone? It uses the shipped command line on synthetic sessions
// (demo/generate.mjs, committed in bench/data/; docs/data-loop.md):
//
// 1. `zerocall train` learns the struggle score from the training sessions (bench/data/train);
// 2. `zerocall evaluate` replays the test sessions (bench/data/test: other seeds, never looked
//    at while the pack was written or tuned) through the demo pack, once with the SDK's hand-set
//    weights (the pack without its `struggle` section) and once with the trained ones (the
//    section the pack ships was trained the same way, and the rule on the score tuned, on the
//    training sessions only).
//
// Both sets were recorded with help switched off, so what users do is not shaped by a pack's
// earlier help. Figures: recall of struggling sessions, the false interruption rate of smooth
// ones, the median time from the onset of struggle to the decision. Targets (issue 8): recall
// >= 90%, false interruptions <= 2%, median <= 3 s; `met` says whether a figure meets its target.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const PACK = join(root, 'demo/packs/acme-pay.json');
const data = (set, file) => join(root, 'bench/data', set, file);
const TARGETS = { recall: 0.9, falseInterruptions: 0.02, medianDelay: 3000 };

async function zerocall(...args) {
  const { stdout } = await run(process.execPath, [join(root, 'bin/zerocall.mjs'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** @returns {Promise<object[]>} the figures, one object per line */
export async function runQuality() {
  const dir = await mkdtemp(join(tmpdir(), 'zc-quality-'));
  const fragment = join(dir, 'struggle.json');
  try {
    const figures = [];
    const round = (v) => +v.toFixed(4);
    // The demo pack ships the score trained on bench/data/train; without its `struggle` section it
    // runs the SDK's hand-set weights.
    const handSet = join(dir, 'hand-set.json');
    await writeFile(handSet, JSON.stringify({ ...JSON.parse(await readFile(PACK, 'utf8')), struggle: undefined }));
    // `current` in train's figures is then the hand-set score, on the training run's own test split.
    const trained = JSON.parse(await zerocall('train', data('train', 'sessions.ndjson.gz'), data('train', 'labels.csv'), '--pack', handSet, '--out', fragment, '--json'));
    for (const [score, packFile, ...extra] of [['hand-set', handSet], ['trained', PACK, '--struggle', fragment]]) {
      const e = JSON.parse(await zerocall('evaluate', packFile, data('test', 'sessions.ndjson.gz'), data('test', 'labels.csv'), ...extra, '--json'));
      const base = { bench: 'quality', pack: e.pack, score, sessions: e.sessions };
      figures.push(
        { ...base, metric: 'recall', value: round(e.recall), target: `>= ${TARGETS.recall}`, met: e.recall >= TARGETS.recall, of: e.struggling },
        { ...base, metric: 'false_interruptions', value: round(e.falseInterruptions), target: `<= ${TARGETS.falseInterruptions}`, met: e.falseInterruptions <= TARGETS.falseInterruptions, of: e.smooth },
        { ...base, metric: 'median_onset_to_decision_ms', value: Math.round(e.medianDelay), target: `<= ${TARGETS.medianDelay}`, met: e.medianDelay <= TARGETS.medianDelay },
        { ...base, metric: 'early_decisions', value: e.early },
      );
    }
    // How the score alone separates the test sessions of the training run's own split.
    for (const [model, m] of Object.entries(trained.test)) {
      if (typeof m !== 'object') continue;
      figures.push({ bench: 'quality', metric: `score_auc:${model === 'current' ? 'hand-set' : model}`, value: round(m.auc), threshold: trained.threshold });
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
