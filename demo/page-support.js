// /demo/support/:ref — where a hand-off lands: the chat the (mock) support desk opened, and the
// context packet Zero Call sent with it, so nobody has to explain again what went wrong.
import { getJSON } from './api.js';
import { fmt, t } from './i18n.js';
import { backLink, esc, icon, loadInto, missingOr, pageHead, skeleton } from './views.js';

/** /demo/support/:ref */
export function supportPage({ params, view, signal, alive, rerender }) {
  const ref = params.ref;
  view.innerHTML = `
    ${backLink('/demo/orders', t('nav.orders'), 'back-from-support')}
    ${pageHead(t('support.title'), t('support.ref', { ref: `<span class="mono">${esc(ref)}</span>` }))}
    <div class="stack" id="support-body" aria-busy="true"><section class="panel">${skeleton(4)}</section></div>`;
  const body = view.querySelector('#support-body');
  loadInto(
    body,
    () => getJSON(`/api/support/chats/${encodeURIComponent(ref)}`, { signal }),
    { alive, rerender },
    (chat) => (body.innerHTML = chatView(chat)),
    missingOr(t('support.missing'), '/demo/orders', t('nav.orders')),
  );
  return t('support.title');
}

function chatView({ ref, created, packet: p }) {
  const pages = Array.isArray(p.pages) ? p.pages : [];
  const signals = Array.isArray(p.signals) ? p.signals : [];
  return `
    <section class="panel chat" aria-labelledby="chat-status">
      <div class="chat__agent">
        <span class="avatar avatar--agent" aria-hidden="true">${icon('chat')}</span>
        <div>
          <p class="chat__status" id="chat-status">${t('support.joining')}</p>
          <p class="chat__sub">${t('support.wait', { time: fmt.time(created) })}</p>
        </div>
        <span class="typing" aria-hidden="true"><i></i><i></i><i></i></span>
      </div>
      <p class="chat__bubble">${t('support.shared')}</p>
    </section>
    <section class="panel" aria-labelledby="packet-title">
      <h2 class="panel__title" id="packet-title">${t('support.received')}</h2>
      <dl class="facts">
        <div><dt>${t('support.reference')}</dt><dd class="mono">${esc(ref)}</dd></div>
        <div><dt>${t('support.from')}</dt><dd class="mono">${esc(p.page ?? '—')}</dd></div>
        ${p.record ? `<div><dt>${t('support.record')}</dt><dd>${esc(p.record.label ?? p.record.id)} <span class="muted mono">${esc(p.record.id)}</span></dd></div>` : ''}
        <div><dt>${t('support.rule')}</dt><dd><code>${esc(p.rule ?? '—')}</code> <span class="muted">${esc(p.pack ?? '')}</span></dd></div>
        <div><dt>${t('support.locale')}</dt><dd>${esc(p.locale ?? '—')}</dd></div>
        <div><dt>${t('support.sent')}</dt><dd>${typeof p.t === 'number' ? fmt.dateTime(new Date(p.t).toISOString()) : '—'}</dd></div>
      </dl>
      <h3 class="subhead">${t('support.pages')}</h3>
      ${pages.length ? `<ol class="trail">${pages.map((page) => `<li class="mono">${esc(page)}</li>`).join('')}</ol>` : `<p class="muted">—</p>`}
      <h3 class="subhead">${t('support.signals')}</h3>
      ${
        signals.length
          ? `<ul class="signal-list">${signals
              .map(
                (s) => `<li class="signal-item">
                  <span class="signal-item__name">${t(`signal.${s.signal}`)}</span>
                  <span class="signal-item__meta">${typeof s.t === 'number' ? fmt.time(new Date(s.t).toISOString()) : ''} · <span class="mono">${esc(s.page ?? '')}</span></span>
                  <span class="signal-item__evidence">${evidence(s)}</span>
                </li>`,
              )
              .join('')}</ul>`
          : `<p class="muted">${t('support.noSignals')}</p>`
      }
      <h3 class="subhead">${t('support.raw')}</h3>
      <pre class="code-block" id="support-packet" tabindex="0" aria-label="${esc(t('support.raw'))}">${esc(JSON.stringify(p, null, 2))}</pre>
    </section>`;
}

/** The evidence of one signal, in a line: counts, the failing request, the field, the pages. */
function evidence({ target, evidence: e = {} }) {
  const parts = [];
  if (e.count > 1) parts.push(t('support.times', { n: e.count }));
  if (e.method || e.path) parts.push(`<span class="mono">${esc([e.method, e.path, e.status].filter(Boolean).join(' '))}</span>`);
  if (e.result) parts.push(`<span class="mono">${esc(e.result)}</span>`);
  if (e.field) parts.push(`<span class="mono">${esc(e.field)}</span>`);
  else if (target) parts.push(`<span class="mono">${esc(target)}</span>`);
  if (Array.isArray(e.pages)) parts.push(`<span class="mono">${e.pages.map(esc).join(' → ')}</span>`);
  if (e.idle) parts.push(t('support.idle', { s: Math.round(e.idle / 1000) }));
  if (e.message) parts.push(esc(e.message));
  return parts.join(' · ');
}
