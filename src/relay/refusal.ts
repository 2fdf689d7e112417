import type { RelayErrorCode } from '../agent/protocol.js';

/**
 * A request the relay refuses: thrown by the handlers, answered as the protocol's error body
 * `{ error, message }` with this status. The message says what to do about it.
 */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: RelayErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 429 with `Retry-After` in whole seconds (at least 1), and the same wait in the message. */
export function rateLimited(waitMs: number, why: string): Refusal {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new Refusal(429, 'rate-limited', `${why}; try again in ${seconds} s`, { 'retry-after': String(seconds) });
}
