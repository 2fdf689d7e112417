// A Web Test Runner reporter that writes {passed, failed, skipped, failures} to
// .wtr-summary.json when a run ends, so scripts/test.mjs can print one closing line, and
// the names of what failed just above it, without parsing the default reporter's output.
import { rmSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';

/** First line of an error's message, for a one-line failure listing. */
const firstLine = (error) => String(error?.message ?? error ?? '').split('\n')[0].slice(0, 300);

/** Counts the tests in one (nested) mocha suite result; names the failed ones. */
function countSuite(suite, totals, failures, file, path = []) {
  if (!suite) return;
  const here = suite.name ? [...path, suite.name] : path;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else {
      totals.failed += 1;
      failures.push({ file, test: [...here, test.name].join(' › '), error: firstLine(test.error) });
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, totals, failures, file, here);
}

/**
 * Totals across all sessions (one session = one test file in one browser).
 * A session that failed without a failing test (it did not load, threw outside a
 * test, timed out, or never finished because the run was cut short) counts as one
 * failure so it can never read as green.
 */
export function summarize(sessions, root = process.cwd()) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failures = [];
  for (const session of sessions) {
    const own = { passed: 0, failed: 0, skipped: 0 };
    const file = relative(root, session.testFile ?? '') || String(session.testFile);
    countSuite(session.testResults, own, failures, file);
    const sessionFailed =
      session.passed === false ||
      (session.errors?.length ?? 0) > 0 ||
      (session.status !== undefined && session.status !== 'FINISHED');
    if (sessionFailed && own.failed === 0) {
      own.failed = 1;
      const why = session.errors?.length ? firstLine(session.errors[0]) : `ended as ${session.status ?? 'failed'}`;
      failures.push({ file, test: '(the file itself)', error: why });
    }
    totals.passed += own.passed;
    totals.failed += own.failed;
    totals.skipped += own.skipped;
  }
  return { ...totals, failures };
}

/**
 * @param {{ file?: string }} [options] where to write; defaults to
 *   $WTR_SUMMARY_FILE or .wtr-summary.json in the config's rootDir.
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter(options = {}) {
  let file;
  let root;
  const write = (sessions) => {
    writeFileSync(file, `${JSON.stringify(summarize(sessions, root))}\n`);
  };
  return {
    start({ config }) {
      root = config.rootDir ?? process.cwd();
      file = resolve(
        root,
        options.file ?? process.env.WTR_SUMMARY_FILE ?? '.wtr-summary.json',
      );
      // A stale summary from an earlier run must never stand in for this one.
      rmSync(file, { force: true });
    },
    onTestRunFinished({ sessions }) {
      write(sessions);
    },
    stop({ sessions }) {
      // Also on stop: a run cut short (ctrl-c, browser crash) still leaves a summary.
      write(sessions);
    },
  };
}
