import type { OutcomeKind } from '../engine/types.js';

/**
 * One telemetry record on the wire (docs/telemetry.md). Never holds input values, text
 * content, queries or fragments: only ids, paths, CSS paths and counts.
 */
export interface TelemetryRecord {
  /** Unique per record, so a collector can drop duplicates of an at-least-once delivery. */
  readonly id: string;
  readonly t: number;
  readonly kind: 'signal' | 'decision' | 'outcome' | 'track' | 'error' | 'dropped' | 'preference';
  readonly sid: string;
  readonly page?: string;
  /** `packId@version`. */
  readonly pack?: string;
  readonly rule?: string;
  readonly outcome?: OutcomeKind;
  /** For kind "outcome": the id of the record the user picked (the host's id, never its label). */
  readonly record?: string;
  /**
   * For kind "outcome" `unhelpful`: the pack's string id of the reason chosen. For kind
   * "dropped": why records were lost (`evicted`, `rejected`, `too-large`).
   */
  readonly reason?: string;
  /** For kind "dropped": how many records were lost. */
  readonly count?: number;
  /** For kind "dropped" `rejected`: the HTTP status the collector answered. */
  readonly status?: number;
  /** For kind "outcome" from zc-steps: the step, from 0. */
  readonly step?: number;
  /** For kind "outcome" in a flow the pack declares: the id of the flow's step it is about. */
  readonly flowStep?: string;
  /** For kind "outcome" `transition`: the step the flow moved to, or "end". */
  readonly to?: string;
  readonly signal?: string;
  /** For kind "preference": the user's level of help now (`useful`, `stuck`, `off`). */
  readonly help?: string;
  /** For kind "preference": where it comes from: `user` (chosen), `segment` or `pack` (the pack's default). */
  readonly source?: string;
  /** For kind "track": the event name the host passed to `ZeroCall.track(name)` (nothing else of it). */
  readonly name?: string;
  /** For kind "decision": the user is in the holdout group, so nothing was shown. */
  readonly heldOut?: true;
  /** CSS path of the element the signal happened on. */
  readonly target?: string;
  readonly evidence?: { readonly count: number; readonly first: number; readonly last: number };
  /** For kind "error": what went wrong inside the SDK, or with the pack or a mount. */
  readonly message?: string;
}

/** A record as the runtime makes it: the transport adds `id`, `sid` and `pack` (see `stamp`). */
export type RecordDraft = Omit<TelemetryRecord, 'id' | 'sid' | 'pack'>;

/** What every record of a page shares: the base of its ids, the session and the pack. */
export interface Stamp {
  readonly base: string;
  readonly sid: string;
  readonly pack?: string;
}

/**
 * Record number `n` of a page: its id is the page's random base and the number, so the worker
 * and the page give the same record the same id without sharing a counter. A draft that
 * carries its own id keeps it.
 */
export const stamp = (s: Stamp, n: number, d: RecordDraft): TelemetryRecord => ({ id: `${s.base}.${n.toString(36)}`, sid: s.sid, ...(s.pack ? { pack: s.pack } : {}), ...d });

/** One POST body. */
export interface Batch {
  readonly v: 1;
  /** Unique per batch; a retried batch keeps its id. */
  readonly batch: string;
  readonly sdk: string;
  readonly sent: number;
  readonly events: readonly TelemetryRecord[];
}
