import { OUTCOMES, type ZcEvent } from './types.js';

/**
 * A recorded session, as NDJSON: an optional header line, then one ZcEvent per line in time
 * order. `zerocall simulate` replays it through the same pipeline the page runs.
 */
export interface SessionHeader {
  readonly zerocall: 'session';
  readonly v: 1;
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
  outcome: { outcome: OUTCOMES, rule: 'string', 'record?': 'string', 'reason?': 'string', 'step?': 'number' },
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
  if (!Number.isFinite(h.started)) return 'header "started" must be a number of ms';
  return undefined;
}

/**
 * Parses a recorded session. Blank lines are skipped; the first problem found is returned,
 * located by line number, and nothing is returned partly parsed.
 */
export function parseSession(text: string): { events: ZcEvent[]; header?: SessionHeader } | { error: string } {
  const lines = text.split('\n');
  if (lines.length > SESSION_MAX_LINES && lines.slice(SESSION_MAX_LINES).some((l) => l.trim())) {
    return { error: `line ${SESSION_MAX_LINES + 1}: over the limit of ${SESSION_MAX_LINES} lines` };
  }
  const events: ZcEvent[] = [];
  let header: SessionHeader | undefined;
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
      if (events.length || header) return { error: `${at}a header is allowed only on the first line` };
      const problem = headerProblem(value);
      if (problem) return { error: at + problem };
      header = value as unknown as SessionHeader;
      continue;
    }
    const problem = eventProblem(value);
    if (problem) return { error: at + problem };
    const event = value as ZcEvent;
    const previous = events[events.length - 1];
    if (previous && event.t < previous.t) return { error: `${at}out of time order: "t" ${event.t} is before the previous event's ${previous.t}` };
    events.push(event);
  }
  return header ? { events, header } : { events };
}

/** Writes a session in the format parseSession reads: the header, then one event per line. */
export function serializeSession(events: readonly ZcEvent[], header: SessionHeader): string {
  const { sdk, pack, started } = header;
  const lines = [JSON.stringify({ zerocall: 'session', v: 1, sdk, pack, started }), ...events.map((e) => JSON.stringify(e))];
  return lines.join('\n') + '\n';
}
