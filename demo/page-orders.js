// Orders: the purchases Mei paid with Acme Pay, and one order's detail. The statement
// download always fails (503), quietly: the friction on this page.
import { getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { aborted, backLink, cardName, esc, icon, loadError, loadInto, logo, missingOr, pageHead, skeleton, statusPill } from './views.js';

const STATUSES = ['paid', 'pending', 'refunded', 'failed'];

/** /demo/orders */
export function ordersPage({ view, signal, alive, rerender }) {
  view.innerHTML = `
    ${pageHead(t('orders.title'), t('orders.subtitle'))}
    <section class="kpis" id="order-kpis" aria-label="${esc(t('orders.summary'))}" aria-busy="true">
      ${'<div class="kpi" aria-hidden="true"><span class="skeleton skeleton--w60"></span><span class="skeleton skeleton--w40 skeleton--lg"></span></div>'.repeat(3)}
    </section>
    <section class="panel panel--flush orders" aria-labelledby="orders-heading">
      <div class="toolbar">
        <h2 id="orders-heading" class="toolbar__title">${t('orders.listTitle')}</h2>
        <label class="input input--icon toolbar__search">
          ${icon('search')}<span class="visually-hidden">${t('orders.search')}</span>
          <input type="search" id="order-search" placeholder="${esc(t('orders.searchPlaceholder'))}" autocomplete="off" />
        </label>
        <label class="toolbar__filter">
          <span class="visually-hidden">${t('orders.filter')}</span>
          <select class="input input--select" id="order-filter">
            <option value="">${t('orders.allStatuses')}</option>
            ${STATUSES.map((s) => `<option value="${s}">${t(`status.${s}`)}</option>`).join('')}
          </select>
        </label>
        <div class="toolbar__end">
          <p class="quiet-status" id="statement-status" role="status"></p>
          <button type="button" class="btn btn--secondary" id="statement">${icon('download')}<span>${t('orders.statement')}</span></button>
        </div>
      </div>
      <zc-outlet name="orders-help"></zc-outlet>
      <div class="table-wrap" id="orders-table" aria-busy="true">${skeleton(5)}</div>
      <p class="orders__footer" id="orders-footer"></p>
    </section>`;

  const table = view.querySelector('#orders-table');
  const search = view.querySelector('#order-search');
  const filter = view.querySelector('#order-filter');
  let orders = [];

  view.querySelector('#statement').addEventListener('click', () => void downloadStatement(view, signal, alive));

  const showRows = () => {
    const q = search.value.trim().toLowerCase();
    const shown = orders.filter((o) => (!filter.value || o.status === filter.value) && (!q || `${o.id} ${o.merchant}`.toLowerCase().includes(q)));
    table.innerHTML = ordersTable(shown);
    view.querySelector('#orders-footer').textContent = t('orders.footer', { shown: shown.length, total: orders.length });
  };
  search.addEventListener('input', showRows);
  filter.addEventListener('change', showRows);

  const kpis = view.querySelector('#order-kpis');
  loadInto(
    [kpis, table],
    () => getJSON('/api/orders', { signal }),
    { alive, rerender },
    (list) => {
      orders = list;
      showRows();
      kpis.innerHTML = summary(list);
    },
    () => {
      kpis.innerHTML = '';
      return loadError(t('orders.loadFailed'));
    },
  );
  return t('orders.title');
}

/** Three figures over the last 30 days. */
function summary(orders) {
  const recent = orders.filter((o) => Date.now() - new Date(o.date).getTime() < 30 * 86_400_000);
  const sum = (list) => list.reduce((s, o) => s + o.amount, 0);
  const paid = recent.filter((o) => o.status === 'paid');
  const pending = recent.filter((o) => o.status === 'pending');
  const refunded = recent.filter((o) => o.status === 'refunded');
  const kpi = (label, value, note) => `<div class="kpi"><p class="kpi__label">${label}</p><p class="kpi__value">${value}</p><p class="kpi__note">${note}</p></div>`;
  return [
    kpi(t('kpi.spent'), fmt.money(sum(paid)), t('kpi.spentNote', { n: paid.length })),
    kpi(t('kpi.pending'), fmt.money(sum(pending)), t('kpi.pendingNote', { n: pending.length })),
    kpi(t('kpi.refunded'), fmt.money(sum(refunded)), t('kpi.refundedNote', { n: refunded.length })),
  ].join('');
}

function ordersTable(orders) {
  if (!orders.length) return `<p class="table-empty">${t('orders.none')}</p>`;
  return `
    <table class="table">
      <caption class="visually-hidden">${t('orders.listTitle')}</caption>
      <thead><tr>
        <th scope="col">${t('col.order')}</th><th scope="col">${t('col.merchant')}</th><th scope="col" class="hide-sm">${t('col.date')}</th>
        <th scope="col" class="num">${t('col.amount')}</th><th scope="col" class="hide-sm">${t('col.status')}</th>
      </tr></thead>
      <tbody>
        ${orders
          .map(
            (o) => `<tr>
              <td><a class="order-link mono" href="/demo/orders/${esc(o.id)}" data-route>${esc(o.id)}</a></td>
              <td><span class="merchant-cell">${logo(o.merchant)}<span><span class="merchant-cell__name">${esc(o.merchant)}</span><span class="merchant-cell__sub">${t(`cat.${o.category}`)}<span class="show-sm"> · ${fmt.dayMonth(o.date)}</span></span></span></span></td>
              <td class="hide-sm muted">${fmt.dayMonth(o.date)}, ${fmt.time(o.date)}<span class="cell-sub">${cardName(o.method)}</span></td>
              <td class="num">${fmt.money(o.amount)}<span class="show-sm cell-pill">${statusPill(o.status)}</span></td>
              <td class="hide-sm">${statusPill(o.status)}</td>
            </tr>`,
          )
          .join('')}
      </tbody>
    </table>`;
}

/**
 * The statement service is down. Like many real apps, the button stays as it was and the
 * failure is one small line of grey text, so people click again, and again.
 */
async function downloadStatement(view, signal, alive) {
  const line = view.querySelector('#statement-status');
  line.textContent = '';
  line.classList.remove('quiet-status--ok');
  let res;
  try {
    res = await request('POST', '/api/statements', { body: { period: new Date().toISOString().slice(0, 7), format: 'pdf' }, signal });
  } catch (error) {
    if (alive() && !aborted(error)) line.textContent = t('orders.statementOffline');
    return;
  }
  if (!alive()) return;
  if (res.ok) {
    line.textContent = t('orders.statementReady');
    line.classList.add('quiet-status--ok');
  } else line.textContent = t('orders.statementFailed', { status: res.status });
}

/** /demo/orders/:id */
export function orderPage({ params, view, signal, alive, rerender }) {
  const id = params.id;
  view.innerHTML = `
    ${backLink('/demo/orders', t('orders.back'), 'back-to-orders')}
    <div class="detail-head" data-order="${esc(id)}">
      <div class="detail-head__main">
        <span class="logo logo--lg logo--loading" id="order-logo" aria-hidden="true"></span>
        <div>
          <h1 class="page-head__title">${esc(id)}</h1>
          <p class="page-head__sub" id="order-sub"><span class="skeleton skeleton--w60 skeleton--inline"></span></p>
        </div>
      </div>
      <div class="detail-head__side">
        <p class="detail-amount" id="order-amount"><span class="skeleton skeleton--w40 skeleton--inline"></span></p>
        <span class="pill pill--loading" id="order-status">${t('common.loading')}</span>
      </div>
    </div>
    <zc-outlet name="order-help"></zc-outlet>
    <div class="detail-grid" id="order-body" aria-busy="true">
      <section class="panel">${skeleton(5)}</section>
      <section class="panel">${skeleton(3)}</section>
    </div>`;

  const body = view.querySelector('#order-body');
  loadInto(
    body,
    () => getJSON(`/api/orders/${encodeURIComponent(id)}`, { signal }),
    { alive, rerender },
    (o) => {
      view.querySelector('#order-logo').outerHTML = logo(o.merchant, 'lg');
      view.querySelector('#order-sub').textContent = `${o.merchant} · ${fmt.dateTime(o.date)}`;
      view.querySelector('#order-amount').textContent = fmt.money(o.amount);
      body.innerHTML = `
        <section class="panel" aria-labelledby="order-details-title">
          <h2 class="panel__title" id="order-details-title">${t('order.details')}</h2>
          <dl class="facts">
            <div><dt>${t('order.merchant')}</dt><dd>${esc(o.merchant)} <span class="muted">· ${t(`cat.${o.category}`)}</span></dd></div>
            <div><dt>${t('order.date')}</dt><dd>${fmt.dateTime(o.date)}</dd></div>
            <div><dt>${t('order.amount')}</dt><dd class="tabular">${fmt.money(o.amount)}</dd></div>
            <div><dt>${t('order.method')}</dt><dd>${cardName(o.method)}${o.autodebit ? ` <span class="muted">· ${t('order.viaAutodebit')}</span>` : ''}</dd></div>
            <div><dt>${t('order.reference')}</dt><dd class="mono">${esc(o.id)}</dd></div>
          </dl>
          <div class="panel__actions">
            <a class="btn btn--secondary" id="refund-link" href="/demo/orders/${esc(o.id)}/refund" data-route>${icon('refund')}<span>${t('order.refund')}</span></a>
          </div>
        </section>
        <section class="panel" aria-labelledby="order-activity-title">
          <h2 class="panel__title" id="order-activity-title">${t('order.activity')}</h2>
          <ol class="timeline" id="order-timeline">${timeline(o)}</ol>
        </section>`;
      applyOrder(o);
    },
    (error) => {
      const status = view.querySelector('#order-status');
      status.textContent = t('status.unknown');
      status.className = 'pill pill--refunded';
      view.querySelector('#order-sub').textContent = '';
      view.querySelector('#order-amount').textContent = '';
      return missingOr(t('order.missing', { id: esc(id) }), '/demo/orders', t('orders.back'))(error);
    },
  );
  return id;
}

const timeline = (o) =>
  o.timeline
    .map((e, i) => {
      const last = i === o.timeline.length - 1;
      const kind = e.type === 'processing' ? 'current' : e.type === 'declined' ? 'bad' : 'done';
      return `<li class="timeline__item timeline__item--${kind}${last ? ' timeline__item--last' : ''}">
        <span class="timeline__dot" aria-hidden="true"></span>
        <p class="timeline__text">${t(`timeline.${e.type}`)}</p>
        <p class="timeline__time">${e.type === 'processing' ? t('timeline.processingNote') : fmt.dateTime(e.at)}</p>
      </li>`;
    })
    .join('');

/**
 * Shows an order's current status if its page is on screen: the pill and the activity only,
 * so help shown in the page (which may have caused the update) stays where it is.
 */
export function applyOrder(o) {
  const head = document.querySelector(`[data-order="${CSS.escape(o.id)}"]`);
  if (!head) return;
  const pill = document.getElementById('order-status');
  pill.className = `pill pill--${o.status}`;
  pill.textContent = t(`status.${o.status}`);
  const list = document.getElementById('order-timeline');
  if (list) list.innerHTML = timeline(o);
}
