import type { Guard } from '../core/guard.js';
import type { ZcEvent } from '../engine/types.js';

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
}

/** A sensor starts listening when called and returns its stop function. */
export type Sensor = (ctx: SensorContext) => () => void;

/** Path of the current page: no query, no fragment (they may carry personal data). */
export const currentPage = (win: Window): string => win.location.pathname;
