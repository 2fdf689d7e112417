// How the app talks to its backend: JSON over fetch, once the mocked API (mocks.js) is up.

let ready = Promise.resolve();

/**
 * Starts the mocked backend; every request waits for it. Resolves either way: without the
 * worker, requests reach the dev server, which answers 503.
 *
 * @param {{ onCollect: (batch: unknown) => void }} options
 */
export function startApi(options) {
  ready = import('./mocks.js')
    .then((m) => m.startMocks(options))
    .then(
      () => void (document.documentElement.dataset.mocks = 'on'),
      (error) => console.error('[Acme Pay] the mocked API could not start:', error),
    );
  return ready;
}

/** Resolves once the backend answers. */
export const apiReady = () => ready;

/** A response the app did not expect: its status and parsed body. */
export class ApiError extends Error {
  constructor(status, data) {
    super(`The API answered ${status}`);
    this.status = status;
    this.data = data;
  }
}

/**
 * Sends a request; resolves with the status and parsed JSON body whatever the status, so
 * callers decide what a 4xx means. Rejects only when the network failed or `signal` aborted.
 *
 * @param {string} method
 * @param {string} path
 * @param {{ body?: unknown, signal?: AbortSignal }} [options]
 * @returns {Promise<{ ok: boolean, status: number, data: any }>}
 */
export async function request(method, path, { body, signal } = {}) {
  await ready;
  const res = await fetch(path, {
    method,
    signal,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await res.json().catch(() => null);
  return { ok: res.ok, status: res.status, data };
}

/** GETs JSON; rejects with an ApiError for any status but 2xx. */
export async function getJSON(path, { signal } = {}) {
  const { ok, status, data } = await request('GET', path, { signal });
  if (!ok) throw new ApiError(status, data);
  return data;
}
