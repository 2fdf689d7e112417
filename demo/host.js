// What Acme Pay lets Zero Call's help do: one data provider and four host actions, registered
// through the `ZeroCall` global that the snippet in index.html defines (calls made before the
// SDK has loaded are queued and replayed). A rule pack can name these and nothing else.
import { apiReady, getJSON, request } from './api.js';
import { fmt, t } from './i18n.js';
import { turnOffAutoDebit } from './page-auto-debit.js';
import { applyOrder } from './page-orders.js';
import { showReceipt } from './page-refund.js';
import { routeParams } from './router.js';

/** Registers everything with the SDK. */
export function registerHost(zc = window.ZeroCall) {
  if (!zc) return; // the snippet was removed: the app works without help

  /** The user's orders for a picker ("which order?"), newest first. */
  zc.provide('recentOrders', async () => {
    const orders = await getJSON('/api/orders');
    return orders.map((o) => ({
      id: o.id,
      label: `${o.merchant} · ${o.id}`,
      detail: `${fmt.date(o.date)} · ${fmt.money(o.amount)} · ${t(`status.${o.status}`)}`,
      // What the pack's order flow branches on; it stays in the page (only the id is reported).
      data: { status: o.status, ...(o.autodebit ? { autodebit: o.autodebit } : {}) },
    }));
  });

  /** Asks the bank again about an order (the picked one, else the one on screen). */
  zc.action('recheckOrder', async ({ record, signal }) => {
    const id = record?.id ?? routeParams('/demo/orders/:id')?.id;
    if (!id) throw new Error('recheckOrder needs an order: pick one, or open an order first.');
    const res = await request('POST', `/api/orders/${encodeURIComponent(id)}/recheck`, { signal });
    if (!res.ok) throw new Error(`Acme Pay could not recheck ${id} (HTTP ${res.status}).`);
    applyOrder(res.data);
    return res.data;
  });

  /** Turns off auto-debit for the picked order's agreement, or the one on screen, exactly as its confirm button does. */
  zc.action('disableAutoDebit', async ({ record, signal }) => {
    const id = record?.data?.autodebit ?? routeParams('/demo/settings/auto-debit/:id')?.id;
    if (!id) throw new Error('disableAutoDebit needs an automatic payment: pick an order paid by one, or open /demo/settings/auto-debit/<id>.');
    return turnOffAutoDebit(id, { signal });
  });

  /** Uploads a receipt for the order whose refund form is on screen. */
  zc.action('attachReceipt', async ({ file, progress, signal }) => {
    const id = routeParams('/demo/orders/:id/refund')?.id;
    if (!id) throw new Error('attachReceipt works on a refund request page (/demo/orders/<id>/refund).');
    if (!(file instanceof Blob)) throw new Error('attachReceipt needs a file.');
    const result = await upload(`/api/orders/${encodeURIComponent(id)}/receipt`, file, { progress, signal });
    showReceipt(id, result.file ?? file.name);
    return result;
  });

  /** Hands the user to a person: the support desk opens a chat with the context packet. */
  zc.action('contactAgent', async ({ packet, signal }) => {
    const res = await request('POST', '/api/support/chats', { body: packet, signal });
    if (!res.ok) throw new Error(`The support desk did not answer (HTTP ${res.status}).`);
    return { ref: res.data.ref, href: res.data.href };
  });
}

/**
 * POSTs `file` as multipart field `receipt` with XMLHttpRequest, which reports upload
 * progress (fetch does not). Rejects on a non-2xx answer, a network failure, or `signal`.
 */
async function upload(url, file, { progress, signal }) {
  await apiReady();
  signal?.throwIfAborted();
  const form = new FormData();
  form.append('receipt', file, file.name ?? 'receipt');
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('POST', url);
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    // The bytes leaving the page are most of the work; the answer is the rest. Where the
    // browser reports no upload progress (a service worker in between, as in this demo), a
    // steady estimate keeps the bar moving until the answer comes.
    let reported = false;
    let estimate = 0;
    const tick = setInterval(() => !reported && progress?.((estimate = Math.min(0.9, estimate + 0.15))), 120);
    xhr.upload.addEventListener('progress', (e) => {
      if (!e.lengthComputable) return;
      reported = true;
      progress?.(0.95 * (e.loaded / e.total));
    });
    const done = () => {
      clearInterval(tick);
      signal?.removeEventListener('abort', onAbort);
    };
    xhr.addEventListener('load', () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        progress?.(1);
        resolve(xhr.response ?? {});
      } else reject(new Error(`The receipt upload failed (HTTP ${xhr.status}).`));
    });
    xhr.addEventListener('error', () => (done(), reject(new Error('The receipt upload failed: network error.'))));
    xhr.addEventListener('abort', () => (done(), reject(signal?.reason ?? new DOMException('The upload was cancelled.', 'AbortError'))));
    signal?.addEventListener('abort', onAbort, { once: true });
    progress?.(0);
    xhr.send(form);
  });
}
