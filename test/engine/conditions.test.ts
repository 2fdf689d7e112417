import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { firstValueFrom, from, toArray } from 'rxjs';
import { compilePack, placementKey } from '../../src/engine/compile-pack.js';
import { decide, emptyMemory, holdoutBucket, initialState, step, type Decision, type StateInit, type Verdict } from '../../src/engine/decide.js';
import type { EngineInput, Signal } from '../../src/engine/types.js';
import type { Condition, RulePack } from '../../src/pack/types.js';
import { validatePack } from '../../src/pack/validate-pack.js';
import { packWith } from './recorded.js';

const PAGE = '/checkout';
const sig = (t: number, signal: string, hits: string[] = ['#pay'], page = PAGE): Signal => ({
  type: 'signal',
  signal,
  t,
  page,
  target: { fp: 'button#pay', tag: 'button', hits },
  evidence: { count: 1, first: t, last: t },
});
const track = (t: number, name: string): EngineInput => ({ type: 'track', t, page: PAGE, name });
const tick = (t: number): EngineInput => ({ type: 'tick', t, page: PAGE });
const submit = (t: number): EngineInput => ({ type: 'submit', t, page: PAGE, form: 'form#pay' });
const net = (t: number, status: number, path = '/api/pay'): EngineInput => ({ type: 'net', t, page: PAGE, id: t, phase: 'end', method: 'POST', path, status });

const pack = (when: Condition, extra: Partial<RulePack> = {}, rule: object = {}) => packWith([{ id: 'r', when, ...rule }], { budget: { perSession: 100, perDay: 100, minGap: '1ms' }, ...extra });
const run = async (p: RulePack, inputs: EngineInput[], init: StateInit = {}): Promise<Verdict[]> => {
  expect(validatePack(p, { sdkVersion: '0.1.0' }), 'the test pack is valid').to.deep.equal([]);
  return firstValueFrom(from(inputs).pipe(decide(compilePack(p), () => initialState(init)), toArray()));
};
const fired = (out: Verdict[]) => out.filter((v): v is Decision => v.type === 'decision').map((d) => d.t);

describe('engine: conditions', () => {
  it('all: holds when every part holds at once, each within its own window', async () => {
    const p = pack({ all: [{ signal: 'rage-click', target: '#pay' }, { signal: 'u-turn', count: 2, within: '2m' }] });
    expect(fired(await run(p, [sig(0, 'u-turn'), sig(1000, 'rage-click'), sig(200_000, 'u-turn')]))).to.deep.equal([]);
    expect(fired(await run(p, [sig(0, 'u-turn'), sig(1000, 'u-turn'), sig(2000, 'rage-click')]))).to.deep.equal([2000]);
  });

  it('any: holds when one part does', async () => {
    const p = pack({ any: [{ signal: 'dead-click' }, { event: 'net', status: '5xx', path: '/api/*' }] });
    expect(fired(await run(p, [net(10, 404)]))).to.deep.equal([]);
    expect(fired(await run(p, [net(10, 502)]))).to.deep.equal([10]);
    expect(fired(await run(p, [sig(20, 'dead-click')]))).to.deep.equal([20]);
  });

  it('not with a window: none of these in the last 30 s', async () => {
    const p = pack({ all: [{ signal: 'hesitation' }, { not: { event: 'track', name: 'paid', within: '30s' } }] });
    expect(fired(await run(p, [track(0, 'paid'), sig(10_000, 'hesitation')]))).to.deep.equal([]);
    expect(fired(await run(p, [track(0, 'paid'), sig(31_000, 'hesitation')]))).to.deep.equal([31_000]);
  });

  it('sequence: the steps in order, within the window from the first', async () => {
    const p = pack({ sequence: [{ event: 'submit' }, { signal: 'api-error' }, { signal: 'rage-click', target: '#pay' }], within: '1m' });
    expect(fired(await run(p, [sig(0, 'api-error'), submit(1), sig(2, 'rage-click')])), 'out of order').to.deep.equal([]);
    expect(fired(await run(p, [submit(0), sig(10, 'api-error'), sig(61_000, 'rage-click')])), 'too slow').to.deep.equal([]);
    expect(fired(await run(p, [submit(0), sig(10, 'api-error'), sig(60_000, 'rage-click')]))).to.deep.equal([60_000]);
    // A later start gets a second chance when an earlier one runs out of time.
    expect(fired(await run(p, [submit(0), submit(50_000), sig(50_010, 'api-error'), sig(100_000, 'rage-click')]))).to.deep.equal([100_000]);
  });

  it('sequence with an absence: submitted, then no "paid" for 30 s (noticed at the next tick)', async () => {
    const p = pack({ sequence: [{ event: 'submit' }, { absent: { event: 'track', name: 'paid' }, within: '30s' }] });
    expect(fired(await run(p, [submit(0), tick(10_000), track(20_000, 'paid'), tick(40_000)]))).to.deep.equal([]);
    expect(fired(await run(p, [submit(0), tick(10_000), tick(29_000), tick(30_000)]))).to.deep.equal([30_000]);
    expect(fired(await run(p, [submit(0), track(5_000, 'paid'), submit(6_000), tick(36_500)])), 'a new attempt').to.deep.equal([36_500]);
  });

  it('context: tests what the host said about the user, updated as it changes', async () => {
    const ctx = (t: number, values: Record<string, string | number | boolean>): EngineInput => ({ type: 'context', t, page: PAGE, values });
    const p = pack({ all: [{ signal: 'rage-click' }, { context: 'plan', is: 'pro' }, { context: 'seats', gte: 5, lte: 50 }] }, {}, { cap: 10 });
    expect(fired(await run(p, [sig(0, 'rage-click')]))).to.deep.equal([]);
    expect(fired(await run(p, [ctx(0, { plan: 'pro', seats: 10 }), sig(1, 'rage-click'), ctx(2, { seats: 60 }), sig(3, 'rage-click')]))).to.deep.equal([1]);
    const q = pack({ all: [{ signal: 'rage-click' }, { context: 'beta', exists: false }] });
    expect(fired(await run(q, [sig(0, 'rage-click')]))).to.deep.equal([0]);
    expect(fired(await run(q, [ctx(0, { beta: true }), sig(1, 'rage-click')]))).to.deep.equal([]);
  });

  it('score: the struggle score the runtime keeps', async () => {
    const p = pack({ score: { gte: 0.7 } });
    const scores = [0.2, 0.9];
    let i = 0;
    const c = compilePack(p);
    const state = initialState();
    // The model is tested in struggle.test.ts; here the score is scripted.
    state.struggle = { update: () => undefined, score: () => scores[i++] ?? 0, explain: () => ({ score: 0, features: [] }), size: () => 0 };
    // Tried on the tick, not on the signals that raise it: a signal's own rule speaks first.
    const tick = (t: number): EngineInput => ({ type: 'tick', t, page: PAGE });
    const out = await firstValueFrom(from([tick(0), sig(3, 'dead-click'), tick(5), sig(7, 'js-error')] as EngineInput[]).pipe(decide(c, () => state), toArray()));
    expect(fired(out)).to.deep.equal([5]);
  });

  it('a rule is tried only by the inputs that can affect it (index by kind, name and target)', () => {
    const c = compilePack(
      packWith([
        { id: 'a', when: { signal: 'rage-click', target: '#pay' } },
        { id: 'b', when: { event: 'track', name: 'paid' } },
        { id: 'c', when: { sequence: [{ event: 'submit' }, { absent: { event: 'track' }, within: '5s' }] } },
        { id: 'd', when: { score: { gte: 0.5 } } },
        { id: 'off', enabled: false, when: { signal: 'rage-click' } },
        { id: 'g', when: { event: 'track', name: 'pay*' } },
      ]),
    );
    const keys = Object.fromEntries([...c.index].map(([k, rules]) => [k, rules.map((r) => r.id)]));
    expect(keys).to.deep.equal({ 's:rage-click@#pay': ['a'], 'e:track=paid': ['b'], 'e:submit': ['c'], 'e:track': ['c', 'g'], 'e:tick': ['c', 'd'] });
  });

  it('rules share a leaf they count the same way on the same pages; a negated leaf updates that state but never tries its rules', async () => {
    const notPaid = { not: { event: 'track', name: 'paid', within: '30s' } } as const;
    const p = packWith(
      [
        { id: 'x', when: { all: [{ signal: 'rage-click', target: '#x' }, notPaid] } },
        { id: 'y', when: { all: [{ signal: 'rage-click', target: '#y' }, notPaid] } },
        { id: 'z', page: '/orders', when: { all: [{ signal: 'rage-click', target: '#z' }, notPaid] } },
      ],
      { budget: { perSession: 10, minGap: '0s' } },
    );
    const c = compilePack(p);
    expect(c.leaves.leaves.length, 'x and y share the paid leaf; z counts on other pages').to.equal(5);
    expect([...c.index.keys()]).to.deep.equal(['s:rage-click@#x', 's:rage-click@#y', 's:rage-click@#z']);
    const out = await run(p, [track(0, 'paid'), sig(10_000, 'rage-click', ['#x', '#y']), sig(40_000, 'rage-click', ['#x', '#y'])]);
    expect(out.map((v) => (v.type === 'decision' ? `${v.rule}@${v.t}` : `${v.rule}:${v.reason}@${v.t}`))).to.deep.equal(['x@40000', 'y:open@40000']);
  });
});

describe('engine: arbiter', () => {
  const rage = (t: number) => sig(t, 'rage-click');

  it('cap and cooldown: shows per session, and the least time between two shows across sessions', async () => {
    const p = pack({ signal: 'rage-click' }, {}, { cap: 2, cooldown: '1h' });
    const close = (t: number): EngineInput => ({ type: 'outcome', t, page: PAGE, rule: 'r', outcome: 'closed' });
    const out = await run(p, [rage(0), close(1), rage(10), rage(3_600_001), close(3_600_002), rage(7_300_000)]);
    expect(out.map((v) => (v.type === 'decision' ? `show@${v.t}` : `${v.reason}@${v.t}`))).to.deep.equal(['show@0', 'cooldown@10', 'show@3600001', 'cap@7300000']);
    const memory = emptyMemory();
    memory.rules.r = { last: 0, day: 0, count: 1 };
    expect(fired(await run(p, [rage(60_000)], { memory })), 'a show in an earlier session counts').to.deep.equal([]);
  });

  it('one surface per placement: another placement may show at the same time', async () => {
    const outlet = { component: 'zc-card', placement: { outlet: 'help' }, content: { title: 't', body: 'b' } } as const;
    const p = packWith(
      [
        { id: 'anchored', when: { signal: 'rage-click' } },
        { id: 'anchored-too', when: { signal: 'rage-click' } },
        { id: 'in-outlet', when: { signal: 'rage-click' }, solution: outlet },
      ],
      { budget: { perSession: 10, minGap: '0s' } },
    );
    const out = await run(p, [rage(0)]);
    expect(out.map((v) => (v.type === 'decision' ? v.rule : `${v.rule}:${v.reason}`))).to.deep.equal(['anchored', 'anchored-too:open', 'in-outlet']);
  });

  it('fatigue groups and the daily budget are shared, and a dismissal is remembered', async () => {
    const p = packWith(
      [
        { id: 'a', group: 'billing', when: { signal: 'rage-click' } },
        { id: 'b', group: 'billing', when: { signal: 'dead-click' } },
        { id: 'c', when: { signal: 'js-error' } },
      ],
      { groups: { billing: { perSession: 1 } }, budget: { perSession: 10, perDay: 2, minGap: '1ms' } },
    );
    const close = (t: number, rule: string): EngineInput => ({ type: 'outcome', t, page: PAGE, rule, outcome: 'dismissed' });
    const out = await run(p, [rage(0), close(1, 'a'), sig(2, 'dead-click'), sig(3, 'js-error'), close(4, 'c'), sig(5, 'js-error')]);
    expect(out.map((v) => (v.type === 'decision' ? v.rule : `${v.rule}:${v.reason}`))).to.deep.equal(['a', 'b:group', 'c', 'c:dismissed']);
    const memory = emptyMemory();
    const day = Math.floor(1e12 / 86_400_000);
    Object.assign(memory, { pack: { last: 1e12 - 60_000, day, count: 2 } });
    expect((await run(p, [sig(1e12, 'js-error')], { memory }))[0]).to.deep.include({ reason: 'day-budget' });
    expect(fired(await run(p, [sig(1e12 + 86_400_000, 'js-error')], { memory })), 'a new day').to.have.length(1);
  });

  it('holdout: deterministic per user and rule; the decision is made and marked, the surface is not opened', async () => {
    const p = pack({ signal: 'rage-click' }, { holdout: 0.5 });
    const users = Array.from({ length: 400 }, (_, i) => `user-${i}`);
    const held = users.filter((u) => holdoutBucket(u, 'r') < 0.5);
    expect(held.length / users.length).to.be.within(0.4, 0.6);
    const out = await run(p, [rage(0), rage(5)], { subject: held[0]! });
    expect(out[0]).to.deep.include({ type: 'decision', heldOut: true });
    expect(holdoutBucket(held[0]!, 'r')).to.equal(holdoutBucket(held[0]!, 'r'));
    const other = users.find((u) => !held.includes(u))!;
    expect((await run(p, [rage(0)], { subject: other }))[0]).to.deep.include({ heldOut: false });
  });

  it('consent gate and kill switch', async () => {
    const p = pack({ signal: 'rage-click' });
    const consent = (t: number, granted: boolean): EngineInput => ({ type: 'consent', t, page: PAGE, granted });
    expect((await run(p, [rage(0)], { consent: false }))[0]).to.deep.include({ reason: 'consent' });
    expect(fired(await run(p, [rage(0), consent(1, true), rage(2)], { consent: false }))).to.deep.equal([2]);
    expect(await run({ ...p, enabled: false }, [rage(0)])).to.deep.equal([]);
    expect(await run(packWith([{ id: 'r', enabled: false }]), [rage(0)])).to.deep.equal([]);
  });

  it('arbitrary valid packs over arbitrary inputs never throw, never exceed a budget, never show two surfaces in one placement (property)', async () => {
    const leaf = fc.oneof(
      fc.record({ signal: fc.constantFrom('rage-click', 'dead-click', 'api-error'), count: fc.constantFrom(1, 2), within: fc.constant('10s') }),
      fc.record({ event: fc.constantFrom('submit', 'track'), within: fc.constantFrom('5s', '1m') }),
    );
    const cond: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
      c: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ not: tie('c') }),
        fc.record({ sequence: fc.tuple(leaf, fc.record({ absent: leaf, within: fc.constant('3s') }), leaf).map((s) => [...s]) }),
        fc.record({ context: fc.constant('plan'), is: fc.constantFrom('pro', 'free') }),
      ),
    })).c;
    const input = fc.oneof(
      fc.record({ kind: fc.constantFrom('rage-click', 'dead-click', 'api-error'), gap: fc.nat(20_000) }),
      fc.record({ kind: fc.constantFrom('submit', 'track', 'tick', 'closed', 'plan'), gap: fc.nat(20_000) }),
    );
    const solution = (outlet: boolean) => ({ component: 'zc-card' as const, placement: outlet ? { outlet: 'o' } : { anchor: '$target' }, content: { title: 't', body: 'b' } });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ when: cond, priority: fc.nat(100), outlet: fc.boolean(), cap: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 6 }),
        fc.array(input, { maxLength: 60 }),
        fc.record({ perSession: fc.integer({ min: 0, max: 4 }), minGap: fc.constantFrom('1ms', '10s') }),
        async (rules, steps, budget) => {
          const p = packWith(rules.map((r, i) => ({ id: `r${i}`, when: r.when, priority: r.priority, cap: r.cap, solution: solution(r.outlet) })), { budget });
          expect(validatePack(p, { sdkVersion: '0.1.0' })).to.deep.equal([]);
          const c = compilePack(p);
          const state = initialState();
          const open = new Map<string, string>();
          let t = 1e12;
          let shows: Decision[] = [];
          for (const s of steps) {
            t += s.gap;
            const input: EngineInput =
              s.kind === 'submit' ? submit(t)
              : s.kind === 'track' ? track(t, 'paid')
              : s.kind === 'tick' ? tick(t)
              : s.kind === 'plan' ? { type: 'context', t, page: PAGE, values: { plan: t % 2 ? 'pro' : 'free' } }
              : s.kind === 'closed' ? { type: 'outcome', t, page: PAGE, rule: [...open.values()][s.gap % Math.max(1, open.size)] ?? 'r0', outcome: 'closed' }
              : sig(t, s.kind);
            if (input.type === 'outcome') for (const [k, r] of open) if (r === input.rule) open.delete(k);
            for (const v of step(c, state, input)) {
              if (v.type !== 'decision') continue;
              const key = placementKey(v.solution.placement);
              expect(open.has(key), `two surfaces in ${key}`).to.equal(false);
              open.set(key, v.rule);
              shows = [...shows, v];
            }
          }
          expect(shows.length).to.be.at.most(budget.perSession);
          for (let i = 1; i < shows.length; i++) expect(shows[i]!.t - shows[i - 1]!.t).to.be.at.least(budget.minGap === '10s' ? 10_000 : 1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
