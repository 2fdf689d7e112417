import { filter, ignoreElements, merge, tap, type Observable, type OperatorFunction } from 'rxjs';
import { CATALOGUE, INPUTS } from '../signals/catalogue.js';
import type { CompiledPack } from './compile-pack.js';
import { fanOut, pushSource, type PushSource } from './push-source.js';
import { decide, type EngineState, initialState, type Verdict } from './decide.js';
import type { EngineInput, Signal, ZcEvent } from './types.js';

/** Everything the pipeline emits: signals as they are recognised, then the verdicts they lead to. */
export type PipelineOutput = Signal | Verdict;

const isSignal = (i: EngineInput): i is Signal => i.type === 'signal';

/**
 * events → detectors → engine, in one pure operator. The same function runs in the page
 * (fed by the sensors) and in Node (fed by a recorded session). Each detector is subscribed
 * once; a signal is emitted before the verdicts it causes. Signals older than `since` are
 * neither emitted nor decided on.
 */
export const pipeline = (pack: CompiledPack, state: () => EngineState = initialState, since = -Infinity): OperatorFunction<ZcEvent, PipelineOutput> => (events) =>
  events.pipe(
    withSignals(pack, since),
    fanOut((inputs: Observable<EngineInput>) => merge<PipelineOutput[]>(inputs.pipe(filter(isSignal)), inputs.pipe(decide(pack, state)))),
  );

/**
 * events → every event, each followed by the signals it completes: what the engine (and the
 * struggle score) reads. Signals dated before `since` come from replayed history (the tab's
 * earlier page loads): detectors learn from it, but the page that lived through it already
 * reported and acted on it.
 */
export const withSignals = (pack: CompiledPack, since = -Infinity): OperatorFunction<ZcEvent, EngineInput> =>
  fanOut((shared: Observable<ZcEvent>) => merge<EngineInput[]>(shared, detectAll(pack, shared).pipe(filter((s) => s.t >= since))));

/**
 * Runs every detector, handing each event only to the detectors that read its type (INPUTS):
 * with a dozen detectors and pointer moves at 60 per second, fanning every event out to every
 * detector was most of the engine's cost.
 */
function detectAll(pack: CompiledPack, events: Observable<ZcEvent>): Observable<Signal> {
  const inputs: Array<PushSource<ZcEvent>> = [];
  const routes = new Map<string, Array<PushSource<ZcEvent>>>();
  const everything: Array<PushSource<ZcEvent>> = [];
  const outputs = CATALOGUE.map((d) => {
    const input = pushSource<ZcEvent>();
    inputs.push(input);
    const types = INPUTS[d.name] ?? 'all';
    if (types === 'all') everything.push(input);
    else for (const t of types) routes.set(t, [...(routes.get(t) ?? []), input]);
    return input.stream.pipe(d.detect(pack.detectors.get(d.name) ?? d.defaults));
  });
  const NONE: Array<PushSource<ZcEvent>> = [];
  const feed = events.pipe(
    tap({
      next: (e) => {
        for (let k = 0; k < everything.length; k++) everything[k]!.next(e);
        const routed = routes.get(e.type) ?? NONE;
        for (let k = 0; k < routed.length; k++) routed[k]!.next(e);
      },
      complete: () => inputs.forEach((s) => s.complete()),
      error: (err: unknown) => inputs.forEach((s) => s.error(err)),
    }),
    ignoreElements(),
  );
  return merge(...outputs, feed);
}
