// Pieces of markup every page of Acme Pay uses: escaping, icons, headings, loading and error
// states, status pills, merchant logos, card names. Pages are HTML templates; text comes from
// strings.js through `t`, and anything from the API goes through `esc`.
import { fmt, t } from './i18n.js';

/** Escapes text for HTML. */
export const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const ICONS = {
  back: 'M15 18l-6-6 6-6',
  chevron: 'M9 6l6 6-6 6',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4.5 20c.8-3.4 3.8-5.5 7.5-5.5s6.7 2.1 7.5 5.5',
  shield: 'M12 3l7.5 3v5.5c0 4.6-3.1 8.2-7.5 9.5-4.4-1.3-7.5-4.9-7.5-9.5V6zM9 12l2 2 4-4',
  bell: 'M6 16.5V11a6 6 0 1 1 12 0v5.5l1.5 2h-15zM10 20.5a2 2 0 0 0 4 0',
  card: 'M3 6.5h18v11H3zM3 10h18M7 14.5h3',
  lock: 'M7.5 11V8a4.5 4.5 0 0 1 9 0v3M5.5 11h13v9.5h-13z',
  download: 'M12 4v11m0 0l-4.5-4.5M12 15l4.5-4.5M5 19.5h14',
  search: 'M10.5 17.5a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4.5-4.5',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7.5V12l3 2',
  repeat: 'M17 3l3 3-3 3M4 11V9.5A3.5 3.5 0 0 1 7.5 6H20M7 21l-3-3 3-3M20 13v1.5a3.5 3.5 0 0 1-3.5 3.5H4',
  chat: 'M4.5 5h15v11h-9.5l-5.5 4z',
  receipt: 'M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6M9 16h3',
  alert: 'M12 9v4.5M12 17h.01M10.3 3.9L2.4 18a2 2 0 0 0 1.7 3h15.8a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z',
  bank: 'M3 10l9-6 9 6M5.5 10v8M10 10v8M14 10v8M18.5 10v8M3 20.5h18',
  device: 'M7 3h10v18H7zM11 18h2',
  refund: 'M9 14l-4-4 4-4M5 10h9.5a4.5 4.5 0 0 1 0 9H11',
  mail: 'M3.5 6h17v12h-17zM3.5 6.5l8.5 6.5 8.5-6.5',
};

/** An inline icon; decorative, so hidden from assistive technology. */
export const icon = (name, cls = 'icon') => `<svg class="${cls}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${ICONS[name]}"/></svg>`;

/** The page's heading, with an optional line under it. */
export const pageHead = (title, sub = '', extra = '') => `
  <div class="page-head">
    <h1 class="page-head__title">${title}</h1>
    ${sub ? `<p class="page-head__sub">${sub}</p>` : ''}${extra}
  </div>`;

/** A link back up the hierarchy, above the heading. */
export const backLink = (href, label, id) => `<a class="back-link" href="${esc(href)}" data-route${id ? ` id="${id}"` : ''}>${icon('back')}<span>${label}</span></a>`;

/** Grey bars where text will appear; the region says it is busy. */
export const skeleton = (lines = 3) => `
  <div class="skeleton-block" aria-hidden="true">${Array.from({ length: lines }, (_, i) => `<span class="skeleton skeleton--${['w80', 'w60', 'w90', 'w40', 'w70'][i % 5]}"></span>`).join('')}</div>
  <span class="visually-hidden">${t('common.loading')}</span>`;

/** A panel that could not load, with a way to try again (`data-retry` re-renders the route). */
export const loadError = (what = t('common.loadFailed')) => `
  <div class="empty-state empty-state--error" role="alert">
    ${icon('alert', 'icon icon--lg')}
    <p>${what}</p>
    <button type="button" class="btn btn--secondary btn--sm" data-retry>${t('common.retry')}</button>
  </div>`;

/** A page that names something the API does not know. */
export const missingState = (text, href, label) => `
  <div class="empty-state">
    ${icon('search', 'icon icon--lg')}
    <p>${text}</p>
    <a class="btn btn--secondary btn--sm" href="${esc(href)}" data-route>${label}</a>
  </div>`;

/** An order's status as a coloured pill. */
export const statusPill = (status, id = '') => `<span class="pill pill--${esc(status)}"${id ? ` id="${id}"` : ''}>${t(`status.${status}`)}</span>`;

/** A merchant's initial on a colour of its own, the way wallets show merchants without logos. */
export function logo(name, size = '') {
  let hash = 0;
  for (const c of String(name)) hash = (hash * 31 + c.codePointAt(0)) >>> 0;
  return `<span class="logo logo--${hash % 6}${size ? ` logo--${size}` : ''}" aria-hidden="true">${esc(String(name).trim()[0] ?? '?')}</span>`;
}

/** "Visa •••• 4242". */
export const cardName = (card) => `${t(`brand.${card.brand}`)} •••• ${esc(card.last4)}`;

/** A small card-network mark. */
export const cardMark = (brand) =>
  brand === 'mastercard'
    ? `<span class="card-mark card-mark--mastercard" aria-hidden="true"><i></i><i></i></span>`
    : `<span class="card-mark card-mark--${esc(brand)}" aria-hidden="true">${brand === 'visa' ? 'VISA' : ''}</span>`;

/** Wires `data-retry` buttons in `root` to re-render the page. */
export function onRetry(root, rerender) {
  for (const b of root.querySelectorAll('[data-retry]')) b.addEventListener('click', () => rerender());
}

/** A request that failed because the user moved on is no failure to show. */
export const aborted = (error) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Fills a region the page shows as loading (aria-busy, skeletons): once `load()` answers, the
 * region (or regions: the last is the main one) stops being busy and `shown(data)` fills it. When
 * it fails, and the user has not moved on, the main region gets `failed(error)` (by default the
 * error with a retry button, which reruns the page).
 *
 * @param {Element | Element[]} region
 * @param {() => Promise<any>} load
 * @param {{ alive: () => boolean, rerender: () => void }} page
 * @param {(data: any) => void} shown
 * @param {(error: unknown) => string} [failed]
 */
export function loadInto(region, load, { alive, rerender }, shown, failed = () => loadError()) {
  const regions = [region].flat();
  const idle = () => regions.forEach((el) => el.removeAttribute('aria-busy'));
  load().then(
    (data) => {
      if (!alive()) return;
      idle();
      shown(data);
    },
    (error) => {
      if (!alive() || aborted(error)) return;
      idle();
      const main = regions.at(-1);
      main.innerHTML = failed(error);
      onRetry(main, rerender);
    },
  );
}

/** A failure that says "not found" for a 404 (with a way back), and offers a retry otherwise. */
export const missingOr = (message, href, label) => (error) => (error?.status === 404 ? missingState(message, href, label) : loadError());

/** "$12.99 / month", or "about $80.00 / month" for bills that vary. */
export const perMonth = (a) => t(a.variable ? 'autodebit.aboutPerMonth' : 'autodebit.perMonth', { amount: fmt.money(a.amount) });

/** The page for a path nobody knows. */
export function notFoundPage({ view }) {
  view.innerHTML = `
    <div class="not-found">
      <p class="not-found__code">404</p>
      ${pageHead(t('notfound.title'), t('notfound.body'))}
      <p class="not-found__links">
        <a class="btn btn--primary" href="/demo/orders" data-route>${t('nav.orders')}</a>
        <a class="btn btn--secondary" href="/demo/pay" data-route>${t('nav.pay')}</a>
        <a class="btn btn--secondary" href="/demo/settings" data-route>${t('nav.settings')}</a>
      </p>
    </div>`;
  return t('notfound.title');
}
