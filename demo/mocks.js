// The demo's backend, mocked in the browser by msw's service worker: Acme's payment and
// export APIs (both broken, so there is friction to recover from) and the Zero Call collector.
import { setupWorker } from 'msw/browser';
import { delay, http, HttpResponse } from 'msw';

/**
 * Starts the worker. Its scope is /demo/, where every page of the demo lives, so the site
 * root needs no worker script. `onCollect` receives each parsed batch the SDK sends.
 *
 * @param {{ onCollect: (batch: unknown) => void }} options
 */
export async function startMocks({ onCollect }) {
  const worker = setupWorker(
    http.post('/api/pay', async () => {
      await delay(300);
      return HttpResponse.json({ error: 'bad_gateway', message: 'The card processor did not answer.' }, { status: 502 });
    }),
    // Fails for "All time", the default: too many orders to build in time. Shorter ranges work.
    http.post('/api/export', async ({ request }) => {
      const { range } = await request.json();
      await delay(500);
      if (range === 'all') return HttpResponse.json({ error: 'gateway_timeout', message: 'The export took too long to build.' }, { status: 504 });
      const csv = 'order,customer,amount,status\nORD-10472,Mei Chen,86.40,paid\nORD-10471,Jonas Weber,23.90,pending\n';
      return new HttpResponse(csv, { headers: { 'content-type': 'text/csv', 'content-disposition': `attachment; filename="orders-${range}.csv"` } });
    }),
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
