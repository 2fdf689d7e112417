import type { ZcRecord } from '../../components/host.js';
import type { Guard } from '../core/guard.js';
import type { CompiledPack } from '../engine/compile-pack.js';
import type { OutcomeKind, Signal, ZcEvent } from '../engine/types.js';
import type { HandoffLog } from '../mount/handoff-log.js';
import { missingHostNames, type HostRegistry } from '../mount/host-bridge.js';
import type { UiLocale } from '../mount/locale.js';
import type { Mounter, OutcomeExtra } from '../mount/mount.js';
import { packText } from '../mount/surface-props.js';
import { checkSolution } from '../pack/check-solution.js';
import type { PackProblem } from '../pack/checks.js';
import { selector } from '../pack/validate-pack.js';
import { SDK_VERSION } from '../version.js';
import { AGENT_KEY, type AgentHost, type AgentListener, type AgentStatus } from './agent-host.js';

/** Surfaces an agent pushed carry the rule `agent:<push id>`; pack rule ids cannot contain ":". */
const AGENT_RULE = 'agent:';

/** What the runtime lends the agent channel. */
export interface AgentDeps {
  readonly win: Window;
  readonly compiled: CompiledPack;
  readonly locale: UiLocale;
  readonly guard: Guard;
  readonly host: HostRegistry;
  readonly mounter: Mounter;
  readonly handoff: HandoffLog;
  readonly listeners: Set<AgentListener>;
  readonly ownPrefixes: string[];
  readonly now: () => number;
  readonly after: (ms: number, fn: () => void) => () => void;
  readonly page: () => string;
  /** The privacy scrubber telemetry and hand-offs go through (transport/scrub.ts). */
  readonly scrub: <T>(value: T) => T;
  readonly feed: (e: ZcEvent) => void;
  readonly isSelector: (s: string) => boolean;
  readonly status: (s: AgentStatus) => void;
  readonly warn: (code: string, message: string) => void;
  readonly renew: () => void;
}

/**
 * The agent channel's view of a running SDK (agent-host.ts): the core's own validator, host
 * registry and mount stage, lent as functions. What a push means is decided in the lazy file.
 */
export function serveAgent(d: AgentDeps): AgentHost {
  const validation = { sdkVersion: SDK_VERSION, isSelector: d.isSelector };
  return {
    win: d.win,
    locale: d.locale,
    sdk: SDK_VERSION,
    pack: d.compiled.pack,
    ref: d.compiled.ref,
    store: AGENT_KEY,
    guard: d.guard,
    now: d.now,
    after: d.after,
    own: (prefix) => void d.ownPrefixes.push(new URL(prefix, d.win.location.href).href),
    validate(solution, at, strings) {
      const out: PackProblem[] = [];
      checkSolution(solution, at, { strings, selector: (o, key, path, allowTarget) => selector(o, key, path, validation, out, allowTarget) }, out);
      return out;
    },
    missing: (s) => missingHostNames(s, d.host),
    names: () => ({ actions: [...d.host.actions.keys()], providers: [...d.host.providers.keys()] }),
    text: packText(d.compiled.pack, d.locale),
    // The agent means it for the page the user is on: where its placement is missing, the corner.
    mount: (push, m) => d.mounter.mount({ ...m, rule: AGENT_RULE + push, target: undefined, fallback: 'end' }),
    close: (push) => d.mounter.close(AGENT_RULE + push),
    listen(l) {
      d.listeners.add(l);
      return () => void d.listeners.delete(l);
    },
    packet: () => d.scrub(d.handoff.packet('', undefined, d.page(), d.now())),
    paired: (on) => d.feed({ type: 'agent', on, t: d.now(), page: d.page() }),
    status: d.status,
    warn: d.warn,
    renew: d.renew,
  };
}

/** Tells the agent channel about a signal, if one listens: scrubbed like everything else that leaves the page. */
export function tellSignal(listeners: ReadonlySet<AgentListener>, s: Signal, scrub: <T>(value: T) => T): void {
  if (listeners.size === 0) return;
  const told = scrub({ signal: s.signal, t: s.t, page: s.page, ...(s.target ? { target: s.target.fp } : {}) });
  for (const l of listeners) l.signal(told);
}

/** Routes an outcome of a pushed surface to the agent channel; false for the pack's own rules. */
export function tellOutcome(listeners: ReadonlySet<AgentListener>, rule: string, outcome: OutcomeKind, extra: OutcomeExtra, record: ZcRecord | undefined): boolean {
  if (!rule.startsWith(AGENT_RULE)) return false;
  for (const l of listeners) l.outcome(rule.slice(AGENT_RULE.length), outcome, extra, record);
  return true;
}
