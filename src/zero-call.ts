import { uid } from './core/uid.js';
import { warnOnce } from './core/warn.js';
import type { ChunkLoader } from './mount/component-chunk.js';
import { uiLocale } from './mount/locale.js';
import { checkPack, loadPack } from './pack/load-pack.js';
import type { ValidateOptions } from './pack/validate-pack.js';
import { openStore, type Store } from './store/store.js';
import { verifyPack } from './pack/signature.js';
import type { StruggleExplanation } from './engine/struggle.js';
import type { RulePack } from './pack/types.js';
import { startRuntime, type Runtime, type RuntimeEvents, type TelemetryOptions } from './runtime.js';
import type { TransportStats } from './transport/transport.js';
import type { WorkerPort } from './transport/worker-transport.js';
import type { DataProvider, HostAction, HostRegistry } from './mount/host-bridge.js';
import type { InspectorChunk } from './inspect/source.js';
import { SDK_VERSION } from './version.js';
import { isHelpLevel, type HelpSource } from './engine/help-level.js';
import type { HelpLevel } from './pack/types.js';
import { AGENT_KEY, type AgentChannel, type AgentChunk, type AgentStatus, type ConnectOptions } from './agent/agent-host.js';

/** Configuration of `ZeroCall.init`; the script tag's data- attributes map onto it. */
export interface ZeroCallConfig {
  /** URL of the rule pack (JSON), or the pack itself. */
  pack: string | RulePack;
  /** Collector URL that receives outcomes and signals as batched JSON POSTs; omit to send nothing. */
  endpoint?: string;
  /**
   * How telemetry is sent (docs/telemetry.md): `format` "otlp" posts OpenTelemetry logs for a
   * Collector's /v1/logs; `batchSize` (records, default 100), `flushInterval` (ms a record may wait
   * for its batch, default 5000), `maxQueue` (records kept while the collector is unreachable,
   * default 5000) and `maxQueueBytes` (default 2,000,000); beyond either bound the oldest go first.
   * `worker`: false keeps telemetry on the main thread; a function starting `zerocall/worker` moves it off.
   */
  telemetry?: TelemetryOptions;
  /** "ignore": send telemetry even when the browser sends Global Privacy Control or Do Not Track (default "honor"). */
  privacySignals?: 'honor' | 'ignore';
  /** UI locale, "en" or "zh-CN"; default from `<html lang>`, then the browser. */
  locale?: string;
  /** Query parameters that may appear in reported page and request paths; all others are stripped. */
  allowParams?: string[];
  /** "pending": show no help and send nothing until `consent(true)`; default "granted". */
  consent?: 'granted' | 'pending';
  /** Base64 SPKI public key (`zerocall keygen`): with it, only packs signed by its private key load. */
  publicKey?: string;
  /** false: never open the designer inspector, not even for `?zc-debug` or `debug.inspect()` (default true). */
  inspector?: boolean;
  /** Opens the agent channel as soon as the SDK runs, as `connect()` would (docs/agent-push.md). */
  agentChannel?: ConnectOptions;
}

/** Events you can listen to with `ZeroCall.on`. */
export type ZeroCallEvents = RuntimeEvents;

/** The public API, the same object for the script tag (window.ZeroCall) and the npm package. */
export interface ZeroCallApi {
  /** Loads the pack and starts watching; resolves true when running, false when dormant (the console says why). */
  init(config: ZeroCallConfig): Promise<boolean>;
  /** Reports a business event (e.g. "payment-failed") to the engine. Names only: no values. */
  track(name: string): void;
  /**
   * Describes the user or session for rules' `context` conditions, e.g. `{ plan: 'pro', seats: 12 }`:
   * strings, numbers and booleans, merged into what was given before. Stays in the page.
   */
  identify(values: Record<string, string | number | boolean>): void;
  /**
   * Registers a data provider that rule packs may name, e.g. the user's recent orders for a
   * picker: `provide('orders', async () => [{ id: 'A1042', label: 'Order #1042', detail: '12 Nov · $42.00' }])`.
   * Call it before or after init; a later call with the same name replaces it. Returns a function that removes it.
   */
  provide(name: string, provider: DataProvider): () => void;
  /**
   * Registers a host action that rule packs may name: a one-click remedy (`{ rule, record, signal }`),
   * an evidence upload (`{ file, progress, … }`) or a hand-off (`{ packet, … }`). Resolve when
   * done, reject when it failed. Packs can run nothing else. Returns a function that removes it.
   */
  action(name: string, run: HostAction): () => void;
  /**
   * Grants (true) or withdraws (false) consent for in-page help and telemetry; see
   * `init({ consent: 'pending' })`. Withdrawing also forgets the telemetry not yet sent.
   */
  consent(granted: boolean): void;
  /**
   * Shares this session with a human agent (docs/agent-push.md): asks the relay at `url` for a
   * session, shows the user a pairing code to read out, and mounts what the agent pushes, each
   * solution checked like a pack's. Resolves with the status once the code is shown (or it failed).
   * Without options, uses init's `agentChannel` (the script tag's `data-agent-channel`).
   */
  connect(options?: ConnectOptions): Promise<AgentStatus>;
  /** Ends the shared session, for the agent too; what the agent pushed is taken down. */
  disconnect(): Promise<void>;
  /** Where the shared session stands; `on('agent', …)` hears each change. */
  readonly agent: AgentStatus;
  /** The user's own settings: how proactive help is (docs/rule-packs.md#layered-service). */
  readonly preferences: ZeroCallPreferences;
  /** For designers testing a pack: the struggle score and a recording of the session. */
  readonly debug: ZeroCallDebug;
  /** Listens to SDK events; returns a function that removes the listener. */
  on<K extends keyof ZeroCallEvents>(type: K, listener: (detail: ZeroCallEvents[K]) => void): () => void;
  /** Stops watching, takes down any help on screen and delivers queued telemetry. */
  shutdown(): Promise<void>;
  /** The SDK version. */
  readonly version: string;
}

/**
 * How proactive help is for this user (layered service): `useful` whenever a rule finds it
 * useful, `stuck` only when the user is stuck (high-confidence rules and the struggle score),
 * `off` never. Kept across visits; `on('preferences')` hears each change.
 */
export interface ZeroCallPreferences {
  /** The level now: the user's choice, else the pack's default for their segment. */
  readonly help: HelpLevel;
  /** `user`: chosen; `segment`: the pack's default for the user's segment; `pack`: the pack's default. */
  readonly source: HelpSource;
  /** Sets the level (`null`: back to the pack's default); remembered for later visits. */
  set(p: { help: HelpLevel | null }): void;
}

/** The debug API (`ZeroCall.debug`). */
export interface ZeroCallDebug {
  /** The struggle score now, with the features that contribute most; undefined while not running. */
  score(): StruggleExplanation | undefined;
  /** Starts (true) or stops (false) recording this session's events, in memory, up to 20,000. */
  record(on: boolean): void;
  /** The recording as NDJSON for `zerocall simulate` (events carry no values or text); empty while not running. */
  exportSession(): string;
  /** Telemetry counters (sent, dropped by reason, whether the queue is durable); undefined without an endpoint or when tracking is declined. */
  telemetry(): TransportStats | undefined;
  /**
   * Opens (true, the default) or closes (false) the designer inspector, as `?zc-debug` does; it stays open
   * on this tab's later pages until closed. What happened before it was first opened in a page load is not shown.
   */
  inspect(on?: boolean): void;
}

/** How the API reports misuse: the npm package throws, the script tag warns once. */
export type Misuse = 'throw' | 'warn';

const PRE_INIT_LIMIT = 100;
/** With a good copy cached, how long a revalidation may take before the copy runs, ms. */
const PACK_TIMEOUT_CACHED_MS = 3000;

/** Builds the API object around a component loader. */
export function createZeroCall(
  load: ChunkLoader,
  misuse: Misuse,
  telemetryWorker?: () => WorkerPort,
  inspectorChunk?: () => Promise<InspectorChunk>,
  agentChunk?: () => Promise<AgentChunk>,
): ZeroCallApi {
  const listeners = new Map<string, Set<(detail: never) => void>>();
  let runtime: Runtime | undefined;
  let state: 'idle' | 'starting' | 'running' = 'idle';
  const early: Array<{ name: string; t: number }> = [];
  let context: Record<string, string | number | boolean> = {};
  let consent: boolean | undefined;
  let recording = false;
  let inspectorAllowed = true;
  /** Takes the inspector down (or stops it from appearing, while it loads). */
  let closeInspector: (() => void) | undefined;
  const host: HostRegistry = { providers: new Map(), actions: new Map() };
  /** A choice made before init, or read from the store at init; null: none (the pack's default). */
  let help: HelpLevel | null | undefined;
  let agentStatus: AgentStatus = { state: 'off' };
  /** The shared session's channel; kept once ended, so shutdown can take its notice down. */
  let channel: AgentChannel | undefined;
  let agentDefaults: ConnectOptions | undefined;
  /** What connect() was last given, for "Get a new code". */
  let lastConnect: ConnectOptions | undefined;
  let starting: Promise<AgentStatus> | undefined;
  /** Moves on with each disconnect or shutdown, so a channel still loading knows it is no longer wanted. */
  let agentEpoch = 0;
  const setAgent = (s: AgentStatus): void => {
    agentStatus = s;
    notify('agent', s);
  };
  const sharingNow = (): boolean => channel !== undefined && !['off', 'ended', 'failed'].includes(agentStatus.state);
  const isSelector = (s: string): boolean => {
    try {
      window.document.createDocumentFragment().querySelector(s);
      return true;
    } catch {
      return false;
    }
  };
  /** provide() and action(): the same checks, into one of the registry's maps. */
  const register = <F>(verb: string, map: Map<string, F>, name: unknown, fn: unknown): (() => void) => {
    if (typeof name !== 'string' || !/^[A-Za-z][\w.-]{0,63}$/.test(name) || typeof fn !== 'function') {
      fail(verb, `${verb}(name, fn) needs a name of letters, digits, ".", "_" or "-" (starting with a letter, at most 64) and a function.`);
      return () => undefined;
    }
    map.set(name, fn as F);
    return () => void (map.get(name) === fn && map.delete(name));
  };
  // Opened on the first init, not at import: the npm entry may be imported where there is no window.
  let opened: Store | undefined;
  const storeIn = (win: Window): Store => (opened ??= openStore(win));

  /**
   * The pack to run, or why there is none. A URL is fetched with the ETag of the last good copy
   * (a 304 reuses it); when the fetch fails or the new pack is invalid or unsigned, the last
   * good copy runs instead and the console says so. A pack is only cached once it passed.
   */
  async function obtainPack(config: ZeroCallConfig, options: ValidateOptions, win: Window): Promise<RulePack | string> {
    const verified = async (p: RulePack): Promise<string | undefined> => {
      if (config.publicKey === undefined) return undefined;
      const v = await verifyPack(p, config.publicKey);
      return v.ok ? undefined : v.error;
    };
    if (typeof config.pack !== 'string') {
      const result = checkPack(config.pack, options);
      if (!result.ok) return result.error;
      const refused = await verified(result.pack);
      return refused ? `pack ${result.pack.id}: ${refused}` : result.pack;
    }
    const url = config.pack;
    const store = storeIn(win);
    const cached = await store.getPack(url);
    const good = cached && checkPack(cached.pack, options).ok && !(await verified(cached.pack)) ? cached : undefined;
    const result = await loadPack(url, { ...options, fetch: win.fetch.bind(win), etag: good?.etag, timeout: good ? PACK_TIMEOUT_CACHED_MS : undefined });
    if (result.ok === 'not-modified') return good!.pack;
    const refused = result.ok ? await verified(result.pack) : undefined;
    const error = result.ok ? (refused ? `pack ${url}: ${refused}` : undefined) : result.error;
    if (error === undefined && result.ok) {
      void store.putPack(url, { pack: result.pack, etag: result.etag, saved: Date.now() });
      return result.pack;
    }
    if (!good) return error!;
    warnOnce('last-good', `${error}. Running the last good version, ${good.pack.id}@${good.pack.version}, until it is fixed.`);
    return good.pack;
  }

  const fail = (code: string, message: string): void => {
    if (misuse === 'throw') throw new TypeError(`ZeroCall: ${message}`);
    warnOnce(code, message);
  };

  const notify = <K extends keyof ZeroCallEvents>(type: K, detail: ZeroCallEvents[K]): void => {
    for (const listener of listeners.get(type) ?? []) {
      try {
        (listener as (d: ZeroCallEvents[K]) => void)(detail);
      } catch (error) {
        // A host listener's fault is the host's: report it, keep the SDK and the other listeners running.
        warnOnce(`listener-${type}`, `a "${type}" listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const dormant = (message: string): false => {
    state = 'idle';
    warnOnce('dormant', `${message}. Zero Call stays dormant on this page.`);
    notify('error', { message });
    return false;
  };

  async function init(config: ZeroCallConfig): Promise<boolean> {
    if (state !== 'idle') {
      fail('init-twice', 'init() was already called; call shutdown() first to re-initialise.');
      return false;
    }
    const pack: unknown = config?.pack;
    const badTelemetry = checkTelemetry(config?.telemetry);
    if (badTelemetry) {
      fail('init-telemetry', badTelemetry);
      return false;
    }
    if (!(typeof pack === 'string' && pack.trim() !== '') && !(typeof pack === 'object' && pack !== null)) {
      fail('init-pack', 'init() needs { pack: "<url of the rule pack>" } (or data-pack on the script tag).');
      return false;
    }
    state = 'starting';
    const win = window;
    const options = { sdkVersion: SDK_VERSION, isSelector };
    const loaded = await obtainPack(config, options, win);
    if (state !== 'starting') return false; // shut down while the pack loaded
    if (typeof loaded === 'string') return dormant(loaded);
    if (loaded.enabled === false) return dormant(`pack ${loaded.id}@${loaded.version} is switched off ("enabled": false)`);
    const [memory, saved, flows] = await Promise.all([storeIn(win).getMemory(loaded.id), storeIn(win).getPreferences(), storeIn(win).getFlows(loaded.id)]);
    // A choice made while the pack loaded wins over the stored one.
    if (help === undefined) help = saved?.help ?? null;
    if (state !== 'starting') return false;
    inspectorAllowed = config.inspector !== false && inspectorChunk !== undefined;
    const inspect = inspectorAllowed && inspectorWanted(win);
    try {
      runtime = startRuntime(
        loaded,
        {
          endpoint: config.endpoint,
          locale: uiLocale(config.locale, win.document.documentElement.lang, win.navigator.language),
          sid: tabSession(win),
          allowParams: Array.isArray(config.allowParams) ? config.allowParams.filter((p) => typeof p === 'string') : [],
          ownUrls: typeof config.pack === 'string' ? [config.pack] : [],
          consent: consent ?? config.consent !== 'pending',
          context,
          subject: anonymousId(win),
          memory,
          flows,
          host,
          telemetry: config.telemetry,
          privacySignals: config.privacySignals,
          inspect,
          record: recording,
          ...(help ? { help } : {}),
        },
        {
          win,
          load,
          notify,
          now: () => Date.now(),
          every: (ms, fn) => {
            const id = win.setInterval(fn, ms);
            return () => win.clearInterval(id);
          },
          after: (ms, fn) => {
            const id = win.setTimeout(fn, ms);
            return () => win.clearTimeout(id);
          },
          store: storeIn(win),
          telemetryWorker,
          preferences: (level) => api.preferences.set({ help: level }),
        },
      );
    } catch (error) {
      return dormant(`could not start (${error instanceof Error ? error.message : String(error)})`);
    }
    state = 'running';
    for (const e of early.splice(0)) runtime.track(e.name, e.t);
    notify('ready', { pack: runtime.pack });
    if (inspect) openInspector();
    agentDefaults = config.agentChannel;
    // The tab shares a session with an agent already (a reload, the next page): carry on with it.
    if (agentDefaults || sharing(win)) void startAgent(agentDefaults);
    return true;
  }

  /** The level of help that applies now; before init, the choice made so far (the pack's is not known yet). */
  const preferenceNow = (): { readonly help: HelpLevel; readonly source: HelpSource } => runtime?.help() ?? (help ? { help, source: 'user' } : { help: 'useful', source: 'pack' });

  /** Opens (or resumes) the shared session unless one is open or opening; resolves once it settled. */
  function startAgent(options: ConnectOptions | undefined): Promise<AgentStatus> {
    if (starting) return starting;
    if (sharingNow()) return Promise.resolve(agentStatus);
    lastConnect = options ?? lastConnect;
    starting = openAgent(options).finally(() => (starting = undefined));
    return starting;
  }

  /** Loads the agent file and starts its channel over this runtime. */
  async function openAgent(options: ConnectOptions | undefined): Promise<AgentStatus> {
    const r = runtime;
    if (!r || !agentChunk) return agentStatus;
    const epoch = agentEpoch;
    // An ended session's notice gives way to the new one.
    channel?.detach();
    channel = undefined;
    setAgent({ state: 'connecting' });
    try {
      const chunk = await agentChunk();
      if (runtime !== r) return agentStatus;
      if (epoch !== agentEpoch) {
        setAgent({ state: 'off' }); // disconnected while the file loaded
        return agentStatus;
      }
      const settled = new Promise<AgentStatus>((resolve) => {
        const off = api.on('agent', (s) => s.state !== 'connecting' && (off(), resolve(s)));
      });
      channel = chunk.startChannel(r.agent({ status: setAgent, warn: warnOnce, isSelector, renew: () => void startAgent(lastConnect) }), options);
      return await settled;
    } catch (error) {
      setAgent({ state: 'failed', error: `the agent channel could not start (${error instanceof Error ? error.message : String(error)})` });
      return agentStatus;
    }
  }

  /** Loads the inspector file and shows it over this runtime; closing it forgets the tab's `?zc-debug`. */
  function openInspector(): void {
    const r = runtime;
    if (!r || !inspectorChunk || closeInspector) return;
    let cancelled = false;
    closeInspector = () => void (cancelled = true);
    inspectorChunk().then(
      (chunk) => {
        if (cancelled || runtime !== r) return;
        closeInspector = chunk.mountInspector(
          r.inspector(() => {
            remember(window, false);
            closeInspector = undefined;
          }),
          window.document,
        );
      },
      (error: unknown) => {
        closeInspector = undefined;
        warnOnce('inspector', `the inspector could not load (${error instanceof Error ? error.message : String(error)})`);
      },
    );
  }

  const api: ZeroCallApi = {
    init,
    async connect(options) {
      const o = options ?? agentDefaults;
      if (!runtime || !agentChunk) {
        fail('connect', 'connect() needs a running SDK: call it after init() resolved true.');
        return agentStatus;
      }
      if (typeof o?.url !== 'string' || o.url === '' || (o.token !== undefined && typeof o.token !== 'string')) {
        fail('connect', 'connect({ url, token }) needs the relay URL (or data-agent-channel on the script tag) and, if given, a string token.');
        return agentStatus;
      }
      return startAgent(o);
    },
    async disconnect() {
      agentEpoch++;
      await channel?.end();
    },
    get agent() {
      return agentStatus;
    },
    preferences: {
      get help() {
        return preferenceNow().help;
      },
      get source() {
        return preferenceNow().source;
      },
      set(p) {
        const next = p?.help;
        if (next !== null && !isHelpLevel(next)) {
          return fail('preferences', 'preferences.set({ help }) needs "useful", "stuck", "off", or null for the pack\'s default.');
        }
        help = next;
        // Kept for later visits (not where there is no window yet: the npm entry may load in a server render).
        if (typeof window !== 'undefined') void storeIn(window).putPreferences(next === null ? {} : { help: next });
        runtime?.setHelp(next ?? undefined);
        notify('preferences', preferenceNow());
      },
    },
    track(name) {
      if (typeof name !== 'string' || name.length === 0 || name.length > 64) return fail('track-name', 'track(name) needs an event name of 1 to 64 characters.');
      if (runtime) runtime.track(name);
      else if (early.length < PRE_INIT_LIMIT) early.push({ name, t: Date.now() });
    },
    identify(values) {
      const entries = typeof values === 'object' && values !== null ? Object.entries(values) : undefined;
      const ok = entries !== undefined && entries.length <= 50 && entries.every(([k, v]) => k.length > 0 && k.length <= 64 && ['string', 'number', 'boolean'].includes(typeof v) && String(v).length <= 200);
      if (!ok) return fail('identify', 'identify(values) needs an object of at most 50 keys, each a string, number or boolean (strings up to 200 characters).');
      context = { ...context, ...values };
      runtime?.identify(values);
    },
    provide: (name, provider) => register('provide', host.providers, name, provider),
    action: (name, run) => register('action', host.actions, name, run),
    consent(granted) {
      if (typeof granted !== 'boolean') return fail('consent', 'consent(granted) needs true or false.');
      consent = granted;
      runtime?.consent(granted);
    },
    debug: {
      score: () => runtime?.score(),
      record(on) {
        recording = on === true;
        runtime?.record(recording);
      },
      exportSession: () => runtime?.exportSession() ?? '',
      telemetry: () => runtime?.telemetry(),
      inspect(on = true) {
        if (!inspectorAllowed || !inspectorChunk) return fail('inspect', 'the inspector is switched off (init({ inspector: false }) or data-inspector="off").');
        remember(window, on !== false);
        if (on !== false) return openInspector();
        closeInspector?.();
        closeInspector = undefined;
      },
    },
    on(type, listener) {
      if (typeof listener !== 'function') {
        fail('on-listener', `on("${String(type)}", listener) needs a function.`);
        return () => undefined;
      }
      const set = listeners.get(type) ?? new Set();
      set.add(listener as (detail: never) => void);
      listeners.set(type, set);
      return () => void set.delete(listener as (detail: never) => void);
    },
    async shutdown() {
      closeInspector?.();
      closeInspector = undefined;
      // Stopping takes help down, the agent's too: the shared session ends (a page load does not stop the SDK; it resumes).
      agentEpoch++;
      const c = channel;
      channel = undefined;
      // Not awaited: a relay that does not answer must not hold the shutdown (it lets the session expire).
      void c?.end();
      c?.detach();
      if (agentStatus.state !== 'off') setAgent({ state: 'off' });
      const r = runtime;
      runtime = undefined;
      state = 'idle';
      help = undefined; // the next init reads it from the store again
      await r?.stop();
    },
    version: SDK_VERSION,
  };
  return api;
}

/** Whether this tab is sharing a session with an agent (kept across its page loads). */
function sharing(win: Window): boolean {
  try {
    return win.sessionStorage.getItem(AGENT_KEY) !== null;
  } catch {
    return false;
  }
}

/** A tab's visit ends after this long without a page load or a page leaving it, ms. */
const VISIT_GAP = 30 * 60_000;
const visitWatched = new WeakSet<Window>();

/**
 * The session id telemetry groups by: one per visit in this tab, so a reload or a second page
 * of a multi-page app stays in the same session (sessionStorage `zc:sid`, id and last-seen
 * time), and a tab left alone for 30 minutes starts a new one. Without sessionStorage: one per
 * page load.
 */
function tabSession(win: Window): string {
  const KEY = 'zc:sid';
  try {
    const [known = '', at = '0'] = (win.sessionStorage.getItem(KEY) ?? '').split(' ');
    const id = known && Date.now() - Number(at) < VISIT_GAP ? known : uid();
    win.sessionStorage.setItem(KEY, `${id} ${Date.now()}`);
    // Once per page, however often the SDK is started in it.
    if (!visitWatched.has(win)) {
      visitWatched.add(win);
      win.addEventListener('pagehide', () => {
        try {
          const [current = ''] = (win.sessionStorage.getItem(KEY) ?? '').split(' ');
          if (current) win.sessionStorage.setItem(KEY, `${current} ${Date.now()}`);
        } catch {
          // Storage gone (quota, privacy mode): the next load starts a new visit.
        }
      });
    }
    return id;
  } catch {
    return uid();
  }
}

/**
 * A random id for this browser, kept in localStorage, from which the pack's holdout is drawn so
 * a user stays in or out on every visit. Never sent. Without storage, one per page load.
 */
function anonymousId(win: Window): string {
  const KEY = 'zc:aid';
  try {
    const known = win.localStorage.getItem(KEY);
    if (known) return known;
    const id = uid();
    win.localStorage.setItem(KEY, id);
    return id;
  } catch {
    return uid();
  }
}

const INSPECT_KEY = 'zc:inspect';

/** Remembers for this tab whether the inspector is wanted; without storage, only this page knows. */
function remember(win: Window, on: boolean): void {
  try {
    if (on) win.sessionStorage.setItem(INSPECT_KEY, '1');
    else win.sessionStorage.removeItem(INSPECT_KEY);
  } catch {
    // Storage blocked: the query asks again on the next page.
  }
}

/** `?zc-debug` asks for the inspector in this tab, on this page and its later ones; `?zc-debug=off` stops asking. */
function inspectorWanted(win: Window): boolean {
  const asked = new URLSearchParams(win.location.search).get('zc-debug');
  if (asked !== null) remember(win, asked !== 'off' && asked !== '0');
  try {
    return win.sessionStorage.getItem(INSPECT_KEY) === '1';
  } catch {
    return asked !== null && asked !== 'off' && asked !== '0';
  }
}

/** Ranges for `telemetry` options: [min, max]. */
const TELEMETRY_RANGES: Record<string, [number, number]> = { batchSize: [1, 500], flushInterval: [100, 600_000], maxQueue: [10, 100_000], maxQueueBytes: [65_536, 50_000_000] };

/** What is wrong with init's `telemetry`, or undefined. */
function checkTelemetry(t: unknown): string | undefined {
  if (t === undefined) return undefined;
  if (typeof t !== 'object' || t === null) return 'init({ telemetry }) needs an object.';
  for (const [key, value] of Object.entries(t)) {
    const range = TELEMETRY_RANGES[key];
    if (key === 'format' ? value === 'zerocall' || value === 'otlp' : key === 'worker' ? value === false || typeof value === 'function' : range && Number.isInteger(value) && value >= range[0] && value <= range[1]) continue;
    const why =
      key === 'format'
        ? 'format must be "zerocall" or "otlp"'
        : key === 'worker'
          ? 'worker must be false or a function that starts zerocall/worker'
          : range
            ? `${key} must be a whole number from ${range[0]} to ${range[1]}`
            : `unknown option "${key}"`;
    return `init({ telemetry }): ${why}.`;
  }
  return undefined;
}
