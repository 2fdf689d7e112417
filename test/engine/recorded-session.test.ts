import { expect } from '@open-wc/testing';
import { firstValueFrom, from, toArray } from 'rxjs';
import { compilePack } from '../../src/engine/compile-pack.js';
import type { Decision, Suppressed } from '../../src/engine/decide.js';
import type { ZcEvent } from '../../src/engine/types.js';
import { pipeline } from '../../src/engine/pipeline.js';
import { parseSession } from '../../src/engine/session.js';
import type { HelpLevel, RulePack } from '../../src/pack/types.js';
import { validatePack } from '../../src/pack/validate-pack.js';

// The same fixture goes through `zerocall simulate` in Node (test/node/cli-commands.test.mjs):
// both must reach the decisions in checkout.expected.json.
const fixture = async (name: string): Promise<string> => (await fetch(new URL(`../fixtures/${name}`, import.meta.url))).text();

describe('a recorded session replays to the same decisions in the browser as in Node', () => {
  it('checkout fixture: a failed payment then rage clicks, and a submit with no payment for 30 s', async () => {
    const pack = JSON.parse(await fixture('checkout.pack.json')) as RulePack;
    expect(validatePack(pack, { sdkVersion: '0.1.0' })).to.deep.equal([]);
    const session = parseSession(await fixture('checkout.session.ndjson'));
    if ('error' in session) throw new Error(session.error);
    const out = await firstValueFrom(from(session.events).pipe(pipeline(compilePack(pack)), toArray()));
    const decisions = out.filter((o): o is Decision => o.type === 'decision').map((d) => [d.rule, d.t]);
    const expected = JSON.parse(await fixture('checkout.expected.json')) as { decisions: Array<[string, number]> };
    expect(decisions).to.deep.equal(expected.decisions);
  });
});

describe('layered service: the same recorded session at each level of help', () => {
  const run = async (edit: (p: RulePack) => RulePack, before: (t: number, page: string) => ZcEvent[]) => {
    const pack = edit(JSON.parse(await fixture('checkout.pack.json')) as RulePack);
    expect(validatePack(pack, { sdkVersion: '0.1.0' })).to.deep.equal([]);
    const session = parseSession(await fixture('checkout.session.ndjson'));
    if ('error' in session) throw new Error(session.error);
    const [first, ...rest] = session.events;
    const events = [first!, ...before(first!.t, first!.page), ...rest];
    const out = await firstValueFrom(from(events).pipe(pipeline(compilePack(pack)), toArray()));
    return {
      shown: out.filter((o): o is Decision => o.type === 'decision').map((d) => d.rule),
      held: [...new Set(out.filter((o): o is Suppressed => o.type === 'suppressed' && o.reason === 'preference').map((s) => s.rule))],
    };
  };
  // The failed payment is the designers' sure sign of a stuck user; a missing payment is only a hint.
  const sure = (p: RulePack): RulePack => ({ ...p, rules: p.rules.map((r) => (r.id === 'pay-failed' ? { ...r, confidence: 'high' as const } : r)) });
  const choose = (help?: HelpLevel) => (t: number, page: string): ZcEvent[] => [{ type: 'preference', ...(help ? { help } : {}), t, page }];

  it('shows less from "useful" to "stuck" to "off": the user chooses', async () => {
    const useful = await run(sure, choose('useful'));
    const stuck = await run(sure, choose('stuck'));
    const off = await run(sure, choose('off'));
    expect(useful).to.deep.equal({ shown: ['pay-failed', 'no-payment'], held: [] });
    expect(stuck).to.deep.equal({ shown: ['pay-failed'], held: ['no-payment'] });
    expect(off).to.deep.equal({ shown: [], held: ['pay-failed', 'no-payment'] });
  });

  it("the pack's default applies per segment of the host's context until the user chooses", async () => {
    const segmented = (p: RulePack): RulePack => ({ ...sure(p), preferences: { help: 'off', segments: [{ when: { context: 'tenure', lte: 30 }, help: 'useful' }, { when: { context: 'tier', is: 'expert' }, help: 'stuck' }] } });
    const context = (values: Record<string, string | number>) => (t: number, page: string): ZcEvent[] => [{ type: 'context', values, t, page }];
    expect((await run(segmented, () => [])).shown, 'nobody in a segment: the pack says off').to.deep.equal([]);
    expect((await run(segmented, context({ tenure: 12 }))).shown, 'new users').to.deep.equal(['pay-failed', 'no-payment']);
    expect((await run(segmented, context({ tenure: 400, tier: 'expert' }))).shown, 'experienced users').to.deep.equal(['pay-failed']);
    const chose = (t: number, page: string): ZcEvent[] => [...context({ tenure: 12 })(t, page), ...choose('off')(t, page)];
    expect((await run(segmented, chose)).shown, "the user's own choice wins").to.deep.equal([]);
    const back = (t: number, page: string): ZcEvent[] => [...chose(t, page), ...choose()(t, page)];
    expect((await run(segmented, back)).shown, 'and can be taken back').to.deep.equal(['pay-failed', 'no-payment']);
  });

  it('counts a rule on the struggle score as a sign of being stuck, under all or any but not under not', () => {
    const pack = sure({ id: 'p', version: '1', sdk: '^0.1', strings: { en: { t: 'T', b: 'B' } }, rules: [] } as unknown as RulePack);
    const card = { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't', body: 'b' } } as const;
    const rules = [
      { id: 'score', when: { all: [{ signal: 'rage-click' }, { score: { gte: 0.8 } }] }, solution: card },
      { id: 'calm', when: { all: [{ signal: 'rage-click' }, { not: { score: { gte: 0.8 } } }] }, solution: card },
      { id: 'plain', when: { signal: 'rage-click' }, solution: card },
    ] as RulePack['rules'];
    const compiled = compilePack({ ...pack, rules });
    expect(compiled.rules.map((r) => [r.id, r.whenStuck])).to.deep.equal([['score', true], ['calm', false], ['plain', false]]);
  });
});
