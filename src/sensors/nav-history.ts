import type { NavEvent } from '../engine/types.js';

const KEY = 'zc:nav';
const MAX = 12;
/** History older than this says nothing about the user's current struggle. */
const MAX_AGE = 10 * 60_000;

const isNav = (v: unknown): v is NavEvent => {
  const e = v as Partial<NavEvent> | null;
  return typeof e === 'object' && e !== null && e.type === 'nav' && typeof e.t === 'number' && typeof e.page === 'string' && typeof e.from === 'string' && typeof e.kind === 'string';
};

/**
 * This tab's recent navigations, kept in sessionStorage so that detectors spanning page loads
 * (reload-loop, u-turns through full loads) see them after a reload. Holds only what nav
 * events hold: scrubbed paths and times. Storage that is missing, full or forbidden (sandboxed
 * frames, private modes) just means no history.
 */
export function readNavHistory(win: Window, now: number): NavEvent[] {
  try {
    const parsed: unknown = JSON.parse(win.sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isNav).filter((e) => now - e.t < MAX_AGE && e.t <= now).slice(-MAX) : [];
  } catch {
    return [];
  }
}

/** Appends a navigation to this tab's history (in memory and stored), keeping the last few. */
export function writeNavHistory(win: Window, history: NavEvent[], e: NavEvent): void {
  history.push(e);
  if (history.length > MAX) history.splice(0, history.length - MAX);
  try {
    win.sessionStorage.setItem(KEY, JSON.stringify(history));
  } catch {
    // No storage: detectors see this page load only.
  }
}
