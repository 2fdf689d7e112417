import type { OperatorFunction } from 'rxjs';
import type { Signal, ZcEvent } from '../engine/types.js';

/** Detector options are all numbers (durations in ms). */
export type NumericOptions<O> = { readonly [K in keyof O]: number };

/** A number option's allowed range, for validating pack overrides. */
export type OptionRange = readonly [min: number, max: number];

/**
 * A friction detector: its name, its defaults, how pack overrides are checked, and the
 * operator itself. One per file in src/signals/; registered in catalogue.ts. Options are
 * plain numbers (durations in ms); in a pack, options listed in `durations` are written
 * as duration strings ("30s").
 */
export interface Detector<O extends NumericOptions<O> = Record<string, number>> {
  readonly name: string;
  readonly defaults: O;
  /** Options written as durations in packs. */
  readonly durations: ReadonlyArray<keyof O & string>;
  /** Allowed range of every option (ms for durations). */
  readonly ranges: { readonly [K in keyof O]: OptionRange };
  /** The detector over event time; pure. */
  readonly detect: (options: O) => OperatorFunction<ZcEvent, Signal>;
}

/** Declares a detector with its types checked. */
export const defineDetector = <O extends NumericOptions<O>>(d: Detector<O>): Detector<O> => d;
