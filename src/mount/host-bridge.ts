import type { HandoffPacket, ZcActionInput, ZcHost, ZcRecord } from '../../components/host.js';
import { warnOnce } from '../core/warn.js';
import { flowSteps } from '../pack/flow.js';
import type { FlowSolution, Solution } from '../pack/types.js';

/** A host data provider (`ZeroCall.provide`): lists records for a picker, e.g. the user's recent orders. */
export type DataProvider = (input: { readonly rule: string }) => unknown;

/** A host action (`ZeroCall.action`): a remedy, an upload or a hand-off the product runs itself. */
export type HostAction = (input: ZcActionInput) => unknown;

/** What the product team registered; names are what rule packs refer to. */
export interface HostRegistry {
  readonly providers: Map<string, DataProvider>;
  readonly actions: Map<string, HostAction>;
}

/** The most records a picker lists: a list the user has to scroll through for long is not help. */
export const MAX_RECORDS = 200;

/** A record's `data` a flow may branch on: its string, finite number and boolean values, at most 50 (the rest is not kept). */
function facts(v: unknown): ZcRecord['data'] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string | number | boolean> = {};
  for (const [k, x] of Object.entries(v).slice(0, 50)) if (typeof x === 'string' || typeof x === 'boolean' || Number.isFinite(x)) out[k] = x as string | number | boolean;
  return out;
}

/** Keeps the records a picker can show, and says once what was wrong with the others. */
function toRecords(name: string, value: unknown): ZcRecord[] {
  if (!Array.isArray(value)) throw new TypeError(`data provider "${name}" must return an array of records ({ id, label, detail?, data? })`);
  const out: ZcRecord[] = [];
  for (const [i, r] of value.entries()) {
    const rec = r as Partial<Record<keyof ZcRecord, unknown>> | null;
    const id = typeof rec?.id === 'number' ? String(rec.id) : rec?.id;
    if (typeof id !== 'string' || id === '' || typeof rec?.label !== 'string' || rec.label === '') {
      warnOnce(`provider-${name}`, `data provider "${name}": record ${i} was skipped; each record needs a string "id" and "label"`);
      continue;
    }
    const data = facts(rec.data);
    out.push({ id, label: rec.label, ...(typeof rec.detail === 'string' ? { detail: rec.detail } : {}), ...(data && { data }) });
    if (out.length === MAX_RECORDS) break;
  }
  return out;
}

/**
 * The components' way to the page: only registered names run, and a host function that
 * throws (or returns garbage) becomes a rejected promise the component shows as a failure,
 * never an exception in the host page. One per surface: providers learn which rule asks.
 */
export function createHostBridge(registry: HostRegistry, packet: (rule: string, record?: ZcRecord) => HandoffPacket, rule: string): ZcHost {
  return {
    async data(name) {
      const provider = registry.providers.get(name);
      if (!provider) throw new Error(`no data provider "${name}" is registered`);
      return toRecords(name, await provider({ rule }));
    },
    async run(name, input) {
      const action = registry.actions.get(name);
      if (!action) throw new Error(`no host action "${name}" is registered`);
      return await action(input);
    },
    packet,
  };
}

/** The host names a solution (every step of its flow, the step after its picker) needs: a missing one is a mount error, not a broken button. */
export function missingHostNames(solution: Solution | FlowSolution, registry: HostRegistry): string[] {
  const missing = new Set<string>();
  const need = (kind: 'provider' | 'action', name: string | undefined): void => {
    const known = kind === 'provider' ? registry.providers.has(name ?? '') : registry.actions.has(name ?? '');
    if (name !== undefined && !known) missing.add(kind === 'provider' ? `ZeroCall.provide('${name}', fn)` : `ZeroCall.action('${name}', fn)`);
  };
  for (const s of flowSteps(solution)) {
    need('provider', s.source);
    need('action', s.action?.host);
    need('action', s.upload?.via);
    need('action', s.handoff?.via);
  }
  return [...missing];
}
