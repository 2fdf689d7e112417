// A Web Test Runner reporter that writes {passed, failed, skipped} to .wtr-summary.json
// when a run ends, so scripts/test.mjs can print one closing line without parsing the
// default reporter's terminal output.
import { rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** Counts the tests in one (nested) mocha suite result. */
function countSuite(suite, totals) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) totals.skipped += 1;
    else if (test.passed) totals.passed += 1;
    else totals.failed += 1;
  }
  for (const child of suite.suites ?? []) countSuite(child, totals);
}

/**
 * Totals across all sessions (one session = one test file in one browser).
 * A session that failed without a failing test (it did not load, threw outside a
 * test, timed out, or never finished because the run was cut short) counts as one
 * failure so it can never read as green.
 */
export function summarize(sessions) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  for (const session of sessions) {
    const own = { passed: 0, failed: 0, skipped: 0 };
    countSuite(session.testResults, own);
    const sessionFailed =
      session.passed === false ||
      (session.errors?.length ?? 0) > 0 ||
      (session.status !== undefined && session.status !== 'FINISHED');
    if (sessionFailed && own.failed === 0) own.failed = 1;
    totals.passed += own.passed;
    totals.failed += own.failed;
    totals.skipped += own.skipped;
  }
  return totals;
}

/**
 * @param {{ file?: string }} [options] where to write; defaults to
 *   $WTR_SUMMARY_FILE or .wtr-summary.json in the config's rootDir.
 * @returns {import('@web/test-runner').Reporter}
 */
export function summaryReporter(options = {}) {
  let file;
  const write = (sessions) => {
    writeFileSync(file, `${JSON.stringify(summarize(sessions))}\n`);
  };
  return {
    start({ config }) {
      file = resolve(
        config.rootDir ?? process.cwd(),
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
