import { once } from './mount/component-chunk.js';
import { createZeroCall } from './zero-call.js';

export type { ZeroCallApi, ZeroCallConfig, ZeroCallEvents, ZeroCallPreferences } from './zero-call.js';
export type { HelpLevel, HelpDefaults, HelpSegment } from './pack/types.js';
export type { HelpSource } from './engine/help-level.js';
export type { RulePack, Rule, Solution, Placement, SignalCondition, ComponentName, GuideStep, HostActionSpec, UploadSpec, HandoffSpec } from './pack/types.js';
export type { Signal, OutcomeEvent, OutcomeKind, TargetInfo } from './engine/types.js';
export type { Decision, Suppressed, SuppressReason } from './engine/decide.js';
export type { TelemetryRecord, Batch } from './transport/record.js';
export type { TransportStats, DropReason } from './transport/transport.js';
export type { TelemetryOptions } from './runtime.js';
export type { AgentStatus, ConnectOptions } from './agent/agent-host.js';
export type { DataProvider, HostAction } from './mount/host-bridge.js';
export type { ZcRecord, ZcActionInput, HandoffPacket } from '../components/host.js';

/**
 * The Zero Call SDK for bundlers: `import { ZeroCall } from 'zerocall'`, then
 * `ZeroCall.init({ pack: '/packs/app.json', endpoint: '/collect' })`. Misuse throws.
 */
export const ZeroCall = createZeroCall(
  once(() => import('../components/index.js')),
  'throw',
  undefined,
  once(() => import('../components/inspector/index.js')),
  once(() => import('../components/agent/index.js')),
);
