import type { RulePack, Solution } from '../pack/types.js';
import type { UiLocale } from './locale.js';

/** The prefix of pack string ids that override the components' own chrome strings (`zc.dismiss`). */
const UI_PREFIX = 'zc.';

/** A pack's translation of a string id: the UI locale first, then the pack's own locale, else the id itself. */
export function packText(pack: RulePack, locale: UiLocale): (id: string) => string {
  const packLocale = pack.locale ?? 'en';
  return (id) => pack.strings[locale]?.[id] ?? pack.strings[packLocale]?.[id] ?? id;
}

/** The pack's overrides of component chrome strings, by key without the prefix. */
export function uiOverrides(pack: RulePack, locale: UiLocale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const table of [pack.strings[pack.locale ?? 'en'], pack.strings[locale]]) {
    for (const [id, value] of Object.entries(table ?? {})) if (id.startsWith(UI_PREFIX)) out[id.slice(UI_PREFIX.length)] = value;
  }
  return out;
}

/**
 * The properties a component gets from its solution, string ids resolved to text. Each
 * component reads its own section; sections a solution does not have are not set at all.
 */
export function surfaceProps(s: Omit<Solution, 'placement'>, text: (id: string) => string): Record<string, unknown> {
  const opt = (id: string | undefined): string | undefined => (id === undefined ? undefined : text(id));
  return {
    heading: opt(s.content.title) ?? '',
    body: opt(s.content.body) ?? '',
    ...(s.actions && { actions: s.actions.map((a) => ({ label: text(a.label), href: a.href })) }),
    ...(s.reasons && { reasons: s.reasons.map((id) => ({ id, label: text(id) })) }),
    ...(s.steps && { steps: s.steps.map((step) => ({ ...step, text: text(step.text) })) }),
    ...(s.source && { source: s.source }),
    ...(s.action && { action: { host: s.action.host, label: text(s.action.label), confirm: opt(s.action.confirm), success: opt(s.action.success) } }),
    ...(s.upload && { upload: s.upload }),
    ...(s.handoff && { handoff: s.handoff }),
  };
}
