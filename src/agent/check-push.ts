import type { AgentHost } from './agent-host.js';
import type { MessageProblem, PushMessage } from './protocol.js';
import type { FlowSolution, FlowStep, Solution } from '../pack/types.js';

/** A push the page may show: its solution and how its string ids read. */
export interface CheckedPush {
  readonly solution: Solution | FlowSolution;
  readonly text: (id: string) => string;
}

/** The string id a pushed remedy's confirmation reads when the push brought none. */
const CONFIRM = '@agent-confirm';

type Body = Omit<Solution, 'placement'>;

/** A remedy always asks first when an agent pushed it (`next` after a picker included); a question that reads as nothing is no question. */
const confirmed = (s: Body, text: (id: string) => string): Body =>
  s.action && !text(s.action.confirm ?? '').trim() ? { ...s, action: { ...s.action, confirm: CONFIRM } } : s.next ? { ...s, next: confirmed(s.next, text) } : s;

/** Every remedy of a solution, or of every step of a flow, asks first (written out here: this lazy file imports no core code). */
const confirmedAll = (s: Solution | FlowSolution, text: (id: string) => string): Solution | FlowSolution =>
  'flow' in s
    ? { ...s, flow: { ...s.flow, steps: Object.fromEntries(Object.entries(s.flow.steps).map(([id, step]) => [id, confirmed(step, text) as FlowStep])) } }
    : { ...confirmed(s, text), placement: s.placement };

/** The URLs a solution sends the user or their data to: links, upload and hand-off endpoints, in every step. */
const destinations = (s: Body | FlowSolution | undefined): string[] =>
  !s
    ? []
    : 'flow' in s
      ? Object.values(s.flow.steps).flatMap(destinations)
      : [...(s.actions ?? []).map((a) => a.href), ...[s.upload?.endpoint, s.handoff?.endpoint].filter((u): u is string => u !== undefined), ...destinations(s.next)];

/**
 * Checks a push against this page's pack exactly as the pack's own solutions are checked: a
 * named rule must exist and be on; an inline solution must validate, its string ids defined
 * in the push's strings or the pack's; every host name it needs must be registered. An inline
 * solution may send the user or their files only to this site's paths or to URLs the pack
 * itself uses: a relay in the wrong hands must not turn help into a phishing link or a leak.
 * Problems are located in the push (`/solution/action/host: …`), for the agent to read.
 */
export function checkPush(push: PushMessage, host: AgentHost, confirm: string): CheckedPush | MessageProblem[] {
  const { pack, locale } = host;
  let solution: Solution | FlowSolution;
  let text = host.text;
  if (push.rule !== undefined) {
    const rule = pack.rules.find((r) => r.id === push.rule);
    if (!rule) return [{ path: '/rule', message: `no rule "${push.rule}" in the page's pack ${host.ref}` }];
    if (rule.enabled === false) return [{ path: '/rule', message: `rule "${push.rule}" is switched off in the pack` }];
    solution = rule.solution;
  } else {
    const own = push.strings ?? {};
    const tables = [own[locale], own[pack.locale ?? 'en'], ...Object.values(own)].filter((t) => t !== undefined);
    // No prototype: a string id such as "constructor" is defined only if someone defined it.
    const defined = Object.assign(Object.create(null) as Record<string, string>, pack.strings[pack.locale ?? 'en'], pack.strings[locale], ...[...tables].reverse());
    const problems = host.validate(push.solution, '/solution', defined);
    if (problems.length > 0) return problems;
    solution = push.solution as Solution | FlowSolution;
    const known = new Set(pack.rules.flatMap((r) => destinations(r.solution)));
    const foreign = destinations(solution).filter((u) => !u.startsWith('/') && !known.has(u));
    if (foreign.length) return [{ path: '/solution', message: `sends the user to ${foreign.join(', ')}: a push may link or upload only to this site's paths, or to URLs the pack itself uses` }];
    text = (id) => tables.find((t) => Object.hasOwn(t, id))?.[id] ?? host.text(id);
  }
  // A remedy the page never registered would be a broken button: refuse it here, where the agent hears why.
  const missing = host.missing(solution);
  if (missing.length) return [{ path: push.rule ? '/rule' : '/solution', message: `the page has not registered ${missing.join(' and ')}, which the solution needs` }];
  return { solution: confirmedAll(solution, text), text: (id) => (id === CONFIRM ? confirm : text(id)) };
}
