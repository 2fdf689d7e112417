#!/usr/bin/env node
// Size check for what we ship (`npm run size`, after `npm run build`).
//
// For every .js/.mjs file under dist/ (lazy chunks in dist/chunks/ included) prints
// its size as built (already minified), gzipped (level 9) and brotli'd, and fails
// when a file is over its gzip budget in scripts/size-budget.json:
//   { "file name or glob relative to dist/": maxGzipBytes }
// `*` matches within one folder, `**` across folders; every matching budget applies.
// Keys starting with "//" are notes (the place to say why a budget was raised).
//
// Usage: node scripts/size.mjs [--json] [--dist DIR]   (or ZC_DIST_DIR=DIR)
//   --json   one line per file: {"file":...,"min":...,"gzip":...,"brotli":...}
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgetFile = join(root, 'scripts', 'size-budget.json');
const BUDGET_NAME = 'scripts/size-budget.json';

const args = process.argv.slice(2);
const json = args.includes('--json');
const distArg = args.indexOf('--dist');
const distDir = resolve(root, distArg >= 0 ? args[distArg + 1] ?? '' : process.env.ZC_DIST_DIR || 'dist');
const relDist = relative(root, distDir).split(sep).join('/');
const distName = relDist.startsWith('..') ? distDir : relDist || '.';

function fail(message) {
  console.error(message);
  process.exit(1);
}

/** `*` = any run of characters but '/', `**` = any run including '/', `?` = one character. */
function globToRegExp(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      // "**/" also matches no folder at all.
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function listScripts(dir) {
  return readdirSync(dir, { recursive: true })
    .map((name) => String(name))
    .filter((name) => /\.m?js$/.test(name) && statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'))
    .sort();
}

if (!existsSync(distDir) || !statSync(distDir).isDirectory()) {
  fail(`${distName}/ does not exist: run npm run build first`);
}
const files = listScripts(distDir);
if (files.length === 0) fail(`${distName}/ has no .js/.mjs files: run npm run build first`);

let budgets;
try {
  budgets = Object.entries(JSON.parse(readFileSync(budgetFile, 'utf8')))
    .filter(([key]) => !key.startsWith('//'))
    .map(([glob, max]) => {
      if (!Number.isInteger(max) || max <= 0) throw new Error(`budget for "${glob}" must be a positive integer`);
      return { glob, max, re: globToRegExp(glob), used: false };
    });
} catch (error) {
  fail(`cannot read ${BUDGET_NAME}: ${error.message}`);
}

const rows = files.map((file) => {
  const bytes = readFileSync(join(distDir, file));
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const brotli = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  }).length;
  const applied = budgets.filter((b) => b.re.test(file));
  for (const b of applied) b.used = true;
  return { file, min: bytes.length, gzip, brotli, applied };
});

const over = rows.flatMap((row) => row.applied.filter((b) => row.gzip > b.max).map((b) => ({ row, b })));

if (json) {
  for (const { file, min, gzip, brotli } of rows) console.log(JSON.stringify({ file, min, gzip, brotli }));
} else {
  const table = [
    ['file', 'min', 'gzip', 'brotli', 'gzip budget', ''],
    ...rows.map(({ file, min, gzip, brotli, applied }) => {
      const tightest = applied.length ? Math.min(...applied.map((b) => b.max)) : undefined;
      const status = tightest === undefined ? 'no budget' : gzip > tightest ? 'OVER' : 'ok';
      return [`${distName}/${file}`, min, gzip, brotli, tightest ?? '-', status];
    }),
  ];
  const widths = table[0].map((_, col) => Math.max(...table.map((r) => String(r[col]).length)));
  for (const [i, r] of table.entries()) {
    const cells = r.map((cell, col) =>
      col === 0 || col === r.length - 1 ? String(cell).padEnd(widths[col]) : String(cell).padStart(widths[col]),
    );
    console.log(cells.join('  ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
  const unbudgeted = rows.filter((r) => r.applied.length === 0).map((r) => r.file);
  if (unbudgeted.length) console.log(`\nnot budgeted (add to ${BUDGET_NAME} if it ships to browsers): ${unbudgeted.join(', ')}`);
  // The npm build leaves lit to the app's bundler, so its component chunk is exactly what the
  // zc-* elements cost on top of lit: the figure issue 5 budgets (12 KB).
  const components = rows.filter((r) => /^chunks\/components-[^/]+\.js$/.test(r.file));
  if (components.length === 1) {
    const [c] = components;
    console.log(`\ncomponents on top of lit (all zc-* elements, ${c.file}): ${(c.gzip / 1024).toFixed(1)} KB gzip`);
  }
  const unused = budgets.filter((b) => !b.used).map((b) => b.glob);
  if (unused.length) console.log(`budgets matching no file: ${unused.join(', ')}`);
}

if (over.length) {
  console.error('');
  for (const { row, b } of over) {
    console.error(
      `size: ${distName}/${row.file} is ${row.gzip} B gzipped, over its budget of ${b.max} B ("${b.glob}" in ${BUDGET_NAME}) by ${row.gzip - b.max} B: ` +
        `shrink it, or raise the budget in ${BUDGET_NAME} in the same commit with a reason.`,
    );
  }
  process.exit(1);
}
