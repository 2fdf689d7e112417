// The designers' signing and simulation commands: keygen, sign, verify, simulate.
// Needs `npm run build` (dist/cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { main } from '../../dist/cli.mjs';

const root = new URL('../../', import.meta.url);
const bin = new URL('bin/zerocall.mjs', root).pathname;
const good = JSON.parse(await readFile(new URL('bench/pack.json', root), 'utf8'));

/** Runs the CLI in-process; returns the exit code and what it wrote, one string per write. */
async function zerocall(...argv) {
  const out = [];
  const err = [];
  const code = await main(argv, (s) => out.push(s), (s) => err.push(s));
  return { code, out, err };
}

const dir = () => mkdtemp(join(tmpdir(), 'zc-cli-'));
async function packFile(pack, folder, name = 'pack.json') {
  const path = join(folder ?? (await dir()), name);
  await writeFile(path, JSON.stringify(pack));
  return path;
}

for (const alg of ['ES256', 'Ed25519']) {
  test(`${alg}: keygen, sign and verify`, async () => {
    const folder = await dir();
    const prefix = join(folder, 'keys', 'acme');
    const keygen = await zerocall('keygen', '--alg', alg, '--out', prefix);
    assert.equal(keygen.code, 0, keygen.err.join('\n'));
    const publicKey = (await readFile(`${prefix}.public.txt`, 'utf8')).trim();
    assert.match(publicKey, /^[A-Za-z0-9+/]+=*$/);
    assert.deepEqual(keygen.out, [
      `wrote ${prefix}.private.json (${alg} private key: keep it secret, out of source control) and ${prefix}.public.txt`,
      publicKey,
      'configure the page with this public key: data-public-key="…" on the script tag, or publicKey in ZeroCall.init()',
    ]);
    assert.equal((await stat(`${prefix}.private.json`)).mode & 0o777, 0o600);
    assert.equal(typeof JSON.parse(await readFile(`${prefix}.private.json`, 'utf8')).d, 'string');

    const file = await packFile(good, folder);
    const sign = await zerocall('sign', file, '--key', `${prefix}.private.json`, '--kid', 'k1');
    assert.deepEqual([sign.code, sign.out], [0, [`${file}: signed with ${alg}, kid k1`]]);
    const text = await readFile(file, 'utf8');
    const signed = JSON.parse(text);
    assert.equal(text, `${JSON.stringify(signed, null, 2)}\n`, 'pretty JSON, 2 spaces, trailing newline');
    assert.deepEqual(Object.keys(signed).at(-1), 'signature');
    assert.deepEqual({ ...signed, signature: undefined }, { ...good, signature: undefined });

    const ok = await zerocall('verify', file, '--public-key', `@${prefix}.public.txt`);
    assert.deepEqual([ok.code, ok.out], [0, [`${file}: ok (signed by ${alg}, kid k1)`]]);
    assert.equal((await zerocall('verify', file, '--public-key', publicKey)).code, 0);

    signed.strings.en.t = 'Help!';
    await writeFile(file, JSON.stringify(signed));
    const tampered = await zerocall('verify', file, '--public-key', publicKey);
    assert.deepEqual([tampered.code, tampered.err], [1, [`${file}: signature does not match: the pack was changed after signing, or signed with another key`]]);
  });
}

test('sign writes to --out, leaves the source alone, and refuses an invalid pack with the problems validate prints', async () => {
  const folder = await dir();
  assert.equal((await zerocall('keygen', '--out', join(folder, 'k'))).code, 0);
  const file = await packFile(good, folder);
  const out = join(folder, 'signed.json');
  const signed = await zerocall('sign', file, '--key', join(folder, 'k.private.json'), '--out', out);
  assert.deepEqual(signed.out, [`${out}: signed with ES256 (from ${file})`]);
  assert.equal(await readFile(file, 'utf8'), JSON.stringify(good));
  assert.deepEqual(JSON.parse(await readFile(out, 'utf8')).signature.alg, 'ES256');
  assert.equal(JSON.parse(await readFile(out, 'utf8')).signature.kid, undefined);

  const bad = structuredClone(good);
  bad.rules[0].when.within = 'soon';
  const badFile = await packFile(bad, folder, 'bad.json');
  const refused = await zerocall('sign', badFile, '--key', join(folder, 'k.private.json'));
  const validated = await zerocall('validate', badFile);
  assert.equal(refused.code, 1);
  assert.deepEqual(refused.err, validated.err);
  assert.deepEqual(refused.err, [`${badFile}: /rules/0/when/within: expected a duration like "30s" (ms, s, m, h or d), got "soon"`]);
  assert.equal(await readFile(badFile, 'utf8'), JSON.stringify(bad), 'an invalid pack is left as it was');

  const wrongKey = await zerocall('sign', file, '--key', join(folder, 'k.public.txt'));
  assert.equal(wrongKey.code, 1);
  assert.match(wrongKey.err[0], /k\.public\.txt: not valid JSON/);
});

test('keygen refuses to overwrite a key pair unless --force', async () => {
  const prefix = join(await dir(), 'acme');
  assert.equal((await zerocall('keygen', '--out', prefix)).code, 0);
  const before = await readFile(`${prefix}.public.txt`, 'utf8');
  const again = await zerocall('keygen', '--out', prefix);
  assert.deepEqual([again.code, again.err], [1, [`${prefix}.private.json: already exists; pass --force to replace the key pair`]]);
  assert.equal(await readFile(`${prefix}.public.txt`, 'utf8'), before);
  assert.equal((await zerocall('keygen', '--out', prefix, '--alg', 'Ed25519', '--force')).code, 0);
  assert.notEqual(await readFile(`${prefix}.public.txt`, 'utf8'), before);
  assert.equal((await stat(`${prefix}.private.json`)).mode & 0o777, 0o600);
  const badAlg = await zerocall('keygen', '--out', prefix, '--alg', 'RS256');
  assert.equal(badAlg.code, 2);
  assert.match(badAlg.err[0], /^zerocall keygen: --alg must be ES256 or Ed25519, got RS256\n\nusage: zerocall validate/);
});

test('verify names an unsigned pack, an algorithm mismatch and a bad key', async () => {
  const folder = await dir();
  await zerocall('keygen', '--out', join(folder, 'es'));
  await zerocall('keygen', '--alg', 'Ed25519', '--out', join(folder, 'ed'));
  const file = await packFile(good, folder);
  const unsigned = await zerocall('verify', file, '--public-key', `@${join(folder, 'es.public.txt')}`);
  assert.deepEqual([unsigned.code, unsigned.err], [1, [`${file}: unsigned (no "signature"), but this page requires signed packs`]]);
  await zerocall('sign', file, '--key', join(folder, 'es.private.json'));
  const mismatch = await zerocall('verify', file, '--public-key', `@${join(folder, 'ed.public.txt')}`);
  assert.deepEqual(mismatch.err, [`${file}: signed with ES256 but the configured key is Ed25519`]);
  const garbage = await zerocall('verify', file, '--public-key', 'hello');
  assert.match(garbage.err[0], /: public key: not base64 SPKI/);
  assert.equal((await zerocall('verify', file)).code, 2);
});

test('the bin exits 0, 1 and 2 for a verified pack, a changed pack and an unknown command', async () => {
  const run = promisify(execFile);
  const folder = await dir();
  await zerocall('keygen', '--out', join(folder, 'k'));
  const file = await packFile(good, folder);
  await zerocall('sign', file, '--key', join(folder, 'k.private.json'));
  const key = `@${join(folder, 'k.public.txt')}`;
  assert.match((await run('node', [bin, 'verify', file, '--public-key', key])).stdout, /: ok \(signed by ES256\)\n$/);
  await writeFile(file, (await readFile(file, 'utf8')).replace('"Body"', '"Body!"'));
  await assert.rejects(run('node', [bin, 'verify', file, '--public-key', key]), (e) => e.code === 1 && /signature does not match/.test(e.stderr));
  await assert.rejects(run('node', [bin, 'frob']), (e) => {
    assert.equal(e.code, 2);
    for (const command of ['validate', 'keygen', 'sign', 'verify', 'simulate']) assert.match(e.stderr, new RegExp(`zerocall ${command} `));
    return true;
  });
});

// A recorded rage click on the Pay button: three clicks on one element within a second and 30 px.
const T0 = 1_760_000_000_000;
const pay = { fp: 'div#app > button#pay', tag: 'button', hits: ['#pay'], traits: ['interactive'] };
const clickAt = (ms, x = 100) => ({ type: 'click', t: T0 + ms, page: '/checkout', x, y: 200, target: pay });
const session = [
  { type: 'nav', t: T0, page: '/checkout', kind: 'load', from: '' },
  clickAt(1_000),
  { type: 'mutation', t: T0 + 1_050, page: '/checkout' },
  clickAt(1_300, 105),
  clickAt(1_600, 110),
];
const ndjson = (header, events) => [...(header ? [header] : []), ...events].map((e) => JSON.stringify(e)).join('\n') + '\n';

test('simulate replays a recorded rage click into the pack\'s decision', async () => {
  const folder = await dir();
  const file = await packFile(good, folder);
  const recorded = join(folder, 'session.ndjson');
  await writeFile(recorded, ndjson({ zerocall: 'session', v: 1, sdk: '0.1.0', pack: 'bench@1', started: T0 }, session));
  const r = await zerocall('simulate', file, recorded);
  assert.equal(r.code, 0);
  assert.deepEqual(r.out, [
    '+1.600s   signal     rage-click  page=/checkout target="div#app > button#pay" count=3 first=+1.000s',
    '+1.600s   decision   rule=pay  signal=rage-click  page=/checkout',
  ]);
  // (No note before the summary: the session was recorded with this pack.)
  assert.deepEqual(r.err, ['5 events, 1 signal, 1 decision, 0 suppressed']);

  const json = await zerocall('simulate', file, recorded, '--json');
  const outputs = json.out.map((l) => JSON.parse(l));
  assert.deepEqual(outputs.map((o) => o.type), ['signal', 'decision']);
  assert.deepEqual([outputs[1].rule, outputs[1].t, outputs[1].signal.evidence.count], ['pay', T0 + 1_600, 3]);
});

test('simulate --help replays the session for a user who chose that level of help', async () => {
  const folder = await dir();
  const recorded = join(folder, 'session.ndjson');
  await writeFile(recorded, ndjson({ zerocall: 'session', v: 1, sdk: '0.1.0', pack: 'bench@1', started: T0 }, session));
  const decided = async (pack, help) => {
    const r = await zerocall('simulate', await packFile(pack, folder, `p-${help}-${pack.rules[0].confidence ?? 'n'}.json`), recorded, '--help', help);
    assert.equal(r.code, 0, r.err.join('\n'));
    return r.out.filter((l) => / decision | suppressed /.test(l)).map((l) => l.replace(/\s+/g, ' ').trim());
  };
  assert.deepEqual(await decided(good, 'useful'), ['+1.600s decision rule=pay signal=rage-click page=/checkout']);
  assert.deepEqual(await decided(good, 'stuck'), ["+1.600s suppressed rule=pay reason=preference (the user wants help only when stuck, or none (ZeroCall.preferences, or the pack's default for their segment))"]);
  const sure = { ...good, rules: [{ ...good.rules[0], confidence: 'high' }] };
  assert.deepEqual(await decided(sure, 'stuck'), ['+1.600s decision rule=pay signal=rage-click page=/checkout']);
  assert.match((await decided(sure, 'off'))[0], /suppressed rule=pay reason=preference/);
  const wrong = await zerocall('simulate', await packFile(good, folder), recorded, '--help', 'sometimes');
  assert.equal(wrong.code, 2);
  assert.match(wrong.err[0], /^zerocall simulate: --help needs useful, stuck or off, got "sometimes"\n/);
});

test('simulate reports a repeat burst as suppressed, notes a session recorded with another pack, and names bad input', async () => {
  const folder = await dir();
  const file = await packFile(good, folder);
  const recorded = join(folder, 'session.ndjson');
  // The second and third click of the first burst also count as dead clicks once the later burst shows nothing reacted.
  const again = [clickAt(200_000), clickAt(200_200), clickAt(200_400)];
  await writeFile(recorded, ndjson({ zerocall: 'session', v: 1, sdk: '0.1.0', pack: 'bench@0', started: T0 }, [...session, ...again]));
  const r = await zerocall('simulate', file, recorded);
  assert.equal(r.code, 0);
  assert.match(r.out.at(-1), /^\+200\.400s suppressed rule=pay {2}reason=\S+/);
  assert.match(r.err[0], /^note: .*session\.ndjson was recorded with pack bench@0;/);
  assert.equal(r.err.at(-1), '8 events, 4 signals, 1 decision, 1 suppressed');

  await writeFile(recorded, ndjson(undefined, [session[0], { ...session[1], type: 'clik' }]));
  const bad = await zerocall('simulate', file, recorded);
  assert.deepEqual([bad.code, bad.err], [1, [`${recorded}: line 2: unknown event type "clik"`]]);

  const badPack = await packFile({ ...good, id: 'Bench' }, folder, 'bad.json');
  const refused = await zerocall('simulate', badPack, recorded);
  assert.deepEqual([refused.code, refused.err], [1, [`${badPack}: /id: expected an id of lower-case letters, digits, ".", "_" or "-", got "Bench"`]]);
});

test('simulate reaches the same decisions for the shared fixture as the engine in the browser (test/engine/recorded-session.test.ts)', async () => {
  const fixtures = new URL('../fixtures/', import.meta.url);
  const at = (name) => new URL(name, fixtures).pathname;
  const r = await zerocall('simulate', at('checkout.pack.json'), at('checkout.session.ndjson'), '--json');
  assert.equal(r.code, 0);
  const decisions = r.out.flatMap((line) => line.split('\n')).filter(Boolean).map((l) => JSON.parse(l)).filter((o) => o.type === 'decision').map((d) => [d.rule, d.t]);
  const expected = JSON.parse(await readFile(at('checkout.expected.json'), 'utf8'));
  assert.deepEqual(decisions, expected.decisions);
});
