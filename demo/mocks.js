// Acme Pay's backend, mocked in the browser by msw's service worker. The state lives in
// mock-db.js; this file is the HTTP face of it, with the latency of a real network. Two
// things are broken on purpose, so there is friction to recover from: the statement service
// is down (503), and a refund needs a receipt the app offers no way to attach. The payment
// service validates more strictly than the form suggests. /api/collect is the Zero Call
// collector a product team would run; here it only shows what it received.
import { setupWorker } from 'msw/browser';
import { delay, http, HttpResponse } from 'msw';
import * as db from './mock-db.js';

/** A believable round trip: 150–400 ms, or exactly `ms`. */
const latency = (ms) => delay(ms ?? 150 + Math.round(Math.random() * 250));
const reply = ({ status, body }) => HttpResponse.json(body, { status });
/** The request's JSON body, or undefined when it has none or it is not JSON. */
const body = (request) => request.json().catch(() => undefined);

/**
 * Starts the worker. Its scope is /demo/, where every page of the demo lives, so the site
 * root needs no worker script. `onCollect` receives each parsed batch the SDK sends.
 *
 * @param {{ onCollect: (batch: unknown) => void }} options
 */
export async function startMocks({ onCollect }) {
  const worker = setupWorker(
    http.get('/api/orders', async () => (await latency(), reply(db.listOrders()))),
    http.get('/api/orders/:id', async ({ params }) => (await latency(), reply(db.getOrder(params.id)))),
    http.post('/api/orders/:id/recheck', async ({ params }) => (await latency(400), reply(db.recheckOrder(params.id)))),
    http.post('/api/orders/:id/receipt', async ({ params, request }) => {
      const form = await request.formData().catch(() => undefined);
      const file = form?.get('receipt');
      await latency(400);
      if (!(file instanceof File)) return HttpResponse.json({ error: 'receipt_missing', message: 'Send the file as multipart field "receipt".' }, { status: 400 });
      return reply(db.attachReceipt(params.id, file));
    }),
    http.post('/api/refunds', async ({ request }) => {
      const input = await body(request);
      await latency();
      return reply(db.requestRefund(input ?? {}));
    }),
    // The statement service is down, whatever the user does.
    http.post('/api/statements', async () => {
      await latency(300);
      return HttpResponse.json({ error: 'service_unavailable', message: 'The statement service is not responding.' }, { status: 503 });
    }),

    http.get('/api/payees', async () => (await latency(), reply(db.listPayees()))),
    http.get('/api/payments', async () => (await latency(), reply(db.listPayments()))),
    http.get('/api/payments/:id', async ({ params }) => (await latency(), reply(db.getPayment(params.id)))),
    http.post('/api/payments', async ({ request }) => {
      const input = await body(request);
      await latency(350);
      return reply(db.createPayment(input));
    }),

    http.get('/api/me', async () => (await latency(), reply(db.getProfile()))),
    http.patch('/api/me', async ({ request }) => {
      const input = await body(request);
      await latency();
      return reply(db.updateProfile(input ?? {}));
    }),
    http.get('/api/security', async () => (await latency(), reply(db.getSecurity()))),
    http.get('/api/notifications', async () => (await latency(), reply(db.getNotifications()))),
    http.patch('/api/notifications', async ({ request }) => {
      const input = await body(request);
      await latency(200);
      return reply(db.updateNotifications(input));
    }),
    http.get('/api/cards', async () => (await latency(), reply(db.listCards()))),
    http.get('/api/auto-debits', async () => (await latency(), reply(db.listAgreements()))),
    http.get('/api/auto-debits/:id', async ({ params }) => (await latency(), reply(db.getAgreement(params.id)))),
    http.post('/api/auto-debits/:id', async ({ params, request }) => {
      const input = await body(request);
      await latency(350);
      return reply(db.setAgreement(params.id, input ?? {}));
    }),

    // The support desk a hand-off reaches: it files the context packet and opens a chat.
    http.post('/api/support/chats', async ({ request }) => {
      const packet = await body(request);
      await latency(300);
      if (!packet || typeof packet !== 'object') return HttpResponse.json({ error: 'packet_required' }, { status: 400 });
      return reply(db.createChat(packet));
    }),
    http.get('/api/support/chats/:ref', async ({ params }) => (await latency(), reply(db.getChat(params.ref)))),

    // The collector a product team would run: here it only shows what it received.
    http.post('/api/collect', async ({ request }) => {
      const text = await request.text();
      let batch;
      try {
        batch = JSON.parse(text);
      } catch {
        batch = text;
      }
      onCollect(batch);
      return new HttpResponse(null, { status: 204 });
    }),
  );
  await worker.start({
    serviceWorker: { url: '/demo/mockServiceWorker.js', options: { scope: '/demo/' } },
    // The page, the SDK and the rule pack are real files: let them through silently.
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
  return worker;
}
