import { HELP_LEVELS } from './help-level.js';
import { OUTCOMES, type ZcEvent } from './types.js';

/**
 * A recorded session, as NDJSON: an optional header line, then one ZcEvent per line in time
 * order. `zerocall simulate` replays it through the same pipeline the page runs.
 */
export interface SessionHeader {
  readonly zerocall: 'session';
  readonly v: 1;
  /**
   * The session's id: the telemetry `sid` of the visit it was recorded in, so labels and
   * outcomes can be joined to it. Needed where several sessions share one file.
   */
  readonly id?: string;
  /** SDK version that recorded it. */
  readonly sdk: string;
  /** `id@version` of the pack that was live: the events' target `hits` are that pack's selectors. */
  readonly pack: string;
  /** Wall-clock start, ms since the epoch. */
  readonly started: number;
}

/** Longest session `parseSession` reads, in lines. */
export const SESSION_MAX_LINES = 100_000;

/** What a field must hold: a JSON type, a target, or one of a closed set of strings. */
type Check = 'number' | 'string' | 'boolean' | 'target' | 'values' | readonly string[];

// The fields each event type must carry (a trailing "?" marks an optional one): what the
// detectors and the engine read. Strict enough to catch a hand-edited or foreign file, not a full schema.
const FIELDS: Readonly<Record<ZcEvent['type'], Readonly<Record<string, Check>>>> = {
  click: { x: 'number', y: 'number', target: 'target', 'detail?': 'number' },
  nav: { kind: ['load', 'push', 'replace', 'pop', 'hash'], from: 'string', 'reload?': 'boolean' },
  tick: {},
  track: { name: 'string' },
  outcome: { outcome: OUTCOMES, rule: 'string', 'record?': 'string', 'reason?': 'string', 'step?': 'number', 'flowStep?': 'string', 'to?': 'string' },
  mutation: {},
  scroll: { y: 'number', dy: 'number', scroller: 'string' },
  move: { x: 'number', y: 'number' },
  selection: {},
  focus: { 'target?': 'target' },
  input: { target: 'target' },
  invalid: { target: 'target', 'form?': 'string', source: ['constraint', 'aria'] },
  submit: { form: 'string' },
  net: { id: 'number', phase: ['start', 'end'], method: 'string', path: 'string', 'status?': 'number', 'aborted?': 'boolean' },
  'js-error': { kind: ['error', 'rejection'], message: 'string', 'source?': 'string' },
  context: { values: 'values' },
  consent: { granted: 'boolean' },
  agent: { on: 'boolean' },
  preference: { 'help?': HELP_LEVELS },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): boolean => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** What is wrong with one field of an event, if anything. */
function fieldProblem(name: string, v: unknown, check: Check): string | undefined {
  if (Array.isArray(check)) return check.includes(v as string) ? undefined : `"${name}" must be one of ${check.join(', ')}`;
  if (check === 'number') return Number.isFinite(v) ? undefined : `"${name}" must be a number`;
  if (check === 'values') {
    const ok = isObject(v) && Object.values(v).every((x) => typeof x === 'string' || typeof x === 'boolean' || Number.isFinite(x));
    return ok ? undefined : `"${name}" must be an object of strings, numbers and booleans`;
  }
  if (check !== 'target') return typeof v === check ? undefined : `"${name}" must be a ${check}`;
  const ok = isObject(v) && typeof v.fp === 'string' && typeof v.tag === 'string' && isStrings(v.hits) && (v.traits === undefined || isStrings(v.traits));
  return ok ? undefined : `"${name}" must be a target { "fp": string, "tag": string, "hits": [strings], "traits"?: [strings] }`;
}

/** What is wrong with one parsed line as an event, if anything. */
function eventProblem(e: unknown): string | undefined {
  if (!isObject(e)) return 'expected an event object';
  if (typeof e.type !== 'string') return 'missing "type"';
  if (!Object.hasOwn(FIELDS, e.type)) return `unknown event type ${JSON.stringify(e.type)}`;
  if (!Number.isFinite(e.t)) return '"t" must be a number of ms';
  if (typeof e.page !== 'string') return '"page" must be a string';
  for (const [key, check] of Object.entries(FIELDS[e.type as ZcEvent['type']])) {
    const name = key.replace('?', '');
    if (key.endsWith('?') && e[name] === undefined) continue;
    const problem = fieldProblem(name, e[name], check);
    if (problem) return problem;
  }
  return undefined;
}

function headerProblem(h: Record<string, unknown>): string | undefined {
  if (h.zerocall !== 'session') return 'a header needs "zerocall": "session"';
  if (h.v !== 1) return `unsupported session version ${JSON.stringify(h.v)} (this SDK reads v 1)`;
  if (typeof h.sdk !== 'string' || typeof h.pack !== 'string') return 'header "sdk" and "pack" must be strings';
  if (h.id !== undefined && (typeof h.id !== 'string' || !h.id)) return 'header "id" must be a non-empty string';
  if (!Number.isFinite(h.started)) return 'header "started" must be a number of ms';
  return undefined;
}

/** One session of a file, with the line its header (or first event) is on. */
export interface ParsedSession {
  readonly events: ZcEvent[];
  readonly header?: SessionHeader;
  readonly line: number;
}

/**
 * Parses a recorded session. Blank lines are skipped; the first problem found is returned,
 * located by line number, and nothing is returned partly parsed.
 */
export function parseSession(text: string): { events: ZcEvent[]; header?: SessionHeader } | { error: string } {
  const parsed = parseLines(text, false);
  if ('error' in parsed) return parsed;
  const [first] = parsed.sessions;
  return first?.header ? { events: first.events, header: first.header } : { events: first?.events ?? [] };
}

/**
 * Parses a file of many sessions, each a header line with a unique `id` followed by its
 * events (what `zerocall train` and `evaluate` read; concatenated exports are such a file).
 */
export function parseSessions(text: string): { sessions: ParsedSession[] } | { error: string } {
  const parsed = parseLines(text, true);
  if ('error' in parsed) return parsed;
  const seen = new Map<string, number>();
  for (const s of parsed.sessions) {
    const id = s.header?.id;
    if (id === undefined) return { error: `line ${s.line}: ${s.header ? 'the session header has no "id"' : 'events before any session header'}` };
    if (seen.has(id)) return { error: `line ${s.line}: session id ${JSON.stringify(id)} was already used on line ${seen.get(id)}` };
    seen.set(id, s.line);
  }
  return parsed;
}

function parseLines(text: string, many: boolean): { sessions: ParsedSession[] } | { error: string } {
  const lines = text.split('\n');
  const limit = many ? SESSION_MAX_LINES * 100 : SESSION_MAX_LINES;
  if (lines.length > limit && lines.slice(limit).some((l) => l.trim())) {
    return { error: `line ${limit + 1}: over the limit of ${limit} lines` };
  }
  const sessions: ParsedSession[] = [];
  let current: { events: ZcEvent[]; header?: SessionHeader; line: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const at = `line ${i + 1}: `;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      return { error: `${at}not JSON` };
    }
    if (isObject(value) && 'zerocall' in value) {
      if (current && !many) return { error: `${at}a header is allowed only on the first line` };
      const problem = headerProblem(value);
      if (problem) return { error: at + problem };
      current = { events: [], header: value as unknown as SessionHeader, line: i + 1 };
      sessions.push(current);
      continue;
    }
    const problem = eventProblem(value);
    if (problem) return { error: at + problem };
    if (!current) sessions.push((current = { events: [], line: i + 1 }));
    const event = value as ZcEvent;
    const previous = current.events[current.events.length - 1];
    if (previous && event.t < previous.t) return { error: `${at}out of time order: "t" ${event.t} is before the previous event's ${previous.t}` };
    current.events.push(event);
  }
  return { sessions };
}

/** Writes a session in the format parseSession reads: the header, then one event per line. */
export function serializeSession(events: readonly ZcEvent[], header: SessionHeader): string {
  const { id, sdk, pack, started } = header;
  const lines = [JSON.stringify({ zerocall: 'session', v: 1, ...(id === undefined ? {} : { id }), sdk, pack, started }), ...events.map((e) => JSON.stringify(e))];
  return lines.join('\n') + '\n';
}
