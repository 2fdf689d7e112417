#!/usr/bin/env node
// Writes the detector part of schema/rule-pack.schema.json from the detector catalogue
// (src/signals/catalogue.ts), so the designers' contract and the runtime cannot drift apart.
//   node scripts/schema-signals.mjs           rewrite the schema
//   node scripts/schema-signals.mjs --check   exit 1 if the schema is out of date (CI, tests)
import { build } from 'esbuild';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url);
const schemaFile = new URL('schema/rule-pack.schema.json', root);

const out = join(await mkdtemp(join(tmpdir(), 'zc-schema-')), 'catalogue.mjs');
await build({ entryPoints: [new URL('src/signals/catalogue.ts', root).pathname], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const { CATALOGUE } = await import(pathToFileURL(out).href);

const option = (d, key) => {
  const [min, max] = d.ranges[key];
  const def = d.defaults[key];
  if (d.durations.includes(key)) {
    return { $ref: '#/$defs/duration', description: `A duration from ${min} ms to ${max} ms; default ${def} ms.` };
  }
  return { type: Number.isInteger(def) ? 'integer' : 'number', minimum: min, maximum: max, default: def };
};

const schema = JSON.parse(await readFile(schemaFile, 'utf8'));
const before = JSON.stringify(schema);
schema.properties.signals = {
  type: 'object',
  description: 'Overrides of the detectors\' thresholds (docs/signals.md). Generated from src/signals/catalogue.ts by scripts/schema-signals.mjs.',
  additionalProperties: false,
  properties: Object.fromEntries(
    CATALOGUE.map((d) => [d.name, { type: 'object', additionalProperties: false, properties: Object.fromEntries(Object.keys(d.defaults).map((k) => [k, option(d, k)])) }]),
  ),
};
schema.$defs.signalCondition.properties.signal = { enum: CATALOGUE.map((d) => d.name), description: 'A detector from docs/signals.md.' };
const after = JSON.stringify(schema);

if (process.argv.includes('--check')) {
  if (before !== after) {
    console.error('schema/rule-pack.schema.json is out of date with src/signals/catalogue.ts: run node scripts/schema-signals.mjs');
    process.exit(1);
  }
  console.log('schema signals: up to date');
} else {
  await writeFile(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`schema signals: ${CATALOGUE.length} detectors written`);
}
