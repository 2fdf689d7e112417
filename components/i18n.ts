/**
 * UI chrome strings for the zc-* components. Solution content (headings, bodies) comes
 * localised from the rule pack; only the component's own controls are translated here.
 */

/** A locale the component chrome is translated into. */
export type Locale = 'en' | 'zh-CN';

const en = {
  dismiss: 'Dismiss',
  helpQuestion: 'Did this help?',
  yes: 'Yes',
  no: 'No',
  thanks: 'Thanks for the feedback.',
  actions: 'Next steps',
} as const;

/** The key of a chrome string. */
export type MsgKey = keyof typeof en;

const catalog: Record<Locale, Partial<Record<MsgKey, string>>> = {
  en,
  'zh-CN': {
    dismiss: '关闭',
    helpQuestion: '这对您有帮助吗？',
    yes: '有帮助',
    no: '没帮助',
    thanks: '感谢您的反馈。',
    actions: '下一步',
  },
};

/**
 * Maps any locale tag to one we translate. The core may pass whatever the host page uses
 * (`zh`, `zh-Hans-CN`, `fr`), and an unknown tag must still render something readable.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  return /^zh(-|$)/i.test(tag ?? '') ? 'zh-CN' : 'en';
}

/** Looks up a chrome string, falling back to English for untranslated keys or locales. */
export function msg(locale: string, key: MsgKey): string {
  return catalog[resolveLocale(locale)][key] ?? en[key];
}
