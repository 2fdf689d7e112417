import { expect } from '@open-wc/testing';
import { firstValueFrom, from, toArray } from 'rxjs';
import { compilePack } from '../../src/engine/compile-pack.js';
import type { Decision } from '../../src/engine/decide.js';
import { pipeline } from '../../src/engine/pipeline.js';
import { parseSession } from '../../src/engine/session.js';
import type { RulePack } from '../../src/pack/types.js';
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
