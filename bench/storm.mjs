// The event storm: 10,000 clicks, pointer moves, scrolls and inputs dispatched into a page
// that runs one SDK, timing the synchronous cost per event: the median from batches of 10
// (timer resolution is 5 µs on a cross-origin-isolated page), the p99 from single events, also
// per kind of event. Work an SDK defers out of its handlers (timers, frames, idle callbacks)
// is timed too and added into a total cost per event. The same storm runs with no SDK, with
// Zero Call, and with posthog-js and mixpanel-browser autocapture, so the figures compare like
// with like. Their network is answered locally by bench/run.mjs; nothing leaves the machine.

/** What each variant loads into bench/storm.html before the storm. */
const VARIANTS = {
  none: async () => undefined,
  zerocall: async (page) => {
    await page.addScriptTag({ url: '/dist/snippet.min.js' });
    await page.evaluate(() => new Promise((resolve) => {
      window.ZeroCall.on('ready', resolve);
      const s = document.createElement('script');
      s.src = '/dist/zerocall.js';
      s.dataset.pack = '/bench/pack.json';
      document.head.append(s);
    }));
  },
  posthog: async (page) => {
    await page.addScriptTag({ url: '/node_modules/posthog-js/dist/array.full.js' });
    await page.evaluate(() => window.posthog.init('phc_bench', {
      api_host: `${location.origin}/ph`, autocapture: true, capture_dead_clicks: true, rageclick: true,
      capture_exceptions: true, disable_session_recording: true, advanced_disable_decide: true, persistence: 'memory',
    }));
  },
  mixpanel: async (page) => {
    await page.addScriptTag({ url: '/node_modules/mixpanel-browser/dist/mixpanel.umd.js' });
    await page.evaluate(() => window.mixpanel.init('bench', {
      api_host: `${location.origin}/mp`, autocapture: { pageview: 'full-url', click: true, input: true, scroll: true, submit: true, rage_click: true, dead_click: true },
      persistence: 'localStorage', batch_requests: true,
    }));
  },
};

/**
 * Runs in the page before any SDK: times every timer, interval, animation-frame and idle
 * callback, so work an SDK defers out of the event handler (Zero Call batches its engine into
 * a timer) is counted in `deferredUs` instead of disappearing from the figures.
 */
function instrument() {
  window.__deferredUs = 0;
  const timed = (fn) => (typeof fn !== 'function' ? fn : function (...args) {
    const t = performance.now();
    try { return fn.apply(this, args); } finally { window.__deferredUs += (performance.now() - t) * 1000; }
  });
  for (const name of ['setTimeout', 'setInterval', 'requestAnimationFrame', 'requestIdleCallback']) {
    const original = window[name];
    if (original) window[name] = function (fn, ...rest) { return original.call(this, timed(fn), ...rest); };
  }
}

/** Runs in the page: the storm itself. Deterministic, so every variant gets the same events. */
function storm({ n, batch }) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const clickable = [...document.querySelectorAll('button, a, .hint, span, li')];
  const inputs = [...document.querySelectorAll('input, textarea')];
  const list = document.getElementById('list');
  // Each event: what kind it is (links apart: following one is the browser's own heavy work) and how to fire it.
  const make = () => {
    const r = rnd();
    if (r < 0.15) {
      const el = clickable[Math.floor(rnd() * clickable.length)];
      const x = 100 + rnd() * 400, y = 100 + rnd() * 300;
      return [el.localName === 'a' ? 'link' : 'click', () => el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0, clientX: x, clientY: y, detail: 1 }))];
    }
    if (r < 0.55) {
      const x = rnd() * 800, y = rnd() * 600;
      return ['move', () => document.body.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true, clientX: x, clientY: y }))];
    }
    if (r < 0.8) return ['scroll', () => list.dispatchEvent(new Event('scroll'))];
    const el = inputs[Math.floor(rnd() * inputs.length)];
    return ['input', () => el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', data: 'x' }))];
  };
  const storm = Array.from({ length: n }, make);
  const kinds = storm.map(([kind]) => kind);
  const events = storm.map(([, fire]) => fire);
  const perEvent = [];
  // Single events too: at 5 µs resolution they cannot give a median, but they give an honest p99.
  const single = [];
  const longTasks = [];
  const observer = new PerformanceObserver((l) => longTasks.push(...l.getEntries().map((e) => e.duration)));
  try { observer.observe({ type: 'longtask' }); } catch { /* not supported */ }
  // Dispatch in tasks of 100 events (scheduled with MessageChannel, which is not clamped like
  // setTimeout), as real input arrives: a long task then means the SDK made one, not the loop.
  const channel = new MessageChannel();
  const nextTask = () => new Promise((r) => { channel.port1.onmessage = r; channel.port2.postMessage(0); });
  return (async () => {
    const start = performance.now();
    const deferredBefore = window.__deferredUs;
    for (let i = 0; i < n; i += 100) {
      for (let b = i; b < i + 100; b += batch) {
        const t0 = performance.now();
        for (let j = b; j < b + batch; j++) {
          const s0 = performance.now();
          events[j]();
          single.push((performance.now() - s0) * 1000);
        }
        perEvent.push(((performance.now() - t0) * 1000) / batch);
      }
      await nextTask();
    }
    const totalMs = performance.now() - start;
    // Work deferred from the storm still runs after it: a batch timer, the next frames.
    await new Promise((r) => setTimeout(r, 250));
    observer.disconnect();
    const deferredUs = window.__deferredUs - deferredBefore;
    const syncUs = perEvent.reduce((a, b) => a + b, 0) * batch;
    const p99 = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
    const p99By = {};
    for (const kind of new Set(kinds)) p99By[kind] = p99(single.filter((_, i) => kinds[i] === kind));
    perEvent.sort((a, b) => a - b);
    return {
      median: perEvent[Math.floor(perEvent.length / 2)],
      p99: p99(single),
      p99By,
      // Everything the page spent per event: the handlers' time plus the work deferred from them.
      totalUs: (syncUs + deferredUs) / n,
      deferredUs: deferredUs / n,
      totalMs,
      longTasks: longTasks.length,
      isolated: crossOriginIsolated,
    };
  })();
}

/** Runs the storm once per variant in fresh pages and returns the figures. */
export async function runStorm(browser, base, { n = 10_000, batch = 10, rounds = 5, only = [] } = {}) {
  const results = {};
  for (const [name, load] of Object.entries(VARIANTS)) {
    if (only.length && !only.includes(name)) continue;
    const runs = [];
    for (let r = 0; r < rounds; r++) {
      const page = await browser.newPage();
      await page.addInitScript(instrument);
      await page.goto(`${base}/bench/storm.html?sdk=${name}`);
      await load(page);
      // Let the SDK settle (lazy chunks, first flushes) before timing.
      await page.evaluate(() => new Promise((res) => setTimeout(res, 300)));
      runs.push(await page.evaluate(storm, { n, batch }));
      await page.close();
    }
    const pick = (k) => runs.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(runs.length / 2)];
    const p99By = Object.fromEntries(Object.keys(runs[0].p99By).map((kind) => [kind, runs.map((x) => x.p99By[kind]).sort((a, b) => a - b)[Math.floor(runs.length / 2)]]));
    results[name] = { median: pick('median'), p99: pick('p99'), p99By, totalUs: pick('totalUs'), deferredUs: pick('deferredUs'), totalMs: pick('totalMs'), longTasks: Math.max(...runs.map((x) => x.longTasks)), isolated: runs[0].isolated };
  }
  return results;
}
