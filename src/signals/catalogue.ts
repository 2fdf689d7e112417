import type { Detector } from './detector.js';
import { rageClick } from './rage-click.js';

/**
 * Every detector the runtime runs, by name. A pack may override any option of any of them
 * (`signals: { "<name>": { … } }`); the validator and the compiler read the ranges and
 * durations from here, so adding a detector here is all it takes to make it configurable.
 */
export const CATALOGUE: readonly Detector[] = [rageClick as unknown as Detector];

/** Looks a detector up by name. */
export const detectorNamed = (name: string): Detector | undefined => CATALOGUE.find((d) => d.name === name);
