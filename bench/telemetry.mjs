// The telemetry benchmark: main-thread time per 1,000 records sent and flushed by the real
// transport (bench/telemetry.bench.ts) into a real IndexedDB outbox and a loopback collector.
//
// Main-thread time comes from the renderer itself (CDP Performance.getMetrics, TaskDuration:
// every task the main thread ran, cumulative), read before and after each round. Work outside
// the JS call stack counts too: IndexedDB's structured clones and request dispatch, fetch's
// request set-up and response tasks, Web Locks, garbage collection. The CDP commands that read
// it are themselves tasks on that thread (DevToolsCommandDuration); a round that does nothing
// measures what the harness costs, and the net figures subtract it. The synchronous part, the
// 1,000 send() calls, is timed in the page with performance.now().
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('./telemetry.bench.ts', import.meta.url));
const workerEntry = fileURLToPath(new URL('../src/worker.ts', import.meta.url));

/** The browser side as one ES module, in memory; the worker's as one classic script. */
async function bundle(path, format) {
  const out = await build({ entryPoints: [path], bundle: true, platform: 'browser', format, target: 'es2022', write: false, logLevel: 'error' });
  return out.outputFiles[0].text;
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[xs.length >> 1];
const p95 = (xs) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.95) - 1)];
const ms = (v) => +v.toFixed(3);

/** Runs the rounds in one fresh page; returns per-round figures. */
export async function measureTelemetry(browser, base, { events = 1000, warmup = 5, rounds = 20, worker = true, requests } = {}) {
  const code = await bundle(entry, 'esm');
  const workerCode = worker ? await bundle(workerEntry, 'iife') : undefined;
  const page = await browser.newPage(); page.on('console', (m) => process.stderr.write(m.text() + '\n'));
  try {
    // Any page of the loopback origin will do: it is cross-origin isolated (5 µs timers) and has IndexedDB and Web Locks.
    await page.goto(`${base}/bench/storm.html?sdk=none`);
    await page.evaluate(async (src) => {
      const url = URL.createObjectURL(new Blob([src], { type: 'text/javascript' }));
      window.__zcTelemetryBench = await import(url);
      URL.revokeObjectURL(url);
    }, code);
    const { isolated } = await page.evaluate((w) => window.__zcTelemetryBench.setup(w), workerCode);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const settle = () => page.evaluate(() => new Promise((r) => setTimeout(r, 100)));

    /** One round between two readings of the renderer's counters; seconds become ms. */
    const measured = async (what) => {
      if (what === 'round') await page.evaluate((n) => window.__zcTelemetryBench.prepare(n), events);
      await settle();
      // The drafts `prepare` made are the harness's garbage, not the SDK's: collect it before reading.
      await cdp.send('HeapProfiler.collectGarbage');
      const a = await metrics();
      const before = requests();
      const r = await page.evaluate((w) => window.__zcTelemetryBench[w](), what);
      const b = await metrics();
      r.requests = requests() - before;
      const d = (k) => ((b[k] ?? 0) - (a[k] ?? 0)) * 1000;
      const left = await page.evaluate(() => window.__zcTelemetryBench.queued());
      return { ...r, left, task: d('TaskDuration'), cpu: d('ThreadTime') };
    };

    for (let i = 0; i < warmup; i++) {
      await measured('round');
      await measured('control');
    }
    const watching = await page.evaluate(() => window.__zcTelemetryBench.watchLongTasks());
    const runs = [];
    const controls = [];
    for (let i = 0; i < rounds; i++) {
      runs.push(await measured('round'));
      controls.push(await measured('control'));
    }
    const longTasks = watching ? await page.evaluate(() => window.__zcTelemetryBench.stopLongTasks()) : [];
    const fellBack = await page.evaluate(() => window.__zcTelemetryBench.fallback());
    await page.evaluate(() => window.__zcTelemetryBench.teardown());
    await cdp.detach();
    return { runs, controls, longTasks, watching, isolated, events, fellBack };
  } finally {
    await page.close();
  }
}

/** Prints the figures, one JSON line each, per 1,000 events. */
export async function runTelemetry(browser, base, print, options) {
  const { runs, controls, longTasks, watching, isolated, events, fellBack } = await measureTelemetry(browser, base, options);
  const per1000 = 1000 / events;
  const where = options.worker === false ? 'main' : 'worker';
  const fig = (metric, value) => print({ bench: 'telemetry', metric: `${metric}:${where}`, value });
  const col = (xs, k) => xs.map((x) => x[k] * per1000);
  const harness = median(col(controls, 'task'));
  const task = col(runs, 'task');
  const net = task.map((v) => Math.max(0, v - harness));
  fig('main_thread_ms_per_1000_events_median', ms(median(net)));
  fig('main_thread_ms_per_1000_events_p95', ms(p95(net)));
  fig('main_thread_ms_per_1000_events_max', ms(Math.max(...net)));
  // As read, before the harness's own cost (the control round, printed below) is taken off.
  fig('main_thread_ms_per_1000_events_raw_median', ms(median(task)));
  fig('main_thread_harness_ms_median', ms(harness));
  // CPU time of the main thread: the same work without the time the thread waited for a core.
  fig('main_thread_cpu_ms_per_1000_events_median', ms(Math.max(0, median(col(runs, 'cpu')) - median(col(controls, 'cpu')))));
  const sync = col(runs, 'syncMs');
  // What came after the send() calls: persisting (IndexedDB), the flush lock, the requests and their answers.
  fig('async_ms_per_1000_events_median', ms(median(net.map((v, i) => Math.max(0, v - sync[i])))));
  fig('sync_send_ms_per_1000_median', ms(median(sync)));
  fig('sync_send_ms_per_1000_p95', ms(p95(sync)));
  fig('sync_send_ms_per_1000_max', ms(Math.max(...sync)));
  fig('wall_ms_per_1000_events_median', ms(median(col(runs, 'wallMs'))));
  fig('requests_per_1000', median(col(runs, 'requests')));
  fig('long_tasks', watching ? longTasks.length : -1);
  fig('longest_task_ms', ms(Math.max(0, ...longTasks)));
  // Sanity: every record reached the collector and nothing stayed queued between rounds.
  fig('sent_per_1000', median(col(runs, 'sent')));
  fig('queued_after_round_max', Math.max(...runs.map((r) => r.left)));
  fig('timer_isolated', isolated ? 1 : 0);
  // 1: the worker failed to start and the main thread did the work: these figures are not the worker's.
  if (where === 'worker') fig('fell_back_to_main_thread', fellBack ? 1 : 0);
}
