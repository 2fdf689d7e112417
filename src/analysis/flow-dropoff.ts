import { FLOW_OUTCOMES } from '../pack/flow.js';
import type { TelemetryRecord } from '../transport/record.js';

// `zerocall report`'s view of flows: one surface goes through a flow's steps, and the report
// counts per step how many surfaces came in, moved on and stopped there.

/** One step of a flow as one surface went through it: what it reported there, and where it moved on to. */
export interface Visit {
  /** Undefined until known: the shorthand's first step (a picker with `next`) reports no `flowStep` until it moves. */
  step: string | undefined;
  readonly outcomes: Set<string>;
  to?: string;
}

/** One shown solution: every outcome it reported, and, for a flow, the steps it went through in order. */
export interface Surface {
  readonly outcomes: Set<string>;
  readonly visits: Visit[];
  /** A transition to "end" or a dismissal closed it: no later `shown` belongs to it. */
  over: boolean;
}

/** Drop-off at one step of a flow, counted in surfaces (a step entered twice by one surface counts twice). */
export interface FlowStepCounts {
  readonly step: string;
  /** Surfaces that showed this step: the start's `shown`, or a transition to it. */
  readonly entered: number;
  /** Transitions from it, to another step or to "end". */
  readonly movedOn: number;
  /** Where they went: step id or "end", and how many. */
  readonly to: Readonly<Record<string, number>>;
  /** entered - movedOn: the flow stopped here. */
  readonly stopped: number;
  /** Of those stopped: the step gave a result (FLOW_FINISH), and no transition took it. */
  readonly finished: number;
  /** Of those stopped without a result: the user closed it (dismissed, or don't show again). */
  readonly dismissed: number;
  /** The rest: no answer there (the page moved on, the SDK closed it, or it was still open). */
  readonly noAnswer: number;
}

/** What counts as a result at a step: an outcome that finishes some component's step (FLOW_OUTCOMES). Records do not say which component a step was. */
export const FLOW_FINISH: ReadonlySet<string> = new Set(Object.values(FLOW_OUTCOMES).flatMap((o) => o.finish));

const CLOSING = new Set(['dismissed', 'dont-show-again']);

/** A surface that a `shown` opens; a flow's `shown` names its step. */
export const openSurface = (shown: TelemetryRecord): Surface => ({ outcomes: new Set(), visits: [{ step: shown.flowStep, outcomes: new Set() }], over: false });

/**
 * Whether a `shown` is a later step of the open surface rather than a new surface: after a
 * transition, every step shows itself (with its `flowStep`; the shorthand's second step without
 * one), and a flow under way shows its step again after a reload. A new decision in between
 * means a new surface (the caller checks).
 */
export function continues(s: Surface | undefined, shown: TelemetryRecord): boolean {
  const at = s?.visits.at(-1);
  return !!s && !!at && !s.over && s.visits.length > 1 && (shown.flowStep === undefined || shown.flowStep === at.step);
}

/** Adds an outcome other than `shown` to its surface, and follows a `transition` to its step. */
export function addOutcome(s: Surface, r: TelemetryRecord): void {
  let at = s.visits.at(-1)!;
  if (r.outcome !== 'transition') {
    s.outcomes.add(r.outcome!);
    at.outcomes.add(r.outcome!);
    if (CLOSING.has(r.outcome!)) s.over = true;
    return;
  }
  // A lost record can hide a step; the transition says where the flow was.
  if (r.flowStep !== undefined && at.step !== undefined && r.flowStep !== at.step) s.visits.push((at = { step: r.flowStep, outcomes: new Set() }));
  at.step ??= r.flowStep;
  at.to = typeof r.to === 'string' ? r.to : 'end';
  // A move on after the user closed a step (a transition on `dismissed`) keeps the surface open.
  s.over = at.to === 'end';
  if (!s.over) s.visits.push({ step: at.to, outcomes: new Set() });
}

/** Whether a rule's surfaces went through a flow: some outcome named a step or moved one on. */
export const isFlowRule = (surfaces: readonly Surface[]): boolean => surfaces.some((s) => s.visits.length > 1 || s.visits.some((v) => v.step !== undefined || v.to !== undefined));

/**
 * Drop-off per step of a rule's flow, steps by how many entered (the start first), then as
 * first seen. A first step that never named itself is the shorthand's `pick`.
 */
export function flowDropOff(surfaces: readonly Surface[]): FlowStepCounts[] {
  const steps = new Map<string, { entered: number; movedOn: number; to: Record<string, number>; finished: number; dismissed: number; noAnswer: number }>();
  for (const v of surfaces.flatMap((s) => s.visits)) {
    const id = v.step ?? 'pick';
    const c = steps.get(id) ?? { entered: 0, movedOn: 0, to: {}, finished: 0, dismissed: 0, noAnswer: 0 };
    steps.set(id, c);
    c.entered++;
    if (v.to !== undefined) {
      c.movedOn++;
      c.to[v.to] = (c.to[v.to] ?? 0) + 1;
    } else if ([...v.outcomes].some((o) => FLOW_FINISH.has(o))) c.finished++;
    else if ([...v.outcomes].some((o) => CLOSING.has(o))) c.dismissed++;
    else c.noAnswer++;
  }
  const counts = [...steps].map(([step, c]): FlowStepCounts => ({ step, entered: c.entered, movedOn: c.movedOn, to: c.to, stopped: c.entered - c.movedOn, finished: c.finished, dismissed: c.dismissed, noAnswer: c.noAnswer }));
  return counts.sort((a, b) => b.entered - a.entered);
}
