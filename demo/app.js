// Acme Pay, a consumer wallet: a single-page app with history routing, the way many product
// front ends work. Zero Call is added by the <script> tags in index.html; the app's only
// dealings with it are the host registrations in host.js (what help may do) and two
// business events (`track`). The rest of the demo around it lives in chrome.js.
import { startApi } from './api.js';
import { showBatch, showRoute, startChrome, translateShell } from './chrome.js';
import { registerHost } from './host.js';
import { agreementPage, autoDebitPage } from './page-auto-debit.js';
import { orderPage, ordersPage } from './page-orders.js';
import { payDonePage, payPage } from './page-pay.js';
import { refundPage } from './page-refund.js';
import { notificationsPage, paymentsPage, profilePage, securityPage, settingsPage } from './page-settings.js';
import { supportPage } from './page-support.js';
import { startRouter } from './router.js';
import { notFoundPage } from './views.js';

// The backend first: the collector must answer by the time the SDK sends its first batch. (If
// the SDK were faster, its transport would simply retry that batch a few seconds later.)
startApi({ onCollect: showBatch });
registerHost();
translateShell();
startChrome();

startRouter({
  view: document.getElementById('view'),
  redirects: { '/': '/demo/orders', '/demo': '/demo/orders', '/demo/index.html': '/demo/orders' },
  routes: [
    ['/demo/orders', ordersPage],
    ['/demo/orders/:id', orderPage],
    ['/demo/orders/:id/refund', refundPage],
    ['/demo/pay', payPage],
    ['/demo/pay/done', payDonePage],
    ['/demo/settings', settingsPage],
    ['/demo/settings/profile', profilePage],
    ['/demo/settings/security', securityPage],
    ['/demo/settings/notifications', notificationsPage],
    ['/demo/settings/payments', paymentsPage],
    ['/demo/settings/auto-debit', autoDebitPage],
    ['/demo/settings/auto-debit/:id', agreementPage],
    ['/demo/support/:ref', supportPage],
  ],
  notFound: notFoundPage,
  rendered: showRoute,
});
document.documentElement.classList.remove('booting');
