import type { Role } from '../agent/protocol.js';
import { EventStream } from './event-stream.js';
import type { Settings } from './relay-options.js';
import { TokenBucket } from './token-bucket.js';

/** What the page said about itself when it created the session. */
export interface UserInfo {
  readonly sdk: string;
  readonly pack?: string;
  readonly locale?: string;
}

/** Who ended a session and why. */
export interface Ending {
  readonly at: number;
  readonly by: Role | 'relay';
  readonly reason: 'ended' | 'expired';
  /** For the log and the 410's message: "no message in 30 min", "the relay stopped". */
  readonly why: string;
}

/** Messages a side may post at once, and per second after that. */
const RATES: Readonly<Record<Role, readonly [burst: number, perSecond: number]>> = {
  agent: [10, 1],
  user: [60, 10],
};

/**
 * One shared session: the page's side and, once paired, an agent's. Each side hears its own
 * stream (`streams.user` is what the page hears). Once ended it stays as a tombstone, its
 * streams closed and emptied, so late requests learn it ended (410) rather than never was.
 */
export class Session {
  /** What each side hears. */
  readonly streams: Readonly<Record<Role, EventStream>>;
  /** What each side may still post. */
  readonly buckets: Readonly<Record<Role, TokenBucket>>;
  readonly codeExpires: number;
  /** The last message (or the pairing): the idle expiry runs from it. */
  lastUsed: number;
  /** The agent's name as the page shows it, once paired. */
  agent: { readonly name?: string } | undefined;
  ended: Ending | undefined;

  constructor(
    readonly id: string,
    /** The pairing code; kept after pairing so a second pairing hears 409. */
    readonly code: string,
    readonly user: UserInfo,
    readonly created: number,
    private readonly settings: Settings,
  ) {
    this.codeExpires = created + settings.codeTtl;
    this.lastUsed = created;
    this.streams = { user: new EventStream(settings.replay), agent: new EventStream(settings.replay) };
    this.buckets = { user: new TokenBucket(...RATES.user, created), agent: new TokenBucket(...RATES.agent, created) };
  }

  /** When the session ends unless a message comes first. */
  expires(): number {
    return Math.min(this.lastUsed + this.settings.idleTtl, this.created + this.settings.maxAge);
  }

  /** Why the session is past its time at `now`, or undefined while it is not. */
  overdue(now: number): string | undefined {
    const minutes = (ms: number): string => (ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`);
    if (!this.agent && now > this.codeExpires) return `no agent paired in ${minutes(this.settings.codeTtl)}`;
    if (now > this.created + this.settings.maxAge) return `older than ${minutes(this.settings.maxAge)}`;
    if (now > this.lastUsed + this.settings.idleTtl) return `no message in ${minutes(this.settings.idleTtl)}`;
    return undefined;
  }

  /** Sends a message to one side's stream; returns the event id. */
  send(to: Role, type: string, json: string): number {
    return this.streams[to].send(type, json);
  }

  /** Tells both sides it ended and closes their streams; returns the ids of the `end` events. */
  end(ending: Ending): Record<Role, number> {
    const json = JSON.stringify({ type: 'end', by: ending.by, reason: ending.reason });
    const ids = { user: this.send('user', 'end', json), agent: this.send('agent', 'end', json) };
    this.streams.user.close();
    this.streams.agent.close();
    this.ended = ending;
    return ids;
  }
}
