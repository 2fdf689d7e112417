import type { Condition, HelpLevel, RulePack } from '../pack/types.js';
import { contextTest } from './conditions.js';
import type { ContextValue } from './types.js';

type Context = Readonly<Record<string, ContextValue>>;

/** The levels of help, from the most to the least proactive. */
export const HELP_LEVELS: readonly HelpLevel[] = ['useful', 'stuck', 'off'];
/** Whether a value (from storage, another tab, a command line) is a level of help. */
export const isHelpLevel = (v: unknown): v is HelpLevel => (HELP_LEVELS as readonly unknown[]).includes(v);

/** Where a user's level of help came from: their own choice, the first segment they are in, or the pack. */
export type HelpSource = 'user' | 'segment' | 'pack';

/** The pack's defaults, compiled: segment conditions as plain tests of the context. */
export interface CompiledHelp {
  readonly help: HelpLevel;
  readonly segments: ReadonlyArray<{ readonly test: (context: Context) => boolean; readonly help: HelpLevel }>;
}

/** A validated segment condition: context tests under all, any and not (check-preferences.ts). */
function segmentTest(c: Condition): (context: Context) => boolean {
  if ('all' in c) {
    const all = c.all.map(segmentTest);
    return (x) => all.every((t) => t(x));
  }
  if ('any' in c) {
    const any = c.any.map(segmentTest);
    return (x) => any.some((t) => t(x));
  }
  if ('not' in c) {
    const not = segmentTest(c.not);
    return (x) => !not(x);
  }
  if ('context' in c) {
    const test = contextTest(c);
    return (x) => test(x[c.context]);
  }
  return () => false;
}

/** Compiles a pack's `preferences`; without any, help is "useful" for everyone. */
export function compileHelp(pack: RulePack): CompiledHelp {
  return { help: pack.preferences?.help ?? 'useful', segments: (pack.preferences?.segments ?? []).map((s) => ({ test: segmentTest(s.when), help: s.help })) };
}

/** The level of help a user gets now: their choice, else the first segment their context is in, else the pack's. */
export function helpLevel(compiled: CompiledHelp, chosen: HelpLevel | undefined, context: Context): { readonly help: HelpLevel; readonly source: HelpSource } {
  if (chosen !== undefined) return { help: chosen, source: 'user' };
  const segment = compiled.segments.find((s) => s.test(context));
  return segment ? { help: segment.help, source: 'segment' } : { help: compiled.help, source: 'pack' };
}

/** Whether a condition tests the struggle score anywhere: such a rule is about a user who is stuck. */
export function testsScore(c: Condition): boolean {
  if ('all' in c) return c.all.some(testsScore);
  if ('any' in c) return c.any.some(testsScore);
  if ('not' in c) return false; // "not stuck" is no sign of being stuck
  return 'score' in c;
}
