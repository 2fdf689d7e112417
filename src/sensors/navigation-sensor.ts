import type { NavEvent } from '../engine/types.js';
import { readNavHistory, writeNavHistory } from './nav-history.js';
import { currentPage, listen, type Sensor } from './sensor.js';

type HistoryMethod = 'pushState' | 'replaceState';

/** Whether this page load was a reload, from Navigation Timing. */
function wasReload(win: Window): boolean {
  const [entry] = win.performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  return entry?.type === 'reload';
}

/**
 * Emits route changes: the initial load (flagged when it was a reload), history.pushState /
 * replaceState (wrapped, since SPAs route without any event), popstate, hashchange (hash
 * routers), and the Navigation API's entry changes where the browser has it. Sources overlap
 * (a pushState also changes the Navigation API's entry); only a change of page is emitted, once.
 */
export const navigationSensor: Sensor = (ctx) => {
  const { win } = ctx;
  let page = currentPage(win, ctx.allowParams);
  // Earlier navigations of this tab first (their own times), so detectors spanning page loads see them.
  const history = readNavHistory(win, ctx.now());
  history.forEach((e) => ctx.emit(e));
  const emit = (e: NavEvent): void => {
    ctx.emit(e);
    writeNavHistory(win, history, e);
  };
  const pathAndQuery = (): string => win.location.pathname + win.location.search;
  let lastPath = pathAndQuery();
  const changed = (kind: NavEvent['kind']): void => {
    const next = currentPage(win, ctx.allowParams);
    // A change of the fragment alone is a hash route, whichever source saw it first.
    const k = pathAndQuery() === lastPath && kind !== 'load' ? 'hash' : kind;
    lastPath = pathAndQuery();
    if (next === page) return;
    emit({ type: 'nav', kind: k, t: ctx.now(), page: next, from: page });
    page = next;
  };
  emit({ type: 'nav', kind: 'load', t: ctx.now(), page, from: history.at(-1)?.page ?? '', ...(wasReload(win) ? { reload: true } : {}) });

  const stops: Array<() => void> = [];
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
    stops.push(() => {
      if (win.history[method] === wrapped) win.history[method] = original;
    });
  }
  stops.push(listen(ctx, win, 'popstate', 'navigation-sensor', () => changed('pop')));
  stops.push(listen(ctx, win, 'hashchange', 'navigation-sensor', () => changed('hash')));
  const navigation = (win as Window & { navigation?: EventTarget }).navigation;
  const KINDS: Readonly<Record<string, NavEvent['kind']>> = { push: 'push', replace: 'replace', traverse: 'pop' };
  if (navigation) {
    stops.push(
      listen<Event & { navigationType?: string | null }>(ctx, navigation, 'currententrychange', 'navigation-sensor', (e) =>
        changed(KINDS[e.navigationType ?? ''] ?? 'push'),
      ),
    );
  }
  return () => stops.forEach((s) => s());
};
