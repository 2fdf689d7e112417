import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { ZcEvent } from '../../src/engine/types.js';
import { apiError, API_ERROR_DEFAULTS } from '../../src/signals/api-error.js';
import { replay } from '../engine/recorded.js';
import { jsErr, netEnd, netStart, request, shiftEvents, shiftSignal, tap } from './builders-errors.js';

const ae = (o: Partial<typeof API_ERROR_DEFAULTS> = {}) => apiError.detect({ ...API_ERROR_DEFAULTS, ...o });
const statusesOf = async (statuses: number[], o: Partial<typeof API_ERROR_DEFAULTS> = {}) =>
  (await replay(statuses.flatMap((s, i) => request(i * 1000, i * 1000 + 100, i, s)), ae(o))).map((s) => s.evidence.status);

describe('api-error detector (event time)', () => {
  it('turns a failed request into one signal at its end, with method, path, status and its start as first', async () => {
    const signals = await replay(request(1000, 1450, 7, 502, { method: 'PUT', path: '/api/cart' }), ae());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'api-error', t: 1450, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 1, first: 1000, last: 1450, method: 'PUT', path: '/api/cart', status: 502 });
    expect(signals[0]).to.not.have.property('target');
  });

  it('counts a network failure or abort (status 0) whatever the threshold', async () => {
    expect(await statusesOf([0])).to.deep.equal([0]);
    expect(await statusesOf([0], { minStatus: 500 })).to.deep.equal([0]);
  });

  it('starts at minStatus exactly: 399 no, 400 yes; with 500, 499 no and 500 yes', async () => {
    expect(await statusesOf([200, 204, 301, 304, 399, 400, 404, 499, 500, 599])).to.deep.equal([400, 404, 499, 500, 599]);
    expect(await statusesOf([400, 499, 500, 503], { minStatus: 500 })).to.deep.equal([500, 503]);
  });

  it('uses the end time as first when the start was not seen, and ignores an end without a status', async () => {
    const [s] = await replay([netEnd(5000, 3, 500)], ae());
    expect(s!.evidence).to.deep.include({ first: 5000, last: 5000 });
    expect(await replay([netStart(0, 4), netEnd(100, 4, undefined)], ae())).to.be.empty;
    expect(await replay([netStart(0, 5)], ae())).to.be.empty;
  });

  it('pairs ends with their own start when requests overlap, and ignores everything that is not a request end', async () => {
    const events: ZcEvent[] = [netStart(0, 1), tap(50), netStart(100, 2), netEnd(200, 2, 500), jsErr(250), netEnd(300, 1, 503)];
    const signals = await replay(events, ae());
    expect(signals.map((s) => [s.evidence.first, s.evidence.last, s.evidence.status])).to.deep.equal([
      [100, 200, 500],
      [0, 300, 503],
    ]);
  });

  it('signals every failure: repeats are for the rules to count', async () => {
    const events = [...request(0, 10, 1, 500), ...request(20, 30, 2, 500), ...request(40, 50, 3, 500)];
    expect(await replay(events, ae())).to.have.length(3);
  });

  it('remembers at most 50 requests in flight, forgetting the oldest start first', async () => {
    const starts = Array.from({ length: 51 }, (_, i) => netStart(i, i));
    const signals = await replay([...starts, netEnd(1000, 0, 500), netEnd(1001, 1, 500), netEnd(1002, 50, 500)], ae());
    expect(signals.map((s) => s.evidence.first)).to.deep.equal([1000, 1, 50]);
    // A reused id starts afresh and counts as the newest, so it outlives the other 49.
    const reused = [...starts.slice(0, 50), netStart(100, 0), netStart(101, 50), netEnd(1000, 0, 500), netEnd(1001, 1, 500)];
    expect((await replay(reused, ae())).map((s) => s.evidence.first)).to.deep.equal([100, 1001]);
    // Finished requests leave the map, so a long request outlives any number of short ones.
    const short = Array.from({ length: 60 }, (_, i) => request(10 + i, 11 + i, i, 200)).flat();
    expect((await replay([netStart(0, 100), ...short, netEnd(2000, 100, 504)], ae()))[0]!.evidence.first).to.equal(0);
  });

  const netArb = fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 5000 }),
      id: fc.integer({ min: 0, max: 5 }),
      phase: fc.constantFrom('start' as const, 'end' as const),
      status: fc.constantFrom(0, 200, 302, 399, 400, 404, 499, 500, 503, undefined),
    }),
    { maxLength: 60 },
  );
  const recordNet = (steps: ReadonlyArray<{ gap: number; id: number; phase: 'start' | 'end'; status: number | undefined }>) => {
    let t = 0;
    return steps.map((s) => ((t += s.gap), s.phase === 'start' ? netStart(t, s.id) : netEnd(t, s.id, s.status)));
  };

  it('emits exactly one signal per failing end, never before its first event (property)', async () => {
    await fc.assert(
      fc.asyncProperty(netArb, fc.constantFrom(400, 500), async (steps, minStatus) => {
        const events = recordNet(steps);
        const signals = await replay(events, ae({ minStatus }));
        const failing = events.filter((e) => e.phase === 'end' && e.status !== undefined && (e.status === 0 || e.status >= minStatus));
        expect(signals.map((s) => [s.t, s.evidence.status])).to.deep.equal(failing.map((e) => [e.t, e.status]));
        for (const s of signals) expect(s.evidence.first).to.be.at.most(s.evidence.last);
      }),
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(netArb, fc.integer({ min: -1e6, max: 1e12 }), async (steps, d) => {
        const events = recordNet(steps);
        const a = await replay(events, ae());
        const b = await replay(shiftEvents(events, d), ae());
        expect(b).to.deep.equal(a.map((s) => shiftSignal(s, d)));
      }),
    );
  });
  it('ignores a request the page cancelled itself (a typeahead abort is not a failure)', async () => {
    const aborted = { ...netEnd(300, 9, 0), aborted: true };
    expect(await replay([netStart(100, 9), aborted], ae())).to.deep.equal([]);
    expect(await replay([netStart(100, 9), netEnd(300, 9, 0)], ae())).to.have.length(1);
  });
});
