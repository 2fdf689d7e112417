import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A session id: 128 random bits in base64url (22 characters), part of the session's URLs. */
export const newSessionId = (): string => randomBytes(16).toString('base64url');

/** A session key: 256 random bits in base64url (43 characters), one per side. */
export const newKey = (): string => randomBytes(32).toString('base64url');

/** A pairing code: six uniformly random digits ("000000" to "999999"). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * What a secret is stored and looked up by. Looking a key up by its digest means the lookup's
 * timing says nothing about the key's prefix, and a heap dump holds no key that works.
 */
export const digest = (secret: string): string => createHash('sha256').update(secret).digest('base64url');

/** A session id shortened for log lines: enough to follow one session, useless as a URL. */
export const shortId = (id: string): string => `${id.slice(0, 6)}…`;
