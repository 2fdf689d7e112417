import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendRefusal } from './http-io.js';
import { Refusal } from './refusal.js';
import { createRelay } from './create-relay.js';
import type { Relay, RelayOptions } from './relay-options.js';

/** How often a started relay sweeps (ends overdue sessions, forgets old ones), ms. */
const SWEEP_MS = 30_000;

/** A running relay. */
export interface StartedRelay {
  /** Its base URL, e.g. `http://127.0.0.1:8788/zc/v1`. */
  readonly url: string;
  readonly port: number;
  readonly relay: Relay;
  /** Ends every session and stream, then stops listening. */
  close(): Promise<void>;
}

/** Runs a relay on its own node:http server (port 8788 on 127.0.0.1 unless told). */
export async function startRelay(o: RelayOptions & { port?: number; host?: string }): Promise<StartedRelay> {
  const { port = 8788, host = '127.0.0.1', ...options } = o;
  const relay = createRelay(options);
  const base = (options.base ?? '/zc/v1').replace(/\/+$/, '');
  const server = createServer((req, res) => {
    if (!relay.handle(req, res)) sendRefusal(res, new Refusal(404, 'not-found', `nothing here; the relay answers under ${base || '/'}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const sweeper = setInterval(() => relay.sweep(), SWEEP_MS);
  sweeper.unref();
  const bound = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${bound}${base}`,
    port: bound,
    relay,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        relay.close();
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}
