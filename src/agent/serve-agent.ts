import type { ZcRecord } from '../../components/host.js';
import type { Guard } from '../core/guard.js';
import type { CompiledPack } from '../engine/compile-pack.js';
import type { OutcomeKind, Signal, ZcEvent } from '../engine/types.js';
import type { HandoffLog } from '../mount/handoff-log.js';
import { missingHostNames, type HostRegistry } from '../mount/host-bridge.js';
import type { UiLocale } from '../mount/locale.js';
import type { Mounter, OutcomeExtra } from '../mount/mount.js';
import type { Solution } from '../pack/types.js';
import { SDK_VERSION } from '../version.js';
import type { AgentHost, AgentListener, AgentStatus } from './agent-host.js';
import { checkPush } from './check-push.js';

/** Surfaces an agent pushed carry the rule `agent:<push id>`; pack rule ids cannot contain ":". */
export const AGENT_RULE = 'agent:';
/** The string id a pushed remedy's confirmation reads when the push brought none. */
const CONFIRM = '@agent-confirm';

/** A remedy always asks first when an agent pushed it (`next` after a picker included). */
const confirmed = (s: Omit<Solution, 'placement'>): Omit<Solution, 'placement'> =>
  s.action && !s.action.confirm ? { ...s, action: { ...s.action, confirm: CONFIRM } } : s.next ? { ...s, next: confirmed(s.next) } : s;

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
  readonly feed: (e: ZcEvent) => void;
  readonly isSelector: (s: string) => boolean;
  readonly status: (s: AgentStatus) => void;
  readonly warn: (code: string, message: string) => void;
}

/** The agent channel's view of a running SDK (agent-host.ts). */
export function serveAgent(d: AgentDeps): AgentHost {
  const pack = d.compiled.pack;
  return {
    win: d.win,
    locale: d.locale,
    sdk: SDK_VERSION,
    pack: d.compiled.ref,
    guard: d.guard,
    now: d.now,
    after: d.after,
    own: (prefix) => void d.ownPrefixes.push(new URL(prefix, d.win.location.href).href),
    check(push) {
      const checked = checkPush(push, pack, d.locale, { sdkVersion: SDK_VERSION, isSelector: d.isSelector });
      if (Array.isArray(checked)) return checked;
      // A remedy the page never registered would be a broken button: refuse it here, where the agent hears why.
      const missing = missingHostNames(checked.solution, d.host);
      if (missing.length) return [{ path: push.rule ? '/rule' : '/solution', message: `the page has not registered ${missing.join(' and ')}, which the solution needs` }];
      return {
        mount: (record: ZcRecord | undefined, confirm: string) =>
          d.mounter.mount({
            rule: AGENT_RULE + push.id,
            solution: { ...confirmed(checked.solution), placement: checked.solution.placement },
            target: undefined,
            text: (id) => (id === CONFIRM ? confirm : checked.text(id)),
            record,
            // The agent means it for the page the user is on: where its placement is missing, the corner.
            fallback: 'end',
          }),
      };
    },
    close: (push) => d.mounter.close(AGENT_RULE + push),
    listen(l) {
      d.listeners.add(l);
      return () => void d.listeners.delete(l);
    },
    context() {
      const p = d.handoff.packet('', undefined, d.page(), d.now());
      return {
        page: p.page,
        pages: p.pages,
        signals: p.signals.map(({ signal, t, page, target }) => ({ signal, t, page, ...(target ? { target } : {}) })),
        pack: d.compiled.ref,
        locale: d.locale,
        actions: [...d.host.actions.keys()],
        providers: [...d.host.providers.keys()],
        rules: pack.rules.filter((r) => r.enabled !== false).map((r) => ({ id: r.id, component: r.solution.component })),
      };
    },
    paired: (on) => d.feed({ type: 'agent', on, t: d.now(), page: d.page() }),
    status: d.status,
    warn: d.warn,
  };
}

/** Tells the agent channel about a signal, if one listens. */
export function tellSignal(listeners: ReadonlySet<AgentListener>, s: Signal): void {
  for (const l of listeners) l.signal({ signal: s.signal, t: s.t, page: s.page, ...(s.target ? { target: s.target.fp } : {}) });
}

/** Routes an outcome of a pushed surface to the agent channel; false for the pack's own rules. */
export function tellOutcome(listeners: ReadonlySet<AgentListener>, rule: string, outcome: OutcomeKind, extra: OutcomeExtra, record: ZcRecord | undefined): boolean {
  if (!rule.startsWith(AGENT_RULE)) return false;
  for (const l of listeners) l.outcome(rule.slice(AGENT_RULE.length), outcome, extra, record);
  return true;
}
