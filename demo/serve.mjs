// Serves the Zero Call demo (Acme Pay) from the repository root.
//
//   npm start                       build dist/, then serve http://localhost:8000/demo/ (PORT overrides)
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
// Call collector (/api/collect) are mocked in the page by msw's service worker (demo/mocks.js);
// this server only serves files.
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startDevServer } from '@web/dev-server';

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
    config: { rootDir: ROOT, port, hostname: process.env.HOST || 'localhost', nodeResolve: true, middleware: [demoRoutes], watch: false },
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
    void server.stop().finally(() => process.exit(130));
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
    await server.stop();
  }
  process.exit(code);
} else if (!CHECK) {
  console.log(`Zero Call demo: ${base}/demo/`);
} else {
  const { runCheck } = await import('./check.mjs');
  let code = 1;
  try {
    code = await runCheck({ base, root: ROOT, failureDir: tmpdir() });
  } catch (error) {
    console.error(`demo check failed: ${error.message}`);
  } finally {
    await server.stop();
  }
  process.exit(code);
}
