// Refund request for one order. The friction: a refund needs proof of purchase, the error
// says so only vaguely, and the app offers no way to attach it (Zero Call's upload does).
import { getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { aborted, backLink, esc, icon, loadInto, missingOr, pageHead, skeleton } from './views.js';

const REASONS = ['not-received', 'damaged', 'not-as-described', 'charged-twice', 'cancelled', 'other'];

/** /demo/orders/:id/refund */
export function refundPage({ params, view, signal, alive, rerender }) {
  const id = params.id;
  view.innerHTML = `
    ${backLink(`/demo/orders/${id}`, t('refund.back', { id: esc(id) }), 'back-to-order')}
    ${pageHead(t('refund.title'), `<span id="refund-order">${esc(id)}</span>`)}
    <div class="split">
      <section class="panel" id="refund-panel" aria-labelledby="refund-form-title" aria-busy="true">
        <h2 class="panel__title" id="refund-form-title">${t('refund.formTitle')}</h2>
        ${skeleton(4)}
      </section>
      <aside class="panel panel--quiet side-note" aria-labelledby="refund-how">
        <h2 class="panel__title" id="refund-how">${t('refund.howTitle')}</h2>
        <ol class="steps-list">
          <li>${t('refund.how1')}</li>
          <li>${t('refund.how2')}</li>
          <li>${t('refund.how3')}</li>
        </ol>
      </aside>
    </div>`;

  const panel = view.querySelector('#refund-panel');
  loadInto(
    panel,
    () => getJSON(`/api/orders/${encodeURIComponent(id)}`, { signal }),
    { alive, rerender },
    (o) => {
      view.querySelector('#refund-order').textContent = `${o.id} · ${o.merchant} · ${fmt.money(o.amount)}`;
      if (o.refund) return showRefundDone(panel, o, o.refund.ref, false);
      if (o.status !== 'paid') {
        panel.innerHTML = `<h2 class="panel__title">${t('refund.formTitle')}</h2><p class="notice">${t(`refund.not.${o.status}`)}</p>
          <a class="btn btn--secondary" href="/demo/orders/${esc(o.id)}" data-route>${t('refund.backToOrder')}</a>`;
        return;
      }
      panel.innerHTML = refundForm(o);
      wireRefundForm(panel, o, signal, alive);
    },
    missingOr(t('order.missing', { id: esc(id) }), '/demo/orders', t('orders.back')),
  );
  return t('refund.title');
}

const refundForm = (o) => `
  <h2 class="panel__title" id="refund-form-title">${t('refund.formTitle')}</h2>
  <form id="refund-form" class="form" data-refund-order="${esc(o.id)}" novalidate>
    <div class="field">
      <label for="refund-reason">${t('refund.reason')}</label>
      <select class="input input--select" id="refund-reason" name="reason">
        ${REASONS.map((r) => `<option value="${r}">${t(`refundReason.${r}`)}</option>`).join('')}
      </select>
    </div>
    <div class="field">
      <label for="refund-details">${t('refund.details')} <span class="optional">${t('common.optional')}</span></label>
      <textarea class="input" id="refund-details" name="details" rows="4" maxlength="1000" aria-describedby="refund-details-hint"></textarea>
      <p class="field__hint" id="refund-details-hint">${t('refund.detailsHint', { merchant: esc(o.merchant) })}</p>
    </div>
    <p class="receipt-note" id="refund-receipt"${o.receipt ? '' : ' hidden'}>${icon('receipt')}<span>${o.receipt ? t('refund.receipt', { name: esc(o.receipt.name) }) : ''}</span></p>
    <p class="form-error" id="refund-error" role="alert"></p>
    <zc-outlet name="refund-help"></zc-outlet>
    <div class="form__actions">
      <button type="submit" class="btn btn--primary" id="refund-submit">${t('refund.submit')}</button>
      <a class="btn btn--ghost" href="/demo/orders/${esc(o.id)}" data-route>${t('common.cancel')}</a>
    </div>
  </form>`;

function wireRefundForm(panel, o, signal, alive) {
  const form = panel.querySelector('#refund-form');
  const error = form.querySelector('#refund-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    form.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await request('POST', '/api/refunds', { body: { order: o.id, reason: form.reason.value, details: form.details.value.trim() }, signal });
    } catch (e) {
      if (alive() && !aborted(e)) error.textContent = t('refund.failed');
      return;
    } finally {
      form.removeAttribute('aria-busy');
    }
    if (!alive()) return;
    if (res.ok) {
      showRefundDone(panel, o, res.data.ref, true);
      window.ZeroCall?.track('refund-requested');
    }
    else if (res.data?.error === 'already_requested') showRefundDone(panel, o, res.data.ref, false);
    // Deliberately vague, and with nowhere to put the proof it asks for.
    else if (res.data?.error === 'receipt_required') error.textContent = t('refund.needProof');
    else error.textContent = t('refund.failed');
  });
}

function showRefundDone(panel, o, ref, fresh) {
  panel.innerHTML = `
    <div class="done" id="refund-done" tabindex="-1">
      <span class="done__icon">${icon('check')}</span>
      <h2 class="done__title">${t(fresh ? 'refund.doneTitle' : 'refund.alreadyTitle')}</h2>
      <p>${t('refund.doneRef', { ref: `<strong class="mono" id="refund-ref">${esc(ref)}</strong>` })}</p>
      <p class="muted">${t('refund.doneNext', { merchant: esc(o.merchant) })}</p>
      <a class="btn btn--secondary" href="/demo/orders/${esc(o.id)}" data-route>${t('refund.backToOrder')}</a>
    </div>`;
  if (fresh) panel.querySelector('#refund-done').focus();
}

/** Notes on the refund form that a receipt is attached, if that order's form is on screen. */
export function showReceipt(orderId, name) {
  const form = document.querySelector(`#refund-form[data-refund-order="${CSS.escape(orderId)}"]`);
  if (!form) return;
  const note = form.querySelector('#refund-receipt');
  note.querySelector('span').innerHTML = t('refund.receipt', { name: esc(name) });
  note.hidden = false;
  // The proof it asked for is here now: the old complaint no longer applies.
  form.querySelector('#refund-error').textContent = '';
}
