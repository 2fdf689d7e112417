// Settings: the account home and its four pages. Automatic payments are not among the tiles:
// they hide at the bottom of Payment methods, behind a small text link, which is why people
// cannot find where to turn them off.
import { getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { backLink, cardMark, cardName, esc, icon, loadInto, pageHead, skeleton } from './views.js';

const TILES = [
  ['profile', 'user'],
  ['security', 'shield'],
  ['notifications', 'bell'],
  ['payments', 'card'],
];
const NOTIFICATIONS = ['receipts', 'refunds', 'autopay', 'security', 'offers'];

/** Loads `path` into `box` (busy meanwhile) and renders it with `render`, or shows the error. */
const load = (box, path, render, page) => loadInto(box, () => getJSON(path, { signal: page.signal }), page, (data) => (box.innerHTML = render(data)));

const back = () => backLink('/demo/settings', t('settings.back'), 'back-to-settings');

/** /demo/settings */
export function settingsPage(ctx) {
  ctx.view.innerHTML = `
    ${pageHead(t('settings.title'), t('settings.subtitle'))}
    <section class="panel account-card" id="account-card" aria-label="${esc(t('settings.account'))}" aria-busy="true">${skeleton(2)}</section>
    <zc-outlet name="settings-help"></zc-outlet>
    <nav class="tiles" aria-label="${esc(t('settings.title'))}">
      ${TILES.map(
        ([id, glyph]) => `
        <a class="tile" id="settings-${id}" href="/demo/settings/${id}" data-route>
          <span class="tile__icon">${icon(glyph)}</span>
          <span class="tile__text"><span class="tile__title">${t(`settings.${id}`)}</span><span class="tile__desc">${t(`settings.${id}.desc`)}</span></span>
          ${icon('chevron', 'icon tile__chevron')}
        </a>`,
      ).join('')}
    </nav>
    <p class="settings-foot">${t('settings.foot')}</p>`;
  load(
    ctx.view.querySelector('#account-card'),
    '/api/me',
    (me) => `
      <span class="avatar avatar--lg" aria-hidden="true">${esc(initials(me.name))}</span>
      <span class="account-card__text"><span class="account-card__name">${esc(me.name)}</span><span class="account-card__sub">${esc(me.email)} · ${t('settings.memberSince', { date: fmt.monthYear(me.memberSince) })}</span></span>
      <span class="badge badge--ok">${icon('check')}${t('settings.verified')}</span>`,
    ctx,
  );
  return t('settings.title');
}

const initials = (name) =>
  String(name)
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

/** /demo/settings/profile: a form that saves. */
export function profilePage(ctx) {
  const { view, signal, alive } = ctx;
  view.innerHTML = `${back()}${pageHead(t('settings.profile'), t('profile.subtitle'))}
    <section class="panel narrow" id="profile-panel" aria-busy="true">${skeleton(4)}</section>`;
  const panel = view.querySelector('#profile-panel');
  load(
    panel,
    '/api/me',
    (me) => `
      <form id="profile-form" class="form" novalidate>
        ${['name', 'email', 'phone']
          .map(
            (f) => `<div class="field"><label for="profile-${f}">${t(`profile.${f}`)}</label>
              <input class="input" id="profile-${f}" name="${f}" value="${esc(me[f])}" type="${f === 'email' ? 'email' : f === 'phone' ? 'tel' : 'text'}" autocomplete="${f === 'name' ? 'name' : f === 'email' ? 'email' : 'tel'}" aria-invalid="false" aria-describedby="profile-${f}-error" />
              <p class="field-error" id="profile-${f}-error"></p></div>`,
          )
          .join('')}
        <div class="form__actions"><button type="submit" class="btn btn--primary" id="profile-save">${t('profile.save')}</button><p class="quiet-status" id="profile-status" role="status"></p></div>
      </form>`,
    ctx,
  );
  panel.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const status = form.querySelector('#profile-status');
    status.textContent = '';
    for (const f of ['name', 'email', 'phone']) {
      form.elements[f].setAttribute('aria-invalid', 'false');
      form.querySelector(`#profile-${f}-error`).textContent = '';
    }
    const body = Object.fromEntries(['name', 'email', 'phone'].map((f) => [f, form.elements[f].value]));
    const res = await request('PATCH', '/api/me', { body, signal }).catch(() => null);
    if (!alive()) return;
    if (res?.ok) {
      status.textContent = t('profile.saved');
      status.classList.add('quiet-status--ok');
      return;
    }
    for (const [f, why] of Object.entries(res?.data?.errors ?? {})) {
      form.elements[f].setAttribute('aria-invalid', 'true');
      form.querySelector(`#profile-${f}-error`).textContent = t(`profile.error.${why}`);
    }
    if (!res?.data?.errors) status.textContent = t('common.saveFailed');
  });
  return t('settings.profile');
}

/** /demo/settings/security: how the account is protected (read only). */
export function securityPage(ctx) {
  ctx.view.innerHTML = `${back()}${pageHead(t('settings.security'), t('security.subtitle'))}
    <div class="stack" id="security-body" aria-busy="true"><section class="panel">${skeleton(5)}</section></div>`;
  load(
    ctx.view.querySelector('#security-body'),
    '/api/security',
    (s) => `
      <section class="panel" aria-labelledby="signin-title">
        <h2 class="panel__title" id="signin-title">${t('security.signIn')}</h2>
        <ul class="rows">
          <li class="row">${icon('lock', 'icon row__icon')}<span class="row__main"><span class="row__title">${t('security.password')}</span><span class="row__sub">${t('security.passwordChanged', { date: fmt.date(s.passwordChanged) })}</span></span></li>
          <li class="row">${icon('shield', 'icon row__icon')}<span class="row__main"><span class="row__title">${t('security.twoStep')}</span><span class="row__sub">${t('security.twoStepSms', { last: esc(s.twoStep.phone) })}</span></span><span class="badge badge--ok">${t(s.twoStep.on ? 'common.on' : 'common.off')}</span></li>
        </ul>
      </section>
      <section class="panel" aria-labelledby="devices-title">
        <h2 class="panel__title" id="devices-title">${t('security.devices')}</h2>
        <ul class="rows">
          ${s.devices
            .map(
              (d) => `<li class="row">${icon('device', 'icon row__icon')}<span class="row__main"><span class="row__title">${esc(d.name)} · ${esc(d.app)}</span>
                <span class="row__sub">${esc(d.place)} · ${d.current ? t('security.thisDevice') : t('security.lastActive', { when: fmt.daysAgo(d.lastActive) })}</span></span>
                ${d.current ? `<span class="badge badge--brand">${t('security.current')}</span>` : ''}</li>`,
            )
            .join('')}
        </ul>
      </section>`,
    ctx,
  );
  return t('settings.security');
}

/** /demo/settings/notifications: real switches, saved as they are flipped. */
export function notificationsPage(ctx) {
  const { view, signal, alive } = ctx;
  view.innerHTML = `${back()}${pageHead(t('settings.notifications'), t('notifications.subtitle'))}
    <section class="panel" id="notifications-panel" aria-labelledby="notifications-title" aria-busy="true">
      <h2 class="panel__title" id="notifications-title">${t('notifications.title')}</h2>${skeleton(5)}
    </section>`;
  const panel = view.querySelector('#notifications-panel');
  load(
    panel,
    '/api/notifications',
    (n) => `
      <h2 class="panel__title" id="notifications-title">${t('notifications.title')}</h2>
      <ul class="rows">
        ${NOTIFICATIONS.map(
          (key) => `<li class="row">
            <span class="row__main"><span class="row__title" id="notify-${key}-label">${t(`notifications.${key}`)}</span><span class="row__sub" id="notify-${key}-desc">${t(`notifications.${key}.desc`)}</span></span>
            <button type="button" class="switch" role="switch" id="notify-${key}" data-key="${key}" aria-checked="${n[key]}" aria-labelledby="notify-${key}-label" aria-describedby="notify-${key}-desc"${key === 'security' ? ' aria-disabled="true"' : ''}><span class="switch__knob"></span></button>
          </li>`,
        ).join('')}
      </ul>
      <p class="quiet-status" id="notifications-status" role="status"></p>`,
    ctx,
  );
  panel.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('.switch') : null;
    if (!button || button.getAttribute('aria-disabled') === 'true') return;
    const on = button.getAttribute('aria-checked') !== 'true';
    button.setAttribute('aria-checked', String(on));
    const status = panel.querySelector('#notifications-status');
    const res = await request('PATCH', '/api/notifications', { body: { [button.dataset.key]: on }, signal }).catch(() => null);
    if (!alive()) return;
    if (res?.ok) status.textContent = t('notifications.saved');
    else {
      button.setAttribute('aria-checked', String(!on));
      status.textContent = t('common.saveFailed');
    }
  });
  return t('settings.notifications');
}

/** /demo/settings/payments: cards, the bank account, and (small, at the bottom) automatic payments. */
export function paymentsPage(ctx) {
  const { view, signal, alive } = ctx;
  view.innerHTML = `${back()}${pageHead(t('settings.payments'), t('payments.subtitle'))}
    <div class="stack" id="payments-body" aria-busy="true"><section class="panel">${skeleton(4)}</section></div>
    <p class="fine-print">${t('payments.autodebitIntro')} <a id="autodebit-link" href="/demo/settings/auto-debit" data-route>${t('payments.autodebitPlain')}</a></p>`;
  load(
    view.querySelector('#payments-body'),
    '/api/cards',
    ({ cards, bank }) => `
      <section class="panel" aria-labelledby="cards-title">
        <h2 class="panel__title" id="cards-title">${t('payments.cards')}</h2>
        <ul class="card-list">
          ${cards
            .map(
              (c) => `<li class="saved-card${c.primary ? ' saved-card--primary' : ''}">
                <span class="saved-card__art saved-card__art--${esc(c.brand)}">${cardMark(c.brand)}<span class="saved-card__digits">•••• ${esc(c.last4)}</span></span>
                <span class="saved-card__main"><span class="row__title">${cardName(c)}</span><span class="row__sub">${t('payments.expires', { date: esc(c.expiry) })} · ${esc(c.holder)}</span></span>
                ${c.primary ? `<span class="badge badge--brand">${t('payments.primary')}</span>` : ''}
              </li>`,
            )
            .join('')}
        </ul>
      </section>
      <section class="panel" aria-labelledby="bank-title">
        <h2 class="panel__title" id="bank-title">${t('payments.bank')}</h2>
        <ul class="rows"><li class="row">${icon('bank', 'icon row__icon')}<span class="row__main"><span class="row__title">${esc(bank.name)} ${t(`payments.${bank.kind}`)} •••• ${esc(bank.last4)}</span><span class="row__sub">${t('payments.bankNote')}</span></span><span class="badge badge--ok">${t('payments.verified')}</span></li></ul>
      </section>`,
    ctx,
  );
  // The way to automatic payments: easy to miss, on purpose.
  getJSON('/api/auto-debits', { signal }).then(
    (list) => {
      if (!alive()) return;
      view.querySelector('#autodebit-link').textContent = t('payments.autodebitLink', { n: list.length });
    },
    () => undefined,
  );
  return t('settings.payments');
}
