/** Locales the components speak. */
export type UiLocale = 'en' | 'zh-CN';

/** Picks the UI locale from a hint (config, `<html lang>`, the browser): Chinese or English. */
export function uiLocale(...hints: ReadonlyArray<string | null | undefined>): UiLocale {
  const hint = hints.find((h) => h)?.toLowerCase() ?? 'en';
  return hint.startsWith('zh') ? 'zh-CN' : 'en';
}

/** Looks a pack string up in the UI locale, falling back to the pack's own locale. */
export function packString(
  strings: Readonly<Record<string, Readonly<Record<string, string>>>>,
  id: string,
  locale: string,
  packLocale: string,
): string {
  return strings[locale]?.[id] ?? strings[packLocale]?.[id] ?? id;
}
