import type { ZcRecord } from '../../components/host.js';
import { asFlow, flowKeep } from '../pack/flow.js';
import type { Rule, RulePack } from '../pack/types.js';
import type { FlowPosition } from './mount.js';

/** A flow under way as kept in the store: its step, the record picked on the way, and when it last moved (epoch ms). */
export interface SavedFlow extends FlowPosition {
  readonly t: number;
}
/** Flows under way for one pack, by rule id. */
export type SavedFlows = Readonly<Record<string, SavedFlow>>;

/** What the runtime does with flows under way: resume them at load, keep each move. */
export interface FlowKeeper {
  /** Flows to show again at this load, at their step. */
  readonly resume: ReadonlyArray<{ readonly rule: Rule; readonly at: string; readonly record: ZcRecord | undefined }>;
  /** A flow moved (kept: returns its `keep` in ms) or is over (forgotten). Rules not in the pack (an agent's pushes) are not kept. */
  moved(rule: string, position: FlowPosition | undefined, t: number): number | undefined;
  /** Forgets the flows whose `keep` time has passed by `now` (a page left open past it). */
  expire(now: number): void;
  /** Forgets every flow under way (the user withdrew consent). */
  forget(): void;
  /** Where each flow under way is now, those past their `keep` time left out. */
  current(now: number): SavedFlows;
}

const isSaved = (v: unknown): v is SavedFlow => {
  const p = v as Partial<SavedFlow> | null;
  return typeof p === 'object' && p !== null && typeof p.step === 'string' && Number.isFinite(p.t) && (p.record === undefined || (typeof p.record === 'object' && p.record !== null && typeof p.record.id === 'string'));
};

/**
 * Keeps the position of flows under way (IndexedDB, through `save`, one rule at a time so tabs
 * do not overwrite each other's) so a user who reloads or comes back within the flow's `keep`
 * time finds it where they left it. What was saved is checked like any stored data: an unknown
 * rule or step, a switched-off rule, a broken or expired entry is dropped, never shown.
 */
export function keepFlows(pack: RulePack, saved: unknown, now: number, save: (rule: string, position: SavedFlow | undefined) => void): FlowKeeper {
  const flows: Record<string, SavedFlow> = {};
  const resume: Array<FlowKeeper['resume'][number]> = [];
  const keep = (id: string): number => {
    const rule = pack.rules.find((r) => r.id === id);
    return rule ? flowKeep(asFlow(rule.solution)) : 0;
  };
  for (const [id, position] of typeof saved === 'object' && saved !== null ? Object.entries(saved) : []) {
    const rule = pack.rules.find((r) => r.id === id);
    const live = rule && rule.enabled !== false && isSaved(position) && Object.hasOwn(asFlow(rule.solution).steps, position.step) && now - position.t <= keep(id) && position.t <= now + 60_000;
    if (!live) {
      save(id, undefined);
      continue;
    }
    flows[id] = position;
    resume.push({ rule, at: position.step, record: position.record as ZcRecord | undefined });
  }
  return {
    resume,
    moved(rule, position, t) {
      if (!pack.rules.some((r) => r.id === rule)) return undefined;
      if (position) flows[rule] = { ...position, t };
      else if (Object.hasOwn(flows, rule)) delete flows[rule];
      else return undefined;
      save(rule, flows[rule]);
      return position && keep(rule);
    },
    expire(at) {
      for (const [rule, p] of Object.entries(flows)) if (at - p.t > keep(rule)) this.moved(rule, undefined, at);
    },
    forget() {
      for (const rule of Object.keys(flows)) this.moved(rule, undefined, 0);
    },
    current: (at) => Object.fromEntries(Object.entries(flows).filter(([id, p]) => at - p.t <= keep(id))),
  };
}
