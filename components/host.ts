/**
 * What the components may ask of the page they help in. The SDK's mount stage gives every
 * surface a `ZcHost` built from what the product team registered (`ZeroCall.provide`,
 * `ZeroCall.action`); a component never calls the host page any other way, so a rule pack can
 * only ever run what the host chose to expose.
 */

import type { SignalEvidence } from '../src/engine/types.js';

/** A record a data provider lists, e.g. an order: the picker shows `label` and `detail`. */
export interface ZcRecord {
  /** Stable id; reported with outcomes (never the label or detail). */
  readonly id: string;
  /** What the user recognises the record by ("Order #1042"). */
  readonly label: string;
  /** A second line ("12 Nov · $42.00 · Refund pending"). */
  readonly detail?: string;
  /** Facts a flow may branch on (`{ "record": "status", "is": "refunded" }`); they stay in the page. */
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}

/** What a host action receives. */
export interface ZcActionInput {
  /** Id of the rule whose solution runs the action. */
  readonly rule: string;
  /** The record picked in an earlier zc-picker, if any. */
  readonly record?: ZcRecord;
  /** zc-upload: the file the user chose. */
  readonly file?: File;
  /** zc-upload: call with 0..1 as the upload proceeds. */
  readonly progress?: (fraction: number) => void;
  /** zc-handoff: the context packet for the agent. */
  readonly packet?: HandoffPacket;
  /** Aborted when the surface goes away (dismissed, route change). */
  readonly signal: AbortSignal;
}

/**
 * What a human agent receives on hand-off: what the user was doing and what went wrong.
 * Never input values or page text: signals carry only their evidence (counts, durations,
 * statuses) and targets by CSS path.
 */
export interface HandoffPacket {
  /** Random id of this hand-off, for the agent to quote. */
  readonly id: string;
  /** `packId@version` and the rule that offered the hand-off. */
  readonly pack: string;
  readonly rule: string;
  /** Page path (allowed query parameters only) at the time of the hand-off. */
  readonly page: string;
  /** Pages of this tab's session, oldest first, at most 10. */
  readonly pages: readonly string[];
  /** The friction signals seen, oldest first, at most 20. */
  readonly signals: ReadonlyArray<{ readonly signal: string; readonly t: number; readonly page: string; readonly target?: string; readonly evidence: SignalEvidence }>;
  /** The record picked before, if any: id and label only. */
  readonly record?: ZcRecord;
  /** The UI locale. */
  readonly locale: string;
  /** Epoch ms. */
  readonly t: number;
}

/** The page's side of a mounted solution. */
export interface ZcHost {
  /** Calls the data provider `name`; rejects when it is not registered or fails. */
  data(name: string): Promise<readonly ZcRecord[]>;
  /** Runs the host action `name`; rejects when it is not registered or fails. */
  run(name: string, input: ZcActionInput): Promise<unknown>;
  /** The hand-off context packet, built now. */
  packet(rule: string, record?: ZcRecord): HandoffPacket;
}

const none = (name: string): Promise<never> => Promise.reject(new Error(`nothing named "${name}" is registered`));

/** A host with nothing registered: what a component uses until the mount stage gives it one. */
export const noHost: ZcHost = {
  data: none,
  run: none,
  packet: (rule, record) => ({ id: '', pack: '', rule, page: location.pathname, pages: [], signals: [], record, locale: 'en', t: 0 }),
};
