import { once } from './mount/component-chunk.js';
import { createZeroCall } from './zero-call.js';

export type { ZeroCallApi, ZeroCallConfig, ZeroCallEvents } from './zero-call.js';
export type { RulePack, Rule, Solution, Placement, SignalCondition } from './pack/types.js';
export type { Signal, OutcomeEvent, OutcomeKind, TargetInfo } from './engine/types.js';
export type { Decision, Suppressed, SuppressReason } from './engine/decide.js';
export type { TelemetryRecord, Batch } from './transport/record.js';

/**
 * The Zero Call SDK for bundlers: `import { ZeroCall } from 'zerocall'`, then
 * `ZeroCall.init({ pack: '/packs/app.json', endpoint: '/collect' })`. Misuse throws.
 */
export const ZeroCall = createZeroCall(
  once(() => import('../components/index.js')),
  'throw',
);
