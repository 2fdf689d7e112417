import { expect } from '@open-wc/testing';
import { parseSession, serializeSession, SESSION_MAX_LINES, type SessionHeader } from '../../src/engine/session.js';
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
