import { connect, filter, merge, type OperatorFunction } from 'rxjs';
import { CATALOGUE } from '../signals/catalogue.js';
import type { CompiledPack } from './compile-pack.js';
import { decide, type EngineState, initialState, type Verdict } from './decide.js';
import type { EngineInput, Signal, ZcEvent } from './types.js';

/** Everything the pipeline emits: signals as they are recognised, then the verdicts they lead to. */
export type PipelineOutput = Signal | Verdict;

const isSignal = (i: EngineInput): i is Signal => i.type === 'signal';

/**
 * events → detectors → engine, in one pure operator. The same function runs in the page
 * (fed by the sensors) and in Node (fed by a recorded session). Each detector is subscribed
 * once; a signal is emitted before the verdicts it causes.
 */
export const pipeline = (pack: CompiledPack, state: () => EngineState = initialState): OperatorFunction<ZcEvent, PipelineOutput> => (events) =>
  events.pipe(
    connect((shared) => merge<EngineInput[]>(shared, ...CATALOGUE.map((d) => shared.pipe(d.detect(pack.detectors.get(d.name) ?? d.defaults))))),
    connect((inputs) => merge<PipelineOutput[]>(inputs.pipe(filter(isSignal)), inputs.pipe(decide(pack, state)))),
  );
