import { contextTest } from '../engine/conditions.js';
import { parseDuration } from '../engine/duration.js';
import type { ComponentName, Flow, FlowOutcome, FlowSolution, RecordCondition, Solution, StepSolution } from './types.js';

/**
 * Flows: a solution as a small graph of steps (docs/rule-packs.md#flows). Pure and shared by the
 * page's mount stage and the command line's `simulate`, so a flow walks the same way in both.
 */

/** Where a transition ends the flow. */
export const FLOW_END = 'end';
/** How long a flow under way is kept when the pack does not say. */
export const FLOW_KEEP_MS = 30 * 60_000;

/**
 * The outcomes each component reports that a step may move on: first the ones that finish the
 * step (a flow with one of them left without a transition can end there), then the rest.
 */
export const FLOW_OUTCOMES: Readonly<Record<ComponentName, { readonly finish: readonly FlowOutcome[]; readonly also: readonly FlowOutcome[] }>> = {
  'zc-picker': { finish: ['picked'], also: ['helpful', 'unhelpful', 'dismissed'] },
  'zc-action': { finish: ['action-succeeded', 'action-failed'], also: ['helpful', 'unhelpful', 'dismissed'] },
  'zc-upload': { finish: ['uploaded'], also: ['helpful', 'unhelpful', 'dismissed'] },
  'zc-handoff': { finish: ['escalated', 'action-failed'], also: ['engaged', 'helpful', 'unhelpful', 'dismissed'] },
  // A link followed (`engaged`) is a way on, not a result: a card without links never reports it.
  'zc-card': { finish: ['helpful', 'unhelpful'], also: ['engaged', 'dismissed'] },
  // A hint has no result: it ends a flow by being read.
  'zc-tip': { finish: [], also: ['engaged', 'dismissed'] },
  'zc-steps': { finish: ['completed', 'target-missing'], also: ['helpful', 'unhelpful', 'dismissed'] },
  'zc-feedback': { finish: ['helpful', 'unhelpful'], also: ['dismissed'] },
};

/** What a flow branches on: the record a picker picked (components/host.ts ZcRecord is one). */
export interface PickedRecord {
  readonly id: string;
  readonly label?: string;
  readonly data?: Readonly<Record<string, string | number | boolean>>;
}
type ZcRecord = PickedRecord;

/** Whether a rule's solution is a flow. */
export const isFlow = (s: Solution | FlowSolution): s is FlowSolution => 'flow' in s;

/**
 * Every solution as a flow: a plain one is a flow of one step, and a picker with `next` a flow of
 * two (`pick` → `next` on `picked`), so the mount stage runs one kind of thing.
 */
export function asFlow(s: Solution | FlowSolution): Flow {
  if (isFlow(s)) return s.flow;
  const { placement: _placement, next, ...one } = s;
  if (!next) return { start: 'main', steps: { main: one } };
  return { start: 'pick', steps: { pick: { ...one, on: [{ outcome: 'picked', to: 'next' }] }, next } };
}

/** The solution the first step of a rule's flow shows, with the flow's placement (what the agent console and the inspector list). */
export function firstStep(s: Solution | FlowSolution): Solution {
  if (!isFlow(s)) return s;
  return { ...stepOf(s.flow, s.flow.start), placement: s.placement };
}

/** A step's solution, without its transitions. */
export function stepOf(flow: Flow, id: string): StepSolution {
  const { on: _on, ...step } = flow.steps[id]!;
  return step;
}

/** Every step's solution of a rule: what a flow may need from the page (host names, links). */
export function flowSteps(s: Solution | FlowSolution): StepSolution[] {
  const flow = asFlow(s);
  return Object.keys(flow.steps).map((id) => stepOf(flow, id));
}

/** How long a flow under way is kept since its last move. */
export const flowKeep = (flow: Flow): number => parseDuration(flow.keep) ?? FLOW_KEEP_MS;

/** A record's value under a key: `id`, or a key of its `data`. */
const valueOf = (r: ZcRecord | undefined, key: string): string | number | boolean | undefined => (key === 'id' ? r?.id : r?.data && Object.hasOwn(r.data, key) ? r.data[key] : undefined);

/** Whether a validated record condition holds on the picked record (none picked: only `exists: false` holds). */
export function recordHolds(c: RecordCondition, r: ZcRecord | undefined): boolean {
  if ('all' in c) return c.all.every((x) => recordHolds(x, r));
  if ('any' in c) return c.any.some((x) => recordHolds(x, r));
  if ('not' in c) return !recordHolds(c.not, r);
  return contextTest(c)(valueOf(r, c.record));
}

/**
 * Where an outcome of step `at` leads: the first transition on that outcome whose condition holds
 * on the record, as a step id or FLOW_END; undefined when none does (the flow stays where it is).
 */
export function nextStep(flow: Flow, at: string, outcome: string, record: ZcRecord | undefined): string | undefined {
  return flow.steps[at]?.on?.find((t) => t.outcome === outcome && (!t.when || recordHolds(t.when, record)))?.to;
}

/** Whether an outcome without a transition finishes the flow at step `at` (a result, not a look or a link). */
export function finishes(flow: Flow, at: string, outcome: string): boolean {
  const step = flow.steps[at];
  return step !== undefined && (FLOW_OUTCOMES[step.component].finish as readonly string[]).includes(outcome);
}

/** One answer of a scripted user: an outcome of the step shown, with the record it picked. */
export interface FlowAnswer {
  readonly outcome: string;
  readonly record?: ZcRecord;
}

/** A walk through a flow: the steps shown in order, the moves, and how it ended. */
export interface FlowWalk {
  readonly steps: readonly string[];
  readonly moves: ReadonlyArray<{ readonly from: string; readonly outcome: string; readonly to: string }>;
  /** `end`: a transition ended it; `finished`: its last step's result had no transition; `dismissed`; `waiting`: answers ran out mid-flow. */
  readonly ended: 'end' | 'finished' | 'dismissed' | 'waiting';
  /** Answers no step took (an outcome the step's component never reports). */
  readonly ignored: readonly FlowAnswer[];
}

/**
 * Walks a flow with scripted answers, the way the mount stage does with a user's: what
 * `zerocall simulate --answers` prints and the browser's flow tests compare against.
 */
export function walkFlow(flow: Flow, answers: readonly FlowAnswer[]): FlowWalk {
  let at = flow.start;
  let record: ZcRecord | undefined;
  const steps = [at];
  const moves: Array<FlowWalk['moves'][number]> = [];
  const ignored: FlowAnswer[] = [];
  let done = false;
  for (const a of answers) {
    const component = flow.steps[at]!.component;
    const reports = [...FLOW_OUTCOMES[component].finish, ...FLOW_OUTCOMES[component].also] as string[];
    if (!reports.includes(a.outcome) && a.outcome !== 'dont-show-again') {
      ignored.push(a);
      continue;
    }
    if (a.outcome === 'picked') record = a.record;
    const to = nextStep(flow, at, a.outcome, record);
    if (to !== undefined) moves.push({ from: at, outcome: a.outcome, to });
    if (to === FLOW_END) return { steps, moves, ended: 'end', ignored };
    if (to !== undefined) {
      steps.push((at = to));
      done = false;
    } else if (a.outcome === 'dismissed' || a.outcome === 'dont-show-again') return { steps, moves, ended: 'dismissed', ignored };
    // A result with nowhere to go finishes the flow; the step stays, and "did this help?" may still move it.
    else done ||= finishes(flow, at, a.outcome);
  }
  return { steps, moves, ended: done ? 'finished' : 'waiting', ignored };
}
