// The page's language, its strings and its number and date formats. The language is fixed
// for the page view: index.html sets <html lang> before anything runs, and switching language
// reloads the page (Zero Call reads <html lang> once, at start).
import { STRINGS } from './strings.js';

/** 'en' or 'zh-CN'. */
export const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
const table = STRINGS[lang];

/**
 * Looks a string up and fills its `{placeholders}`. Strings are ours and may hold markup;
 * values are inserted as given, so escape anything that came from data (`esc` in views.js).
 *
 * @param {string} key
 * @param {Record<string, string | number>} [vars]
 */
export function t(key, vars = {}) {
  const s = table[key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

const money = new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' });
const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
const dayMonth = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric' });
const monthYear = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long' });
const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
const DAY = 86_400_000;

/** Formats for money (US dollars) and dates (ISO strings), in the page's language. */
export const fmt = {
  money: (n) => money.format(n),
  /** "$" or "US$": what goes in front of an amount field. */
  currency: money.formatToParts(0).find((p) => p.type === 'currency')?.value ?? '$',
  date: (iso) => date.format(new Date(iso)),
  dateTime: (iso) => dateTime.format(new Date(iso)),
  dayMonth: (iso) => dayMonth.format(new Date(iso)),
  monthYear: (iso) => monthYear.format(new Date(iso)),
  time: (iso) => time.format(new Date(iso)),
  /** "today", "yesterday", "3 days ago", by calendar day. */
  daysAgo: (iso) => {
    const start = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    return relative.format(Math.round((start(new Date(iso)) - start(new Date())) / DAY), 'day');
  },
};
