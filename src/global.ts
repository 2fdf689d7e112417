import { warnOnce } from './core/warn.js';
import { once, type ComponentChunk } from './mount/component-chunk.js';
import type { ZeroCallApi, ZeroCallConfig } from './zero-call.js';
import type { InspectorChunk } from './inspect/source.js';
import type { AgentChunk } from './agent/agent-host.js';
import { createZeroCall } from './zero-call.js';
import { readScriptConfig } from './script-config.js';
import { startTelemetryWorker, type WorkerScope } from './transport/telemetry-worker.js';
import { spawnScriptWorker } from './transport/worker-transport.js';

/** The snippet's stub: calls made before this script ran, in order. */
interface Stub {
  readonly _q?: ReadonlyArray<readonly [string, readonly unknown[]]>;
}

declare global {
  interface Window {
    ZeroCall?: ZeroCallApi | Stub;
  }
}

/**
 * Entry of dist/zerocall.js, the classic script. Reads its configuration from its own tag's
 * data- attributes, replaces the snippet's stub with the real API and replays queued calls.
 */
function boot(): void {
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  const existing = window.ZeroCall;
  if (existing && 'version' in existing) return warnOnce('loaded-twice', 'zerocall.js is included more than once; the first copy keeps running.');
  const tag = readScriptConfig(script, document.baseURI);
  const src = script?.src;
  const api = createZeroCall(
    once(() => import(/* @vite-ignore */ tag.components) as Promise<ComponentChunk>),
    'warn',
    // The telemetry worker is this same file, started again (shared where the browser has them).
    src ? () => spawnScriptWorker(src) : undefined,
    once(() => import(/* @vite-ignore */ tag.inspector) as Promise<InspectorChunk>),
    once(() => import(/* @vite-ignore */ tag.agent) as Promise<AgentChunk>),
  );
  window.ZeroCall = api;
  const queued = (existing as Stub | undefined)?._q ?? [];
  const withTag = (c: unknown): ZeroCallConfig => ({ ...tag.config, ...(typeof c === 'object' && c ? c : {}) }) as ZeroCallConfig;
  if (tag.config.pack && !queued.some(([m]) => m === 'init')) void api.init(withTag(undefined));
  for (const [method, args] of queued) {
    const fn = (api as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function') {
      warnOnce(`unknown-${method}`, `ZeroCall.${method}() does not exist; see the README for the API.`);
      continue;
    }
    try {
      if (method === 'init') void api.init(withTag(args[0]));
      else (fn as (...a: unknown[]) => unknown).apply(api, [...args]);
    } catch (error) {
      warnOnce(`replay-${method}`, `queued ZeroCall.${method}() failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

// In a worker (there is no document): serve the page's telemetry.
if (typeof document === 'undefined') startTelemetryWorker(self as unknown as WorkerScope);
else
  try {
    boot();
  } catch (error) {
    warnOnce('boot', `could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
