import { createGuard } from '../../src/core/guard.js';
import type { ZcEvent } from '../../src/engine/types.js';
import type { SensorContext } from '../../src/sensors/sensor.js';

/** A virtual clock for sensors: `advance(ms)` runs due intervals, in order, without waiting. */
export function virtualContext(selectors: string[] = [], win: Window = window) {
  // Each sensor test starts as a fresh tab: no navigation history carried over (nav-history.ts).
  sessionStorage.removeItem('zc:nav');
  let now = 1_700_000_000_000;
  const events: ZcEvent[] = [];
  const faults: unknown[] = [];
  const timers = new Set<{ due: number; ms: number; fn: () => void }>();
  const ctx: SensorContext = {
    win,
    now: () => now,
    emit: (e) => events.push(e),
    guard: createGuard((e) => faults.push(e)),
    selectors: () => selectors,
    every: (ms, fn) => {
      const timer = { due: now + ms, ms, fn };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    for (;;) {
      const due = [...timers].filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!due) break;
      now = due.due;
      due.due += due.ms;
      due.fn();
    }
    now = end;
  };
  return { ctx, events, faults, advance, timers, get now() { return now; } };
}
