// Acme Pay, a tiny single-page app with history.pushState routing, the way many product
// front ends work. Nothing in here knows about Zero Call except the demo chrome (status
// pill, Telemetry panel): the SDK is added by the <script> tags in index.html alone.
import { STRINGS } from './strings.js';
import { checkoutView, esc, notFoundView, ordersView } from './views.js';

// Mocks first: the collector must answer by the time the SDK sends its first batch. (If the
// SDK were faster, its transport would simply retry that batch a few seconds later.)
const mocks = import('./mocks.js')
  .then((m) => m.startMocks({ onCollect: showBatch }))
  .then(
    () => (document.documentElement.dataset.mocks = 'on'),
    (error) => console.error('[Acme demo] the mocked API could not start:', error),
  );

const LANG_KEY = 'acme-pay-lang';
const lang = document.documentElement.lang === 'zh-CN' ? 'zh-CN' : 'en';
const table = STRINGS[lang];

/** Looks a string up and fills its `{placeholders}`. */
function t(key, vars = {}) {
  const s = table[key] ?? STRINGS.en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? `{${name}}`));
}

const money = new Intl.NumberFormat(lang, { style: 'currency', currency: 'USD' });
const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
const fmt = {
  money: (n) => money.format(n),
  when: (minutesAgo) =>
    minutesAgo < 60 ? relative.format(-minutesAgo, 'minute') : minutesAgo < 1440 ? relative.format(-Math.round(minutesAgo / 60), 'hour') : relative.format(-Math.round(minutesAgo / 1440), 'day'),
};

// ---- Routing ---------------------------------------------------------------------------

const ROUTES = {
  '/demo/checkout': { title: 'checkout.title', view: () => checkoutView(t, fmt) },
  '/demo/orders': { title: 'orders.title', view: () => ordersView(t, fmt) },
};
const view = document.getElementById('view');

function render() {
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/demo' || path === '/demo/index.html') {
    path = '/demo/checkout';
    history.replaceState(null, '', path + location.search);
  }
  const route = ROUTES[path];
  view.innerHTML = route ? route.view() : notFoundView(t);
  document.title = `${route ? t(route.title) : t('notfound.title')} · Acme Pay`;
  for (const a of document.querySelectorAll('.app-nav a')) {
    if (a.pathname === path) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function navigate(href) {
  const url = new URL(href, location.href);
  if (url.pathname !== location.pathname) history.pushState(null, '', url.pathname);
  render();
  window.scrollTo(0, 0);
  view.focus({ preventScroll: true });
}

document.addEventListener('click', (event) => {
  const link = event.target instanceof Element && event.target.closest('a[data-route]');
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(link.href);
});
window.addEventListener('popstate', render);

// ---- The two broken features -----------------------------------------------------------

/**
 * Calls the API; resolves with the response, or with the status to show when it failed.
 * Deliberately like many real apps: the button stays enabled and unchanged, and a failure is
 * a quiet line of text, so users click again, and again.
 */
async function callApi(url, body, statusId) {
  const line = document.getElementById(statusId);
  if (line) line.textContent = '';
  await mocks;
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.ok ? { res } : { failed: res.status };
  } catch {
    return { failed: 'offline' };
  }
}

/** Writes the status line, if the view it belongs to is still on screen. */
function say(statusId, text, ok = false) {
  const line = document.getElementById(statusId);
  if (!line) return;
  line.textContent = text;
  line.classList.toggle('inline-ok', ok);
}

async function pay() {
  const { failed } = await callApi('/api/pay', { invoice: 'INV-2041' }, 'pay-error');
  if (failed) say('pay-error', t('pay.error', { status: failed }));
}

async function exportCsv() {
  const range = document.getElementById('range')?.value ?? 'all';
  const { res, failed } = await callApi('/api/export', { range, format: 'csv' }, 'export-status');
  if (failed) return say('export-status', t('export.error', { status: failed }));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'orders.csv';
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(await res.blob()), download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  say('export-status', t('export.done', { name }), true);
}

view.addEventListener('submit', (event) => event.preventDefault());
view.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (target?.closest('#pay')) void pay();
  else if (target?.closest('#export-csv')) void exportCsv();
  const tab = target?.closest('[role="tab"]');
  if (tab) selectTab(tab);
});

function selectTab(tab) {
  for (const other of tab.parentElement.querySelectorAll('[role="tab"]')) {
    const selected = other === tab;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
  }
}

// ---- Demo chrome: language, restart, SDK status, telemetry ------------------------------

function translateShell() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = t(el.dataset.i18nHtml);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const langButton = target?.closest('[data-lang]');
  if (langButton && langButton.dataset.lang !== lang) {
    try {
      localStorage.setItem(LANG_KEY, langButton.dataset.lang);
    } catch {
      /* storage blocked: fall back to the query */
    }
    // Zero Call reads <html lang> once, at start: reload, as a real app switching language would.
    location.replace(`${location.pathname}?lang=${langButton.dataset.lang}`);
  }
  // A fresh page view is a fresh Zero Call session, so every tip can show again.
  if (target?.closest('#restart, [data-restart]')) location.reload();
});

const status = document.querySelector('.sdk-status');
function onZeroCall({ type, detail }) {
  if (type === 'ready') setStatus('ready', `${t('status.ready')} · ${detail.pack}`);
  else if (type === 'error') setStatus('error', `${t('status.error')}: ${detail.message}`);
  const line = narrate(type, detail);
  if (line) log(line, type);
}
function setStatus(state, text) {
  status.dataset.zcStatus = state;
  status.querySelector('.sdk-status__text').textContent = text;
}

/** One line of plain language per SDK event, for the "Zero Call, live" log in the guide. */
function narrate(type, d) {
  const html = (key, vars) => t(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, esc(v)])));
  switch (type) {
    case 'signal':
      return html('live.signal', { target: d.target?.fp ?? '?', count: d.evidence.count, ms: d.evidence.last - d.evidence.first });
    case 'decision':
      return html('live.decision', { rule: d.rule });
    case 'suppressed':
      return html('live.suppressed', { rule: d.rule, reason: t(`reason.${d.reason}`) });
    case 'outcome':
      return html('live.outcome', { outcome: t(`outcome.${d.outcome}`) });
    case 'error':
      return html('live.error', { message: d.message });
    default:
      return '';
  }
}

const liveLog = document.getElementById('live-log');
function log(html, type) {
  const item = document.createElement('li');
  item.className = `log log--${type}`;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const text = document.createElement('span');
  text.innerHTML = html;
  item.append(time, text);
  liveLog.append(item);
  // The last few are enough to follow along; the Telemetry panel keeps the record.
  while (liveLog.children.length > 5) liveLog.firstElementChild.remove();
  document.getElementById('live-empty').hidden = true;
}

const batches = document.getElementById('telemetry-batches');
let batchCount = 0;
function showBatch(batch) {
  batchCount++;
  const records = Array.isArray(batch?.events) ? batch.events.length : 0;
  const time = new Date().toLocaleTimeString(lang);
  const item = document.createElement('li');
  item.className = 'batch';
  const head = document.createElement('p');
  head.className = 'batch__head';
  head.textContent = t('tel.batch', { n: batchCount, records, time });
  const kinds = document.createElement('p');
  kinds.className = 'batch__kinds';
  for (const e of Array.isArray(batch?.events) ? batch.events : []) {
    const chip = document.createElement('span');
    chip.className = `chip chip--${e.kind}`;
    chip.textContent = [e.kind, e.kind === 'decision' ? e.rule : (e.signal ?? e.outcome ?? e.message)].filter(Boolean).join(' · ');
    kinds.append(chip);
  }
  const pre = document.createElement('pre');
  pre.className = 'batch__json';
  pre.textContent = JSON.stringify(batch, null, 2);
  item.append(head, kinds, pre);
  batches.prepend(item);
  document.getElementById('telemetry-count').textContent = String(batchCount);
  document.getElementById('telemetry-empty').hidden = true;
}

translateShell();
render();
for (const e of window.acmeZeroCallEvents ?? []) onZeroCall(e);
document.addEventListener('acme:zerocall', (e) => onZeroCall(e.detail));
document.documentElement.classList.remove('booting');
