import type { Role } from '../agent/protocol.js';
import type { Settings } from './relay-options.js';
import { digest, newCode, newKey, newSessionId, shortId } from './secrets.js';
import { type Ending, Session, type UserInfo } from './session.js';

/** How long an ended session is remembered, so its clients hear 410 and not 401. */
const TOMBSTONE_MS = 60 * 60_000;
/** Draws of a code before giving up: only with about a million sessions waiting to pair. */
const CODE_DRAWS = 50;

/** What a pairing attempt came to. */
export type PairOutcome =
  | { readonly ok: true; readonly session: Session; readonly key: string }
  | { readonly ok: false; readonly why: 'unknown' | 'expired' | 'used' | 'ended' };

/**
 * Every session of this process, live and ended, found by id, by either side's key and by
 * pairing code. Lives in memory: a relay instance owns its sessions (see docs/agent-relay.md for
 * running several). All lifecycle logging happens here, so each event is logged exactly once.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Key digest → its session and side. */
  private readonly keys = new Map<string, { readonly session: Session; readonly role: Role }>();
  /** Pairing code → the session that holds it now. */
  private readonly codes = new Map<string, Session>();
  /** Session id → the digests of its keys, to forget them with it. */
  private readonly issued = new Map<string, string[]>();

  constructor(private readonly settings: Settings) {}

  /** A new session for a page, with the user side's key; undefined if no free code is left. */
  create(user: UserInfo, now: number): { session: Session; key: string } | undefined {
    const code = this.freeCode(now);
    if (code === undefined) return undefined;
    const session = new Session(newSessionId(), code, user, now, this.settings);
    const key = newKey();
    this.sessions.set(session.id, session);
    this.codes.set(code, session);
    this.issue(session, key, 'user');
    // The page chose these strings: no control characters into the log (a forged line).
    const clean = (s: string): string => Array.from(s, (c) => (/\p{Cc}|\p{Zl}|\p{Zp}/u.test(c) ? '?' : c)).join('');
    this.settings.log(`session ${shortId(session.id)} created (sdk ${clean(user.sdk)}${user.pack ? `, pack ${clean(user.pack)}` : ''})`);
    return { session, key };
  }

  /** Pairs an agent with the session holding `code`, and tells the page; or says why not. */
  pair(code: string, name: string | undefined, now: number): PairOutcome {
    const session = this.codes.get(code);
    if (!session) return { ok: false, why: 'unknown' };
    if (session.agent) return { ok: false, why: 'used' };
    if (!session.ended) this.expireIfDue(session, now);
    if (session.ended) return { ok: false, why: now > session.codeExpires ? 'expired' : 'ended' };
    session.agent = name === undefined ? {} : { name };
    session.lastUsed = now;
    const key = newKey();
    this.issue(session, key, 'agent');
    session.send('user', 'paired', JSON.stringify(name === undefined ? { type: 'paired' } : { type: 'paired', name }));
    this.settings.log(`session ${shortId(session.id)} paired`);
    return { ok: true, session, key };
  }

  /** The session and side a key belongs to, ended ones included; undefined for a key never issued (or long forgotten). */
  byKey(key: string): { readonly session: Session; readonly role: Role } | undefined {
    return this.keys.get(digest(key));
  }

  /** Ends a live session; returns the ids of the `end` events. */
  end(session: Session, ending: Omit<Ending, 'at'>, now: number): Record<Role, number> {
    const ids = session.end({ ...ending, at: now });
    this.settings.log(`session ${shortId(session.id)} ${ending.reason === 'expired' ? 'expired' : `ended by ${ending.by}`} (${ending.why})`);
    return ids;
  }

  /** Ends the session if its time has passed at `now` (requests check this, not only sweeps). */
  expireIfDue(session: Session, now: number): void {
    const why = session.ended ? undefined : session.overdue(now);
    if (why !== undefined) this.end(session, { by: 'relay', reason: 'expired', why }, now);
  }

  /** Ends overdue sessions and forgets those ended over an hour ago. */
  sweep(now: number): void {
    for (const session of this.sessions.values()) {
      this.expireIfDue(session, now);
      if (session.ended && now - session.ended.at > TOMBSTONE_MS) this.forget(session);
    }
  }

  /** A keep-alive comment on every open stream. */
  keepAlive(): void {
    for (const session of this.sessions.values()) {
      if (session.ended) continue;
      session.streams.user.keepAlive();
      session.streams.agent.keepAlive();
    }
  }

  /** Ends every live session: they live in this process's memory and go with it. */
  close(now: number): void {
    for (const session of this.sessions.values()) {
      if (!session.ended) this.end(session, { by: 'relay', reason: 'ended', why: 'the relay stopped' }, now);
    }
  }

  private forget(session: Session): void {
    this.sessions.delete(session.id);
    if (this.codes.get(session.code) === session) this.codes.delete(session.code);
    for (const d of this.issued.get(session.id) ?? []) this.keys.delete(d);
    this.issued.delete(session.id);
  }

  private issue(session: Session, key: string, role: Role): void {
    const d = digest(key);
    this.keys.set(d, { session, role });
    this.issued.set(session.id, [...(this.issued.get(session.id) ?? []), d]);
  }

  /**
   * A code no live session is waiting to pair with. A code no session holds at all comes first,
   * so an agent who types an old code hears 409 or 410 rather than reaching a stranger; failing
   * that, one held only by a paired or ended session, which gives it up.
   */
  private freeCode(now: number): string | undefined {
    let fallback: string | undefined;
    for (let i = 0; i < CODE_DRAWS; i++) {
      const code = newCode();
      const holder = this.codes.get(code);
      if (!holder) return code;
      const waiting = !holder.ended && !holder.agent && now <= holder.codeExpires;
      if (!waiting) fallback ??= code;
    }
    return fallback;
  }
}
