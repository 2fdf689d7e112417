import { Subject } from 'rxjs';
import { createGuard } from './core/guard.js';
import { uid } from './core/uid.js';
import { warnOnce } from './core/warn.js';
import { compilePack } from './engine/compile-pack.js';
import { initialState, type Decision, type Suppressed } from './engine/decide.js';
import { pipeline } from './engine/pipeline.js';
import type { OutcomeEvent, OutcomeKind, Signal, ZcEvent } from './engine/types.js';
import type { ChunkLoader } from './mount/component-chunk.js';
import type { UiLocale } from './mount/locale.js';
import { createMounter } from './mount/mount.js';
import type { RulePack } from './pack/types.js';
import { clickSensor } from './sensors/click-sensor.js';
import { errorSensor } from './sensors/error-sensor.js';
import { formSensor } from './sensors/form-sensor.js';
import { motionSensor } from './sensors/motion-sensor.js';
import { mutationSensor } from './sensors/mutation-sensor.js';
import { navigationSensor } from './sensors/navigation-sensor.js';
import { networkSensor } from './sensors/network-sensor.js';
import { currentPage as pageOf, type Sensor, type SensorContext } from './sensors/sensor.js';
import { tickSensor } from './sensors/tick-sensor.js';
import type { TelemetryRecord } from './transport/record.js';
import { createTransport } from './transport/transport.js';

/** What the runtime reports to `ZeroCall.on` listeners. */
export interface RuntimeEvents {
  /** The pack loaded and the SDK is watching. */
  ready: { readonly pack: string };
  signal: Signal;
  decision: Decision;
  suppressed: Suppressed;
  outcome: OutcomeEvent;
  error: { readonly message: string };
}

/** Everything the runtime needs from its host environment; injected so tests control time. */
export interface RuntimeEnv {
  readonly win: Window;
  readonly load: ChunkLoader;
  readonly now: () => number;
  readonly every: SensorContext['every'];
  readonly after: (ms: number, fn: () => void) => () => void;
  readonly notify: <K extends keyof RuntimeEvents>(type: K, detail: RuntimeEvents[K]) => void;
}

/** A running SDK instance. */
export interface Runtime {
  /** Feeds a host business event into the engine. */
  track(name: string, t?: number): void;
  /** Stops everything and delivers what is queued. */
  stop(): Promise<void>;
  /** `packId@version` of the running pack. */
  readonly pack: string;
}

/** Every sensor, in the order they start; navigation first so the load is the first event. */
export const SENSORS: readonly Sensor[] = [navigationSensor, clickSensor, tickSensor, mutationSensor, formSensor, motionSensor, errorSensor, networkSensor];

/** What the runtime is told by init. */
export interface RuntimeConfig {
  readonly endpoint?: string;
  readonly locale: UiLocale;
  readonly sid: string;
  /** Query parameters allowed into page and request paths. */
  readonly allowParams?: readonly string[];
  /** URLs the SDK fetches itself (the pack), besides the endpoint. */
  readonly ownUrls?: readonly string[];
}

/** Starts sensors → signals → engine → mount → transport for one validated pack. */
export function startRuntime(pack: RulePack, config: RuntimeConfig, env: RuntimeEnv): Runtime {
  const { win } = env;
  const currentPage = (w: Window): string => pageOf(w, config.allowParams);
  const compiled = compilePack(pack);
  const events = new Subject<ZcEvent>();
  const stops: Array<() => void> = [];
  const transport = config.endpoint
    ? createTransport({ endpoint: config.endpoint, fetch: win.fetch.bind(win), now: env.now, after: env.after })
    : undefined;
  const record = (r: Omit<TelemetryRecord, 'id' | 'sid' | 'pack'>): void =>
    transport?.send({ id: uid(), sid: config.sid, pack: compiled.ref, ...r });
  let stopping: Promise<void> | undefined;

  const guard = createGuard((error, where) => {
    const message = `stopped after an internal error in ${where}: ${error instanceof Error ? error.message : String(error)}`;
    record({ kind: 'error', t: env.now(), message });
    warnOnce('sdk-fault', `${message}. The page is unaffected; please report this.`);
    void stop();
  });

  const emitOutcome = (rule: string, outcome: OutcomeKind): void => {
    const e: OutcomeEvent = { type: 'outcome', t: env.now(), page: currentPage(win), outcome, rule };
    record({ kind: 'outcome', t: e.t, page: e.page, rule, outcome });
    env.notify('outcome', e);
    events.next(e);
  };

  const mounter = createMounter({
    doc: win.document,
    load: env.load,
    locale: config.locale,
    pack,
    guard,
    onOutcome: emitOutcome,
    onMountError: (rule, why) => {
      const message = `rule ${rule}: ${why}`;
      record({ kind: 'error', t: env.now(), page: currentPage(win), rule, message });
      env.notify('error', { message });
      warnOnce(`mount-${rule}`, message);
      emitOutcome(rule, 'closed');
    },
  });

  // Sensors replay this tab's earlier navigations (nav-history.ts) so detectors can span page
  // loads; the pipeline ignores what that history alone adds up to (signals dated before now).
  const sub = events.pipe(pipeline(compiled, initialState, env.now())).subscribe(
    guard.wrap('engine', (out) => {
      if (out.type === 'signal') {
        record({ kind: 'signal', t: out.t, page: out.page, signal: out.signal, evidence: out.evidence, ...(out.target ? { target: out.target.fp } : {}) });
        env.notify('signal', out);
      } else if (out.type === 'decision') {
        record({ kind: 'decision', t: out.t, page: out.page, rule: out.rule, signal: out.signal.signal });
        env.notify('decision', out);
        mounter.mount(out);
      } else env.notify('suppressed', out);
    }),
  );
  stops.push(() => sub.unsubscribe());
  // Help is about the page it appeared on; a route change takes it down.
  const navSub = events.subscribe(guard.wrap('mount', (e) => e.type === 'nav' && e.kind !== 'load' && mounter.closeAll()));
  stops.push(() => navSub.unsubscribe());

  const ctx: SensorContext = {
    win,
    now: env.now,
    emit: (e) => events.next(e),
    guard,
    selectors: () => compiled.selectors,
    every: env.every,
    allowParams: config.allowParams ?? [],
    ownUrls: [...(config.ownUrls ?? []), ...(config.endpoint ? [config.endpoint] : [])],
  };
  for (const sensor of SENSORS) stops.push(sensor(ctx));

  const onExit = guard.wrap('transport', () => transport?.flushOnExit());
  const onHidden = guard.wrap('transport', () => win.document.visibilityState === 'hidden' && transport?.flushOnExit());
  win.addEventListener('pagehide', onExit);
  win.document.addEventListener('visibilitychange', onHidden);
  stops.push(() => {
    win.removeEventListener('pagehide', onExit);
    win.document.removeEventListener('visibilitychange', onHidden);
  });

  /** Idempotent: every caller gets the same promise, settled once queued telemetry is delivered. */
  function stop(): Promise<void> {
    stopping ??= teardown();
    return stopping;
  }

  async function teardown(): Promise<void> {
    for (const s of stops.splice(0)) {
      try {
        s();
      } catch {
        // Keep tearing down: one failed listener removal must not leave the rest attached.
      }
    }
    try {
      mounter.closeAll();
    } catch {
      // As above.
    }
    await transport?.flush();
  }

  return {
    track: guard.wrap('track', (name: string, t?: number) => events.next({ type: 'track', name, t: t ?? env.now(), page: currentPage(win) })),
    stop,
    pack: compiled.ref,
  };
}
