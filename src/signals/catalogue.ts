import { apiError } from './api-error.js';
import { cursorThrash } from './cursor-thrash.js';
import { deadClick } from './dead-click.js';
import type { ZcEvent } from '../engine/types.js';
import type { Detector } from './detector.js';
import { errorClick } from './error-click.js';
import { formErrorLoop } from './form-error-loop.js';
import { hesitation } from './hesitation.js';
import { jsError } from './js-error.js';
import { rageClick } from './rage-click.js';
import { reloadLoop } from './reload-loop.js';
import { repeatedAction } from './repeated-action.js';
import { scrollThrash } from './scroll-thrash.js';
import { uTurn } from './u-turn.js';

/**
 * Every detector the runtime runs, by name (docs/signals.md). A pack may override any option
 * of any of them (`signals: { "<name>": { … } }`); the validator and the compiler read the
 * ranges and durations from here, so adding a detector here is all it takes to make it
 * configurable. (Each detector is typed by its own options; the catalogue holds them as one type.)
 */
export const CATALOGUE = [
  rageClick,
  deadClick,
  errorClick,
  repeatedAction,
  apiError,
  jsError,
  formErrorLoop,
  hesitation,
  uTurn,
  reloadLoop,
  scrollThrash,
  cursorThrash,
] as unknown as readonly Detector[];

/** Looks a detector up by name. */
export const detectorNamed = (name: string): Detector | undefined => CATALOGUE.find((d) => d.name === name);

type EventType = ZcEvent['type'];

/**
 * The event types each detector reads, so the pipeline hands an event only to the detectors
 * that can use it: a pointer move reaches cursor-thrash and nothing else. `all` for detectors
 * that let any event mark the passage of time. test/engine/routes.test.ts checks that routing
 * changes no detector's output.
 */
export const INPUTS: Readonly<Record<string, readonly EventType[] | 'all'>> = {
  'rage-click': ['click', 'selection'],
  'dead-click': ['click', 'mutation', 'nav', 'net', 'scroll', 'selection', 'focus', 'input', 'submit', 'invalid', 'tick'],
  'error-click': ['click', 'js-error', 'net'],
  'repeated-action': ['click', 'net', 'js-error', 'invalid'],
  'api-error': ['net'],
  'js-error': ['js-error', 'nav'],
  'form-error-loop': 'all',
  hesitation: ['click', 'focus', 'input', 'submit', 'tick', 'track', 'nav'],
  'u-turn': ['nav'],
  'reload-loop': ['nav'],
  'scroll-thrash': ['scroll', 'click', 'nav'],
  'cursor-thrash': ['move'],
};
