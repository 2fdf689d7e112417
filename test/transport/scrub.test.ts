import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { TelemetryRecord } from '../../src/transport/record.js';
import { scrubDeep, scrubRecord, scrubText, type ScrubContext } from '../../src/transport/scrub.js';

const ctx: ScrubContext = { base: 'https://shop.example.com/checkout', allowParams: ['plan'] };
const base = { id: 'r1', t: 1, kind: 'signal', sid: 's1' } as const;
/** scrubRecord of a record that may carry anything, as a hostile or buggy caller would pass. */
const scrub = (extra: Record<string, unknown>) => scrubRecord({ ...base, ...extra } as unknown as TelemetryRecord, ctx) as unknown as Record<string, unknown>;

/** Plain JSON data only: what scrubDeep promises to return. */
const isJson = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  Number.isFinite(v) ||
  (Array.isArray(v) && v.every(isJson)) ||
  (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype && Object.values(v).every(isJson));

const FIELDS = ['id', 't', 'kind', 'sid', 'page', 'pack', 'rule', 'outcome', 'record', 'reason', 'count', 'status', 'step', 'flowStep', 'to', 'signal', 'heldOut', 'target', 'evidence', 'message'];

describe('scrubText', () => {
  const cases: [string, string, string][] = [
    ['an e-mail in a message', 'no account for jane.doe+shop@mail.example.co.uk, retry', 'no account for [email], retry'],
    ['two e-mails', 'a@b.io,c_d@e-f.org', '[email],[email]'],
    ['a percent-encoded e-mail', 'lookup bob%40example.com failed', 'lookup [email] failed'],
    ['a card with spaces', 'card 4111 1111 1111 1111 declined', 'card [card] declined'],
    ['a card with dashes', 'card 4111-1111-1111-1111.', 'card [card].'],
    ['a card in one run', 'pan=4111111111111111', 'pan=[card]'],
    ['a 15-digit Amex in its 4-6-5 groups', '(3782 822463 10005)', '([card])'],
    ['a card failing Luhn (still card-shaped)', '1234 5678 9012 3456', '[card]'],
    ['an absolute URL with a token', 'GET https://api.example.com/v1/me?token=abc123#top failed: 401', 'GET https://api.example.com/v1/me failed: 401'],
    ['a same-origin URL, reduced to its path', 'see https://shop.example.com/orders?id=7', 'see /orders'],
    ['a path with a query', 'fetch /api/orders/7?session=xyz&plan=pro failed', 'fetch /api/orders/7?plan=pro failed'],
    ['a route fragment kept, its query dropped', 'at /app#/orders/7?tab=x', 'at /app#/orders/7'],
    ['any other fragment dropped', 'at /help#access_token=abc', 'at /help'],
    ['credentials in a URL', 'via https://user:pw@cdn.example.net/a.js ok', 'via  ok'],
  ];
  for (const [what, text, want] of cases) {
    it(`masks ${what}`, () => expect(scrubText(text, ctx)).to.equal(want));
  }

  const kept = [
    'main > button:nth-of-type(2)',
    'div#pay > form.checkout:nth-child(3) input[type="text"]',
    'took 350 ms at 12:30:45, 3 of 12, 2026-11-05',
    'phone +1 555 0100',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
    'uuid 00000000-0000-0000-0000-000000000000',
    'acme-pay@2026.11.0',
    'rage-click on /checkout',
    '',
  ];
  for (const text of kept) {
    it(`leaves "${text}" alone`, () => expect(scrubText(text, ctx)).to.equal(text));
  }

  it('masks a 13+ digit run inside a token (a 32-hex id or a ms timestamp can lose it: by design)', () => {
    expect(scrubText('id 1234567890123abc', ctx)).to.equal('id [card]abc');
  });

  it('masks a card or e-mail an allowlisted param carries, however it was encoded', () => {
    expect(scrubText('/a?plan=4111+1111+1111+1111', ctx)).to.equal('/a?plan=%5Bcard%5D');
    expect(scrubText('/a?plan=%34%31%31%31%31%31%31%31%31%31%31%31%31%31%31%31', ctx)).to.equal('/a?plan=[card]');
    expect(scrubText('/a?plan=bob%40x.com', ctx)).to.equal('/a?plan=%5Bemail%5D');
  });

  it('keeps no digits of a card a space split off a query', () => {
    expect(scrubText('/pay?cc=4111 1111 1111 1111', ctx)).to.equal('/pay');
  });

  it('never throws: a bad base drops the URL, a non-string gives ""', () => {
    expect(scrubText('at /a?t=1 and https://x.example/?t=2 end', { base: 'not a url', allowParams: [] })).to.equal('at  and  end');
    expect(scrubText(undefined as unknown as string, ctx)).to.equal('');
    expect(scrubText({} as unknown as string, undefined as unknown as ScrubContext)).to.equal('');
  });

  // Backtracking-prone shapes, 50k characters each: a regex that went quadratic would hang here
  // (the runner's timeout), and each comes back with nothing card- or address-shaped left.
  it('scrubs long hostile input', () => {
    for (const unit of ['a', '/', '1', '1 ', 'a.', '%40', 'x@', 'a-', '@a.', '/a?']) {
      const out = scrubText(unit.repeat(50_000), ctx);
      expect(/\d{13}/.test(out.replace(/[ -]/g, '')), unit).to.equal(false);
      expect(/@[\w-]+\.[a-z]{2,}/i.test(out), unit).to.equal(false);
    }
  });

  it('never leaves an e-mail or a card embedded in arbitrary text, and never throws (property)', () => {
    const card = fc
      .tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 16, maxLength: 16 }), fc.constantFrom('', ' ', '-'))
      .map(([d, sep]) => d.join('').replace(/(\d{4})(?=\d)/g, `$1${sep}`));
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.emailAddress(), card), fc.string(), fc.constantFrom([], ['plan']), (pre, secret, post, allowParams) => {
        const out = scrubText(`${pre} ${secret} ${post}`, { base: ctx.base, allowParams });
        expect(out).not.to.contain(secret);
        if (!secret.includes('@')) expect(out.replace(/\D/g, '')).not.to.contain(secret.replace(/\D/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('scrubRecord', () => {
  it('masks e-mails in messages, targets and record ids', () => {
    const r = scrub({ message: 'bad login a@b.com', target: 'li[data-user="x@y.org"]', record: 'x@y.org', reason: 'x@y.org' });
    expect(r).to.deep.equal({ ...base, message: 'bad login [email]', target: 'li[data-user="[email]"]', record: '[email]', reason: '[email]' });
  });

  it('strips tokens from URLs in messages and from the page, keeping allowlisted params and routes', () => {
    const r = scrub({ page: '/checkout?token=t0k&plan=pro#/step/2?x=1', message: 'GET /api/cart?session=s3cr3t 500' });
    expect(r.page).to.equal('/checkout?plan=pro#/step/2');
    expect(r.message).to.equal('GET /api/cart 500');
    expect(scrub({ page: '/a b?t=1#frag' }).page).to.equal('/a%20b');
    expect(scrub({ page: '/u/jo@x.com' }).page).to.equal('/u/[email]');
  });

  it('copies id, sid and kind as they are', () => {
    expect(scrub({ id: 'a@b.com', sid: '4111111111111111', kind: 'dropped' })).to.deep.equal({ t: 1, id: 'a@b.com', sid: '4111111111111111', kind: 'dropped' });
  });

  it('keeps every declared field of its declared type', () => {
    const full = {
      ...base,
      page: '/p',
      pack: 'acme-pay@2026.11.0',
      rule: 'pay-stuck',
      outcome: 'unhelpful',
      record: 'ord-7',
      reason: 'too-slow',
      count: 3,
      status: 503,
      step: 0,
      flowStep: 'recheck',
      to: 'end',
      signal: 'rage-click',
      heldOut: true,
      target: 'main > button:nth-of-type(2)',
      evidence: { count: 3, first: 10, last: 20 },
      message: 'mount failed',
    };
    expect(scrub(full)).to.deep.equal(full);
    expect(Object.keys(full)).to.have.members(FIELDS);
  });

  const dropped: [string, Record<string, unknown>][] = [
    ['unknown fields', { value: 'hunter2', email: 'a@b.com', __proto__x: 1 }],
    ['a number where a string belongs', { page: 7, message: 1, rule: {} }],
    ['a string where a number belongs', { count: '3', step: '1' }],
    ['non-finite numbers', { count: NaN, status: Infinity, step: -Infinity }],
    ['heldOut other than true', { heldOut: false }],
    ['heldOut "true"', { heldOut: 'true' }],
    ['evidence with a string', { evidence: { count: 1, first: '2', last: 3 } }],
    ['evidence missing a number', { evidence: { count: 1, first: 2 } }],
    ['evidence that is not an object', { evidence: 'x' }],
  ];
  for (const [what, extra] of dropped) {
    it(`drops ${what}`, () => expect(scrub(extra)).to.deep.equal(base));
  }

  it('drops wrong-typed required fields too rather than pass them on', () => {
    expect(scrub({ id: 1, t: '1', kind: null, sid: {} })).to.deep.equal({});
  });

  it('copies evidence without its extra fields', () => {
    expect(scrub({ evidence: { count: 1, first: 2, last: 3, value: 'pw' } }).evidence).to.deep.equal({ count: 1, first: 2, last: 3 });
  });

  it('caps long strings: 500 characters, 1000 for the message', () => {
    const r = scrub({ target: 'x'.repeat(900), message: 'y'.repeat(3000) });
    expect(r.target).to.have.length(500);
    expect(r.message).to.have.length(1000);
  });

  it('never throws: null, a throwing getter, a bad context', () => {
    expect(scrubRecord(null as unknown as TelemetryRecord, ctx)).to.deep.equal({});
    const hostile = { ...base, get message(): string { throw new Error('boom'); } };
    expect(scrubRecord(hostile, ctx)).to.deep.equal({ ...base });
    expect(scrubRecord({ ...base, page: '/a?t=1', message: 'at /a?t=1' }, { base: '', allowParams: [] })).to.deep.equal({ ...base, page: '', message: 'at ' });
  });

  it('only ever sends declared fields, of their declared types, and never throws (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELDS, 'value', 'toString'), fc.anything()), (rec) => {
        const out = scrubRecord(rec as unknown as TelemetryRecord, ctx) as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(out)) {
          expect(FIELDS).to.include(k);
          if (k === 'heldOut') expect(v).to.equal(true);
          else if (k === 'evidence') expect(Object.values(v as object).every(Number.isFinite)).to.equal(true);
          else expect(typeof v === 'string' || Number.isFinite(v), k).to.equal(true);
        }
      }),
    );
  });
});

describe('scrubDeep', () => {
  it('masks a nested packet, drops what JSON cannot carry, and cuts a cycle', () => {
    const packet: Record<string, unknown> = {
      rule: 'pay-stuck',
      steps: [{ label: 'Mail jo@x.com', done: true }, { label: 'Card 4111 1111 1111 1111', n: 2 }, null],
      page: '/pay?token=1',
      skip: [undefined, () => 1, Symbol('s'), NaN, Infinity],
      fn: () => 1,
      'a@b.com': 'key',
    };
    packet.self = packet;
    (packet.steps as unknown[]).push(packet);
    expect(scrubDeep(packet, ctx)).to.deep.equal({
      rule: 'pay-stuck',
      steps: [{ label: 'Mail [email]', done: true }, { label: 'Card [card]', n: 2 }, null],
      page: '/pay',
      skip: [],
      '[email]': 'key',
    });
  });

  it('copies data shared between branches, and caps depth', () => {
    const shared = { x: 1 };
    expect(scrubDeep({ a: shared, b: [shared] }, ctx)).to.deep.equal({ a: { x: 1 }, b: [{ x: 1 }] });
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(JSON.stringify(scrubDeep(deep, ctx)).split('{').length - 1).to.equal(9);
  });

  it('keeps a __proto__ key as data', () => {
    const out = scrubDeep(JSON.parse('{"__proto__":{"polluted":"x@y.com"}}'), ctx) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).to.deep.equal({ polluted: '[email]' });
  });

  it('never throws, and returns JSON that round-trips (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }), (v) => {
        const out = scrubDeep(v, ctx);
        if (out !== undefined) expect(isJson(out), JSON.stringify(out)).to.equal(true);
      }),
    );
    const hostile = { ok: 'a', get bad(): string { throw new Error('boom'); } };
    expect(scrubDeep({ keep: 1, hostile }, ctx)).to.deep.equal({ keep: 1 });
  });
});
