import { defer, filter, map } from 'rxjs';
import type { NetEvent, Signal } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Thresholds of the api-error detector; every one can be overridden by a rule pack. */
export interface ApiErrorOptions {
  /** Lowest HTTP status that counts as a failure. Status 0 (network failure or abort) always counts. */
  readonly minStatus: number;
}

/**
 * Defaults: any 4xx or 5xx. Sentry and Amplitude default to 5xx only, but a 4xx is what a user
 * sees as "it didn't work" (expired session, rejected input); packs raise `minStatus` to 500
 * when their API uses 4xx for expected outcomes.
 */
export const API_ERROR_DEFAULTS: ApiErrorOptions = { minStatus: 400 };

/**
 * Start times kept for requests in flight. A page that fires requests it never finishes (long
 * polls cut by the sensors, aborted streams) must not grow the map; the oldest start goes first,
 * and an end without a start still signals, with `first` at its own time.
 */
const MAX_IN_FLIGHT = 50;

/** Whether a request end is a failure: no response at all, or a status at or over the threshold. */
const isApiFailure = (status: number | undefined, o: ApiErrorOptions): status is number =>
  // An end without a status means the sensor could not tell; never guess a failure.
  status !== undefined && (status === 0 || status >= o.minStatus);

/**
 * One signal per failed fetch or XHR, at the time it ended, with method, path and status. The
 * detector does not filter by endpoint: rules match `method` and `path` globs on the evidence.
 */
export const apiError = defineDetector<ApiErrorOptions>({
  name: 'api-error',
  defaults: API_ERROR_DEFAULTS,
  durations: [],
  ranges: { minStatus: [400, 599] },
  detect: (o) => (events) =>
    // defer: every subscriber gets its own in-flight map, so a replayed session starts clean.
    defer(() => {
      const starts = new Map<number, number>();
      return events.pipe(
        filter((e): e is NetEvent => e.type === 'net'),
        map((e): Signal | undefined => {
          if (e.phase === 'start') {
            starts.delete(e.id); // re-inserted last, so a reused id counts as the newest
            starts.set(e.id, e.t);
            if (starts.size > MAX_IN_FLIGHT) starts.delete(starts.keys().next().value as number);
            return undefined;
          }
          const start = starts.get(e.id);
          starts.delete(e.id);
          if (e.aborted || !isApiFailure(e.status, o)) return undefined;
          return {
            type: 'signal',
            signal: 'api-error',
            t: e.t,
            page: e.page,
            // min: a start stamped after its end (clock skew between sensors) must not invert the window.
            evidence: { count: 1, first: Math.min(start ?? e.t, e.t), last: e.t, method: e.method, path: e.path, status: e.status },
          };
        }),
        filter((s): s is Signal => s !== undefined),
      );
    }),
});
