// Node benchmark of the pure pipeline (detectors + engine) over a recorded-style session.
import { from } from 'rxjs';
import { compilePack } from '../src/engine/compile-pack.js';
import { decide } from '../src/engine/decide.js';
import type { EngineInput, Signal } from '../src/engine/types.js';
import { pipeline } from '../src/engine/pipeline.js';
import type { ZcEvent } from '../src/engine/types.js';
import type { Condition, RulePack } from '../src/pack/types.js';

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

/**
 * A pack of n rules in the shapes designers write: single signals on a target, all/not with a
 * track event, sequences of a click then a signal, counted track events; each rule on its own
 * target or event name, as a large pack's rules are.
 */
function packOf(n: number): RulePack {
  const when = (i: number): Condition => {
    const target = `#t${i}`;
    switch (i % 5) {
      case 0:
        return { signal: 'rage-click', target };
      case 1:
        return { all: [{ signal: 'dead-click', target }, { not: { event: 'track', name: 'paid', within: '30s' } }] };
      case 2:
        return { sequence: [{ event: 'click', target }, { signal: 'error-click', target }], within: '1m' };
      case 3:
        return { event: 'track', name: `step-${i}`, count: 2, within: '1m' };
      default:
        return { any: [{ signal: 'rage-click', target }, { signal: 'dead-click', target, count: 2, within: '1m' }] };
    }
  };
  return {
    id: 'rules',
    version: '1',
    sdk: '*',
    strings: { en: { t: 'T', b: 'B' } },
    budget: { perSession: 1_000_000, perDay: 1_000_000, minGap: '0s' },
    rules: Array.from({ length: n }, (_, i) => ({
      id: `r${i}`,
      page: i % 2 ? '/checkout*' : '*',
      cap: 1_000_000,
      when: when(i),
      solution: { component: 'zc-card' as const, placement: { anchor: `#t${i}` }, content: { title: 't', body: 'b' } },
    })),
  };
}

/** The same inputs for every pack size: signals and clicks on the first 10 rules' targets, track events, ticks, moves. */
function inputsFor(n: number): EngineInput[] {
  const inputs: EngineInput[] = [];
  let t = 1_700_000_000_000;
  const kinds = ['rage-click', 'dead-click', 'error-click'];
  for (let i = 0; i < n; i++) {
    t += 50;
    const page = '/checkout/pay';
    const k = i % 10;
    const target = { fp: `button#t${k}`, tag: 'button', hits: [`#t${k}`], traits: ['interactive' as const] };
    if (i % 4 === 0) inputs.push({ type: 'signal', signal: kinds[i % 3]!, t, page, target, evidence: { count: 1, first: t, last: t } } satisfies Signal);
    else if (i % 4 === 1) inputs.push({ type: 'click', t, page, x: 1, y: 1, detail: 1, target });
    else if (i % 4 === 2) inputs.push({ type: 'track', t, page, name: i % 8 === 2 ? 'paid' : `step-${k}` });
    else inputs.push(i % 40 === 3 ? { type: 'tick', t, page } : { type: 'move', t, page, x: i % 800, y: 1 });
  }
  return inputs;
}

/** Compile time and per-input dispatch cost of the engine (rules and arbiter, no detectors) by pack size. */
export function runRules(): Array<{ bench: string; metric: string; value: number }> {
  const figures: Array<{ bench: string; metric: string; value: number }> = [];
  const inputs = inputsFor(50_000);
  const dispatch = new Map<number, number>();
  for (const n of [10, 100, 1000, 10_000]) {
    const pack = packOf(n);
    // The first compile runs cold (as in a page, before the JIT has seen the compiler); the
    // median of the next 15 is the compiler's own cost.
    let start = performance.now();
    let compiled = compilePack(pack);
    const firstMs = performance.now() - start;
    const compileMs: number[] = [];
    for (let round = 0; round < 15; round++) {
      start = performance.now();
      compiled = compilePack(pack);
      compileMs.push(performance.now() - start);
    }
    const perInput: number[] = [];
    let verdicts = 0;
    for (let round = 0; round < 7; round++) {
      start = performance.now();
      from(inputs).pipe(decide(compiled)).subscribe(() => verdicts++);
      perInput.push(((performance.now() - start) * 1000) / inputs.length);
    }
    dispatch.set(n, median(perInput));
    figures.push({ bench: 'engine-rules', metric: `compile_ms:${n}`, value: +median(compileMs).toFixed(2) });
    figures.push({ bench: 'engine-rules', metric: `compile_ms_first:${n}`, value: +firstMs.toFixed(2) });
    figures.push({ bench: 'engine-rules', metric: `dispatch_us_per_input:${n}`, value: +median(perInput).toFixed(3) });
    figures.push({ bench: 'engine-rules', metric: `verdicts_per_run:${n}`, value: Math.round(verdicts / 7) });
  }
  figures.push({ bench: 'engine-rules', metric: 'dispatch_ratio:10000/10', value: +(dispatch.get(10_000)! / dispatch.get(10)!).toFixed(2) });
  return figures;
}
