// The demo around Acme Pay, not part of the product: the language switch, the demo bar (SDK
// status, proactive-help switch, inspector link, restart), the "Zero Call, live" log in the
// guide, and the Telemetry panel. Everything here is marked data-zc-ignore in index.html, so
// the SDK neither watches it nor takes its updates for the page responding.
import { lang, t } from './i18n.js';
import { esc } from './views.js';

const LANG_KEY = 'acme-pay-lang';
const HELP_KEY = 'acme-pay-help';

/** Fills every data-i18n* element of the page shell. */
export function translateShell() {
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-html]')) el.innerHTML = t(el.dataset.i18nHtml);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
}

/** Marks the section of `path` in the header and points the inspector link at this page. */
export function showRoute(path) {
  for (const a of document.querySelectorAll('.app-nav a')) {
    const section = a.getAttribute('href');
    if (path === section || path.startsWith(`${section}/`)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.getElementById('zc-inspector-link')?.setAttribute('href', `${path}?zc-debug`);
}

/**
 * "Call us" shows the support line. Reaching for the phone is what Zero Call exists to make
 * unnecessary, so the app tracks it: `zerocall report --target support-contact` compares how
 * often helped and held-out users do it. Next to the number: "Share this page with your
 * agent", for the user already on the phone.
 */
function showPhoneNumber(button) {
  const number = document.getElementById('call-us-number');
  const open = button.getAttribute('aria-expanded') !== 'true';
  button.setAttribute('aria-expanded', String(open));
  number.hidden = !open;
  document.getElementById('call-us-share').hidden = !open;
  if (open) window.ZeroCall?.track('support-contact');
}

/**
 * Shares the page with the support agent on the phone: the SDK asks the relay (demo/serve.mjs,
 * /zc/v1) for a code and shows it; the user reads it out and the agent pairs with it at
 * /demo/agent.html (docs/agent-console.md). The demo's user token stands in for what a real
 * app's back end would hand its signed-in user.
 */
async function shareWithAgent() {
  // The code appears in the SDK's bar: fold the number away, which also answers the click.
  const call = document.getElementById('call-us');
  if (call.getAttribute('aria-expanded') === 'true') showPhoneNumber(call);
  try {
    await window.ZeroCall?.connect({ url: '/zc/v1', token: 'acme-demo-user' });
  } catch (error) {
    console.warn(`Acme Pay: sharing the page with the agent failed: ${error?.message ?? error}`);
  }
}

/** Wires the demo's controls and starts listening to the SDK. */
export function startChrome() {
  const consent = document.getElementById('zc-consent');
  let helpOn = true;
  try {
    helpOn = localStorage.getItem(HELP_KEY) !== 'off';
  } catch {
    /* storage blocked: help stays on */
  }
  consent.setAttribute('aria-checked', String(helpOn));
  // The snippet queues this until the SDK starts, which then starts without consent.
  if (!helpOn) window.ZeroCall?.consent(false);
  consent.addEventListener('click', () => {
    helpOn = consent.getAttribute('aria-checked') !== 'true';
    consent.setAttribute('aria-checked', String(helpOn));
    window.ZeroCall?.consent(helpOn);
    try {
      localStorage.setItem(HELP_KEY, helpOn ? 'on' : 'off');
    } catch {
      /* storage blocked: this page view only */
    }
  });

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
    if (target?.closest('#restart, [data-restart]')) void restart(target.closest('#restart, [data-restart]'));
    if (target?.closest('#call-us')) showPhoneNumber(target.closest('#call-us'));
    if (target?.closest('#call-us-share')) void shareWithAgent();
    // The skip link moves focus without touching the URL: a fragment would be a route change.
    if (target?.closest('.skip-link')) {
      event.preventDefault();
      document.getElementById('view').focus();
    }
  });

  for (const e of window.acmeZeroCallEvents ?? []) onZeroCall(e);
  document.addEventListener('acme:zerocall', (e) => onZeroCall(e.detail));
  // A pack that does not load leaves the SDK dormant, and it says why in the console only.
  setTimeout(() => {
    if (status.dataset.zcStatus === 'loading') setStatus('dormant', t('status.dormant'));
  }, 10_000);
}

/**
 * A fresh start: Zero Call's memory of this browser (its IndexedDB databases, the tab's
 * navigation history and inspector flag in sessionStorage, the holdout id in localStorage)
 * goes, so every tip can show again. The language choice stays.
 */
async function restart(button) {
  button.disabled = true;
  const shutdown = window.ZeroCall?.shutdown?.();
  await Promise.race([shutdown, new Promise((r) => setTimeout(r, 1000))]).catch(() => undefined);
  try {
    const keep = localStorage.getItem(LANG_KEY);
    localStorage.clear();
    if (keep) localStorage.setItem(LANG_KEY, keep);
    sessionStorage.clear();
  } catch {
    /* storage blocked: nothing was kept there */
  }
  try {
    const dbs = (await indexedDB.databases?.()) ?? [{ name: 'zerocall' }];
    await Promise.all(
      dbs
        .filter((db) => db.name?.startsWith('zerocall'))
        .map(
          (db) =>
            new Promise((resolve) => {
              const req = indexedDB.deleteDatabase(db.name);
              req.onsuccess = req.onerror = req.onblocked = resolve;
              setTimeout(resolve, 1500); // blocked by a connection that never closes: the reload closes it
            }),
        ),
    );
  } catch {
    /* no IndexedDB: nothing to delete */
  }
  location.replace(location.pathname);
}

const status = document.querySelector('.sdk-status');
function setStatus(state, text) {
  status.dataset.zcStatus = state;
  status.querySelector('.sdk-status__text').textContent = text;
}

function onZeroCall({ type, detail }) {
  if (type === 'ready') setStatus('ready', `${t('status.ready')} · ${detail.pack}`);
  else if (type === 'error') setStatus('error', `${t('status.error')}: ${detail.message}`);
  const line = narrate(type, detail);
  if (line) log(line, type);
}

/** One line of plain language per SDK event, for the "Zero Call, live" log in the guide. */
function narrate(type, d) {
  const html = (key, vars) => t(key, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, esc(v)])));
  switch (type) {
    case 'signal': {
      const e = d.evidence ?? {};
      const known = t(`live.signal.${d.signal}`) !== `live.signal.${d.signal}`;
      return html(known ? `live.signal.${d.signal}` : 'live.signal', {
        signal: d.signal,
        target: d.target?.fp ?? e.field ?? '?',
        count: e.count,
        ms: e.last - e.first,
        request: [e.method, e.path, e.status].filter(Boolean).join(' ') || e.result || '',
        pages: (e.pages ?? []).join(' → '),
        seconds: Math.round((e.idle ?? 0) / 1000),
      });
    }
    case 'decision':
      return html(d.heldOut ? 'live.heldOut' : 'live.decision', { rule: d.rule });
    case 'suppressed':
      return html('live.suppressed', { rule: d.rule, reason: t(`reason.${d.reason}`) });
    case 'outcome':
      return html('live.outcome', { outcome: t(`outcome.${d.outcome}`), rule: d.rule });
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
  while (liveLog.children.length > 6) liveLog.firstElementChild.remove();
  document.getElementById('live-empty').hidden = true;
}

const batches = document.getElementById('telemetry-batches');
let batchCount = 0;
/** Shows one batch the SDK sent to the collector (/api/collect). */
export function showBatch(batch) {
  batchCount++;
  const events = Array.isArray(batch?.events) ? batch.events : [];
  const item = document.createElement('li');
  item.className = 'batch';
  const head = document.createElement('p');
  head.className = 'batch__head';
  head.textContent = t('tel.batch', { n: batchCount, records: events.length, time: new Date().toLocaleTimeString(lang) });
  const kinds = document.createElement('p');
  kinds.className = 'batch__kinds';
  for (const e of events) {
    const chip = document.createElement('span');
    chip.className = `chip chip--${e.kind}`;
    chip.textContent = [e.kind, e.kind === 'decision' ? e.rule : (e.signal ?? e.outcome ?? e.message)].filter(Boolean).join(' · ');
    kinds.append(chip);
  }
  const pre = document.createElement('pre');
  pre.className = 'batch__json';
  pre.tabIndex = 0;
  pre.textContent = JSON.stringify(batch, null, 2);
  item.append(head, kinds, pre);
  batches.prepend(item);
  document.getElementById('telemetry-count').textContent = String(batchCount);
  document.getElementById('telemetry-empty').hidden = true;
}
