#!/usr/bin/env node
// The one test command (`npm test`): build dist/, run the browser tests with Web Test
// Runner, run any Node tests in test/node/, and end with exactly one line:
//
//   tests: N passed, N failed
//
// Usage: node scripts/test.mjs [--no-build] [extra wtr args, e.g. --files "test/x/**/*.test.ts"]
// Exits non-zero if any test failed, a runner exited non-zero, or the build failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const summaryFile = join(root, '.wtr-summary.json');
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const wtrArgs = args.filter((a) => a !== '--no-build');

const totals = { passed: 0, failed: 0 };
let exitCode = 0;
let child;

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child?.kill(signal);
    finish(1, `interrupted by ${signal}`);
  });
}

/** Runs a command from the repo root; resolves with its exit code (and stdout if captured). */
function run(command, commandArgs, { capture = false } = {}) {
  return new Promise((resolve) => {
    child = spawn(command, commandArgs, {
      cwd: root,
      stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'],
      env: process.env,
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        out += chunk;
        process.stdout.write(chunk);
      });
    }
    child.on('error', (error) => {
      console.error(`could not start ${command}: ${error.message}`);
      resolve({ code: 1, out });
    });
    child.on('close', (code, signal) => {
      child = undefined;
      resolve({ code: code ?? (signal ? 1 : 0), out });
    });
  });
}

function finish(code, note) {
  if (note) console.error(note);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(code || (totals.failed > 0 ? 1 : 0));
}

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

const bin = (path) => join(root, 'node_modules', path);

if (build) {
  console.log('> rollup -c (tests also exercise dist/; skip with --no-build)');
  const { code } = await run(process.execPath, [bin('rollup/dist/bin/rollup'), '-c']);
  if (code !== 0) {
    totals.failed += 1;
    finish(1, `build failed (rollup exited ${code}); no tests were run`);
  }
}

// Browser tests.
rmSync(summaryFile, { force: true });
console.log('> web-test-runner');
const wtr = await run(process.execPath, [
  bin('@web/test-runner/dist/bin.js'),
  '--config',
  'web-test-runner.config.mjs',
  ...wtrArgs,
]);
if (existsSync(summaryFile)) {
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
  totals.passed += summary.passed;
  totals.failed += summary.failed;
  // The runner's own report scrolls by with every file; name what failed once more here,
  // so the end of a long CI log says which test to look at.
  for (const { file, test, error } of summary.failures ?? []) {
    console.error(`failed: ${file}: ${test}${error ? ` — ${error}` : ''}`);
  }
  if (wtr.code !== 0 && summary.failed === 0) {
    // e.g. a browser that would not start after the summary was written: still a failure.
    totals.failed += 1;
    console.error(`web-test-runner exited ${wtr.code} with no failed test counted`);
  }
} else {
  totals.failed += 1;
  console.error(`web-test-runner exited ${wtr.code} and wrote no ${relative(root, summaryFile)}`);
}
if (wtr.code !== 0) exitCode = 1;

// Node tests (CLI, schema, pack tooling), if any.
const nodeTests = findFiles(join(root, 'test', 'node'), '.test.mjs');
if (nodeTests.length > 0) {
  console.log(`> node --test (${nodeTests.length} files)`);
  const node = await run(process.execPath, ['--test', '--test-reporter=tap', ...nodeTests], { capture: true });
  const count = (name) => {
    const matches = [...node.out.matchAll(new RegExp(`^# ${name} (\\d+)$`, 'gm'))];
    return matches.length > 0 ? Number(matches.at(-1)[1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) {
    totals.failed += 1;
    console.error(`node --test exited ${node.code} without a # pass / # fail summary`);
  } else {
    totals.passed += passed;
    totals.failed += failed;
    for (const [, name] of node.out.matchAll(/^not ok \d+ - (.*)$/gm)) console.error(`failed: node: ${name}`);
    if (node.code !== 0 && failed === 0) totals.failed += 1;
  }
  if (node.code !== 0) exitCode = 1;
}

finish(exitCode);
