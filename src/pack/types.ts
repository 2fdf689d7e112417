/**
 * The rule pack: what service designers publish. Its contract for editors is
 * schema/rule-pack.schema.json; validate-pack.ts enforces the same rules at run time.
 */

/** Sides an anchored surface may take relative to its anchor. */
export type Side = 'top' | 'bottom' | 'left' | 'right';

/** Corner a docked surface sits in (logical: `end` is the right in left-to-right pages). */
export type DockSide = 'start' | 'end';

/**
 * Where a solution appears. Tried in this order, the first that resolves on the page wins:
 * `outlet`, `anchor`, `after`, `dock`. A placement with `dock` always resolves.
 */
export interface Placement {
  /** Name of a `<zc-outlet name="…">` the product team placed. */
  readonly outlet?: string;
  /** `$target` (the element the signal happened on) or a CSS selector: floats next to it. */
  readonly anchor?: string;
  /** Side of the anchor, default bottom. */
  readonly side?: Side;
  /** `$target` or a CSS selector: the surface is inserted into the page right after it. */
  readonly after?: string;
  /** A panel docked to a bottom corner of the window (a bottom sheet at mobile widths). */
  readonly dock?: DockSide;
}

/** A link the solution offers: a string id for its label, and a page path or an https URL. */
export interface LinkAction {
  readonly label: string;
  readonly href: string;
}

/** The component names a solution may use. */
export type ComponentName = 'zc-card' | 'zc-tip' | 'zc-steps' | 'zc-picker' | 'zc-action' | 'zc-upload' | 'zc-handoff' | 'zc-feedback';

/** One step of a guided tour (zc-steps). */
export interface GuideStep {
  /** String id: what to do, e.g. "Click Auto-debit". */
  readonly text: string;
  /** Page path the step happens on ("/settings"); on another page the step offers a link there. Default: any page. */
  readonly page?: string;
  /** CSS selector of the control to highlight; the step waits for it to appear. */
  readonly target?: string;
}

/** A one-click remedy the host runs (zc-action). */
export interface HostActionSpec {
  /** Name the host registered with `ZeroCall.action(name, fn)`; nothing else ever runs. */
  readonly host: string;
  /** String id: the button's label. */
  readonly label: string;
  /** String id: a question to confirm before running; omitted, the button runs at once. */
  readonly confirm?: string;
  /** String id: said when it worked. */
  readonly success?: string;
}

/** Evidence upload (zc-upload): through a host action or to an endpoint, exactly one. */
export interface UploadSpec {
  /** Host action (`ZeroCall.action`) that receives `{ file, record, progress }`. */
  readonly via?: string;
  /** Path or https URL the file is POSTed to as multipart/form-data (field `file`). */
  readonly endpoint?: string;
  /** Kinds of file accepted; default both. */
  readonly accept?: ReadonlyArray<'image' | 'pdf'>;
  /** Largest file in bytes; default 10 MB, at most 25 MB. */
  readonly maxBytes?: number;
}

/** Hand-off to a human (zc-handoff): the context packet goes through a host action or to an endpoint. */
export interface HandoffSpec {
  /** What the user is offered: a chat, a call back, or a ticket. */
  readonly channel: 'chat' | 'callback' | 'ticket';
  /** Host action (`ZeroCall.action`) that receives `{ packet }` and may return `{ href?, ref? }`. */
  readonly via?: string;
  /** Path or https URL the packet is POSTed to as JSON; the reply may carry `{ href?, ref? }`. */
  readonly endpoint?: string;
}

/**
 * A service solution: which component, where, saying what (string ids). Each component reads
 * its own section: `steps` (zc-steps), `source` and `next` (zc-picker), `action` (zc-action),
 * `upload` (zc-upload), `handoff` (zc-handoff), `reasons` (zc-feedback, and the feedback row
 * of the others).
 */
export interface Solution {
  readonly component: ComponentName;
  readonly placement: Placement;
  /** String ids: `title` (zc-tip may omit it) and the optional `body` (short inline formatting allowed, see docs/components.md). */
  readonly content: { readonly title?: string; readonly body?: string };
  /** Up to 3 links under the answer. */
  readonly actions?: readonly LinkAction[];
  /** zc-steps: 1 to 10 steps. */
  readonly steps?: readonly GuideStep[];
  /** zc-picker: name of the host data provider (`ZeroCall.provide`) listing the records. */
  readonly source?: string;
  /** zc-picker: the solution shown with the picked record, in the same place (not another picker). */
  readonly next?: Omit<Solution, 'placement' | 'next'>;
  readonly action?: HostActionSpec;
  readonly upload?: UploadSpec;
  readonly handoff?: HandoffSpec;
  /** String ids of the reasons offered after "not helpful" (at most 5). */
  readonly reasons?: readonly string[];
}

/** A solution as one step of a flow: everything but the placement, which the flow's steps share. */
export type StepSolution = Omit<Solution, 'placement' | 'next'>;

/** The outcomes a flow step may move on (see FLOW_OUTCOMES in pack/flow.ts for which component reports which). */
export type FlowOutcome = 'picked' | 'action-succeeded' | 'action-failed' | 'uploaded' | 'escalated' | 'completed' | 'target-missing' | 'engaged' | 'helpful' | 'unhelpful' | 'dismissed';

/** A test of the picked record's data (`data` of what the host's provider returned), like a context test. */
export interface RecordTest extends ValueTest {
  /** A key of the record's `data`, or `id`. */
  readonly record: string;
}

/** A transition's condition: record tests under `all`, `any` and `not`, the same closed operators as rules. */
export type RecordCondition = RecordTest | { readonly all: readonly RecordCondition[] } | { readonly any: readonly RecordCondition[] } | { readonly not: RecordCondition };

/** Where a step's outcome leads: the first transition whose outcome and condition hold is taken. */
export interface Transition {
  readonly outcome: FlowOutcome;
  /** Holds on the picked record; omitted, the transition is taken on the outcome alone. */
  readonly when?: RecordCondition;
  /** A step id of the same flow, or "end": the flow is done and its surface closes. */
  readonly to: string;
}

/** One step of a flow: a component with its sections, and where its outcomes lead. */
export type FlowStep = StepSolution & {
  /** In order; an outcome no transition takes ends the flow where it is (dismissed: the surface closes). */
  readonly on?: readonly Transition[];
};

/** A small graph of steps in one place: a question, a decision on the answer, the fitting remedy. */
export interface Flow {
  /** The step shown first. */
  readonly start: string;
  /** Steps by id (lower-case letters, digits, "-" and "_"). */
  readonly steps: Readonly<Record<string, FlowStep>>;
  /** How long a flow under way is kept for the user to come back to (reloads, other pages), since its last move; default "30m". */
  readonly keep?: string;
}

/** A rule's solution as a flow: the steps share the placement. */
export interface FlowSolution {
  readonly placement: Placement;
  readonly flow: Flow;
}

/** How many matches, within how long, make a leaf condition hold (default: one, ever since the rule was armed). */
export interface Counted {
  readonly count?: number;
  /** A duration like "2m"; matches older than this no longer count. */
  readonly within?: string;
}

/** A friction signal from a detector (docs/signals.md). */
export interface SignalCondition extends Counted {
  /** A detector name. */
  readonly signal: string;
  /** CSS selector the signal's target must match (itself or an ancestor). */
  readonly target?: string;
  /** For request signals: the HTTP method, upper case. */
  readonly method?: string;
  /** For request signals: a glob over the request path (no query). */
  readonly path?: string;
}

/** Events a condition may match directly. */
export type EventName = 'click' | 'submit' | 'invalid' | 'input' | 'focus' | 'nav' | 'net' | 'js-error' | 'track';

/** A raw event: a click on a target, a host `track` event by name, a request by method, path and status… */
export interface EventCondition extends Counted {
  readonly event: EventName;
  /** CSS selector the event's target must match (click, input, focus, invalid). */
  readonly target?: string;
  /** `track` events: a glob over the event name. */
  readonly name?: string;
  /** `net` events: method, path glob and status class. */
  readonly method?: string;
  readonly path?: string;
  readonly status?: number | '4xx' | '5xx' | 'failed';
}

/** Conditions that match single inputs: the leaves of a condition tree. */
export type LeafCondition = SignalCondition | EventCondition;

/** Holds when every one holds. */
export interface AllCondition {
  readonly all: readonly Condition[];
}
/** Holds when at least one holds. */
export interface AnyCondition {
  readonly any: readonly Condition[];
}
/** Holds when the inner condition does not hold (give the inner a `within` for "none in the last …"). */
export interface NotCondition {
  readonly not: Condition;
}
/** A step of a sequence that is an absence: nothing matching `absent` for `within` after the previous step. */
export interface AbsentStep {
  readonly absent: LeafCondition;
  readonly within: string;
}
/** The steps in this order, each after the previous, all within `within` of the first. */
export interface SequenceCondition {
  readonly sequence: ReadonlyArray<LeafCondition | AbsentStep>;
  readonly within?: string;
}
/** The closed set of tests of one value: exactly one operator (or gte with lte). */
export interface ValueTest {
  readonly is?: string | number | boolean;
  readonly isNot?: string | number | boolean;
  readonly in?: ReadonlyArray<string | number>;
  readonly gte?: number;
  readonly lte?: number;
  readonly exists?: boolean;
}
/** A test of the host's context (`ZeroCall.identify`): exactly one operator. */
export interface ContextCondition extends ValueTest {
  readonly context: string;
}
/** The struggle score (docs/struggle-score.md) is at least `gte`. */
export interface ScoreCondition {
  readonly score: { readonly gte: number };
}

/** A rule's condition: a closed set of operators, no code. */
export type Condition = LeafCondition | AllCondition | AnyCondition | NotCondition | SequenceCondition | ContextCondition | ScoreCondition;

/** One rule: friction on a page → a solution. */
export interface Rule {
  readonly id: string;
  /** Page path glob, `*` and `?` only; default every page. */
  readonly page?: string;
  /** 0–100, higher wins when several rules fire on the same input; default 50. */
  readonly priority?: number;
  readonly when: Condition;
  /** Times the rule may show in one session; default 1. */
  readonly cap?: number;
  /** Least time between two shows of this rule, across sessions and tabs, e.g. "1d". */
  readonly cooldown?: string;
  /** A fatigue group from the pack's `groups`: its limits apply to all its rules together. */
  readonly group?: string;
  /** false: the rule is switched off (a kill switch per rule). */
  readonly enabled?: boolean;
  /** "high": the designers are sure it means the user is stuck, so it still shows to users who want help only then. */
  readonly confidence?: 'high' | 'normal';
  /** One component, or a flow of them. */
  readonly solution: Solution | FlowSolution;
}

/**
 * How proactive help is for a user (layered service): `useful` whenever a rule finds it useful,
 * `stuck` only when the user is stuck (rules marked `"confidence": "high"` and rules on the
 * struggle score), `off` never.
 */
export type HelpLevel = 'useful' | 'stuck' | 'off';

/** A pack's default level for users whose host context matches (`ZeroCall.identify`). */
export interface HelpSegment {
  /** Context tests only: `context`, combined with `all`, `any` and `not`. */
  readonly when: Condition;
  readonly help: HelpLevel;
}

/** The pack's defaults until a user chooses: the first matching segment, else `help`, else "useful". */
export interface HelpDefaults {
  readonly help?: HelpLevel;
  readonly segments?: readonly HelpSegment[];
}

/** Limits shared by the rules of one fatigue group. */
export interface FatigueGroup {
  readonly perSession?: number;
  readonly perDay?: number;
  readonly cooldown?: string;
}

/** Detector threshold overrides, by detector name then option; durations as strings ("30s"). */
export type SignalOverrides = Readonly<Record<string, Readonly<Record<string, number | string>>>>;

/** A whole rule pack. */
export interface RulePack {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string;
  /** Supported SDK versions, e.g. "^0.1". */
  readonly sdk: string;
  /** Locale the strings are authored in; default "en". */
  readonly locale?: string;
  /** Strings by locale, then by string id. */
  readonly strings: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The pack's fatigue budget: surfaces per session and per day, and the least time between two. */
  readonly budget?: { readonly perSession?: number; readonly perDay?: number; readonly minGap?: string };
  /** Fatigue groups by id. */
  readonly groups?: Readonly<Record<string, FatigueGroup>>;
  /** Share of users (0–0.5) for whom rules fire but nothing is shown, to measure lift. */
  readonly holdout?: number;
  /** false: the kill switch; the SDK loads nothing else and shows nothing. */
  readonly enabled?: boolean;
  /** The struggle model's weights (docs/struggle-score.md). */
  readonly struggle?: { readonly window?: string; readonly bias?: number; readonly weights?: Readonly<Record<string, number>> };
  readonly signals?: SignalOverrides;
  /** How proactive help is by default, per segment of users (layered service). */
  readonly preferences?: HelpDefaults;
  readonly rules: readonly Rule[];
  /** Written by `zerocall sign` (src/pack/signature.ts): a signature over the rest of the pack. */
  readonly signature?: PackSignature;
}

/** A pack's signature: over the pack without this property, canonical JSON (RFC 8785). */
export interface PackSignature {
  readonly alg: 'ES256' | 'Ed25519';
  /** Which key signed it, for rotation. */
  readonly kid?: string;
  /** base64url, no padding. */
  readonly value: string;
}
