// Automatic payments (auto-debit): the merchants Mei lets charge her card, and one agreement.
// The agreement page has the classic wrong control: an "Active" badge that looks like a
// switch and does nothing. The real way off is behind "More options", then a confirmation.
import { getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { aborted, backLink, cardName, esc, icon, loadError, loadInto, logo, missingOr, pageHead, perMonth, skeleton } from './views.js';

/** /demo/settings/auto-debit */
export function autoDebitPage({ view, signal, alive, rerender }) {
  view.innerHTML = `
    ${backLink('/demo/settings/payments', t('settings.payments'), 'back-to-payments')}
    ${pageHead(t('autodebit.title'), t('autodebit.subtitle'))}
    <section class="panel panel--flush" aria-label="${esc(t('autodebit.title'))}">
      <div id="agreement-list" aria-busy="true"><div class="panel__pad">${skeleton(3)}</div></div>
    </section>`;
  const box = view.querySelector('#agreement-list');
  loadInto(
    box,
    () => getJSON('/api/auto-debits', { signal }),
    { alive, rerender },
    (list) => {
      box.innerHTML = `<ul class="link-list">${list
        .map(
          (a) => `<li><a class="agreement-link link-row" id="agreement-${esc(a.id)}" href="/demo/settings/auto-debit/${esc(a.id)}" data-route>
            ${logo(a.merchant)}
            <span class="link-row__main"><span class="link-row__title">${esc(a.merchant)}</span>
              <span class="link-row__sub">${perMonth(a)} · ${a.enabled ? t('autodebit.nextShort', { date: fmt.dayMonth(a.nextCharge) }) : t('autodebit.offShort')}</span></span>
            <span class="badge ${a.enabled ? 'badge--ok' : 'badge--muted'}">${t(a.enabled ? 'autodebit.active' : 'autodebit.off')}</span>
            ${icon('chevron', 'icon link-row__chevron')}
          </a></li>`,
        )
        .join('')}</ul>`;
    },
    () => `<div class="panel__pad">${loadError()}</div>`,
  );
  return t('autodebit.title');
}

/** /demo/settings/auto-debit/:id */
export function agreementPage({ params, view, signal, alive, rerender }) {
  const id = params.id;
  view.innerHTML = `
    ${backLink('/demo/settings/auto-debit', t('autodebit.title'), 'back-to-autodebit')}
    <div class="detail-head" id="agreement-head" aria-busy="true">
      <div class="detail-head__main"><span class="logo logo--lg logo--loading" aria-hidden="true"></span>
        <div><h1 class="page-head__title" id="agreement-title">${t('autodebit.agreement')}</h1><p class="page-head__sub"><span class="skeleton skeleton--w60 skeleton--inline"></span></p></div></div>
    </div>
    <zc-outlet name="agreement-help"></zc-outlet>
    <div class="detail-grid" id="agreement-body" aria-busy="true"><section class="panel">${skeleton(5)}</section><section class="panel">${skeleton(3)}</section></div>`;

  const head = view.querySelector('#agreement-head');
  const body = view.querySelector('#agreement-body');
  loadInto(
    [head, body],
    () => Promise.all([getJSON(`/api/auto-debits/${encodeURIComponent(id)}`, { signal }), getJSON('/api/orders', { signal }).catch(() => [])]),
    { alive, rerender },
    ([a, orders]) => {
      head.dataset.agreement = a.id;
      document.title = `${a.merchant} · ${t('autodebit.title')} · Acme Pay`;
      head.innerHTML = `
        <div class="detail-head__main">${logo(a.merchant, 'lg')}
          <div><h1 class="page-head__title" id="agreement-title">${esc(a.merchant)}</h1><p class="page-head__sub">${t('autodebit.kind')} · ${t(`cat.${a.category}`)}</p></div></div>
        <div class="detail-head__side"><span class="agreement-status" id="agreement-status">${t('autodebit.active')}</span></div>`;
      body.innerHTML = agreementBody(a, orders.filter((o) => o.autodebit === a.id));
      view.insertAdjacentHTML('beforeend', confirmDialog(a));
      showAgreement(a);
      wire(view, a, signal, alive);
    },
    (error) => {
      head.querySelector('.page-head__sub').textContent = '';
      return missingOr(t('autodebit.missing'), '/demo/settings/auto-debit', t('autodebit.title'))(error);
    },
  );
  return t('autodebit.agreement');
}

const agreementBody = (a, charges) => `
  <section class="panel" aria-labelledby="agreement-terms">
    <h2 class="panel__title" id="agreement-terms">${t('autodebit.terms')}</h2>
    <dl class="facts">
      <div><dt>${t('autodebit.amount')}</dt><dd>${perMonth(a)}</dd></div>
      <div><dt>${t('autodebit.next')}</dt><dd id="agreement-next">${a.nextCharge ? fmt.date(a.nextCharge) : '—'}</dd></div>
      <div><dt>${t('autodebit.card')}</dt><dd>${cardName(a.card)}</dd></div>
      <div><dt>${t('autodebit.since')}</dt><dd>${fmt.monthYear(a.since)}</dd></div>
    </dl>
    <p class="notice notice--muted" id="agreement-note" tabindex="-1" hidden>${t('autodebit.offNote', { merchant: esc(a.merchant) })}</p>
    <div class="more" id="agreement-more-wrap">
      <button type="button" class="btn btn--ghost btn--sm more__toggle" id="agreement-more" aria-expanded="false" aria-controls="agreement-options">${t('autodebit.more')}${icon('chevron', 'icon more__chevron')}</button>
      <div class="more__panel" id="agreement-options" hidden>
        <p class="more__text">${t('autodebit.offExplain', { merchant: esc(a.merchant) })}</p>
        <button type="button" class="btn btn--danger-outline" id="autodebit-off">${t('autodebit.turnOff')}</button>
      </div>
    </div>
  </section>
  <section class="panel" aria-labelledby="agreement-charges">
    <h2 class="panel__title" id="agreement-charges">${t('autodebit.charges')}</h2>
    ${
      charges.length
        ? `<ul class="mini-list">${charges
            .map(
              (o) => `<li class="mini-list__item">${icon('repeat', 'icon mini-list__icon')}
              <span class="mini-list__main"><a class="mini-list__title" href="/demo/orders/${esc(o.id)}" data-route>${esc(o.id)}</a><span class="mini-list__sub">${fmt.date(o.date)}</span></span>
              <span class="mini-list__end tabular">${fmt.money(o.amount)}</span></li>`,
            )
            .join('')}</ul>`
        : `<p class="muted">${t('autodebit.noCharges')}</p>`
    }
  </section>`;

const confirmDialog = (a) => `
  <dialog class="dialog" id="autodebit-confirm" aria-labelledby="autodebit-confirm-title" aria-describedby="autodebit-confirm-desc">
    <h2 class="dialog__title" id="autodebit-confirm-title">${t('autodebit.confirmTitle', { merchant: esc(a.merchant) })}</h2>
    <p class="dialog__text" id="autodebit-confirm-desc">${t('autodebit.confirmText', { merchant: esc(a.merchant) })}</p>
    <p class="form-error" id="autodebit-confirm-error" role="alert"></p>
    <div class="dialog__actions">
      <button type="button" class="btn btn--secondary" id="autodebit-confirm-no">${t('common.cancel')}</button>
      <button type="button" class="btn btn--danger" id="autodebit-confirm-yes">${t('autodebit.confirmYes')}</button>
    </div>
  </dialog>`;

function wire(view, a, signal, alive) {
  const more = view.querySelector('#agreement-more');
  const options = view.querySelector('#agreement-options');
  const dialog = view.querySelector('#autodebit-confirm');
  const yes = dialog.querySelector('#autodebit-confirm-yes');
  const error = dialog.querySelector('#autodebit-confirm-error');
  // #agreement-status gets no handler: it only looks like a switch.
  more.addEventListener('click', () => {
    const open = more.getAttribute('aria-expanded') !== 'true';
    more.setAttribute('aria-expanded', String(open));
    options.hidden = !open;
  });
  view.querySelector('#autodebit-off').addEventListener('click', () => {
    error.textContent = '';
    dialog.showModal();
  });
  dialog.querySelector('#autodebit-confirm-no').addEventListener('click', () => dialog.close());
  yes.addEventListener('click', async () => {
    yes.disabled = true;
    error.textContent = '';
    try {
      await turnOffAutoDebit(a.id, { signal });
      if (alive()) view.querySelector('#agreement-note')?.focus();
    } catch (e) {
      if (alive() && !aborted(e)) error.textContent = t('autodebit.offFailed');
    } finally {
      yes.disabled = false;
    }
  });
}

/** Shows an agreement's state if its page is on screen: the badge, the next charge, the way off. */
function showAgreement(a) {
  const head = document.querySelector(`[data-agreement="${CSS.escape(a.id)}"]`);
  if (!head) return;
  const badge = head.querySelector('#agreement-status');
  badge.textContent = t(a.enabled ? 'autodebit.active' : 'autodebit.off');
  badge.classList.toggle('agreement-status--off', !a.enabled);
  badge.dataset.state = a.enabled ? 'on' : 'off';
  const next = document.getElementById('agreement-next');
  if (next) next.textContent = a.nextCharge ? fmt.date(a.nextCharge) : '—';
  if (a.enabled) return;
  const dialog = document.getElementById('autodebit-confirm');
  if (dialog?.open) dialog.close();
  document.getElementById('agreement-more-wrap')?.remove();
  const note = document.getElementById('agreement-note');
  if (note) note.hidden = false;
}

/**
 * Turns auto-debit off for agreement `id`: the app's own confirm button and the
 * disableAutoDebit host action both come here. Rejects when the API refuses.
 *
 * @param {string} id
 * @param {{ signal?: AbortSignal }} [options]
 */
export async function turnOffAutoDebit(id, { signal } = {}) {
  const res = await request('POST', `/api/auto-debits/${encodeURIComponent(id)}`, { body: { enabled: false }, signal });
  if (!res.ok) throw new Error(`Acme Pay could not turn off auto-debit for ${id} (HTTP ${res.status}).`);
  showAgreement(res.data);
  window.ZeroCall?.track('autodebit-off');
  return res.data;
}
