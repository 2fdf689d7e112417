import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkOrigins } from './cors.js';

/** How a relay is set up; only the two verify hooks are required. */
export interface RelayOptions {
  /** Accepts the app token a page sends when it creates a session. */
  verifyUser(token: string): boolean | Promise<boolean>;
  /** Accepts an agent console's token when it pairs. */
  verifyAgent(token: string): boolean | Promise<boolean>;
  /** Path prefix, default '/zc/v1'. */
  base?: string;
  /** Origins allowed by CORS (pages and consoles on other origins); '*' allows any. Default none (same origin only). */
  allowOrigins?: readonly string[];
  /** Ms a pairing code pairs, default 10 min. */
  codeTtl?: number;
  /** Ms a session lives without any message, default 30 min. */
  idleTtl?: number;
  /** Ms a session lives at most, default 4 h. */
  maxAge?: number;
  /** Ms between ": keep-alive" comments on open streams, default 15 s. */
  keepAlive?: number;
  /** Events kept per stream for Last-Event-ID resume, default 200. */
  replay?: number;
  /** Injectable clock, epoch ms (tests use virtual time). */
  now?: () => number;
  /** One line per session lifecycle event; never tokens, keys or codes. */
  log?: (line: string) => void;
}

/** A relay to mount in a node:http server (or to run with startRelay). */
export interface Relay {
  /** Handles a request if its path is under `base`; returns false (and does nothing) otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Ends sessions whose code, idle or maximum age has passed, and forgets old ended ones. */
  sweep(): void;
  /** Ends every session, stream and timer. */
  close(): void;
}

/** The options with every default filled in and checked. */
export type Settings = Required<RelayOptions>;

const MINUTE = 60_000;

/** Fills in the defaults; throws a TypeError naming the option on misuse. */
export function resolveOptions(o: RelayOptions): Settings {
  for (const hook of ['verifyUser', 'verifyAgent'] as const) {
    if (typeof o[hook] !== 'function') throw new TypeError(`createRelay: ${hook} is required: a function (token) => boolean | Promise<boolean> that accepts ${hook === 'verifyUser' ? "a page's app token" : "an agent console's token"}`);
  }
  const ms = (name: 'codeTtl' | 'idleTtl' | 'maxAge' | 'keepAlive' | 'replay', fallback: number, min: number): number => {
    const v = o[name] ?? fallback;
    if (!Number.isFinite(v) || v < min) throw new TypeError(`createRelay: ${name} must be a number of at least ${min}, got ${String(v)}`);
    return v;
  };
  const base = (o.base ?? '/zc/v1').replace(/\/+$/, '');
  if (base !== '' && !/^\/[\w.~/-]*$/.test(base)) throw new TypeError(`createRelay: base must be a path like '/zc/v1', got ${JSON.stringify(o.base)}`);
  return {
    verifyUser: o.verifyUser,
    verifyAgent: o.verifyAgent,
    base,
    allowOrigins: checkOrigins(o.allowOrigins ?? []),
    codeTtl: ms('codeTtl', 10 * MINUTE, 1),
    idleTtl: ms('idleTtl', 30 * MINUTE, 1),
    maxAge: ms('maxAge', 240 * MINUTE, 1),
    keepAlive: ms('keepAlive', 15_000, 10),
    replay: Math.floor(ms('replay', 200, 0)),
    now: o.now ?? Date.now,
    log: o.log ?? (() => undefined),
  };
}
