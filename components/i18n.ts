/**
 * UI chrome strings for the zc-* components. Solution content (headings, bodies, labels) comes
 * localised from the rule pack; only the components' own controls are translated here, and a
 * pack may override any of them (string id `zc.<key>`, see docs/components.md).
 */

/** A locale the component chrome is translated into. */
export type Locale = 'en' | 'zh-CN';

/** A component's chrome strings: English is complete, and every key has a Chinese translation. */
export type Strings<K extends string> = { readonly en: Readonly<Record<K, string>>; readonly 'zh-CN': Readonly<Record<K, string>> };

/** The strings of the shared frame (ZcElement). */
export const baseStrings = {
  en: {
    dismiss: 'Dismiss',
    helpQuestion: 'Did this help?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thanks for the feedback.',
    whyNot: 'What went wrong?',
    skip: 'Skip',
    actions: 'Next steps',
    dontShowAgain: "Don't show this again",
    retry: 'Try again',
    cancel: 'Cancel',
    loading: 'Loading…',
    forRecord: 'For: {label}',
    helpSettings: 'Help settings',
    helpUseful: 'Help whenever useful',
    helpStuck: "Only when I'm stuck",
    helpOff: 'No help',
    helpSaved: 'Saved.',
  },
  'zh-CN': {
    dismiss: '关闭',
    helpQuestion: '这对您有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    thanks: '感谢您的反馈。',
    whyNot: '哪里不对？',
    skip: '跳过',
    actions: '下一步',
    dontShowAgain: '不再显示',
    retry: '重试',
    cancel: '取消',
    loading: '加载中…',
    forRecord: '对应：{label}',
    helpSettings: '帮助设置',
    helpUseful: '有用时就提示',
    helpStuck: '仅在我遇到困难时',
    helpOff: '不需要帮助',
    helpSaved: '已保存。',
  },
} satisfies Strings<string>;

/** The key of a shared chrome string. */
export type MsgKey = keyof typeof baseStrings.en;

/**
 * Maps any locale tag to one we translate. The core may pass whatever the host page uses
 * (`zh`, `zh-Hans-CN`, `fr`), and an unknown tag must still render something readable.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  return /^zh(-|$)/i.test(tag ?? '') ? 'zh-CN' : 'en';
}

/** Values for a string's `{name}` placeholders. */
export type Vars = Readonly<Record<string, string | number>>;

/**
 * Looks up a chrome string: the pack's override first, then the locale, then English, with its
 * `{name}` placeholders filled in (a function replacement, so a `$&` in a value stays literal).
 */
export function translate<K extends string>(table: Strings<K>, locale: string, key: K, overrides?: Readonly<Record<string, string>>, vars?: Vars): string {
  const text = overrides?.[key] ?? table[resolveLocale(locale)][key] ?? table.en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : text;
}
