/** Locales the components speak. */
export type UiLocale = 'en' | 'zh-CN';

/** Picks the UI locale from a hint (config, `<html lang>`, the browser): Chinese or English. */
export function uiLocale(...hints: ReadonlyArray<string | null | undefined>): UiLocale {
  const hint = hints.find((h) => h)?.toLowerCase() ?? 'en';
  return hint.startsWith('zh') ? 'zh-CN' : 'en';
}
