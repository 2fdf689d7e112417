// Web Test Runner config: every browser test in test/ runs in the system Chromium.
// Run all tests through `npm test` (scripts/test.mjs), which also builds dist/ first
// and prints the one closing line CI reads. `npx wtr "test/foo/**/*.test.ts"` runs a subset.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './scripts/summary-reporter.mjs';

const root = (path) => fileURLToPath(new URL(path, import.meta.url));
const MSW_WORKER = root('./demo/mockServiceWorker.js');

/**
 * msw's worker unregisters itself when its last page closes. With test pages opening and
 * closing concurrently, a page can load in that gap, uncontrolled while a registration
 * exists, and msw's start() then calls location.reload(), which wtr reports as an
 * interrupted test file. For tests, keep the one registration for the whole run.
 */
const SELF_UNREGISTER = 'self.registration.unregister()';
async function testWorkerSource() {
  const source = await readFile(MSW_WORKER, 'utf8');
  if (!source.includes(SELF_UNREGISTER)) {
    throw new Error(`${MSW_WORKER}: expected msw's "${SELF_UNREGISTER}" on CLIENT_CLOSED; update mswWorkerMiddleware for this msw version`);
  }
  return source.replace(SELF_UNREGISTER, 'void 0 /* kept registered for the test run */');
}

/**
 * msw's service worker must be served from the root so its scope ('/') covers the
 * test pages, which wtr serves at '/'. The file itself lives in demo/ (the
 * `msw.workerDirectory` in package.json), so map the root URL onto it.
 */
async function mswWorkerMiddleware(ctx, next) {
  if (ctx.path !== '/mockServiceWorker.js') return next();
  ctx.type = 'application/javascript';
  ctx.set('Service-Worker-Allowed', '/');
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await testWorkerSource();
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root('.'),
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  // Debian's Chromium takes a few seconds to come up on a 2-core CI box.
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  plugins: [
    // tsconfig.json carries experimentalDecorators + useDefineForClassFields:false,
    // which Lit's decorators need; esbuild reads them from tsconfigRaw.
    esbuildPlugin({ ts: true, tsconfig: root('./tsconfig.json'), target: 'auto' }),
  ],
  middleware: [mswWorkerMiddleware],
  browsers: [
    chromeLauncher({
      // Each test page gets its own window: with concurrency 2, a page opened as a
      // background tab is hidden, and a hidden page gets no requestAnimationFrame,
      // so any test that waits for a frame (Lit updates, floating-ui) would hang.
      // Each test file also gets a browser context of its own: a fresh profile, so what the SDK
      // keeps in IndexedDB and localStorage, and what it tells other tabs (BroadcastChannel),
      // never crosses from one file into another running beside it.
      createPage: async ({ browser }) => {
        const context = await browser.createBrowserContext();
        const page = await context.newPage({ type: 'window' });
        page.once('close', () => void context.close().catch(() => undefined));
        return page;
      },
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
          '--disable-quic',
        ],
      },
    }),
  ],
  testFramework: {
    config: { timeout: 10_000 },
  },
  reporters: [defaultReporter(), summaryReporter()],
};
