// The npm build's lazy component chunk must stand alone on lit: a value the core and the
// components both import becomes a shared chunk that pulls the core's imports (rxjs, idb) into
// the first help shown, and hides part of the components' cost from `npm run size`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

test('dist/chunks holds only the component chunk, and it imports nothing but lit', async () => {
  const dir = new URL('../../dist/chunks/', import.meta.url);
  const chunks = (await readdir(dir)).filter((f) => f.endsWith('.js'));
  assert.equal(chunks.length, 1, `expected one chunk, got ${chunks.join(', ')}`);
  assert.match(chunks[0], /^components-[\w-]+\.js$/);
  const code = await readFile(new URL(chunks[0], dir), 'utf8');
  // Minified ES modules start with their import statements; string literals later on may say "from" too.
  const head = code.match(/^(?:\s*import[^;]*;)+/)?.[0] ?? '';
  const imports = [...head.matchAll(/(?:import|from)\s*"([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(imports)].sort(), ['lit', 'lit/decorators.js']);
});
