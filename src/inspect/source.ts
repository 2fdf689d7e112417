/**
 * What the designer inspector (components/inspector/, opened with `?zc-debug`) reads from a
 * running SDK. The core keeps a bounded journal of what happened only while the inspector is
 * wanted, so pages without it pay nothing; the inspector is its own lazily loaded file.
 */
import type { Decision, Suppressed } from '../engine/decide.js';
import type { StruggleExplanation } from '../engine/struggle.js';
import type { ComponentName } from '../pack/types.js';
import type { Signal, ZcEvent } from '../engine/types.js';

/** One thing the inspector lists: an event the engine saw (outcomes included), a signal, or a verdict. */
export type JournalEntry =
  | { readonly kind: 'event'; readonly event: ZcEvent }
  | { readonly kind: 'signal'; readonly signal: Signal }
  | { readonly kind: 'decision'; readonly decision: Decision }
  | { readonly kind: 'suppressed'; readonly suppressed: Suppressed };

/** A rule as the inspector shows it. */
export interface RuleSummary {
  readonly id: string;
  /** Page glob, `*` when the rule has none. */
  readonly page: string;
  readonly priority: number;
  readonly component: ComponentName;
  /** The component after a picker, if any. */
  readonly next?: ComponentName;
  /** A flow's step ids, the first one first (`component` is the first step's). */
  readonly flow?: readonly string[];
  /** false: switched off in the pack. */
  readonly enabled: boolean;
  readonly group?: string;
  /** Shows allowed per session. */
  readonly cap: number;
  readonly cooldown?: string;
}

/** The running pack, in brief. */
export interface PackSummary {
  readonly id: string;
  readonly version: string;
  /** Share of users held out, 0 to 0.5. */
  readonly holdout: number;
  readonly budget: { readonly perSession: number; readonly perDay: number; readonly minGap: string };
  readonly rules: readonly RuleSummary[];
}

/** The inspector's view of the SDK. */
export interface InspectorSource {
  readonly pack: PackSummary;
  /** UI locale of the page. */
  readonly locale: 'en' | 'zh-CN';
  /**
   * Calls `fn` with every entry kept so far (oldest first, at most JOURNAL_LIMIT, ticks and
   * pointer moves left out), then with each new one as it happens. Returns a function that stops.
   */
  watch(fn: (entry: JournalEntry) => void): () => void;
  /** The struggle score now, with its five largest contributions. */
  score(): StruggleExplanation | undefined;
  /** The current page path, as rules see it. */
  page(): string;
  /** Whether a rule's page glob matches the current page. */
  onPage(rule: string): boolean;
  /** Whether the user has consented to help (false while `consent: "pending"`). */
  consent(): boolean;
  /** The user's level of help now (layered service), and where it comes from. */
  help(): { readonly help: string; readonly source: string };
  /**
   * Flows the user is part-way through, by rule id: the step they are at, the id of the record
   * they picked, and when the flow last moved (epoch ms). A flow that has not moved yet (its
   * first step showing) or is over is not listed; transitions reach `watch` as outcome events.
   */
  flows(): Readonly<Record<string, { readonly step: string; readonly record?: { readonly id: string }; readonly t: number }>>;
  /** The user closed the inspector: forget that it was asked for in this tab. */
  close(): void;
}

/** What the inspector file exports. */
export interface InspectorChunk {
  /** Shows the inspector for `source` in `doc`; returns a function that removes it. */
  mountInspector(source: InspectorSource, doc: Document): () => void;
}

/** Entries the journal keeps for an inspector that opens late. */
export const JOURNAL_LIMIT = 500;
