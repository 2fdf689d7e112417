import { FLOW_OUTCOMES, type FlowAnswer, type FlowWalk, walkFlow } from '../pack/flow.js';
import { ptr } from '../pack/checks.js';
import type { Flow } from '../pack/types.js';

// `zerocall simulate --answers`: a scripted user's answers per rule, walked through the rule's
// flow with the page's own walkFlow, and the walk told in words.

/** Every outcome an answer may give: what some component reports, and "don't show again" (any step). */
const ANSWERABLE: readonly string[] = [...new Set(Object.values(FLOW_OUTCOMES).flatMap((o) => [...o.finish, ...o.also])), 'dont-show-again'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const pointer = (...keys: Array<string | number>): string => keys.reduce<string>(ptr, '');
const got = (v: unknown): string => (v === undefined ? 'nothing' : JSON.stringify(v));

/** What is wrong with one answer, as "<JSON pointer>: <what was expected>" lines. */
function answerProblems(a: unknown, at: string): string[] {
  if (!isObject(a)) return [`${at}: expected an answer { "outcome": …, "record"?: { "id": … } }, got ${got(a)}`];
  const problems = Object.keys(a)
    .filter((k) => k !== 'outcome' && k !== 'record')
    .map((k) => `${at}${pointer(k)}: unknown property (an answer has "outcome" and, for "picked", "record")`);
  if (typeof a.outcome !== 'string' || !ANSWERABLE.includes(a.outcome)) problems.push(`${at}/outcome: expected one of ${ANSWERABLE.join(', ')}, got ${got(a.outcome)}`);
  // A pick always picks something: the page never reports "picked" without the record.
  if (a.record === undefined) return a.outcome === 'picked' ? [...problems, `${at}/record: missing; "picked" needs the record picked, { "id": … }`] : problems;
  const r = a.record;
  if (!isObject(r)) return [...problems, `${at}/record: expected a record { "id": …, "label"?: …, "data"?: { … } }, got ${got(r)}`];
  if (typeof r.id !== 'string' || r.id === '') problems.push(`${at}/record/id: expected a non-empty string, got ${got(r.id)}`);
  if (r.label !== undefined && typeof r.label !== 'string') problems.push(`${at}/record/label: expected a string, got ${got(r.label)}`);
  for (const k of Object.keys(r).filter((k) => !['id', 'label', 'data'].includes(k))) problems.push(`${at}/record${pointer(k)}: unknown property (a record has "id", "label" and "data")`);
  if (r.data !== undefined && !isObject(r.data)) problems.push(`${at}/record/data: expected an object of strings, numbers and booleans, got ${got(r.data)}`);
  else if (r.data) {
    for (const [k, v] of Object.entries(r.data)) {
      if (!['string', 'number', 'boolean'].includes(typeof v)) problems.push(`${at}/record/data${pointer(k)}: expected a string, number or boolean, got ${got(v)}`);
    }
  }
  return problems;
}

/**
 * Reads an answers file's JSON: `{ "<rule id>": [ { "outcome": "picked", "record": { "id": "ORD-7", "data": { … } } }, … ] }`.
 * Returns the answers by rule, or every problem as "<JSON pointer>: <what was expected>".
 */
export function parseAnswers(value: unknown, rules: readonly string[]): { answers: ReadonlyMap<string, readonly FlowAnswer[]> } | { problems: string[] } {
  if (!isObject(value)) return { problems: [`expected an object of answers by rule id, { "<rule id>": [ { "outcome": … }, … ] }, got ${Array.isArray(value) ? 'an array' : got(value)}`] };
  const problems: string[] = [];
  const answers = new Map<string, FlowAnswer[]>();
  for (const [rule, list] of Object.entries(value)) {
    if (!rules.includes(rule)) problems.push(`${pointer(rule)}: no rule "${rule}" in the pack`);
    else if (!Array.isArray(list)) problems.push(`${pointer(rule)}: expected an array of answers, got ${got(list)}`);
    else {
      const wrong = list.flatMap((a, i) => answerProblems(a, pointer(rule, i)));
      problems.push(...wrong);
      if (!wrong.length) answers.set(rule, list as FlowAnswer[]);
    }
  }
  return problems.length ? { problems } : { answers };
}

/** A walk with what it needs to be told: the record picked on each move, where each ignored answer was given, answers left after the flow was over. */
export interface TracedWalk {
  readonly walk: FlowWalk;
  /** Per move: the id of the record its answer picked. */
  readonly records: ReadonlyArray<string | undefined>;
  readonly ignoredAt: ReadonlyArray<{ readonly step: string; readonly outcome: string }>;
  /** Answers after a transition to "end" or a dismissal, which walkFlow never reads. */
  readonly unused: number;
}

/** Walks `answers` one at a time with walkFlow, to tie each move and each ignored answer to the answer behind it. */
export function traceWalk(flow: Flow, answers: readonly FlowAnswer[]): TracedWalk {
  const records: Array<string | undefined> = [];
  const ignoredAt: Array<TracedWalk['ignoredAt'][number]> = [];
  let before = walkFlow(flow, []);
  for (const [i, a] of answers.entries()) {
    if (before.ended === 'end' || before.ended === 'dismissed') return { walk: before, records, ignoredAt, unused: answers.length - i };
    const after = walkFlow(flow, answers.slice(0, i + 1));
    if (after.moves.length > before.moves.length) records.push(a.record?.id);
    if (after.ignored.length > before.ignored.length) ignoredAt.push({ step: before.steps.at(-1)!, outcome: a.outcome });
    before = after;
  }
  return { walk: before, records, ignoredAt, unused: 0 };
}

/**
 * The walk for people, one line and a line per oddity:
 * `pick —picked ORD-7→ refunded · finished at refunded`, `answers pick never reports: helpful`,
 * `2 answers after the flow was over, not used`.
 */
export function describeWalk({ walk, records, ignoredAt, unused }: TracedWalk): string[] {
  const at = walk.steps.at(-1)!;
  const path = walk.moves.map((m, i) => ` —${m.outcome}${m.outcome === 'picked' && records[i] !== undefined ? ` ${records[i]}` : ''}→ ${m.to}`).join('');
  const ended = { end: 'ended', finished: `finished at ${at}`, dismissed: `dismissed at ${at}`, waiting: `waiting at ${at} (no more answers)` }[walk.ended];
  const lines = [`${walk.steps[0]}${path} · ${ended}`];
  const steps = [...new Set(ignoredAt.map((x) => x.step))];
  for (const step of steps) lines.push(`answers ${step} never reports: ${ignoredAt.filter((x) => x.step === step).map((x) => x.outcome).join(', ')}`);
  if (unused) lines.push(`${unused} answer${unused === 1 ? '' : 's'} after the flow was over, not used`);
  return lines;
}
