// Serves the Zero Call demo (Acme Pay) from the repository root.
//
//   npm start                       build dist/, then serve http://localhost:8000/demo/ (PORT overrides),
//                                   its agent console at /demo/agent.html and the relay at /zc/v1
//   node demo/serve.mjs --check     serve on a free port (or PORT), run the end-to-end journeys
//                                   (demo/journeys.mjs) and the gallery in headless Chromium,
//                                   save screenshots to docs/ (ZC_SHOTS_DIR elsewhere), exit 0
//                                   if every one passed, else 1; ZC_ONLY=<text> runs only those
//                                   whose name contains it
//   node demo/serve.mjs --generate --out <dir> [options]
//                                   serve on a free port and generate synthetic labelled
//                                   sessions with simulated users (demo/generate.mjs)
//
// Acme Pay's API (/api/orders, /api/payments, /api/refunds, /api/statements, …) and the Zero
// Call collector (/api/collect) are mocked in the page by msw's service worker (demo/mocks.js).
// Besides files, this server runs one thing for real: the reference agent-push relay
// (dist/relay.mjs, docs/agent-console.md) at /zc/v1, so a support agent at
// /demo/agent.html can pair with a user of the demo ("Call us" → "Share this page with your
// agent") and push help into their page. Demo tokens: the page uses `acme-demo-user`, the
// console `acme-demo-agent`.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';
import { createRelay } from '../dist/relay.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHECK = process.argv.includes('--check');
const GENERATE = process.argv.includes('--generate');

/** `/` and `/demo` go to the demo; its client-side routes (/demo/orders…) get index.html. */
async function demoRoutes(ctx, next) {
  if (ctx.method === 'GET' || ctx.method === 'HEAD') {
    if (ctx.path === '/' || ctx.path === '/demo') return ctx.redirect('/demo/');
    // Any path under /demo/ without a file extension is a route of the single-page app.
    if (/^\/demo\/[^.]*$/.test(ctx.path)) ctx.url = '/demo/index.html';
  }
  if (ctx.path.startsWith('/api/')) {
    // Reached only when the msw worker is not (yet) in control of the page.
    ctx.status = 503;
    ctx.body = { error: 'not_mocked', message: 'The demo API is mocked in the page by msw (demo/mocks.js); its service worker was not active.' };
    return undefined;
  }
  return next();
}

const relay = createRelay({
  verifyUser: (token) => token === 'acme-demo-user',
  verifyAgent: (token) => token === 'acme-demo-agent',
  base: '/zc/v1',
  // Session lifecycle lines (never tokens, keys or codes) for whoever runs the demo; checks stay quiet.
  ...(CHECK || GENERATE ? {} : { log: (line) => console.log(`relay: ${line}`) }),
});
// Ends overdue sessions (their consoles and pages hear "expired") and frees their memory.
setInterval(() => relay.sweep(), 30_000).unref();

/**
 * The relay answers its own URLs on the raw request and response (an event stream stays open
 * for the whole session), so Koa must not respond after it. The dev server compresses
 * nothing (@web/dev-server 0.4 has no compression middleware), so events are not buffered.
 */
async function relayRoutes(ctx, next) {
  if (relay.handle(ctx.req, ctx.res)) {
    ctx.respond = false;
    return undefined;
  }
  return next();
}

/** Stops the relay first: its open event streams would otherwise keep the server from closing. */
async function stopServer() {
  relay.close();
  await server.stop();
}

/** Listens on `port` (0: any free one) for a moment; resolves with the port, rejects if it is taken. */
function probePort(port) {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(port, () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
}

// A check (or a generator run) without PORT takes any free port, so it never collides with a running demo.
let port = Number(process.env.PORT) || (CHECK || GENERATE ? 0 : 8000);
let server;
try {
  port = await probePort(port);
  server = await startDevServer({
    config: { rootDir: ROOT, port, hostname: process.env.HOST || 'localhost', nodeResolve: true, middleware: [relayRoutes, demoRoutes], watch: false },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
    // Its own handlers log uncaught errors and keep going; a check must fail instead.
    autoExitProcess: false,
  });
} catch (error) {
  console.error(`Zero Call demo: could not start the server on port ${port}: ${error.message}${error.code === 'EADDRINUSE' ? ' (set PORT to use another port)' : ''}`);
  process.exit(1);
}
const base = `http://localhost:${port}`;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    setTimeout(() => process.exit(130), 500).unref(); // do not wait for idle keep-alive sockets
    void stopServer().finally(() => process.exit(130));
  });
}
// Output piped into a reader that went away (`| head`): nothing more to say.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => process.exit(1));

if (GENERATE) {
  const { runGenerate } = await import('./generate.mjs');
  let code = 1;
  try {
    code = await runGenerate({ base, argv: process.argv.slice(2) });
  } catch (error) {
    console.error(`generate failed: ${error.message}`);
  } finally {
    await stopServer();
  }
  process.exit(code);
} else if (!CHECK) {
  console.log(`Zero Call demo: ${base}/demo/`);
  console.log(`Agent console: ${base}/demo/agent.html (relay at ${base}/zc/v1)`);
} else {
  const { runCheck } = await import('./check.mjs');
  let code = 1;
  try {
    code = await runCheck({ base, root: ROOT, failureDir: tmpdir() });
  } catch (error) {
    console.error(`demo check failed: ${error.message}`);
  } finally {
    await stopServer();
  }
  process.exit(code);
}
