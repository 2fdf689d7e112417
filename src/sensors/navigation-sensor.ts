import type { NavEvent } from '../engine/types.js';
import { currentPage, type Sensor } from './sensor.js';

type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Emits route changes: the initial load, history.pushState/replaceState (wrapped, since SPAs
 * route without any event) and popstate. Changes that keep the same path are not navigation.
 */
export const navigationSensor: Sensor = (ctx) => {
  const { win } = ctx;
  let page = currentPage(win);
  const changed = (kind: NavEvent['kind']): void => {
    const next = currentPage(win);
    if (next === page) return;
    ctx.emit({ type: 'nav', kind, t: ctx.now(), page: next, from: page });
    page = next;
  };
  ctx.emit({ type: 'nav', kind: 'load', t: ctx.now(), page, from: '' });

  const restore: Array<() => void> = [];
  for (const [method, kind] of [['pushState', 'push'], ['replaceState', 'replace']] as const) {
    const original = win.history[method as HistoryMethod];
    const notify = ctx.guard.wrap('navigation-sensor', () => changed(kind));
    const wrapped = function (this: History, ...args: Parameters<History['pushState']>): void {
      // The host's navigation runs first and unguarded: its errors are its own, and must surface.
      original.apply(this, args);
      notify();
    };
    win.history[method] = wrapped;
    // Put the original back only if nobody wrapped history after us; otherwise we would undo them.
    restore.push(() => {
      if (win.history[method] === wrapped) win.history[method] = original;
    });
  }
  const onPop = ctx.guard.wrap('navigation-sensor', () => changed('pop'));
  win.addEventListener('popstate', onPop);
  return () => {
    win.removeEventListener('popstate', onPop);
    restore.forEach((r) => r());
  };
};
