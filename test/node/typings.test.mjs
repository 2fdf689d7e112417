// The published typings (dist/zerocall.d.ts) declare the documented API. Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

test('dist/zerocall.d.ts declares ZeroCall with the documented members', async () => {
  const dts = await readFile(new URL('../../dist/zerocall.d.ts', import.meta.url), 'utf8');
  for (const member of [
    'init(config: ZeroCallConfig): Promise<boolean>;',
    'track(name: string): void;',
    'identify(values: Record<string, string | number | boolean>): void;',
    'consent(granted: boolean): void;',
    'provide(name: string, provider: DataProvider): () => void;',
    'action(name: string, run: HostAction): () => void;',
    'on<K extends keyof ZeroCallEvents>(type: K, listener: (detail: ZeroCallEvents[K]) => void): () => void;',
    'shutdown(): Promise<void>;',
    'readonly version: string;',
  ]) {
    assert.ok(dts.includes(member), `missing: ${member}`);
  }
  assert.match(dts, /declare const ZeroCall: ZeroCallApi;/);
  assert.match(dts, /export \{ ZeroCall \};/);
});

test('the npm entry can be imported where there is no window (server rendering, Node tools)', async () => {
  const { ZeroCall } = await import('../../dist/zerocall.mjs');
  assert.equal(typeof ZeroCall.init, 'function');
  assert.equal(ZeroCall.debug.score(), undefined);
});
