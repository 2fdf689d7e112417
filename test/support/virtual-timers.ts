/**
 * One-shot timers on virtual time: `advance(ms)` runs the timers due by then, in due order,
 * without waiting. A timer set by one of them runs on a later `advance`, as a real one runs in
 * a later task.
 */
export function virtualTimers(start = 0) {
  let now = start;
  const timers: Array<{ due: number; fn: () => void }> = [];
  return {
    now: () => now,
    after: (ms: number, fn: () => void) => {
      const t = { due: now + ms, fn };
      timers.push(t);
      return () => void timers.splice(timers.indexOf(t) >>> 0, 1);
    },
    advance(ms: number) {
      const end = now + ms;
      for (const t of timers.filter((x) => x.due <= end).sort((a, b) => a.due - b.due)) {
        timers.splice(timers.indexOf(t), 1);
        now = Math.max(now, t.due);
        t.fn();
      }
      now = end;
    },
    /** Time left on each pending timer. */
    pending: () => timers.map((t) => t.due - now),
  };
}
