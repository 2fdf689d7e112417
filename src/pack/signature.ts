import type { PackSignature } from './types.js';

// Web Crypto only: the same file runs in the page (verification) and in the Node CLI (signing).

/** The signature algorithms a pack may carry. */
export type SignatureAlg = 'ES256' | 'Ed25519';

type Subtle = typeof globalThis.crypto.subtle;
/** A Web Crypto key; spelled through `crypto.subtle` so the DOM and Node typings both accept it. */
export type Key = Awaited<ReturnType<Subtle['importKey']>>;

/** Web Crypto parameters per algorithm. ES256 signatures are IEEE P1363 (r‖s), Web Crypto's own form. */
export const ALGORITHMS = {
  ES256: { key: { name: 'ECDSA', namedCurve: 'P-256' }, sign: { name: 'ECDSA', hash: 'SHA-256' } },
  Ed25519: { key: { name: 'Ed25519' }, sign: { name: 'Ed25519' } },
} as const;

/** Both algorithms' signatures are 64 bytes. */
const SIGNATURE_BYTES = 64;

/**
 * Canonical JSON (RFC 8785, JCS) of a JSON value: object keys sorted by UTF-16 code units, no
 * whitespace, strings and numbers as JSON.stringify writes them (which is what JCS specifies).
 * Throws on what JSON cannot carry (NaN, Infinity, functions, bigints), as JCS requires.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} is not a JSON number`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v: unknown) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, exactly as JCS asks (not code points).
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON: a ${typeof value} is not a JSON value`);
}

/** base64url without padding (RFC 7515's form, used for signature values). */
export function toBase64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes standard or url base64, padded or not; undefined if it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  const s = text.replace(/-/g, '+').replace(/_/g, '/').replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(s) || s.length % 4 === 1) return undefined;
  const bin = atob(s + '='.repeat((4 - (s.length % 4)) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s) as Uint8Array<ArrayBuffer>;

/** Reads one DER element at `at`: its tag, where its contents start and where it ends. */
function der(bytes: Uint8Array, at: number): { tag: number; start: number; end: number } {
  const tag = bytes[at];
  let len = bytes[at + 1];
  let start = at + 2;
  if (tag === undefined || len === undefined) throw new Error('truncated');
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 2) throw new Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (bytes[start + i] ?? NaN);
    start += n;
  }
  if (!(start + len <= bytes.length)) throw new Error('truncated');
  return { tag, start, end: start + len };
}

/** An OBJECT IDENTIFIER's contents in dotted form. */
function oid(bytes: Uint8Array): string {
  const parts = [Math.floor((bytes[0] ?? 0) / 40), (bytes[0] ?? 0) % 40];
  let n = 0;
  for (const b of bytes.subarray(1)) {
    n = n * 128 + (b & 0x7f);
    if (b & 0x80) continue;
    parts.push(n);
    n = 0;
  }
  return parts.join('.');
}

/**
 * The algorithm of a SubjectPublicKeyInfo (RFC 5280): SEQUENCE { SEQUENCE { OID, params }, BIT STRING }.
 * Returns the algorithm OID, and for EC keys the curve OID after a space.
 */
function spkiAlgorithm(spki: Uint8Array): string {
  const outer = der(spki, 0);
  const algorithm = der(spki, outer.start);
  const id = der(spki, algorithm.start);
  if (outer.tag !== 0x30 || outer.end !== spki.length || algorithm.tag !== 0x30 || id.tag !== 0x06) throw new Error('not SPKI');
  const name = oid(spki.subarray(id.start, id.end));
  if (id.end >= algorithm.end) return name;
  const params = der(spki, id.end);
  return params.tag === 0x06 ? `${name} ${oid(spki.subarray(params.start, params.end))}` : name;
}

const KEY_OIDS: Readonly<Record<string, SignatureAlg>> = {
  '1.2.840.10045.2.1 1.2.840.10045.3.1.7': 'ES256', // id-ecPublicKey, prime256v1
  '1.3.101.112': 'Ed25519', // id-Ed25519 (RFC 8410)
};
// Names for keys people are likely to paste by mistake; anything else is shown as its OID.
const OTHER_KEYS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.10045.2.1 1.3.132.0.34': 'EC P-384',
  '1.2.840.10045.2.1 1.3.132.0.35': 'EC P-521',
  '1.3.101.110': 'X25519',
};

/**
 * Imports the public key a page is configured with: base64 (standard or url) of the key's
 * SubjectPublicKeyInfo DER, as `zerocall keygen` writes it. The algorithm comes from the key.
 */
export async function importPublicKey(key: string): Promise<{ alg: SignatureAlg; key: Key }> {
  // A PEM block is accepted too: its armour lines and line breaks are dropped.
  const spki = fromBase64(key.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''));
  let algorithm: string | undefined;
  try {
    algorithm = spki && spkiAlgorithm(spki);
  } catch {
    algorithm = undefined;
  }
  if (!spki || !algorithm) throw new Error('public key: not base64 SPKI (expected the one line of <prefix>.public.txt from zerocall keygen)');
  const alg = KEY_OIDS[algorithm];
  if (!alg) throw new Error(`public key: unsupported algorithm ${OTHER_KEYS[algorithm] ?? algorithm} (expected an ES256 key, EC P-256, or an Ed25519 key)`);
  try {
    return { alg, key: await crypto.subtle.importKey('spki', spki, ALGORITHMS[alg].key, false, ['verify']) };
  } catch (error) {
    throw new Error(`public key: not a valid ${alg} key (${(error as Error).message})`);
  }
}

/** Checks a pack's signature against the configured public key. Never throws: the error says what is wrong. */
export async function verifyPack(pack: unknown, publicKey: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const fail = (error: string) => ({ ok: false as const, error });
  let key: { alg: SignatureAlg; key: Key };
  try {
    key = await importPublicKey(publicKey);
  } catch (error) {
    return fail((error as Error).message);
  }
  if (typeof pack !== 'object' || pack === null || Array.isArray(pack)) return fail('not a pack (expected a JSON object)');
  const { signature, ...rest } = pack as { signature?: unknown };
  if (signature === undefined) return fail('unsigned (no "signature"), but this page requires signed packs');
  if (typeof signature !== 'object' || signature === null) return fail('signature: expected an object with "alg" and "value"');
  const { alg, value } = signature as Partial<Record<keyof PackSignature, unknown>>;
  if (alg !== 'ES256' && alg !== 'Ed25519') return fail(`signature: unsupported alg ${String(alg)} (expected ES256 or Ed25519)`);
  if (alg !== key.alg) return fail(`signed with ${alg} but the configured key is ${key.alg}`);
  const bytes = typeof value === 'string' && /^[A-Za-z0-9_-]*$/.test(value) ? fromBase64(value) : undefined;
  if (!bytes) return fail('signature: "value" is not base64url');
  // A DER-encoded ECDSA signature (what openssl writes) is 70-72 bytes; Web Crypto wants r‖s.
  if (bytes.length !== SIGNATURE_BYTES) return fail(`signature: "value" is ${bytes.length} bytes, expected ${SIGNATURE_BYTES} (sign with zerocall sign)`);
  try {
    const ok = await crypto.subtle.verify(ALGORITHMS[alg].sign, key.key, bytes, utf8(canonicalJson(rest)));
    return ok ? { ok: true } : fail('signature does not match: the pack was changed after signing, or signed with another key');
  } catch (error) {
    return fail(`signature: cannot verify (${(error as Error).message})`);
  }
}

/**
 * Signs a pack: drops any old signature, signs the canonical JSON of the rest and returns a
 * copy with `signature` as its last property.
 */
export async function signPack<T extends object>(pack: T, privateKey: Key, alg: SignatureAlg, kid?: string): Promise<T & { signature: PackSignature }> {
  if (privateKey.algorithm.name !== ALGORITHMS[alg].key.name) throw new Error(`signPack: the key is ${privateKey.algorithm.name}, not ${alg}`);
  const { signature: _old, ...rest } = pack as T & { signature?: unknown };
  const value = await crypto.subtle.sign(ALGORITHMS[alg].sign, privateKey, utf8(canonicalJson(rest)));
  const signature: PackSignature = { alg, ...(kid === undefined ? {} : { kid }), value: toBase64url(new Uint8Array(value)) };
  return { ...rest, signature } as T & { signature: PackSignature };
}
