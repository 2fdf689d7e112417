import type { Guard } from '../core/guard.js';
import type { ZcEvent } from '../engine/types.js';
import { scrubUrl } from './scrub-url.js';

/** What every sensor gets: where to listen, how to tell time, where to emit. */
export interface SensorContext {
  readonly win: Window;
  /** Event time source, ms since the epoch. */
  readonly now: () => number;
  readonly emit: (event: ZcEvent) => void;
  readonly guard: Guard;
  /** The pack's target selectors, to annotate targets with the ones they match. */
  readonly selectors: () => readonly string[];
  /** Repeats `fn` every `ms`; returns a stop function. Injected so tests run on virtual time. */
  readonly every: (ms: number, fn: () => void) => () => void;
  /** Query parameters a product team allowed into page and request paths. */
  readonly allowParams?: readonly string[];
  /** URLs the SDK itself calls (pack, collector): never reported as the page's requests. */
  readonly ownUrls?: readonly string[];
  /** URL prefixes the SDK calls under (an agent relay); read on each request, as they are added while running. */
  readonly ownPrefixes?: readonly string[];
}

/** A sensor starts listening when called and returns its stop function. */
export type Sensor = (ctx: SensorContext) => () => void;

const NONE: readonly string[] = [];
let memo = { href: '', allow: NONE, page: '' };

/**
 * The current page: path, allowlisted query parameters and a hash route; nothing else.
 * Every event asks for it and the URL rarely changes, so the scrubbed result is kept per
 * href: parsing the URL twice per pointer move or scroll was the sensors' biggest cost.
 */
export function currentPage(win: Window, allowParams: readonly string[] = NONE): string {
  const href = win.location.href;
  if (href !== memo.href || allowParams !== memo.allow) memo = { href, allow: allowParams, page: scrubUrl(href, href, allowParams) };
  return memo.page;
}

/** Options for every listener a sensor adds: capture phase, so the page cannot stop us seeing it; passive, so we never delay scrolling. */
export const LISTEN = { capture: true, passive: true } as const;

/** Adds a guarded listener and returns its remover. */
export function listen<E extends Event>(ctx: SensorContext, target: EventTarget, type: string, where: string, fn: (e: E) => void): () => void {
  const handler = ctx.guard.wrap(where, fn as (e: Event) => void);
  target.addEventListener(type, handler, LISTEN);
  return () => target.removeEventListener(type, handler, LISTEN);
}

/**
 * Calls `fn` at most once per animation frame with the latest value: pointer and scroll
 * events fire far more often than anything a detector needs, so we sample instead of
 * handling each one. Returns `push` and `stop`.
 */
export function perFrame<T>(win: Window, fn: (latest: T) => void): { push: (v: T) => void; stop: () => void } {
  let latest: T | undefined;
  let pending = 0;
  return {
    push(v) {
      latest = v;
      if (!pending) pending = win.requestAnimationFrame(() => {
        pending = 0;
        if (latest !== undefined) fn(latest);
      });
    },
    stop: () => win.cancelAnimationFrame(pending),
  };
}
