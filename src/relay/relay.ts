/**
 * The reference relay for agent push (`zc-agent/1`, see src/agent/protocol.ts and
 * docs/agent-relay.md): pairs a page's shared session with an agent console by a six-digit
 * code, fans messages out over Server-Sent Events, and lets each key reach its own session only.
 * Node only, no framework: node:http and node:crypto. Sessions live in this process's memory.
 */
export { checkMessage, PROTOCOL } from '../agent/protocol.js';
export { acceptTokens } from './accept-tokens.js';
export { createRelay } from './create-relay.js';
export type { Relay, RelayOptions } from './relay-options.js';
export { startRelay, type StartedRelay } from './start-relay.js';
