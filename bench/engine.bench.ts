// Node benchmark of the pure pipeline (detectors + engine) over a recorded-style session.
import { from } from 'rxjs';
import { compilePack } from '../src/engine/compile-pack.js';
import { pipeline } from '../src/engine/pipeline.js';
import type { ZcEvent } from '../src/engine/types.js';
import type { RulePack } from '../src/pack/types.js';

const pack: RulePack = {
  id: 'bench',
  version: '1',
  sdk: '*',
  strings: { en: { t: 'T', b: 'B' } },
  rules: Array.from({ length: 50 }, (_, i) => ({
    id: `r${i}`,
    page: `/p${i % 5}*`,
    when: { signal: 'rage-click' as const, target: `#b${i}`, count: 2, within: '1m' },
    solution: { component: 'zc-card' as const, placement: { anchor: '$target' }, content: { title: 't', body: 'b' } },
  })),
};

/** A session with the storm's mix: pointer moves, scrolls, inputs, mutations, clicks (some in rage bursts), ticks. */
function session(n: number): ZcEvent[] {
  const events: ZcEvent[] = [];
  let t = 1_700_000_000_000;
  const field = { fp: 'input#card', tag: 'input', hits: [], traits: ['field', 'text-entry'] as const };
  for (let i = 0; i < n; i++) {
    t += 16;
    const page = `/p${(i >> 10) % 5}/x`;
    const r = i % 20;
    if (r < 8) events.push({ type: 'move', t, page, x: (i * 37) % 800, y: (i * 53) % 600 });
    else if (r < 13) events.push({ type: 'scroll', t, page, y: (i * 11) % 2000, dy: i % 2 ? 40 : -40, scroller: '' });
    else if (r < 16) events.push({ type: 'input', t, page, target: field });
    else if (r < 17) events.push({ type: 'mutation', t, page });
    else if (r < 18 && i % 60 === 17) events.push({ type: 'tick', t, page });
    else {
      const b = (i >> 6) % 60;
      events.push({ type: 'click', t, page, x: 10, y: 10, detail: 1, target: { fp: `button#b${b}`, tag: 'button', hits: [`#b${b}`], traits: ['interactive'] } });
    }
  }
  return events;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Runs the benchmark and returns its figures. */
export function run(): Array<{ bench: string; metric: string; value: number }> {
  const compiled = compilePack(pack);
  const events = session(100_000);
  const perEvent: number[] = [];
  let outputs = 0;
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    from(events).pipe(pipeline(compiled)).subscribe(() => outputs++);
    perEvent.push(((performance.now() - start) * 1000) / events.length);
  }
  return [
    { bench: 'engine-pipeline', metric: 'median_us_per_event', value: +median(perEvent).toFixed(3) },
    { bench: 'engine-pipeline', metric: 'outputs_per_100k_events_mixed', value: outputs / 7 },
  ];
}
