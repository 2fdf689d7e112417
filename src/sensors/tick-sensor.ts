import { currentPage, type Sensor } from './sensor.js';

/** Interval of the tick, ms. */
export const TICK_MS = 1000;

/**
 * Emits a tick every second while the page is visible, so the pure engine can see silence
 * (hesitation, dwell) in event time without a clock of its own. Hidden pages do not tick:
 * a user who switched tabs is not hesitating.
 */
export const tickSensor: Sensor = (ctx) => {
  const doc = ctx.win.document;
  let stop: (() => void) | undefined;
  const tick = ctx.guard.wrap('tick-sensor', () => ctx.emit({ type: 'tick', t: ctx.now(), page: currentPage(ctx.win) }));
  const sync = ctx.guard.wrap('tick-sensor', () => {
    if (doc.visibilityState === 'visible' && !stop) stop = ctx.every(TICK_MS, tick);
    else if (doc.visibilityState !== 'visible' && stop) {
      stop();
      stop = undefined;
    }
  });
  sync();
  doc.addEventListener('visibilitychange', sync);
  return () => {
    doc.removeEventListener('visibilitychange', sync);
    stop?.();
  };
};
