import { expect } from '@open-wc/testing';
import { parseSession, parseSessions, serializeSession, SESSION_MAX_LINES, type SessionHeader } from '../../src/engine/session.js';
import type { ZcEvent } from '../../src/engine/types.js';
import { click } from './recorded.js';

const header: SessionHeader = { zerocall: 'session', v: 1, sdk: '0.1.0', pack: 'acme@1', started: 1_000 };
const events: ZcEvent[] = [
  { type: 'nav', t: 1_000, page: '/checkout', kind: 'load', from: '' },
  click(1_200),
  { type: 'focus', t: 1_300, page: '/checkout' },
  { type: 'net', t: 1_400, page: '/checkout', id: 1, phase: 'end', method: 'POST', path: '/api/pay', status: 502 },
  { type: 'invalid', t: 1_500, page: '/checkout', target: { fp: 'input#card', tag: 'input', hits: [], traits: ['field', 'text-entry'] }, source: 'constraint' },
  { type: 'js-error', t: 1_600, page: '/checkout', kind: 'error', message: 'x is undefined' },
  { type: 'tick', t: 2_000, page: '/checkout' },
  { type: 'outcome', t: 2_100, page: '/checkout', rule: 'pay', outcome: 'dismissed' },
];
const line = (o: unknown) => JSON.stringify(o);
const error = (text: string) => {
  const r = parseSession(text);
  return 'error' in r ? r.error : 'parsed';
};

describe('recorded sessions (NDJSON)', () => {
  it('round-trips events and the header', () => {
    const text = serializeSession(events, header);
    expect(text.split('\n')[0]).to.equal('{"zerocall":"session","v":1,"sdk":"0.1.0","pack":"acme@1","started":1000}');
    expect(text.endsWith('\n')).to.equal(true);
    expect(parseSession(text)).to.deep.equal({ events, header });
  });

  it('reads a session without a header, skipping blank lines and CRLF line ends', () => {
    const text = `${line(events[0])}\r\n\r\n${line(events[1])}\r\n`;
    expect(parseSession(text)).to.deep.equal({ events: events.slice(0, 2) });
    expect(parseSession('')).to.deep.equal({ events: [] });
  });

  it('names the line and what is wrong with it', () => {
    const first = line(events[0]);
    const cases: Array<[string, string]> = [
      [`${first}\n{"type":`, 'line 2: not JSON'],
      [`${first}\n\n${line({ type: 'clik', t: 1_100, page: '/' })}`, 'line 3: unknown event type "clik"'],
      [line({ t: 1, page: '/' }), 'line 1: missing "type"'],
      [line([1, 2]), 'line 1: expected an event object'],
      [line({ type: 'tick', t: '12:00', page: '/' }), 'line 1: "t" must be a number of ms'],
      [line({ type: 'tick', t: 1 }), 'line 1: "page" must be a string'],
      [`${first}\n${line({ ...events[1], t: 999 })}`, 'line 2: out of time order: "t" 999 is before the previous event\'s 1000'],
      [line({ type: 'click', t: 1, page: '/', x: 1, y: 2 }), 'line 1: "target" must be a target { "fp": string, "tag": string, "hits": [strings], "traits"?: [strings] }'],
      [line({ ...events[1], target: { fp: 'a', tag: 'a', hits: '#pay' } }), 'line 1: "target" must be a target { "fp": string, "tag": string, "hits": [strings], "traits"?: [strings] }'],
      [line({ ...events[1], x: '100' }), 'line 1: "x" must be a number'],
      [line({ ...events[0], kind: 'reload' }), 'line 1: "kind" must be one of load, push, replace, pop, hash'],
      [line({ ...events[3], status: '502' }), 'line 1: "status" must be a number'],
      [line({ type: 'submit', t: 1, page: '/' }), 'line 1: "form" must be a string'],
      [line({ type: 'context', t: 1, page: '/', values: { plan: { tier: 'pro' } } }), 'line 1: "values" must be an object of strings, numbers and booleans'],
      [line({ ...header, v: 2 }), 'line 1: unsupported session version 2 (this SDK reads v 1)'],
      [line({ ...header, started: 'today' }), 'line 1: header "started" must be a number of ms'],
      [line({ ...header, zerocall: 'recording' }), 'line 1: a header needs "zerocall": "session"'],
      [`${line(header)}\n${first}\n${line(header)}`, 'line 3: a header is allowed only on the first line'],
    ];
    for (const [text, message] of cases) expect(error(text), text).to.equal(message);
  });

  it(`reads at most ${SESSION_MAX_LINES} lines`, () => {
    const tick = line({ type: 'tick', t: 1, page: '/' });
    const full = `${Array(SESSION_MAX_LINES).fill(tick).join('\n')}\n`;
    const parsed = parseSession(full);
    expect('events' in parsed && parsed.events.length).to.equal(SESSION_MAX_LINES);
    expect(error(full + tick)).to.equal(`line ${SESSION_MAX_LINES + 1}: over the limit of ${SESSION_MAX_LINES} lines`);
  });
});

describe('files of many sessions (parseSessions)', () => {
  const a: SessionHeader = { ...header, id: 'a' };
  const b: SessionHeader = { ...header, id: 'b', started: 500 };
  const later: ZcEvent[] = [{ type: 'nav', t: 500, page: '/cart', kind: 'load', from: '' }, click(600, 'button#buy', { page: '/cart' })];
  const sessionsError = (text: string) => {
    const r = parseSessions(text);
    return 'error' in r ? r.error : 'parsed';
  };

  it('writes the id into the header when there is one', () => {
    expect(serializeSession([], a)).to.equal('{"zerocall":"session","v":1,"id":"a","sdk":"0.1.0","pack":"acme@1","started":1000}\n');
  });

  it('round-trips sessions written one after another, each with the line of its header', () => {
    const text = serializeSession(events, a) + '\n' + serializeSession(later, b) + serializeSession([], { ...b, id: 'c' });
    expect(parseSessions(text)).to.deep.equal({
      sessions: [
        { events, header: a, line: 1 },
        // Each session keeps its own time order: b may start before a ended.
        { events: later, header: b, line: events.length + 3 },
        { events: [], header: { ...b, id: 'c' }, line: events.length + 6 },
      ],
    });
    expect(parseSessions('')).to.deep.equal({ sessions: [] });
  });

  it('names the line and what is wrong with it', () => {
    const first = line(events[0]);
    const cases: Array<[string, string]> = [
      [`${first}\n${line(a)}\n${first}`, 'line 1: events before any session header'],
      [`\n\n${first}`, 'line 3: events before any session header'],
      [`${line(a)}\n${first}\n\n${line(header)}\n${first}`, 'line 4: the session header has no "id"'],
      [`${line(a)}\n${first}\n${line(b)}\n${line(a)}\n${first}`, 'line 4: session id "a" was already used on line 1'],
      [`${line(b)}\n${line(a)}\n${first}\n${line({ ...a, started: 9 })}`, 'line 4: session id "a" was already used on line 2'],
      [`${line(a)}\n${line({ ...header, id: '' })}`, 'line 2: header "id" must be a non-empty string'],
      [`${line(a)}\n${line({ ...header, id: 7 })}`, 'line 2: header "id" must be a non-empty string'],
      [`${line(a)}\n${first}\n${line(b)}\n{"type":`, 'line 4: not JSON'],
      [`${line(a)}\n${first}\n${line(b)}\n${line(events[1])}\n${first}`, 'line 5: out of time order: "t" 1000 is before the previous event\'s 1200'],
    ];
    for (const [text, message] of cases) expect(sessionsError(text), text).to.equal(message);
  });

  it('needs a header with an id where parseSession reads a single session without one', () => {
    const bare = events.map(line).join('\n');
    expect(sessionsError(bare)).to.equal('line 1: events before any session header');
    expect(parseSession(bare)).to.deep.equal({ events });
    const anonymous = serializeSession(events, header);
    expect(sessionsError(anonymous)).to.equal('line 1: the session header has no "id"');
    expect(parseSession(anonymous)).to.deep.equal({ events, header });
    // And a file of several sessions is one parseSession refuses.
    expect(error(serializeSession(events, a) + serializeSession(later, b))).to.equal(`line ${events.length + 2}: a header is allowed only on the first line`);
  });
});
