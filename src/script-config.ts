import type { ZeroCallConfig } from './zero-call.js';

/** What the script tag says: the SDK configuration and where the component chunk lives. */
export interface ScriptConfig {
  readonly config: Partial<ZeroCallConfig>;
  /** URL of the lazily loaded components: data-components, or zerocall-components.js next to the script. */
  readonly components: string;
  /** URL of the designer inspector (`?zc-debug`): zerocall-inspector.js next to the script. */
  readonly inspector: string;
  /** URL of the agent channel (`ZeroCall.connect`): zerocall-agent.js next to the script. */
  readonly agent: string;
}

/**
 * Reads `<script src=".../zerocall.js" data-pack data-endpoint data-locale data-allow-params data-consent data-public-key data-components
 * data-endpoint-format data-telemetry-worker data-privacy-signals data-inspector data-agent-channel data-agent-token>`.
 * Relative URLs resolve against the page, as they would in any other attribute.
 */
export function readScriptConfig(script: HTMLScriptElement | null, base: string): ScriptConfig {
  const d = script?.dataset ?? {};
  const url = (v: string | undefined): string | undefined => (v ? new URL(v, base).href : undefined);
  const src = script?.src || base;
  const config: Partial<ZeroCallConfig> = {};
  const pack = url(d.pack);
  const endpoint = url(d.endpoint);
  if (pack) config.pack = pack;
  if (endpoint) config.endpoint = endpoint;
  if (d.locale) config.locale = d.locale;
  if (d.consent === 'pending' || d.consent === 'granted') config.consent = d.consent;
  if (d.publicKey) config.publicKey = d.publicKey;
  const telemetry = { ...(d.endpointFormat === 'otlp' ? { format: 'otlp' as const } : {}), ...(d.telemetryWorker === 'off' ? { worker: false as const } : {}) };
  if (Object.keys(telemetry).length) config.telemetry = telemetry;
  if (d.privacySignals === 'ignore') config.privacySignals = 'ignore';
  if (d.inspector === 'off') config.inspector = false;
  const agent = url(d.agentChannel);
  if (agent) config.agentChannel = { url: agent, ...(d.agentToken ? { token: d.agentToken } : {}) };
  if (d.allowParams) config.allowParams = d.allowParams.split(',').map((p) => p.trim()).filter(Boolean);
  return { config, components: url(d.components) ?? new URL('zerocall-components.js', src).href, inspector: new URL('zerocall-inspector.js', src).href, agent: new URL('zerocall-agent.js', src).href };
}
