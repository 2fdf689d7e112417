import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { compilePack } from '../../src/engine/compile-pack.js';
import { initialState, type Decision, type EngineState } from '../../src/engine/decide.js';
import { pipeline, type PipelineOutput } from '../../src/engine/pipeline.js';
import type { ZcEvent } from '../../src/engine/types.js';
import { click, outcome, packWith, replay } from './recorded.js';

const rage = (t0: number, fp = 'button#pay', hits = ['#pay'], page = '/checkout') => [0, 100, 200].map((d) => click(t0 + d, fp, { hits, page }));
const run = (pack: ReturnType<typeof packWith>, events: ZcEvent[]) => replay(events, pipeline(compilePack(pack)));
const decisions = (out: PipelineOutput[]) => out.filter((o): o is Decision => o.type === 'decision');

describe('engine: rules and arbiter over a recorded session', () => {
  it('turns a rage click on the rule target into one decision carrying the solution and the evidence', async () => {
    const out = await run(packWith([{ id: 'pay-help', page: '/checkout*' }]), rage(1000));
    expect(out.map((o) => o.type)).to.deep.equal(['signal', 'decision']);
    const d = decisions(out)[0]!;
    expect(d).to.deep.include({ rule: 'pay-help', pack: 'test@1', t: 1200, page: '/checkout' });
    expect(d.solution).to.include({ component: 'zc-card' });
    expect(d.signal?.evidence.count).to.equal(3);
    expect(d.target?.fp).to.equal('button#pay');
  });

  it('ignores signals on other pages or other targets', async () => {
    const pack = packWith([{ id: 'r', page: '/checkout' }]);
    expect(decisions(await run(pack, rage(0, 'button#pay', ['#pay'], '/orders')))).to.be.empty;
    expect(decisions(await run(pack, rage(0, 'button#x', [])))).to.be.empty;
  });

  it('needs `count` signals within the window when the rule says so', async () => {
    const pack = packWith([{ id: 'r', when: { signal: 'rage-click', target: '#pay', count: 2, within: '1m' } }]);
    expect(decisions(await run(pack, rage(0)))).to.be.empty;
    expect(decisions(await run(pack, [...rage(0), ...rage(59_000)]))).to.have.length(1);
    expect(decisions(await run(pack, [...rage(0), ...rage(61_000)]))).to.be.empty;
  });

  it('shows one surface at a time, picks the highest priority, and does not repeat a dismissed rule this session', async () => {
    const pack = packWith([{ id: 'low', priority: 10 }, { id: 'high', priority: 90 }], { budget: { perSession: 5, minGap: '1s' } });
    const out = await run(pack, [...rage(0), outcome(500, 'high', 'dismissed'), ...rage(10_000)]);
    expect(decisions(out).map((d) => d.rule)).to.deep.equal(['high', 'low']);
    expect(out.filter((o) => o.type === 'suppressed')).to.deep.include({ type: 'suppressed', t: 200, rule: 'low', reason: 'open' });
    expect(out).to.deep.include({ type: 'suppressed', t: 10_200, rule: 'high', reason: 'dismissed' });
  });

  it('keeps a place taken while a flow moves on after its step was closed, and by a surface shown without a decision (resumed)', async () => {
    const pack = packWith([{ id: 'flow', priority: 90 }, { id: 'other', priority: 10, cap: 5 }], { budget: { perSession: 5, minGap: '1s' } });
    const move = (t: number, rule: string, to: string) => ({ ...outcome(t, rule, 'transition'), flowStep: 'pick', to });
    // The user closed the picker; the flow's `dismissed` transition shows its next step in the same place.
    const moved = await run(pack, [...rage(0), outcome(500, 'flow', 'dismissed'), move(501, 'flow', 'agent'), ...rage(10_000)]);
    expect(moved).to.deep.include({ type: 'suppressed', t: 10_200, rule: 'other', reason: 'open' });
    // A move to the end frees it, as a close does.
    const ended = await run(pack, [...rage(0), move(500, 'flow', 'end'), outcome(501, 'flow', 'closed'), ...rage(10_000)]);
    expect(decisions(ended).map((d) => d.rule)).to.deep.equal(['flow', 'other']);
    // A flow resumed at load shows without a decision: its place is taken all the same.
    const resumed = await run(pack, [outcome(0, 'flow', 'shown'), ...rage(10_000)]);
    expect(decisions(resumed)).to.be.empty;
    expect(resumed.filter((o) => o.type === 'suppressed').map((o) => [o.rule, 'reason' in o && o.reason])).to.deep.include(['other', 'open']);
  });

  it("remembers 'dont-show-again' beyond the session, but a plain dismissal only for the session", async () => {
    const pack = packWith([{ id: 'a', cap: 5 }, { id: 'b', priority: 10, cap: 5 }], { budget: { perSession: 10, minGap: '1s' } });
    let memory: EngineState['memory'] | undefined;
    const session = (events: ZcEvent[]) =>
      replay(events, pipeline(compilePack(pack), () => {
        const s = initialState({ memory });
        memory = s.memory;
        return s;
      }));
    await session([...rage(0), outcome(500, 'a', 'dismissed'), ...rage(10_000), outcome(10_500, 'b', 'dont-show-again')]);
    expect(memory?.dismissed).to.deep.equal(['b']);
    const next = await session(rage(100_000));
    expect(decisions(next).map((d) => d.rule)).to.deep.equal(['a']);
    expect(next).to.deep.include({ type: 'suppressed', t: 100_200, rule: 'b', reason: 'dismissed' });
  });

  it('respects the budget: at most perSession decisions, at least minGap apart', async () => {
    const pack = packWith(['a', 'b', 'c'].map((id) => ({ id })), { budget: { perSession: 2, minGap: '30s' } });
    const close = (t: number, rule: string) => outcome(t, rule, 'closed');
    const out = await run(pack, [...rage(0), close(1000, 'a'), ...rage(10_000), ...rage(40_000), close(41_000, 'b'), ...rage(80_000)]);
    expect(decisions(out).map((d) => [d.rule, d.t])).to.deep.equal([['a', 200], ['b', 40_200]]);
    expect(out).to.deep.include({ type: 'suppressed', t: 10_200, rule: 'b', reason: 'min-gap' });
    expect(out).to.deep.include({ type: 'suppressed', t: 80_200, rule: 'c', reason: 'budget' });
  });

  it('never exceeds the budget whatever the session (property)', async () => {
    const pack = packWith(['a', 'b', 'c', 'd'].map((id) => ({ id })), { budget: { perSession: 2, minGap: '20s' } });
    const step = fc.oneof(
      fc.record({ kind: fc.constant('rage' as const), gap: fc.integer({ min: 0, max: 60_000 }) }),
      fc.record({ kind: fc.constantFrom('dismissed' as const, 'closed' as const), gap: fc.integer({ min: 0, max: 5000 }), rule: fc.constantFrom('a', 'b', 'c', 'd') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        let t = 0;
        const events = steps.flatMap((s): ZcEvent[] => ((t += s.gap + 1000), s.kind === 'rage' ? rage(t) : [outcome(t, s.rule, s.kind)]));
        const ds = decisions(await run(pack, events));
        expect(ds.length).to.be.at.most(2);
        ds.slice(1).forEach((d, i) => expect(d.t - ds[i]!.t).to.be.at.least(20_000));
      }),
    );
  });
  it('takes history dated before `since` into its detectors but never decides on it, so it cannot hold a surface open', async () => {
    const pack = compilePack(packWith([{ id: 'r' }], { budget: { minGap: '0s' } }));
    // A rage burst from replayed history, then the same burst live.
    const out = await replay([...rage(0), ...rage(10_000)], pipeline(pack, undefined, 5_000));
    expect(out.map((o) => `${o.type}@${o.t}`)).to.deep.equal(['signal@10200', 'decision@10200']);
  });
});
