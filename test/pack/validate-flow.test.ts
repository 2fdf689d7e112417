import { expect } from '@open-wc/testing';
import { formatProblem } from '../../src/pack/checks.js';
import { validatePack } from '../../src/pack/validate-pack.js';
import type { FlowSolution, RulePack } from '../../src/pack/types.js';

/**
 * Flows as the validator sees them (src/pack/check-flow.ts): a good flow passes, and each bad one
 * gets exactly one located error naming the mistake. The fixture is the order flow of
 * flows.pack.json; each case changes it at JSON pointers under the rule's solution.
 */
const PACK = (await (await fetch(new URL('../fixtures/flows.pack.json', import.meta.url))).json()) as RulePack;
const F = '/rules/0/solution/flow';
const errors = (pack: unknown) => validatePack(pack, { sdkVersion: '0.1.0' }).map(formatProblem);

/** The fixture with values at pointers under `/rules/0/solution` replaced (undefined: removed); "" is the whole solution. */
function withChanges(changes: Readonly<Record<string, unknown>>): unknown {
  const pack = structuredClone(PACK) as unknown as { rules: Array<Record<string, unknown>> };
  for (const [pointer, value] of Object.entries(changes)) {
    const keys = ['solution', ...pointer.split('/').slice(1)];
    const last = keys.pop()!;
    const parent = keys.reduce((node, k) => (node as Record<string, unknown>)[k], pack.rules[0] as unknown) as Record<string, unknown>;
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  }
  return pack;
}
/** A whole flow in place of the fixture's, in the fixture's placement. */
const flowOf = (flow: unknown) => withChanges({ '/flow': flow });

// Steps over the fixture's strings, for flows built whole.
const action = (on?: unknown[]) => ({ component: 'zc-action', content: { title: 'stop' }, action: { host: 'stopDebit', label: 'stop.button' }, ...(on && { on }) });
const card = (on?: unknown[]) => ({ component: 'zc-card', content: { title: 'refunded', body: 'refunded.body' }, ...(on && { on }) });
const picker = (on?: unknown[]) => ({ component: 'zc-picker', content: { title: 'pick' }, source: 'orders', ...(on && { on }) });
const handoff = () => ({ component: 'zc-handoff', content: { title: 'agent' }, handoff: { channel: 'chat', via: 'contact' } });
/** The same destination for each outcome. */
const every = (outcomes: readonly string[], to: string) => outcomes.map((outcome) => ({ outcome, to }));
const CARD_RESULTS = ['helpful', 'unhelpful', 'engaged'];
const ACTION_RESULTS = ['action-succeeded', 'action-failed'];
const loopMessage = (loop: string) => `a loop without an exit (${loop}): every outcome leads back into it; add a transition to "end" or leave a result without a transition`;

describe('flow validation', () => {
  it('accepts the fixture\'s flow: a picker branching on the picked order, remedies, a card, a hand-off', () => {
    expect(errors(PACK)).to.deep.equal([]);
  });

  it('accepts retry loops with an exit, record tests, keep, and the picker shorthand', () => {
    const good: Array<[string, unknown]> = [
      ['a retry loop ended by a transition to "end"', withChanges({ '/flow/steps/recheck/on': [{ outcome: 'action-failed', to: 'recheck' }, { outcome: 'action-succeeded', to: 'end' }, { outcome: 'unhelpful', to: 'agent' }] })],
      ['a retry loop ended by a result without a transition', withChanges({ '/flow/steps/recheck/on': [{ outcome: 'action-failed', to: 'recheck' }] })],
      ['a loop of two steps left by "did this help?"', flowOf({ start: 'try', steps: { try: action(every(ACTION_RESULTS, 'check')), check: card([...every(['helpful', 'engaged'], 'try'), { outcome: 'unhelpful', to: 'agent' }]), agent: handoff() } })],
      ['a retry only while the order is pending', withChanges({ '/flow/steps/recheck/on': [{ outcome: 'action-failed', when: { record: 'status', is: 'pending' }, to: 'recheck' }, { outcome: 'action-failed', to: 'agent' }, { outcome: 'action-succeeded', to: 'end' }] })],
      [
        'record tests under all, any and not',
        withChanges({
          '/flow/steps/pick/on/2/when': { all: [{ any: [{ record: 'status', in: ['pending', 'paid'] }, { record: 'amount', gte: 10, lte: 500 }] }, { not: { record: 'id', isNot: 'o-1' } }, { record: 'autodebit', exists: false }] },
        }),
      ],
      ['a record test after the pick, on a remedy\'s outcome', withChanges({ '/flow/steps/recheck/on/0/when': { record: 'status', is: 'pending' } })],
      ['a transition on dismissed', withChanges({ '/flow/steps/refunded/on': [{ outcome: 'dismissed', to: 'agent' }] })],
      [
        'a hint, which ends a flow by being read, between a hand-off that failed and one that retries',
        flowOf({ start: 'agent', steps: { agent: { ...handoff(), on: [{ outcome: 'action-failed', to: 'later' }] }, later: { component: 'zc-tip', content: { body: 'refunded.body' }, on: [{ outcome: 'engaged', to: 'agent' }] } } }),
      ],
      ['kept a minute', withChanges({ '/flow/keep': '1m' })],
      ['kept a week, in hours', withChanges({ '/flow/keep': '168h' })],
      ['kept the default 30 minutes', withChanges({ '/flow/keep': undefined })],
      ['a flow of one step', flowOf({ start: 'only', steps: { only: card() } })],
      ['twelve steps', flowOf({ start: 's0', steps: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`s${i}`, card(i < 11 ? [{ outcome: 'helpful', to: `s${i + 1}` }] : undefined)])) })],
      ['the picker shorthand: picker + next', withChanges({ '': { component: 'zc-picker', placement: { dock: 'end' }, content: { title: 'pick' }, source: 'orders', next: card() } })],
    ];
    for (const [name, pack] of good) expect(errors(pack), name).to.deep.equal([]);
  });

  it('names the pointer and the mistake in each bad flow, once (corpus)', () => {
    const corpus: Array<[string, unknown, string]> = [
      // The graph.
      ['unknown start', withChanges({ '/flow/start': 'choose' }), `${F}/start: no step "choose" in "steps"; expected one of pick, stop, refunded, recheck, agent`],
      ['no start', withChanges({ '/flow/start': undefined }), `${F}/start: missing; expected the id of the step shown first`],
      ['unreachable step', withChanges({ '/flow/steps/extra': card() }), `${F}/steps/extra: unreachable: no transition leads here from "pick"`],
      ['dangling to', withChanges({ '/flow/steps/stop/on/1/to': 'agnet' }), `${F}/steps/stop/on/1/to: no step "agnet" in this flow; expected one of pick, stop, refunded, recheck, agent, end`],
      ['dangling to, the only way to a step (not also "unreachable")', withChanges({ '/flow/steps/pick/on/1/to': 'refundd' }), `${F}/steps/pick/on/1/to: no step "refundd" in this flow; expected one of pick, stop, refunded, recheck, agent, end`],
      ['two steps that lead to each other on every result', flowOf({ start: 'try', steps: { try: action(every(ACTION_RESULTS, 'check')), check: card(every(CARD_RESULTS, 'try')) } }), `${F}/steps/try: ${loopMessage('try → check → try')}`],
      ['a self-loop on every result', withChanges({ '/flow/steps/stop/on': every(ACTION_RESULTS, 'stop') }), `${F}/steps/stop: ${loopMessage('stop → stop')}`],
      [
        'a loop reached through another step, named once',
        flowOf({ start: 'a', steps: { a: card(every(CARD_RESULTS, 'b')), b: card(every(CARD_RESULTS, 'c')), c: card(every(CARD_RESULTS, 'd')), d: card(every(CARD_RESULTS, 'c')) } }),
        `${F}/steps/c: ${loopMessage('c → d → c')}`,
      ],
      ['a self-loop with a dangling way out (named as dangling only)', withChanges({ '/flow/steps/stop/on': [{ outcome: 'action-succeeded', to: 'stop' }, { outcome: 'action-failed', to: 'nope' }] }), `${F}/steps/stop/on/1/to: no step "nope" in this flow; expected one of pick, stop, refunded, recheck, agent, end`],
      // Transitions.
      ['an outcome the component never reports', withChanges({ '/flow/steps/stop/on/2': { outcome: 'picked', to: 'agent' } }), `${F}/steps/stop/on/2/outcome: expected an outcome zc-action reports: one of action-succeeded, action-failed, helpful, unhelpful, dismissed, got "picked"`],
      ['an outcome no component reports', withChanges({ '/flow/steps/pick/on/0/outcome': 'clicked' }), `${F}/steps/pick/on/0/outcome: expected an outcome zc-picker reports: one of picked, helpful, unhelpful, dismissed, got "clicked"`],
      ['a transition never taken', withChanges({ '/flow/steps/stop/on/2': { outcome: 'action-succeeded', to: 'agent' } }), `${F}/steps/stop/on/0: takes every "action-succeeded" (it has no "when"), so transition 2 after it can never be taken; give it a "when" or move it last`],
      [
        'a catch-all before the branches, named once',
        withChanges({ '/flow/steps/pick/on': [{ outcome: 'picked', to: 'recheck' }, ...(PACK.rules[0]!.solution as FlowSolution).flow.steps.pick!.on!] }),
        `${F}/steps/pick/on/0: takes every "picked" (it has no "when"), so transitions 1, 2, 3 after it can never be taken; give it a "when" or move it last`,
      ],
      ['a transition without "to"', withChanges({ '/flow/steps/stop/on/0/to': undefined }), `${F}/steps/stop/on/0/to: missing; expected a step id of this flow or "end"`],
      ['an unknown key in a transition', withChanges({ '/flow/steps/stop/on/0/if': 'ok' }), `${F}/steps/stop/on/0/if: unknown property; expected one of outcome, when, to`],
      ['no transitions in "on"', withChanges({ '/flow/steps/stop/on': [] }), `${F}/steps/stop/on: expected an array of 1 to 10 transitions, got an empty array`],
      ['too many transitions', withChanges({ '/flow/steps/stop/on': every(Array.from({ length: 11 }, () => 'action-failed'), 'agent') }), `${F}/steps/stop/on: expected an array of 1 to 10 transitions, got an array of 11`],
      // Record tests.
      ['"when" in a flow without a picker', flowOf({ start: 'stop', steps: { stop: action([{ outcome: 'action-failed', when: { record: 'status', is: 'pending' }, to: 'agent' }]), agent: handoff() } }), `${F}/steps/stop/on/0/when: tests the picked record, but no step of this flow is a zc-picker`],
      ['a record test with two tests', withChanges({ '/flow/steps/pick/on/1/when': { record: 'status', is: 'refunded', isNot: 'paid' } }), `${F}/steps/pick/on/1/when: expected one test of is, isNot, in, gte, lte, exists (or gte with lte), got is, isNot`],
      ['a record test with an unknown operator', withChanges({ '/flow/steps/pick/on/1/when': { record: 'status', matches: 'ref*' } }), `${F}/steps/pick/on/1/when/matches: "matches" is not a test of the record; expected one of is, isNot, in, gte, lte, exists`],
      ['a record test without a test', withChanges({ '/flow/steps/pick/on/1/when': { record: 'status' } }), `${F}/steps/pick/on/1/when: expected one test of is, isNot, in, gte, lte, exists (or gte with lte), got none`],
      ['a condition without an operator', withChanges({ '/flow/steps/pick/on/1/when': { field: 'status', is: 'refunded' } }), `${F}/steps/pick/on/1/when: expected one of all, any, not, record`],
      ['a record key with spaces', withChanges({ '/flow/steps/pick/on/1/when/record': 'order status' }), `${F}/steps/pick/on/1/when/record: expected a key of the record's data like "status", or "id", got "order status"`],
      ['a context test on the record', withChanges({ '/flow/steps/pick/on/1/when': { context: 'plan', is: 'pro' } }), `${F}/steps/pick/on/1/when: expected one of all, any, not, record`],
      ['two operators', withChanges({ '/flow/steps/pick/on/1/when': { any: [{ record: 'status', is: 'refunded' }], record: 'status', is: 'paid' } }), `${F}/steps/pick/on/1/when: one operator per condition, got any and record`],
      ['an empty any', withChanges({ '/flow/steps/pick/on/1/when': { any: [] } }), `${F}/steps/pick/on/1/when/any: expected an array of 1 to 10 conditions, got an empty array`],
      ['record tests nested too deep', withChanges({ '/flow/steps/pick/on/1/when': { not: { not: { not: { not: { record: 'status', is: 'refunded' } } } } } }), `${F}/steps/pick/on/1/when/not/not/not/not: conditions on the record nest at most 4 deep`],
      ['a bad list of values', withChanges({ '/flow/steps/pick/on/2/when/in': [] }), `${F}/steps/pick/on/2/when/in: expected an array of 1 to 100 strings or numbers, got an empty array`],
      // Steps.
      ['a step called "end" (not also unreachable)', withChanges({ '/flow/steps/end': card(), '/flow/steps/refunded': undefined, '/flow/steps/pick/on/1/to': 'end' }), `${F}/steps/end: a step id is lower-case letters, digits, "-" or "_", starting with a letter, and not "end"`],
      ['a step id in capitals', withChanges({ '/flow/steps/Refunded': card(), '/flow/steps/refunded': undefined, '/flow/steps/pick/on/1/to': 'Refunded' }), `${F}/steps/Refunded: a step id is lower-case letters, digits, "-" or "_", starting with a letter, and not "end"`],
      ['a step id starting with a digit', withChanges({ '/flow/steps/2nd': card(), '/flow/steps/refunded': undefined, '/flow/steps/pick/on/1/to': '2nd' }), `${F}/steps/2nd: a step id is lower-case letters, digits, "-" or "_", starting with a letter, and not "end"`],
      ['13 steps', flowOf({ start: 's0', steps: Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`s${i}`, card(i < 12 ? [{ outcome: 'helpful', to: `s${i + 1}` }] : undefined)])) }), `${F}/steps: expected 1 to 12 steps, got 13`],
      ['no steps', withChanges({ '/flow/steps': {} }), `${F}/steps: expected 1 to 12 steps, got 0`],
      ['steps as a list', withChanges({ '/flow/steps': [card()] }), `${F}/steps: expected an object, got an array of 1`],
      ['"next" inside a flow step', withChanges({ '/flow/steps/pick/next': card() }), `${F}/steps/pick/next: a flow step moves on with "on", e.g. [{ "outcome": "picked", "to": "<step id>" }], not "next"`],
      ['"placement" inside a flow step', withChanges({ '/flow/steps/refunded/placement': { dock: 'start' } }), `${F}/steps/refunded/placement: a flow's steps share one placement: give "placement" next to "flow", not in a step`],
      ['a step without its section', withChanges({ '/flow/steps/stop/action': undefined }), `${F}/steps/stop/action: missing; zc-action needs "action"`],
      ['a step with an unknown string id', withChanges({ '/flow/steps/refunded/content/title': 'nope' }), `${F}/steps/refunded/content/title: string id "nope" is not defined in the pack's locale strings`],
      ['a step that is not an object', withChanges({ '/flow/steps/refunded': 'card' }), `${F}/steps/refunded: expected an object, got "card"`],
      // The flow and the solution around it.
      ['kept under a minute', withChanges({ '/flow/keep': '30s' }), `${F}/keep: expected a duration from "1m" to "7d", got "30s"`],
      ['kept over a week', withChanges({ '/flow/keep': '8d' }), `${F}/keep: expected a duration from "1m" to "7d", got "8d"`],
      ['keep not a duration', withChanges({ '/flow/keep': 'a while' }), `${F}/keep: expected a duration from "1m" to "7d", got "a while"`],
      ['an unknown key in the flow', withChanges({ '/flow/begin': 'pick' }), `${F}/begin: unknown property; expected one of start, steps, keep`],
      ['a flow that is not an object', withChanges({ '/flow': ['pick'] }), `${F}: expected an object, got an array of 1`],
      ['a flow beside a component', withChanges({ '/component': 'zc-card' }), '/rules/0/solution/component: unknown property; expected one of placement, flow'],
      ['a flow without a placement', withChanges({ '/placement': undefined }), '/rules/0/solution/placement: missing; expected a placement'],
    ];
    for (const [name, pack, expected] of corpus) expect(errors(pack), name).to.deep.equal([expected]);
  });

  it('reports the mistakes of several steps at once, each where it is', () => {
    const pack = withChanges({ '/flow/steps/stop/on/0/outcome': 'picked', '/flow/steps/recheck/on/0/to': 'agnet', '/flow/keep': '9d' });
    expect(errors(pack)).to.deep.equal([
      `${F}/keep: expected a duration from "1m" to "7d", got "9d"`,
      `${F}/steps/stop/on/0/outcome: expected an outcome zc-action reports: one of action-succeeded, action-failed, helpful, unhelpful, dismissed, got "picked"`,
      `${F}/steps/recheck/on/0/to: no step "agnet" in this flow; expected one of pick, stop, refunded, recheck, agent, end`,
    ]);
  });

  it('lets a later step test the record its picker picked', () => {
    const flow = { start: 'pick', steps: { pick: picker([{ outcome: 'picked', to: 'stop' }]), stop: action([{ outcome: 'action-failed', when: { record: 'status', is: 'pending' }, to: 'agent' }]), agent: handoff() } };
    expect(errors(flowOf(flow))).to.deep.equal([]);
  });
});
