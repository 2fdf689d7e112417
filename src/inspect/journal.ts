import { BUDGET_DEFAULTS } from '../engine/compile-pack.js';
import { firstStep, isFlow } from '../pack/flow.js';
import type { Flow, RulePack } from '../pack/types.js';
import { JOURNAL_LIMIT, type JournalEntry, type PackSummary } from './source.js';

/** The bounded record the inspector replays when it opens, and the live feed after that. */
export interface Journal {
  add(entry: JournalEntry): void;
  watch(fn: (entry: JournalEntry) => void): () => void;
}

/** Kinds of event too frequent to be worth a line: the 1 s tick and pointer samples. */
const NOISE = new Set(['tick', 'move']);

/** Keeps the last `limit` entries; a watcher that throws is the inspector's fault and never the engine's. */
export function createJournal(limit = JOURNAL_LIMIT): Journal {
  const kept: JournalEntry[] = [];
  const watchers = new Set<(entry: JournalEntry) => void>();
  const tell = (fn: (entry: JournalEntry) => void, entry: JournalEntry): void => {
    try {
      fn(entry);
    } catch {
      watchers.delete(fn);
    }
  };
  return {
    add(entry) {
      if (entry.kind === 'event' && NOISE.has(entry.event.type)) return;
      if (kept.push(entry) > limit) kept.shift();
      for (const fn of watchers) tell(fn, entry);
    },
    watch(fn) {
      for (const entry of kept) tell(fn, entry);
      watchers.add(fn);
      return () => void watchers.delete(fn);
    },
  };
}

/** A flow's step ids, the first one first. */
const stepIds = (f: Flow): string[] => [f.start, ...Object.keys(f.steps).filter((id) => id !== f.start)];

/** The pack as the inspector lists it, defaults filled in as the engine applies them. */
export function summarize(pack: RulePack): PackSummary {
  const b = pack.budget ?? {};
  return {
    id: pack.id,
    version: pack.version,
    holdout: pack.holdout ?? 0,
    budget: { perSession: b.perSession ?? BUDGET_DEFAULTS.perSession, perDay: b.perDay ?? BUDGET_DEFAULTS.perDay, minGap: b.minGap ?? '90s' },
    rules: pack.rules.map((r) => ({
      id: r.id,
      page: r.page ?? '*',
      priority: r.priority ?? 50,
      component: firstStep(r.solution).component,
      ...('next' in r.solution && r.solution.next ? { next: r.solution.next.component } : {}),
      ...(isFlow(r.solution) ? { flow: stepIds(r.solution.flow) } : {}),
      enabled: r.enabled !== false && pack.enabled !== false,
      ...(r.group ? { group: r.group } : {}),
      cap: r.cap ?? 1,
      ...(r.cooldown ? { cooldown: r.cooldown } : {}),
    })),
  };
}
