// The npm build's lazy chunks must stand alone on lit: a value the core and the components both
// import becomes a shared chunk that pulls the core's imports (rxjs, idb) into the first help
// shown, and hides part of the components' cost from `npm run size`. The designer inspector's
// and agent-push chunks may use the component chunk (the frame's theme styles), never the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';

const dir = new URL('../../dist/chunks/', import.meta.url);

/** The modules a minified ES chunk imports (its import statements come first). */
async function importsOf(file) {
  const code = await readFile(new URL(file, dir), 'utf8');
  // String literals later on may say "from" too.
  const head = code.match(/^(?:\s*import[^;]*;)+/)?.[0] ?? '';
  return [...new Set([...head.matchAll(/(?:import|from)\s*"([^"]+)"/g)].map((m) => m[1]))].sort();
}

test('dist/chunks holds the component chunk, importing nothing but lit, and the inspector and agent chunks, importing only lit and it', async () => {
  const chunks = (await readdir(dir)).filter((f) => f.endsWith('.js')).sort();
  assert.equal(chunks.length, 3, `expected three chunks, got ${chunks.join(', ')}`);
  const [agent, components, inspector] = chunks;
  assert.match(agent, /^agent-[\w-]+\.js$/);
  assert.match(components, /^components-[\w-]+\.js$/);
  assert.match(inspector, /^inspector-[\w-]+\.js$/);
  assert.deepEqual(await importsOf(components), ['lit', 'lit/decorators.js']);
  for (const lazy of [inspector, agent]) {
    assert.deepEqual(
      (await importsOf(lazy)).filter((m) => !/^lit(\/|$)/.test(m)),
      [`./${components}`],
      `${lazy} may take from the component chunk and lit, never from the core`,
    );
  }
});
