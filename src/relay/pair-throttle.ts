import { digest } from './secrets.js';
import { TokenBucket } from './token-bucket.js';

/** Failed pairings an agent token may have at once, and per minute after that. */
const BURST = 10;
const PER_MINUTE = 10;

/**
 * Limits failed pairing attempts per agent token. A code is six digits, so without this one
 * token could walk the code space in hours. At 10 a minute, hitting any of a hundred codes
 * waiting to pair takes about 17 hours of guessing on average (each code pairs for 10 minutes
 * only), while an agent who mistypes twice never notices.
 */
export class PairThrottle {
  /** Token digest → its bucket; only tokens that failed lately have one. */
  private readonly buckets = new Map<string, TokenBucket>();

  /** Ms until this token may try again; 0 if it may now. */
  wait(token: string, now: number): number {
    return this.buckets.get(digest(token))?.wait(now) ?? 0;
  }

  /** Counts a failed attempt; returns true when it used the last one (worth a log line). */
  failed(token: string, now: number): boolean {
    const d = digest(token);
    let bucket = this.buckets.get(d);
    if (!bucket) this.buckets.set(d, (bucket = new TokenBucket(BURST, PER_MINUTE / 60, now)));
    bucket.take(now);
    return bucket.wait(now) > 0;
  }

  /** Forgets tokens whose buckets refilled. */
  sweep(now: number): void {
    for (const [d, bucket] of this.buckets) if (bucket.full(now)) this.buckets.delete(d);
  }
}
