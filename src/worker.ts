import { startTelemetryWorker, type WorkerScope } from './transport/telemetry-worker.js';

/**
 * `zerocall/worker`: the telemetry worker for the npm package. Start it from the app, where the
 * bundler can see the URL, and hand it to init:
 * `telemetry: { worker: () => new Worker(new URL('zerocall/worker', import.meta.url), { type: 'module' }) }`.
 */
startTelemetryWorker(self as unknown as WorkerScope);
