import { createGuard } from './core/guard.js';
import { uid } from './core/uid.js';
import { warnOnce } from './core/warn.js';
import { compilePack } from './engine/compile-pack.js';
import { initialState, rememberDismissal, rememberShow, type Decision, type EngineState, type FatigueMemory, type Suppressed } from './engine/decide.js';
import type { Store } from './store/store.js';
import { pipeline } from './engine/pipeline.js';
import { pushSource } from './engine/push-source.js';
import type { ContextValue, OutcomeEvent, OutcomeKind, Signal, ZcEvent } from './engine/types.js';
import { serializeSession } from './engine/session.js';
import type { StruggleExplanation } from './engine/struggle.js';
import { SDK_VERSION } from './version.js';
import type { ChunkLoader } from './mount/component-chunk.js';
import type { UiLocale } from './mount/locale.js';
import { createHandoffLog } from './mount/handoff-log.js';
import type { HostRegistry } from './mount/host-bridge.js';
import { createMounter, type OutcomeExtra } from './mount/mount.js';
import { resumableSteps } from './mount/resume-steps.js';
import { keepFlows } from './mount/flow-keeper.js';
import type { HelpLevel, RulePack } from './pack/types.js';
import { clickSensor } from './sensors/click-sensor.js';
import { errorSensor } from './sensors/error-sensor.js';
import { formSensor } from './sensors/form-sensor.js';
import { motionSensor } from './sensors/motion-sensor.js';
import { mutationSensor } from './sensors/mutation-sensor.js';
import { navigationSensor } from './sensors/navigation-sensor.js';
import { networkSensor } from './sensors/network-sensor.js';
import { currentPage as pageOf, type Sensor, type SensorContext } from './sensors/sensor.js';
import { tickSensor } from './sensors/tick-sensor.js';
import { openOutbox } from './store/outbox.js';
import type { RecordDraft } from './transport/record.js';
import { scrubDeep, scrubRecord, type ScrubContext } from './transport/scrub.js';
import { createTransport, type TransportOptions, type TransportStats } from './transport/transport.js';
import { createWorkerTransport, type WorkerPort } from './transport/worker-transport.js';
import { createJournal, summarize, type Journal } from './inspect/journal.js';
import type { InspectorSource } from './inspect/source.js';
import { matchGlob } from './engine/glob.js';
import { helpLevel, isHelpLevel, type HelpSource } from './engine/help-level.js';
import type { AgentHost, AgentListener, AgentStatus } from './agent/agent-host.js';
import { serveAgent, tellOutcome, tellSignal } from './agent/serve-agent.js';
import type { ZcRecord } from '../components/host.js';

/** What the runtime reports to `ZeroCall.on` listeners. */
export interface RuntimeEvents {
  /** The pack loaded and the SDK is watching. */
  ready: { readonly pack: string };
  signal: Signal;
  decision: Decision;
  suppressed: Suppressed;
  outcome: OutcomeEvent;
  error: { readonly message: string };
  /** The shared session with a human agent changed (ZeroCall.connect). */
  agent: AgentStatus;
  /** The user changed how proactive help is (ZeroCall.preferences.set). */
  preferences: { readonly help: HelpLevel; readonly source: HelpSource };
}

/** Everything the runtime needs from its host environment; injected so tests control time. */
export interface RuntimeEnv {
  readonly win: Window;
  readonly load: ChunkLoader;
  readonly now: () => number;
  readonly every: SensorContext['every'];
  readonly after: (ms: number, fn: () => void) => () => void;
  readonly notify: <K extends keyof RuntimeEvents>(type: K, detail: RuntimeEvents[K]) => void;
  /** Where fatigue memory persists across visits; omitted, it lasts the page. */
  readonly store?: Store;
  /** The user chose a level of help in a surface's "Help settings": kept and told like ZeroCall.preferences.set. */
  readonly preferences?: (help: HelpLevel) => void;
  /** Starts a telemetry worker (telemetry-worker.ts); omitted or failing, telemetry runs on the main thread. */
  readonly telemetryWorker?: () => WorkerPort;
}

/** A running SDK instance. */
export interface Runtime {
  /** Feeds a host business event into the engine. */
  track(name: string, t?: number): void;
  /** What the host says about the user, for context conditions; never leaves the page. */
  identify(values: Readonly<Record<string, ContextValue>>): void;
  /** The user granted or withdrew consent for in-page help. */
  consent(granted: boolean): void;
  /** The struggle score now, with its top features. */
  score(): StruggleExplanation | undefined;
  /** Starts or stops recording the session's events (bounded, in memory). */
  record(on: boolean): void;
  /** The recording as NDJSON (engine/session.ts). */
  exportSession(): string;
  /** Telemetry counters; undefined without an endpoint, or when the browser asks not to be tracked. */
  telemetry(): TransportStats | undefined;
  /** The user's level of help now, and where it comes from. */
  help(): { readonly help: HelpLevel; readonly source: HelpSource };
  /** The user chose a level; undefined: back to the pack's default for their segment. */
  setHelp(help: HelpLevel | undefined): void;
  /** What the agent channel (ZeroCall.connect) works through. */
  agent(hooks: { status: (s: AgentStatus) => void; warn: (code: string, message: string) => void; isSelector: (s: string) => boolean; renew: () => void }): AgentHost;
  /** What the designer inspector reads; its journal starts now unless `inspect` started it with the runtime. */
  inspector(close: () => void): InspectorSource;
  /** Stops everything and delivers what is queued. */
  stop(): Promise<void>;
  /** `packId@version` of the running pack. */
  readonly pack: string;
}

/** How long an event may wait for the engine, ms: help is for friction that lasted seconds, and batching keeps the engine off the page's input handling. */
export const ENGINE_DELAY = 50;
/** The longest the engine runs before it yields to the page, ms. */
const ENGINE_SLICE = 8;
/** Events a debug recording keeps at most. */
const RECORD_LIMIT = 20_000;

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
  /** Whether help may show before the host calls consent(true); default true. */
  readonly consent?: boolean;
  /** Context the host gave before start. */
  readonly context?: Readonly<Record<string, ContextValue>>;
  /** The anonymous id the holdout is drawn from. */
  readonly subject?: string;
  /** Fatigue remembered from earlier sessions. */
  readonly memory?: FatigueMemory;
  /** The data providers and actions the host registered; read when a solution needs one. */
  readonly host?: HostRegistry;
  /** How telemetry is batched, bounded and encoded. */
  readonly telemetry?: TelemetryOptions;
  /** `ignore`: send even when the browser sends Global Privacy Control or Do Not Track. */
  readonly privacySignals?: 'honor' | 'ignore';
  /** Keep a journal for the designer inspector from the start (it was asked for with `?zc-debug`). */
  readonly inspect?: boolean;
  /** Record the session from the first event (debug.record was called before the start). */
  readonly record?: boolean;
  /** The level of help the user chose, in this or an earlier visit. */
  readonly help?: HelpLevel;
  /** Flows under way as the store kept them (checked before use). */
  readonly flows?: unknown;
}

/** Telemetry tuning (docs/telemetry.md); every field has a default. */
export interface TelemetryOptions {
  /** `otlp`: OpenTelemetry logs (OTLP/HTTP JSON) for a Collector's /v1/logs. */
  readonly format?: 'zerocall' | 'otlp';
  readonly batchSize?: number;
  readonly flushInterval?: number;
  readonly maxQueue?: number;
  readonly maxQueueBytes?: number;
  /**
   * Where the queue and the requests run. The script tag runs them in a worker by default; `false` keeps them on the main thread. With the npm package, pass a function that
   * starts `zerocall/worker` (docs/telemetry.md).
   */
  readonly worker?: false | (() => WorkerPort);
}

/** The user asked not to be tracked: Global Privacy Control, or Do Not Track. */
export function privacySignal(nav: Navigator): boolean {
  const n = nav as Navigator & { globalPrivacyControl?: boolean };
  return n.globalPrivacyControl === true || n.doNotTrack === '1' || n.doNotTrack === 'yes';
}

/** Starts sensors → signals → engine → mount → transport for one validated pack. */
export function startRuntime(pack: RulePack, config: RuntimeConfig, env: RuntimeEnv): Runtime {
  const { win } = env;
  const currentPage = (w: Window): string => pageOf(w, config.allowParams);
  const compiled = compilePack(pack);
  const events = pushSource<ZcEvent>();
  const stops: Array<() => void> = [];
  const scrub: ScrubContext = {
    get base() {
      return win.location.href;
    },
    allowParams: config.allowParams ?? [],
  };
  const t = config.telemetry ?? {};
  const limits = { records: t.maxQueue ?? 5000, bytes: t.maxQueueBytes ?? 2_000_000 };
  const nav = win.navigator;
  const untracked = config.privacySignals !== 'ignore' && privacySignal(nav);
  // The user opted out in the browser: nothing is sent, and what an earlier page queued is forgotten.
  if (config.endpoint && untracked) void openOutbox(env.store?.db, limits).clear();
  const onDrop: TransportOptions['onDrop'] = (reason, count, report, status) => {
    const why = reason === 'evicted' ? 'evicted: the queue was full' : reason === 'rejected' ? `refused by the collector (HTTP ${status})` : 'refused by the collector as too large (HTTP 413)';
    warnOnce(`telemetry-${reason}`, `telemetry records were ${why}; each loss is counted in a "dropped" record and in ZeroCall.debug.telemetry()`);
    env.notify('error', { message: `telemetry: ${count} record(s) ${why}` });
    if (report) record({ kind: 'dropped', t: env.now(), reason, count, ...(status ? { status } : {}) });
  };
  // Record ids: one random base per page and a counter the transport keeps, unique without a random draw per record.
  const ids = { base: uid(), sid: config.sid, pack: compiled.ref };
  const wire = (endpoint: string) => ({
    endpoint,
    format: t.format,
    fetch: win.fetch.bind(win),
    beacon: nav.sendBeacon ? (url: string, body: Blob) => nav.sendBeacon(url, body) : undefined,
    now: env.now,
  });
  /** On the main thread: the fallback wherever a worker cannot run. */
  const mainTransport = (endpoint: string, first = 0) =>
    createTransport({
      ...wire(endpoint),
      stamp: ids,
      first,
      batchSize: t.batchSize,
      flushInterval: t.flushInterval,
      after: env.after,
      outbox: openOutbox(env.store?.db, limits),
      exclusive: nav.locks ? (fn) => nav.locks.request('zerocall:flush', fn).then(() => undefined) : undefined,
      online: () => nav.onLine !== false,
      scrub: (r) => scrubRecord(r, scrub),
      held: config.consent === false,
      onDrop,
    });
  const spawn = t.worker === false ? undefined : (t.worker ?? env.telemetryWorker);
  const inWorker = (endpoint: string, start: () => WorkerPort) => {
    let worker: WorkerPort;
    try {
      worker = start();
    } catch {
      // No Worker, or a Content-Security-Policy refused it.
      return mainTransport(endpoint);
    }
    return createWorkerTransport({
      ...wire(endpoint),
      worker,
      init: {
        // A worker resolves relative URLs against its own (blob:) URL.
        endpoint: new URL(endpoint, win.location.href).href,
        format: t.format,
        batchSize: t.batchSize,
        flushInterval: t.flushInterval,
        maxQueue: limits.records,
        maxQueueBytes: limits.bytes,
        held: config.consent === false,
        allowParams: scrub.allowParams,
        stamp: ids,
        db: env.store?.name ?? 'zerocall',
      },
      base: () => win.location.href,
      scrub: (r) => scrubRecord(r, scrub),
      after: env.after,
      online: () => nav.onLine !== false,
      onDrop,
      fallback: (first) => mainTransport(endpoint, first),
    });
  };
  const transport = !config.endpoint || untracked ? undefined : spawn ? inWorker(config.endpoint, spawn) : mainTransport(config.endpoint);
  const record = (r: RecordDraft): void => transport?.send(r);
  let stopping: Promise<void> | undefined;

  const guard = createGuard((error, where) => {
    const message = `stopped after an internal error in ${where}: ${error instanceof Error ? error.message : String(error)}`;
    record({ kind: 'error', t: env.now(), message });
    warnOnce('sdk-fault', `${message}. The page is unaffected; please report this.`);
    void stop();
  });

  /**
   * Sensors only stamp and queue; the detectors and the engine run later, in a task of their
   * own, over everything queued (ENGINE_DELAY). A listener's cost is then a few field reads
   * and a push (bench/storm.mjs), the page's input handling never waits for the engine, and a
   * burst of input is one batch. Every event carries its own time, so running later changes no
   * signal. Everything goes through this one queue, in order.
   */
  const queue: ZcEvent[] = [];
  let fed = 0;
  let scheduled = false;
  let cancel = (): void => undefined;
  const runEngine = (budget: number): void => {
    if (scheduled) cancel();
    scheduled = false;
    const start = env.now();
    // Events the engine queues while running (outcomes) are fed in the same pass, in order.
    while (fed < queue.length) {
      events.next(queue[fed++]!);
      if ((fed & 63) === 0 && env.now() - start >= budget) return schedule(0);
    }
    queue.length = fed = 0;
  };
  /** A batch, yielding to the page after ENGINE_SLICE ms. */
  const drain = guard.wrap('engine', () => runEngine(ENGINE_SLICE));
  /** Everything queued, now (the page is going away, or shutdown). */
  const drainAll = guard.wrap('engine', () => runEngine(Infinity));
  function schedule(ms: number): void {
    if (scheduled) return;
    scheduled = true;
    cancel = env.after(ms, () => {
      scheduled = false;
      drain();
    });
  }
  /** The debug recording, when on: what the engine was fed, for `zerocall simulate`. */
  let recorded: ZcEvent[] = [];
  let recording = config.record === true;
  let recordedFrom = env.now();
  const feed = (e: ZcEvent): void => {
    queue.push(e);
    schedule(ENGINE_DELAY);
    if (recording && recorded.length < RECORD_LIMIT) {
      // A session file is in time order; the wall clock can step back, so never let it.
      const last = recorded[recorded.length - 1];
      recorded.push(last && e.t < last.t ? { ...e, t: last.t } : e);
    }
  };

  /** The level of help the user chose (undefined: the pack's default). */
  let chosen = config.help;
  /** What the host has said about the user so far, at once (the engine hears it in its next batch). */
  const told: Record<string, ContextValue> = { ...config.context };
  /** A level chosen here (told to the other tabs) or in another tab (told to this page's listeners). */
  function setHelp(help: HelpLevel | undefined, here = true): void {
    chosen = help;
    const e = { type: 'preference', ...(help ? { help } : {}), t: env.now(), page: currentPage(win) } as const;
    const now = helpLevel(compiled.help, chosen, told);
    if (here) {
      // Reported once, where it was chosen, as the level that now applies: a report counts users by level and by who chose it.
      record({ kind: 'preference', t: e.t, page: e.page, ...now });
      channel?.postMessage({ type: 'preference', ...(help ? { help } : {}) });
    } else env.notify('preferences', now);
    feed(e);
  }
  /** The agent channel's ears, while a session is shared. */
  const agentListeners = new Set<AgentListener>();
  /** URL prefixes of the SDK's own requests added while running (the agent relay). */
  const ownPrefixes: string[] = [];
  const emitOutcome = (rule: string, outcome: OutcomeKind, extra: OutcomeExtra = {}, picked?: ZcRecord): void => {
    const e: OutcomeEvent = { type: 'outcome', t: env.now(), page: currentPage(win), outcome, rule, ...extra };
    // What an agent pushed is the agent's: reported as one rule, "agent", and kept from the engine's fatigue.
    const pushed = tellOutcome(agentListeners, rule, outcome, extra, picked);
    record({ kind: 'outcome', t: e.t, page: e.page, rule: pushed ? 'agent' : rule, outcome, ...extra });
    env.notify('outcome', e);
    if (pushed) return;
    feed(e);
    if (outcome === 'dont-show-again') shareFatigue({ type: 'dismissed', pack: compiled.pack.id, rule });
  };

  /**
   * Fatigue across tabs and visits: each show and dismissal is told to the other tabs of this
   * origin (BroadcastChannel), which count it too, and the memory is saved to the store soon
   * after (the engine has counted it by then: it runs before the next timer).
   */
  type FatigueNote =
    | { type: 'show'; pack: string; rule: string; group: string | undefined; t: number }
    | { type: 'dismissed'; pack: string; rule: string }
    // The user's level of help, for every pack: it is theirs, not the pack's.
    | { type: 'preference'; help?: HelpLevel };
  let channel: BroadcastChannel | undefined;
  let saving = false;
  const save = (): void => {
    if (saving || !env.store) return;
    saving = true;
    // Twice the engine's delay: a dismissal is counted when the engine next runs.
    env.after(2 * ENGINE_DELAY, () => {
      saving = false;
      if (engine) void env.store?.putMemory(compiled.pack.id, engine.memory);
    });
  };
  const shareFatigue = (note: FatigueNote): void => {
    channel?.postMessage(note);
    save();
  };
  const apply = guard.wrap('store', (e: MessageEvent) => {
    const note = e.data as (Partial<FatigueNote> & { pack?: unknown; rule?: unknown }) | null;
    if (note?.type === 'preference') {
      const help = (note as { help?: unknown }).help;
      if (help === undefined || isHelpLevel(help)) setHelp(help, false);
      return;
    }
    if (!engine || !note || note.pack !== compiled.pack.id || typeof note.rule !== 'string') return;
    if (note.type === 'show' && typeof note.t === 'number') rememberShow(engine.memory, note.rule, typeof note.group === 'string' ? note.group : undefined, note.t);
    else if (note.type === 'dismissed') rememberDismissal(engine.memory, note.rule);
  });
  function syncFatigue(): () => void {
    try {
      const Channel = (win as Window & { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
      channel = Channel ? new Channel('zerocall:fatigue') : undefined;
      if (channel) channel.onmessage = apply;
    } catch {
      channel = undefined; // no BroadcastChannel: each tab counts its own
    }
    return () => channel?.close();
  }

  const handoff = createHandoffLog(compiled.ref, config.locale);
  const flows = keepFlows(pack, config.flows, env.now(), (rule, position) => void env.store?.putFlow(compiled.pack.id, rule, position));
  const scrubbed = <T>(value: T): T => scrubDeep(value, scrub) as T;
  const hostRegistry = config.host ?? { providers: new Map(), actions: new Map() };
  const mounter = createMounter({
    doc: win.document,
    load: env.load,
    locale: config.locale,
    pack,
    guard,
    host: hostRegistry,
    packet: (rule, picked) => scrubbed(handoff.packet(rule, picked, currentPage(win), env.now())),
    onOutcome: emitOutcome,
    help: () => helpLevel(compiled.help, chosen, told).help,
    onPreferences: (help) => (env.preferences ? env.preferences(help) : setHelp(help)),
    onFlow: (rule, position) => {
      const keep = flows.moved(rule, position, env.now());
      // Past its keep time a position is forgotten even while the page stays open, not at the next load.
      if (keep !== undefined) stops.push(env.after(keep + 1000, () => flows.expire(env.now())));
    },
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
  let engine: EngineState | undefined;
  const state = () => (engine = initialState({ consent: config.consent, context: config.context, subject: config.subject, memory: config.memory, help: config.help }));
  // The inspector's journal, only while one is wanted. It hears each event before the engine's verdicts on it.
  let journal: Journal | undefined;
  const startJournal = (): Journal => {
    const j = (journal = createJournal());
    const s = events.stream.subscribe((event) => j.add({ kind: 'event', event }));
    stops.push(() => s.unsubscribe());
    return j;
  };
  if (config.inspect) startJournal();
  // Help is about the page it appeared on: a route change takes it down, except guided steps,
  // which lead the user across pages. The pages go into a hand-off's context. This runs before the
  // engine hears the navigation, so help the navigation itself brings (a u-turn) is for the new page.
  // The tab's earlier navigations, replayed with their own times, only fill in the pages: taken as
  // live, they closed a guided tour resumed at this load before it could show.
  const started = env.now();
  const navSub = events.stream.subscribe(
    guard.wrap('mount', (e) => {
      if (e.type !== 'nav') return;
      handoff.page(e.page);
      if (e.t < started) return;
      if (e.kind !== 'load') mounter.navigated(win.location.pathname);
      for (const l of agentListeners) l.page();
    }),
  );
  stops.push(() => navSub.unsubscribe());
  const sub = events.stream.pipe(pipeline(compiled, state, started)).subscribe({
    // rxjs hands an operator's throw to `error`, never to the caller of next(): without this it
    // would rethrow it into the host page from a timer.
    error: guard.wrap('engine', (error: unknown) => {
      throw error;
    }),
    next: guard.wrap('engine', (out) => {
      if (out.type === 'signal') {
        journal?.add({ kind: 'signal', signal: out });
        record({ kind: 'signal', t: out.t, page: out.page, signal: out.signal, evidence: out.evidence, ...(out.target ? { target: out.target.fp } : {}) });
        handoff.signal(out);
        tellSignal(agentListeners, out, scrubbed);
        env.notify('signal', out);
      } else if (out.type === 'decision') {
        journal?.add({ kind: 'decision', decision: out });
        record({ kind: 'decision', t: out.t, page: out.page, rule: out.rule, ...(out.signal ? { signal: out.signal.signal } : {}), ...(out.heldOut ? { heldOut: true } : {}) });
        shareFatigue({ type: 'show', pack: compiled.pack.id, rule: out.rule, group: compiled.byId.get(out.rule)?.group, t: out.t });
        env.notify('decision', out);
        // The holdout group sees nothing; its outcome says so, for lift against those who saw help.
        if (out.heldOut) emitOutcome(out.rule, 'held-out');
        else mounter.mount(out);
      } else {
        journal?.add({ kind: 'suppressed', suppressed: out });
        env.notify('suppressed', out);
      }
    }),
  });
  stops.push(() => sub.unsubscribe());
  stops.push(syncFatigue());

  const ctx: SensorContext = {
    win,
    now: env.now,
    emit: feed,
    guard,
    selectors: () => compiled.selectors,
    every: env.every,
    allowParams: config.allowParams ?? [],
    ownUrls: [...(config.ownUrls ?? []), ...(config.endpoint ? [config.endpoint] : [])],
    ownPrefixes,
  };
  for (const sensor of SENSORS) stops.push(sensor(ctx));
  for (const r of resumableSteps(win, pack)) mounter.mount({ rule: r.id, solution: r.solution, target: undefined });
  // A flow the user was part-way through comes back where they left it, unless they want no help now.
  if (config.consent !== false && helpLevel(compiled.help, chosen, told).help !== 'off') {
    for (const f of flows.resume) mounter.mount({ rule: f.rule.id, solution: f.rule.solution, target: undefined, at: f.at, record: f.record, fallback: 'end' });
  }

  // Leaving: what is still queued is decided on now, so its signals make the last batch.
  const exit = (leaving: boolean): void => {
    drainAll();
    if (engine) void env.store?.putMemory(compiled.pack.id, engine.memory);
    transport?.flushOnExit(leaving);
  };
  const onExit = guard.wrap('transport', () => exit(true));
  const onHidden = guard.wrap('transport', () => win.document.visibilityState === 'hidden' && exit(false));
  const onOnline = guard.wrap('transport', () => void transport?.online());
  win.addEventListener('pagehide', onExit);
  win.addEventListener('online', onOnline);
  win.document.addEventListener('visibilitychange', onHidden);
  stops.push(() => {
    win.removeEventListener('pagehide', onExit);
    win.removeEventListener('online', onOnline);
    win.document.removeEventListener('visibilitychange', onHidden);
  });

  const explain = (): StruggleExplanation | undefined => engine?.struggle?.explain(env.now(), 5);

  /** Idempotent: every caller gets the same promise, settled once queued telemetry is delivered. */
  function stop(): Promise<void> {
    stopping ??= teardown();
    return stopping;
  }

  async function teardown(): Promise<void> {
    drainAll();
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
    transport?.stop();
  }

  return {
    track: guard.wrap('track', (name: string, t?: number) => {
      const e = { type: 'track', name, t: t ?? env.now(), page: currentPage(win) } as const;
      // The name only: it is the host's own event, and lift against the holdout is measured on it.
      record({ kind: 'track', t: e.t, page: e.page, name });
      feed(e);
    }),
    identify: guard.wrap('identify', (values: Readonly<Record<string, ContextValue>>) => {
      Object.assign(told, values);
      feed({ type: 'context', values, t: env.now(), page: currentPage(win) });
    }),
    consent: guard.wrap('consent', (granted: boolean) => {
      feed({ type: 'consent', granted, t: env.now(), page: currentPage(win) });
      // Without consent nothing of the user's flows is kept for a later visit.
      if (!granted) flows.forget();
      void transport?.consent(granted);
    }),
    telemetry: () => transport?.stats(),
    // From the choice and the context as told, not the engine's state, which hears them in its next batch.
    help: () => helpLevel(compiled.help, chosen, told),
    setHelp: guard.wrap('preferences', (help: HelpLevel | undefined) => setHelp(help)),
    score: explain,
    // A new recording on each start; stopping keeps it for export.
    record(on) {
      if (on && !recording) [recorded, recordedFrom] = [[], env.now()];
      recording = on;
    },
    exportSession: () => serializeSession(recorded, { zerocall: 'session', v: 1, id: config.sid, sdk: SDK_VERSION, pack: compiled.ref, started: recordedFrom }),
    agent: (hooks) =>
      serveAgent({ win, compiled, locale: config.locale, guard, host: hostRegistry, mounter, handoff, listeners: agentListeners, ownPrefixes, now: env.now, after: env.after, page: () => currentPage(win), scrub: scrubbed, feed, ...hooks }),
    inspector: (close) => {
      const j = journal ?? startJournal();
      return {
        pack: summarize(pack),
        locale: config.locale,
        watch: (fn) => j.watch(fn),
        score: explain,
        page: () => currentPage(win),
        onPage: (rule) => matchGlob(compiled.byId.get(rule)?.page ?? '', currentPage(win)),
        consent: () => engine?.consent ?? config.consent !== false,
        help: () => helpLevel(compiled.help, chosen, told),
        flows: () => flows.current(env.now()),
        close,
      };
    },
    stop,
    pack: compiled.ref,
  };
}
