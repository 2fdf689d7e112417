import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { CATALOGUE, INPUTS } from '../../src/signals/catalogue.js';
import { replay } from './recorded.js';

const page = fc.constantFrom('/a', '/b', '/c');
const target = fc.record({
  fp: fc.constantFrom('button#pay', 'input#card', 'a#next'),
  tag: fc.constant('button'),
  hits: fc.constant([] as string[]),
  traits: fc.subarray(['interactive', 'text-entry', 'field'] as const),
});
/** Any event the sensors can emit, with a time step; `t` is filled in in order. */
const step = fc.oneof(
  fc.record({ type: fc.constant('click' as const), page, x: fc.integer({ min: 0, max: 60 }), y: fc.constant(10), target, detail: fc.constant(1) }),
  fc.record({ type: fc.constant('move' as const), page, x: fc.integer({ min: 0, max: 400 }), y: fc.integer({ min: 0, max: 400 }) }),
  fc.record({ type: fc.constant('scroll' as const), page, y: fc.integer({ min: 0, max: 3000 }), dy: fc.integer({ min: -600, max: 600 }), scroller: fc.constant('') }),
  fc.record({ type: fc.constantFrom('mutation' as const, 'selection' as const, 'tick' as const), page }),
  fc.record({ type: fc.constant('focus' as const), page, target }),
  fc.record({ type: fc.constant('input' as const), page, target }),
  fc.record({ type: fc.constant('invalid' as const), page, target, source: fc.constant('constraint' as const), form: fc.constant('form#f') }),
  fc.record({ type: fc.constant('submit' as const), page, form: fc.constant('form#f') }),
  fc.record({ type: fc.constant('net' as const), page, id: fc.integer({ min: 1, max: 5 }), phase: fc.constantFrom('start' as const, 'end' as const), method: fc.constant('POST'), path: fc.constant('/api/pay'), status: fc.constantFrom(200, 0, 404, 502) }),
  fc.record({ type: fc.constant('js-error' as const), page, kind: fc.constant('error' as const), message: fc.constantFrom('boom', 'bang') }),
  fc.record({ type: fc.constant('nav' as const), page, kind: fc.constantFrom('push' as const, 'pop' as const), from: page }),
  fc.record({ type: fc.constant('track' as const), page, name: fc.constant('x') }),
);
const session = fc.array(fc.tuple(step, fc.integer({ min: 0, max: 4000 })), { maxLength: 120 }).map((steps) => {
  let t = 1_000_000;
  const events = steps.map(([e, gap]) => ({ ...e, t: (t += gap) }) as ZcEvent);
  // A last tick far ahead lets every pending deadline pass in both streams.
  return [...events, { type: 'tick', t: t + 3_600_000, page: '/a' } as ZcEvent];
});

describe('pipeline routing', () => {
  it('declares the inputs of every detector in the catalogue', () => {
    expect(Object.keys(INPUTS).sort()).to.deep.equal(CATALOGUE.map((d) => d.name).sort());
  });

  it('changes no detector\'s signals: each gets the same output from only its event types as from all events (property)', async () => {
    await fc.assert(
      fc.asyncProperty(session, async (events) => {
        for (const d of CATALOGUE) {
          const types = INPUTS[d.name];
          if (types === 'all' || types === undefined) continue;
          const key = (xs: unknown[]) => xs.map((x) => JSON.stringify(x)).sort();
          const full = await replay(events, d.detect(d.defaults));
          const routed = await replay(events.filter((e) => types.includes(e.type)), d.detect(d.defaults));
          expect(key(routed), d.name).to.deep.equal(key(full));
        }
      }),
      { numRuns: 200 },
    );
  });
});
