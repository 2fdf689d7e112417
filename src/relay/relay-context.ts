import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PairThrottle } from './pair-throttle.js';
import type { Settings } from './relay-options.js';
import type { SessionStore } from './session-store.js';

/** What every handler works with: one per relay. */
export interface RelayContext {
  readonly settings: Settings;
  readonly store: SessionStore;
  readonly throttle: PairThrottle;
}

/** Answers one endpoint; throws a Refusal to refuse. `id` is the session id of `/sessions/{id}/…`. */
export type Handler = (ctx: RelayContext, req: IncomingMessage, res: ServerResponse, id: string) => Promise<void>;
