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

/** A session of clicks (some in rage bursts) and ticks across pages and targets. */
function session(n: number): ZcEvent[] {
  const events: ZcEvent[] = [];
  let t = 1_700_000_000_000;
  for (let i = 0; i < n; i++) {
    t += i % 10 === 0 ? 1000 : 120;
    const page = `/p${(i >> 8) % 5}/x`;
    if (i % 9 === 0) events.push({ type: 'tick', t, page });
    else {
      const b = (i >> 4) % 60;
      events.push({ type: 'click', t, page, x: 10, y: 10, target: { fp: `button#b${b}`, tag: 'button', hits: [`#b${b}`] } });
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
    { bench: 'engine-pipeline', metric: 'outputs_per_100k_events', value: outputs / 7 },
  ];
}
