// The two pages of Acme Pay, as HTML templates. Text comes from strings.js through `t`;
// the only data is made up here, so nothing needs escaping beyond `esc` for good measure.

const ITEMS = [
  { key: 'item.beans', qty: 1, price: 145 },
  { key: 'item.milk', qty: 2, price: 28.5 },
  { key: 'item.delivery', qty: 1, price: 12 },
];
const VAT = 0.08;

const ORDERS = [
  { id: 'ORD-10472', customer: 'Mei Chen', minutesAgo: 14, method: 'Visa ·· 4242', amount: 86.4, status: 'paid' },
  { id: 'ORD-10471', customer: 'Jonas Weber', minutesAgo: 52, method: 'Mastercard ·· 8210', amount: 23.9, status: 'pending' },
  { id: 'ORD-10470', customer: 'Amara Okafor', minutesAgo: 95, method: 'Apple Pay', amount: 142.0, status: 'paid' },
  { id: 'ORD-10469', customer: 'Lucas Martin', minutesAgo: 180, method: 'Visa ·· 1881', amount: 18.75, status: 'refunded' },
  { id: 'ORD-10468', customer: 'Priya Nair', minutesAgo: 1440, method: 'Alipay', amount: 64.2, status: 'paid' },
  { id: 'ORD-10467', customer: 'Hiroshi Tanaka', minutesAgo: 1530, method: 'Mastercard ·· 5100', amount: 311.5, status: 'failed' },
  { id: 'ORD-10466', customer: 'Sofia Rossi', minutesAgo: 2900, method: 'Visa ·· 0077', amount: 47.0, status: 'paid' },
  { id: 'ORD-10465', customer: 'Wang Lei', minutesAgo: 3010, method: 'WeChat Pay', amount: 129.9, status: 'paid' },
];

/** Escapes text for HTML. */
export const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the checkout charges, in dollars. */
export function checkoutTotal() {
  const subtotal = ITEMS.reduce((sum, i) => sum + i.qty * i.price, 0);
  const vat = Math.round(subtotal * VAT * 100) / 100;
  return { subtotal, vat, total: subtotal + vat };
}

/**
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 * @param {{ money: (n: number) => string }} fmt
 */
export function checkoutView(t, fmt) {
  const { subtotal, vat, total } = checkoutTotal();
  return `
    <div class="page-head">
      <h1 class="page-head__title">${t('checkout.title')}</h1>
      <p class="page-head__sub">${t('checkout.subtitle')}</p>
    </div>
    <div class="checkout">
      <section class="panel checkout__method" aria-labelledby="method-title">
        <h2 id="method-title" class="panel__title">${t('checkout.method')}</h2>
        <div class="tabs" role="tablist">
          <button type="button" role="tab" id="tab-card" aria-selected="true" aria-controls="pane-card">${t('method.card')}</button>
          <button type="button" role="tab" id="tab-other" aria-selected="false" aria-controls="pane-other" tabindex="-1">${t('method.other')}</button>
        </div>
        <form class="pane" id="pane-card" role="tabpanel" aria-labelledby="tab-card" novalidate>
          <div class="field">
            <label for="card-number">${t('field.number')}</label>
            <div class="input input--card">
              <input id="card-number" inputmode="numeric" autocomplete="cc-number" value="4242 4242 4242 4242" />
              <span class="card-brand" aria-hidden="true">VISA</span>
            </div>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="card-expiry">${t('field.expiry')}</label>
              <input class="input" id="card-expiry" autocomplete="cc-exp" value="12 / 28" />
            </div>
            <div class="field">
              <label for="card-cvc">${t('field.cvc')}</label>
              <input class="input" id="card-cvc" autocomplete="cc-csc" inputmode="numeric" type="password" value="123" />
            </div>
          </div>
          <div class="field">
            <label for="card-name">${t('field.name')}</label>
            <input class="input" id="card-name" autocomplete="cc-name" value="Mei Chen" />
          </div>
          <label class="check"><input type="checkbox" checked /> ${t('field.save')}</label>
        </form>
        <div class="pane" id="pane-other" role="tabpanel" aria-labelledby="tab-other" hidden>
          <h3 class="pane__title">${t('other.title')}</h3>
          <p class="pane__text">${t('other.body')}</p>
          <dl class="bank">
            <dt>${t('other.iban')}</dt><dd>GB33 BUKB 2020 1555 5555 55</dd>
            <dt>${t('other.reference')}</dt><dd>INV-2041</dd>
          </dl>
        </div>
      </section>

      <section class="panel summary" aria-labelledby="summary-title">
        <h2 id="summary-title" class="panel__title">${t('summary.title')}</h2>
        <ul class="summary__items">
          ${ITEMS.map((i) => `<li><span>${t(i.key)}${i.qty > 1 ? ` <span class="muted">× ${i.qty}</span>` : ''}</span><span>${fmt.money(i.qty * i.price)}</span></li>`).join('')}
        </ul>
        <dl class="summary__totals">
          <div><dt>${t('summary.subtotal')}</dt><dd>${fmt.money(subtotal)}</dd></div>
          <div><dt>${t('summary.vat')}</dt><dd>${fmt.money(vat)}</dd></div>
          <div class="summary__total"><dt>${t('summary.total')}</dt><dd>${fmt.money(total)}</dd></div>
        </dl>
        <p class="inline-error" id="pay-error" role="status"></p>
        <button type="button" class="btn btn--primary btn--block" id="pay">${t('pay.button', { amount: fmt.money(total) })}</button>
        <p class="summary__secure">${LOCK}${t('pay.secure')}</p>
      </section>
    </div>`;
}

/**
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 * @param {{ money: (n: number) => string, when: (minutesAgo: number) => string }} fmt
 */
export function ordersView(t, fmt) {
  const kpi = (label, value, delta, good = true) => `
    <div class="kpi"><p class="kpi__label">${label}</p><p class="kpi__value">${value}</p><p class="kpi__delta ${good ? 'up' : ''}">${delta}</p></div>`;
  return `
    <div class="page-head">
      <h1 class="page-head__title">${t('orders.title')}</h1>
      <p class="page-head__sub">${t('orders.subtitle')}</p>
    </div>
    <div class="kpis">
      ${kpi(t('kpi.volume'), fmt.money(48210.4), t('kpi.volume.delta'))}
      ${kpi(t('kpi.orders'), '1,284', t('kpi.orders.delta'))}
      ${kpi(t('kpi.refunds'), '0.9%', t('kpi.refunds.delta'))}
    </div>
    <section class="panel orders" aria-labelledby="orders-title">
      <h2 id="orders-title" class="visually-hidden">${t('orders.title')}</h2>
      <div class="toolbar">
        <label class="toolbar__field toolbar__range">
          <span class="visually-hidden">${t('range.label')}</span>
          <select class="input input--select" id="range">
            <option value="7d">${t('range.7d')}</option><option value="30d">${t('range.30d')}</option><option value="all" selected>${t('range.all')}</option>
          </select>
        </label>
        <label class="toolbar__field toolbar__search">
          <span class="visually-hidden">${t('search.label')}</span>
          <input class="input" type="search" placeholder="${esc(t('search.placeholder'))}" />
        </label>
        <span class="toolbar__end">
          <span class="inline-error" id="export-status" role="status"></span>
          <button type="button" class="btn btn--secondary" id="export-csv">${t('export.button')}</button>
        </span>
      </div>
      <zc-outlet name="orders-help"></zc-outlet>
      <div class="table-wrap">
        <table class="table">
          <thead><tr>
            <th scope="col">${t('col.order')}</th><th scope="col">${t('col.customer')}</th><th scope="col" class="hide-sm">${t('col.date')}</th>
            <th scope="col" class="hide-sm">${t('col.method')}</th><th scope="col" class="num">${t('col.amount')}</th><th scope="col">${t('col.status')}</th>
          </tr></thead>
          <tbody>
            ${ORDERS.map(
              (o) => `<tr>
                <td class="mono">${o.id}</td><td>${esc(o.customer)}</td><td class="hide-sm muted">${fmt.when(o.minutesAgo)}</td>
                <td class="hide-sm muted">${esc(o.method)}</td><td class="num">${fmt.money(o.amount)}</td>
                <td><span class="pill pill--${o.status}">${t(`status.${o.status}`)}</span></td></tr>`,
            ).join('')}
          </tbody>
        </table>
      </div>
      <p class="orders__footer">${t('orders.footer')}</p>
    </section>`;
}

/** @param {(key: string) => string} t */
export const notFoundView = (t) => `
  <div class="page-head"><h1 class="page-head__title">${t('notfound.title')}</h1><p class="page-head__sub">${t('notfound.body')}</p></div>`;

const LOCK = `<svg viewBox="0 0 16 16" aria-hidden="true" class="icon"><path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2M3.5 7h9v7h-9z" fill="none" stroke="currentColor" stroke-width="1.4" stroke-linejoin="round"/></svg>`;
