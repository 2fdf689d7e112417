import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * A verify hook that accepts exactly the given tokens (empty ones never), for `verifyUser` and
 * `verifyAgent`. Compares SHA-256 digests in constant time against every token, so the answer's
 * timing says neither which token came close nor how many there are before the match.
 */
export function acceptTokens(tokens: readonly string[]): (token: string) => boolean {
  const hash = (s: string): Buffer => createHash('sha256').update(s).digest();
  const accepted = tokens.filter((t) => t.length > 0).map(hash);
  return (token) => {
    if (token.length === 0) return false;
    const candidate = hash(token);
    let ok = false;
    for (const digest of accepted) ok = timingSafeEqual(digest, candidate) || ok;
    return ok;
  };
}
