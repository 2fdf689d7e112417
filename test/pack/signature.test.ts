import { expect } from '@open-wc/testing';
import { canonicalJson, importPublicKey, signPack, type SignatureAlg, verifyPack } from '../../src/pack/signature.js';
import type { RulePack } from '../../src/pack/types.js';
import { packWith } from '../engine/recorded.js';

const PARAMS = { ES256: { name: 'ECDSA', namedCurve: 'P-256' }, Ed25519: { name: 'Ed25519' } } as const;
const base64 = (buffer: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(buffer)));

/** A fresh key pair and its public key as the page is configured with it (base64 SPKI). */
async function keys(alg: SignatureAlg): Promise<{ privateKey: CryptoKey; publicKey: string }> {
  const pair = (await crypto.subtle.generateKey(PARAMS[alg], true, ['sign', 'verify'])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicKey: base64(await crypto.subtle.exportKey('spki', pair.publicKey)) };
}

/** The same JSON value with every object's keys in reverse order. */
const reversed = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(reversed) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;

const NO_MATCH = 'signature does not match: the pack was changed after signing, or signed with another key';

describe('canonical JSON (RFC 8785)', () => {
  it('serializes the RFC 8785 example exactly', () => {
    const input = '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}';
    expect(canonicalJson(JSON.parse(input))).to.equal('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts keys by UTF-16 code units, not code points (RFC 8785 3.2.3)', () => {
    const o = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    // The emoji's high surrogate (U+D83D) sorts before U+FB33, although its code point is above it.
    expect(canonicalJson(o)).to.equal('{"\\r":2,"1":4,"\u0080":6,"ö":7,"€":1,"😀":5,"דּ":3}');
  });

  it('sorts nested objects and keeps array order, with no whitespace', () => {
    expect(canonicalJson({ b: [{ d: 1, c: 'x y' }, 2], a: { z: null, y: true } })).to.equal('{"a":{"y":true,"z":null},"b":[{"c":"x y","d":1},2]}');
  });

  it('writes numbers as ECMAScript does', () => {
    const cases: Array<[number, string]> = [
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [-0, '0'],
      [0.1, '0.1'],
      [1e-7, '1e-7'],
      [5e-324, '5e-324'],
      [-1.5, '-1.5'],
      [Number.MAX_SAFE_INTEGER, '9007199254740991'],
      [2 ** 70, '1.1805916207174113e+21'],
    ];
    for (const [n, text] of cases) expect(canonicalJson(n), String(n)).to.equal(text);
  });

  it('rejects values JSON cannot carry', () => {
    expect(() => canonicalJson(NaN)).to.throw('canonical JSON: NaN is not a JSON number');
    expect(() => canonicalJson({ a: Infinity })).to.throw('canonical JSON: Infinity is not a JSON number');
    expect(() => canonicalJson({ f: () => 1 })).to.throw('canonical JSON: a function is not a JSON value');
  });
});

describe('pack signatures', () => {
  const pack = packWith([{ id: 'pay-help', page: '/checkout*' }]);

  for (const alg of ['ES256', 'Ed25519'] as const) {
    it(`${alg}: a signed pack verifies, also with its keys in another order`, async () => {
      const { privateKey, publicKey } = await keys(alg);
      const signed = await signPack(pack, privateKey, alg, 'k-2026');
      expect(Object.keys(signed).at(-1)).to.equal('signature');
      expect(signed.signature.alg).to.equal(alg);
      expect(signed.signature.kid).to.equal('k-2026');
      expect(signed.signature.value).to.match(/^[A-Za-z0-9_-]{86}$/); // 64 bytes, base64url, no padding
      expect(await verifyPack(signed, publicKey)).to.deep.equal({ ok: true });
      expect(await verifyPack(JSON.parse(JSON.stringify(signed, null, 2)), publicKey)).to.deep.equal({ ok: true });
      expect(await verifyPack(reversed(signed), publicKey)).to.deep.equal({ ok: true });
      // url-safe base64 of the key, without padding, is accepted as well
      expect(await verifyPack(signed, publicKey.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))).to.deep.equal({ ok: true });
      // and so is a PEM block of it
      const pem = `-----BEGIN PUBLIC KEY-----\n${publicKey.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
      expect(await verifyPack(signed, pem)).to.deep.equal({ ok: true });
      expect((await importPublicKey(publicKey)).alg).to.equal(alg);
    });

    it(`${alg}: any change after signing is caught`, async () => {
      const { privateKey, publicKey } = await keys(alg);
      const signed = await signPack(pack, privateKey, alg);
      const changed = structuredClone(signed) as RulePack & { strings: Record<string, Record<string, string>> };
      changed.strings.en!.t = 'Title!';
      expect(await verifyPack(changed, publicKey)).to.deep.equal({ ok: false, error: NO_MATCH });
      const added = { ...signed, rules: [...signed.rules, { ...signed.rules[0]!, id: 'extra' }] };
      expect(await verifyPack(added, publicKey)).to.deep.equal({ ok: false, error: NO_MATCH });
      const number = structuredClone(signed) as RulePack & { budget: { perSession: number } };
      number.budget = { perSession: 3 };
      expect(await verifyPack(number, publicKey)).to.deep.equal({ ok: false, error: NO_MATCH });
      const kid = { ...signed, signature: { ...signed.signature, kid: 'other' } };
      expect(await verifyPack(kid, publicKey), 'the signature object itself is not signed').to.deep.equal({ ok: true });
    });
  }

  it('refuses a pack signed with another key of the same algorithm', async () => {
    const signer = await keys('ES256');
    const other = await keys('ES256');
    const signed = await signPack(pack, signer.privateKey, 'ES256');
    expect(await verifyPack(signed, other.publicKey)).to.deep.equal({ ok: false, error: NO_MATCH });
  });

  it('names an algorithm mismatch, an unsigned pack and a malformed signature', async () => {
    const es = await keys('ES256');
    const ed = await keys('Ed25519');
    const signed = await signPack(pack, es.privateKey, 'ES256');
    expect(await verifyPack(signed, ed.publicKey)).to.deep.equal({ ok: false, error: 'signed with ES256 but the configured key is Ed25519' });
    expect(await verifyPack(pack, es.publicKey)).to.deep.equal({ ok: false, error: 'unsigned (no "signature"), but this page requires signed packs' });
    const bad = (signature: unknown) => verifyPack({ ...pack, signature }, es.publicKey);
    expect(await bad({ alg: 'RS256', value: signed.signature.value })).to.deep.equal({ ok: false, error: 'signature: unsupported alg RS256 (expected ES256 or Ed25519)' });
    expect(await bad('abc')).to.deep.equal({ ok: false, error: 'signature: expected an object with "alg" and "value"' });
    expect(await bad({ alg: 'ES256', value: 'a+b/c=' })).to.deep.equal({ ok: false, error: 'signature: "value" is not base64url' });
    // A DER-encoded ECDSA signature (openssl's form) is about 70 bytes.
    expect(await bad({ alg: 'ES256', value: 'A'.repeat(94) })).to.deep.equal({ ok: false, error: 'signature: "value" is 70 bytes, expected 64 (sign with zerocall sign)' });
    expect(await verifyPack([signed], es.publicKey)).to.deep.equal({ ok: false, error: 'not a pack (expected a JSON object)' });
  });

  it('names a public key that is not base64 SPKI, or of another algorithm', async () => {
    const signed = await signPack(pack, (await keys('ES256')).privateKey, 'ES256');
    const notSpki = 'public key: not base64 SPKI (expected the one line of <prefix>.public.txt from zerocall keygen)';
    expect(await verifyPack(signed, 'not a key!')).to.deep.equal({ ok: false, error: notSpki });
    expect(await verifyPack(signed, btoa('just some bytes, not DER'))).to.deep.equal({ ok: false, error: notSpki });
    expect(await verifyPack(signed, '')).to.deep.equal({ ok: false, error: notSpki });
    const rsa = (await crypto.subtle.generateKey({ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const p384 = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const expected = (name: string) => ({ ok: false, error: `public key: unsupported algorithm ${name} (expected an ES256 key, EC P-256, or an Ed25519 key)` });
    expect(await verifyPack(signed, base64(await crypto.subtle.exportKey('spki', rsa.publicKey)))).to.deep.equal(expected('RSA'));
    expect(await verifyPack(signed, base64(await crypto.subtle.exportKey('spki', p384.publicKey)))).to.deep.equal(expected('EC P-384'));
    try {
      await importPublicKey('nope');
      expect.fail('importPublicKey accepted "nope"');
    } catch (error) {
      expect((error as Error).message).to.equal(notSpki);
    }
  });

  it('re-signing replaces the old signature, and a key of another algorithm is refused', async () => {
    const { privateKey, publicKey } = await keys('Ed25519');
    const once = await signPack(pack, privateKey, 'Ed25519', 'old');
    const twice = await signPack(once, privateKey, 'Ed25519');
    // Ed25519 is deterministic: the same value means the old signature was not part of what was signed.
    expect(twice.signature).to.deep.equal({ alg: 'Ed25519', value: once.signature.value });
    expect(await verifyPack(twice, publicKey)).to.deep.equal({ ok: true });
    try {
      await signPack(pack, privateKey, 'ES256');
      expect.fail('signPack signed ES256 with an Ed25519 key');
    } catch (error) {
      expect((error as Error).message).to.equal('signPack: the key is Ed25519, not ES256');
    }
  });
});
