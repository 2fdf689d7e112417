// Pay a bill. The form checks nothing itself; the payment service does, more strictly than
// the form lets on: it wants the expiry as MM/YY (the placeholder says MM / YYYY) and allows
// at most $1,000 a day (the form never says so). Each rejected field is marked
// aria-invalid="true" with a terse message, the way many real forms do it.
import { getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { aborted, backLink, cardMark, cardName, esc, icon, loadInto, logo, missingState, pageHead, skeleton } from './views.js';

const FIELDS = ['payee', 'amount', 'card', 'expiry', 'cvc'];

/** The payment just made, for the receipt page. The mocked backend forgets it on reload too. */
let lastPayment = null;

/** /demo/pay */
export function payPage({ view, signal, alive, navigate }) {
  const field = (name, label, input) => `
    <div class="field">
      <label for="pay-${name}">${label}</label>
      ${input}
      <p class="field-error" id="pay-${name}-error"></p>
    </div>`;
  const attrs = (name) => `id="pay-${name}" name="${name}" aria-invalid="false" aria-describedby="pay-${name}-error"`;
  view.innerHTML = `
    ${pageHead(t('pay.title'), t('pay.subtitle'))}
    <div class="split">
      <section class="panel" aria-label="${esc(t('pay.formTitle'))}">
        <form id="pay-form" class="form" novalidate>
          ${field('payee', t('pay.payee'), `<select class="input input--select" ${attrs('payee')} disabled><option value="">${t('common.loading')}</option></select>`)}
          ${field('amount', t('pay.amount'), `<div class="input input--affix"><span class="affix" aria-hidden="true">${esc(fmt.currency)}</span><input ${attrs('amount')} type="text" inputmode="decimal" autocomplete="off" placeholder="0.00" /></div>`)}
          <fieldset class="fieldset">
            <legend>${t('pay.card')}</legend>
            ${field('card', t('pay.cardNumber'), `<div class="input input--card"><input ${attrs('card')} inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" />${cardMark('visa')}</div>`)}
            <div class="field-row">
              ${field('expiry', t('pay.expiry'), `<input class="input" ${attrs('expiry')} autocomplete="cc-exp" placeholder="MM / YYYY" />`)}
              ${field('cvc', t('pay.cvc'), `<input class="input" ${attrs('cvc')} type="password" inputmode="numeric" autocomplete="cc-csc" maxlength="4" />`)}
            </div>
          </fieldset>
          <p class="form-error" id="pay-error" role="alert"></p>
          <zc-outlet name="pay-help"></zc-outlet>
          <button type="submit" class="btn btn--primary btn--block" id="pay-submit">${icon('lock')}<span>${t('pay.submit')}</span></button>
          <p class="secure-note">${t('pay.secure')}</p>
        </form>
      </section>
      <aside class="panel side-note" aria-labelledby="recent-bills">
        <h2 class="panel__title" id="recent-bills">${t('pay.recent')}</h2>
        <div id="recent-payments" aria-busy="true">${skeleton(3)}</div>
      </aside>
    </div>`;

  const form = view.querySelector('#pay-form');
  const payee = form.querySelector('#pay-payee');
  getJSON('/api/payees', { signal }).then(
    (payees) => {
      if (!alive()) return;
      payee.innerHTML = payees.map((p) => `<option value="${esc(p.id)}">${esc(p.name)} · ${esc(p.account)}</option>`).join('');
      payee.disabled = false;
    },
    (error) => {
      if (!alive() || aborted(error)) return;
      payee.innerHTML = `<option value="">${t('pay.payeesFailed')}</option>`;
    },
  );
  loadRecent(view, signal, alive);

  // Editing a rejected field takes the mark off at once; a new rejection puts it back.
  form.addEventListener('input', (event) => {
    const el = event.target;
    if (el instanceof HTMLElement && el.getAttribute('aria-invalid') === 'true') clearField(form, el.name);
  });
  form.addEventListener('change', (event) => {
    const el = event.target;
    if (el instanceof HTMLSelectElement && el.getAttribute('aria-invalid') === 'true') clearField(form, el.name);
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const name of FIELDS) clearField(form, name);
    const error = form.querySelector('#pay-error');
    error.textContent = '';
    form.setAttribute('aria-busy', 'true');
    const body = Object.fromEntries(FIELDS.map((name) => [name, form.elements[name].value]));
    let res;
    try {
      res = await request('POST', '/api/payments', { body, signal });
    } catch (e) {
      if (alive() && !aborted(e)) error.textContent = t('pay.offline');
      return;
    } finally {
      form.removeAttribute('aria-busy');
    }
    if (!alive()) return;
    if (res.ok) {
      lastPayment = res.data.id;
      // Reported from the receipt page, so help about the payment (a "did this help?") appears there.
      navigate('/demo/pay/done');
      window.ZeroCall?.track('payment-succeeded');
      return;
    }
    const errors = res.status === 422 ? (res.data?.errors ?? {}) : {};
    const rejected = FIELDS.filter((name) => errors[name]);
    if (!rejected.length) {
      error.textContent = t('pay.failed');
      return;
    }
    for (const name of rejected) {
      form.elements[name].setAttribute('aria-invalid', 'true');
      form.querySelector(`#pay-${name}-error`).textContent = t(`pay.error.${name}`);
    }
    form.elements[rejected[0]].focus();
  });
  return t('pay.title');
}

function clearField(form, name) {
  form.elements[name]?.setAttribute('aria-invalid', 'false');
  const message = form.querySelector(`#pay-${name}-error`);
  if (message) message.textContent = '';
}

function loadRecent(view, signal, alive) {
  const box = view.querySelector('#recent-payments');
  loadInto(
    box,
    () => getJSON('/api/payments', { signal }),
    { alive, rerender: () => undefined },
    (payments) => {
      box.innerHTML = payments.length
        ? `<ul class="mini-list">${payments
            .slice(0, 4)
            .map(
              (p) => `<li class="mini-list__item">${logo(p.payeeName)}
                <span class="mini-list__main"><span class="mini-list__title">${esc(p.payeeName)}</span><span class="mini-list__sub">${fmt.date(p.at)}</span></span>
                <span class="mini-list__end tabular">${fmt.money(p.amount)}</span></li>`,
            )
            .join('')}</ul>`
        : `<p class="muted">${t('pay.noRecent')}</p>`;
    },
    () => `<p class="muted">${t('common.loadFailed')}</p>`,
  );
}

/** /demo/pay/done: the receipt of the payment just made. */
export function payDonePage({ view, signal, alive, rerender }) {
  if (!lastPayment) {
    view.innerHTML = `${backLink('/demo/pay', t('nav.pay'))}${pageHead(t('payDone.noneTitle'))}${missingState(t('payDone.none'), '/demo/pay', t('payDone.another'))}`;
    return t('payDone.noneTitle');
  }
  view.innerHTML = `
    <section class="panel receipt" aria-labelledby="pay-done-title">
      <span class="done__icon done__icon--lg">${icon('check')}</span>
      <h1 class="receipt__title" id="pay-done-title">${t('payDone.title')}</h1>
      <p class="receipt__lead" id="pay-done-lead"><span class="skeleton skeleton--w60 skeleton--inline"></span></p>
      <zc-outlet name="pay-done-help"></zc-outlet>
      <div id="pay-done-facts" aria-busy="true">${skeleton(4)}</div>
      <div class="receipt__actions">
        <a class="btn btn--primary" href="/demo/pay" data-route>${t('payDone.another')}</a>
        <a class="btn btn--secondary" href="/demo/orders" id="pay-done-order" data-route>${t('payDone.orders')}</a>
      </div>
    </section>`;
  const facts = view.querySelector('#pay-done-facts');
  loadInto(
    facts,
    () => getJSON(`/api/payments/${encodeURIComponent(lastPayment)}`, { signal }),
    { alive, rerender },
    (p) => {
      view.querySelector('#pay-done-lead').innerHTML = t('payDone.lead', { amount: `<strong>${fmt.money(p.amount)}</strong>`, payee: esc(p.payeeName) });
      facts.innerHTML = `
        <dl class="facts facts--compact">
          <div><dt>${t('payDone.reference')}</dt><dd class="mono">${esc(p.id)}</dd></div>
          <div><dt>${t('payDone.paidFrom')}</dt><dd>${cardName(p.card)}</dd></div>
          <div><dt>${t('payDone.date')}</dt><dd>${fmt.dateTime(p.at)}</dd></div>
          ${p.order ? `<div><dt>${t('payDone.order')}</dt><dd><a class="mono" href="/demo/orders/${esc(p.order)}" data-route>${esc(p.order)}</a></dd></div>` : ''}
        </dl>`;
      if (p.order) view.querySelector('#pay-done-order').setAttribute('href', `/demo/orders/${p.order}`);
    },
  );
  return t('payDone.title');
}
