import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { newcombeInterval, normalQuantile } from '../../src/analysis/interval.js';
import { formatReport } from '../../src/analysis/format-report.js';
import { buildReport, naturalCompare, parseOutcomes, type ReportOptions, type RuleReport } from '../../src/analysis/report.js';
import type { TelemetryRecord } from '../../src/transport/record.js';

const PACK = 'acme-pay@2026.11.0';
let next = 0;
/** A record with a fresh id. */
const rec = (sid: string, t: number, kind: TelemetryRecord['kind'], extra: Partial<TelemetryRecord> = {}): TelemetryRecord => ({ id: `r${next++}`, t, kind, sid, pack: PACK, ...extra });
const decision = (sid: string, t: number, rule: string, heldOut = false, pack = PACK): TelemetryRecord => rec(sid, t, 'decision', { rule, pack, ...(heldOut ? { heldOut: true } : {}) });
const outcome = (sid: string, t: number, rule: string, o: NonNullable<TelemetryRecord['outcome']>): TelemetryRecord => rec(sid, t, 'outcome', { rule, outcome: o });
const track = (sid: string, t: number, name: string): TelemetryRecord => rec(sid, t, 'track', { name });
const batch = (events: TelemetryRecord[]): object => ({ v: 1, batch: `b${next++}`, sdk: '0.1.0', sent: 0, events });
/** One NDJSON line per item; strings go in as they are. */
const ndjson = (lines: readonly unknown[]): string => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
const report = (lines: readonly unknown[], options?: ReportOptions) => buildReport(parseOutcomes(ndjson(lines)), options);
const ruleRow = (rules: readonly RuleReport[], rule: string, pack = PACK): RuleReport => {
  const row = rules.find((r) => r.rule === rule && r.pack === pack);
  if (!row) throw new Error(`no row for ${pack} ${rule}`);
  return row;
};

/** `count` sessions whose only decision is for `rule`, the first `hits` of them reaching `target` after it. */
function cohort(prefix: string, count: number, hits: number, rule: string, heldOut: boolean, target = 'support-contact'): TelemetryRecord[] {
  return Array.from({ length: count }, (_, i) => [decision(`${prefix}${i}`, 1000, rule, heldOut), ...(i < hits ? [track(`${prefix}${i}`, 2000, target)] : [])]).flat();
}

describe('outcome report', () => {
  it('counts the sessions by the level of help they ended on, and the changes (layered service)', () => {
    const pref = (sid: string, t: number, help: string, source = 'user') => rec(sid, t, 'preference', { help, source });
    const r = report([pref('a', 1, 'stuck'), pref('a', 2, 'off'), pref('b', 1, 'useful', 'pack'), pref('c', 1, 'stuck'), decision('d', 1, 'pay')]);
    expect(r.preferences).to.deep.equal({ changes: 4, sessions: { useful: 1, stuck: 1, off: 1 } });
    expect(formatReport(r)).to.contain('help preferences: 4 changes in 3 sessions, which ended on: whenever useful 1, only when stuck 1, off 1');
    expect(formatReport(report([decision('d', 1, 'pay')]))).to.not.contain('help preferences');
  });

  describe('parseOutcomes', () => {
    it('reads bare records and whole POST bodies, mixed, skipping blank lines and CRLF endings', () => {
      const a = decision('s1', 1, 'pay-limit');
      const b = outcome('s1', 2, 'pay-limit', 'shown');
      const c = track('s2', 3, 'payment-succeeded');
      const text = `${JSON.stringify(a)}\r\n\r\n${JSON.stringify(batch([b, c]))}\n   \n`;
      const parsed = parseOutcomes(text);
      expect(parsed.records).to.deep.equal([a, b, c]);
      expect(parsed.duplicates).to.equal(0);
      expect(parsed.problems).to.deep.equal([]);
    });

    it('drops records delivered twice (a retried batch, or a record also stored bare), keeping the first, and counts them', () => {
      const a = decision('s1', 1, 'pay-limit');
      const b = outcome('s1', 2, 'pay-limit', 'shown');
      const body = batch([a, b]);
      const parsed = parseOutcomes(ndjson([body, body, { ...b, t: 99 }, track('s1', 3, 'x')]));
      expect(parsed.records.map((r) => r.id)).to.deep.equal([a.id, b.id, parsed.records[2].id]);
      expect(parsed.records[1].t).to.equal(2);
      expect(parsed.duplicates).to.equal(3);
      expect(report([body, body]).duplicates).to.equal(2);
    });

    it('skips malformed lines and records with a located problem, and keeps counting the rest', () => {
      const good = decision('s1', 1, 'pay-limit');
      const noSid = { id: 'x1', t: 5, kind: 'decision', rule: 'pay-limit' };
      const lines = [
        good,
        '{"id": "broken",',
        batch([decision('s2', 1, 'pay-limit'), noSid as unknown as TelemetryRecord, decision('s3', 1, 'pay-limit')]),
        '42',
        { id: 'x2', kind: 'signal', sid: 's4' },
        { id: 'x3', t: 'soon', kind: 'signal', sid: 's4' },
        { v: 2, batch: 'b', sdk: '9', sent: 0, events: [decision('s5', 1, 'pay-limit')] },
        { ...decision('s6', 1, 'pay-limit'), sid: '' },
        decision('s7', 1, 'pay-limit'),
      ];
      const parsed = parseOutcomes(ndjson(lines));
      expect(parsed.problems).to.deep.equal([
        { line: 2, message: 'not JSON' },
        { line: 3, message: 'event 2: missing "sid"' },
        { line: 4, message: 'not a record or a batch' },
        { line: 5, message: 'missing "t"' },
        { line: 6, message: '"t" is not a number' },
        { line: 7, message: 'batch version 2, expected 1: skipped' },
        { line: 8, message: '"sid" is not a non-empty string' },
      ]);
      const r = buildReport(parsed);
      expect(r.records).to.equal(4);
      expect(r.sessions).to.equal(4);
      expect(ruleRow(r.rules, 'pay-limit').triggered).to.equal(4);
      expect(r.problems).to.equal(parsed.problems);
    });

    it('keeps kinds the report does not use (signal, error, dropped) without counting them', () => {
      const r = report([rec('s1', 1, 'signal', { signal: 'rage-click' }), rec('s1', 2, 'error', { message: 'x' }), rec('s1', 3, 'dropped', { reason: 'evicted', count: 2 })]);
      expect(r.records).to.equal(3);
      expect(r.sessions).to.equal(1);
      expect(r.rules).to.deep.equal([]);
      expect(r.packs).to.deep.equal([]);
    });
  });

  describe('counts per pack version and rule', () => {
    it('counts decisions, held-out ones apart, per pack version; records without a pack under "(no pack)"', () => {
      const r = report([
        decision('s1', 1, 'pay-limit'),
        decision('s2', 1, 'pay-limit', true),
        decision('s3', 1, 'pay-limit', false, 'acme-pay@2026.12.0'),
        { id: 'np', t: 1, kind: 'decision', sid: 's4', rule: 'pay-limit' },
      ]);
      expect(ruleRow(r.rules, 'pay-limit')).to.include({ triggered: 2, heldOut: 1, shown: 0 });
      expect(ruleRow(r.rules, 'pay-limit', 'acme-pay@2026.12.0')).to.include({ triggered: 1, heldOut: 0 });
      expect(ruleRow(r.rules, 'pay-limit', '(no pack)')).to.include({ triggered: 1, heldOut: 0 });
      expect(r.packs.map((p) => [p.pack, p.sessions])).to.deep.equal([['(no pack)', 1], [PACK, 2], ['acme-pay@2026.12.0', 1]]);
    });

    it('counts surface instances: a second "shown" opens a new one, and each outcome counts once per instance', () => {
      const r = report([
        outcome('s1', 1, 'pay-limit', 'shown'),
        outcome('s1', 2, 'pay-limit', 'engaged'),
        outcome('s1', 3, 'pay-limit', 'engaged'),
        outcome('s1', 4, 'pay-limit', 'shown'),
        outcome('s1', 5, 'pay-limit', 'engaged'),
        outcome('s1', 6, 'pay-limit', 'dismissed'),
        outcome('s2', 1, 'pay-limit', 'shown'),
        outcome('s2', 2, 'pay-limit', 'dont-show-again'),
        outcome('s2', 3, 'pay-limit', 'escalated'),
        outcome('s2', 4, 'pay-limit', 'escalated'),
      ]);
      const row = ruleRow(r.rules, 'pay-limit');
      expect(row).to.include({ shown: 3, engaged: 2, dismissed: 1, dontShowAgain: 1, escalated: 1, resolved: 0, orphans: 0 });
      expect(row.rates).to.deep.equal({ engaged: 2 / 3, resolved: 0, dismissed: 1 / 3, dontShowAgain: 1 / 3, escalated: 1 / 3 });
    });

    it('counts a surface as resolved when it was helpful or its action succeeded, once even if both', () => {
      const r = report([
        outcome('s1', 1, 'r', 'shown'),
        outcome('s1', 2, 'r', 'helpful'),
        outcome('s2', 1, 'r', 'shown'),
        outcome('s2', 2, 'r', 'action-succeeded'),
        outcome('s3', 1, 'r', 'shown'),
        outcome('s3', 2, 'r', 'action-succeeded'),
        outcome('s3', 3, 'r', 'helpful'),
        outcome('s4', 1, 'r', 'shown'),
        outcome('s4', 2, 'r', 'unhelpful'),
        outcome('s4', 3, 'r', 'action-failed'),
      ]);
      expect(ruleRow(r.rules, 'r')).to.include({ shown: 4, resolved: 3 });
      expect(ruleRow(r.rules, 'r').rates.resolved).to.equal(0.75);
    });

    it('walks a session in time order, ties in input order, and counts outcomes without an earlier "shown" as orphans', () => {
      const r = report([
        outcome('s1', 20, 'r', 'engaged'), // delivered first, happened after the show
        outcome('s1', 10, 'r', 'shown'),
        outcome('s1', 30, 'r', 'shown'),
        outcome('s1', 30, 'r', 'helpful'), // same time as the second show, after it in input order
        outcome('s2', 5, 'r', 'engaged'), // no show in this session
        outcome('s2', 6, 'r', 'held-out'), // not a surface outcome
        outcome('s2', 7, 'other', 'dismissed'), // another rule's show does not count
        outcome('s2', 8, 'r', 'shown'),
        outcome('s2', 9, 'r', 'shown'),
      ]);
      expect(ruleRow(r.rules, 'r')).to.include({ shown: 4, engaged: 1, resolved: 1, orphans: 1 });
      expect(ruleRow(r.rules, 'other')).to.include({ shown: 0, dismissed: 0, orphans: 1 });
      expect(ruleRow(r.rules, 'other').rates.dismissed).to.equal(0);
    });

    it('sorts rules by pack version (numbers as numbers), then most triggered, then id', () => {
      const r = report([
        decision('s1', 1, 'b'),
        decision('s2', 1, 'a'),
        decision('s3', 1, 'c'),
        decision('s4', 1, 'c'),
        decision('s5', 1, 'z', false, 'acme-pay@2026.9.0'),
      ]);
      expect(r.rules.map((x) => `${x.pack} ${x.rule}`)).to.deep.equal(['acme-pay@2026.9.0 z', `${PACK} c`, `${PACK} a`, `${PACK} b`]);
      expect(['p@1.10.0', 'p@1.9.0', 'p@1.9.0-rc', 'o@2'].sort(naturalCompare)).to.deep.equal(['o@2', 'p@1.9.0', 'p@1.9.0-rc', 'p@1.10.0']);
    });
  });

  describe('flow drop-off', () => {
    type Outcome = NonNullable<TelemetryRecord['outcome']>;
    /** One step of a run: the step shown, what the user did there, and where the flow moved. */
    type Step = [step: string, answer?: Outcome, to?: string];
    /**
     * A flow's telemetry as the mount stage sends it: the decision, then per step its `shown`,
     * the answer and, on a move, a `transition` from it; a move to "end" closes the surface.
     * A declared flow tags every outcome with its step; the shorthand (a picker with `next`) only its transition.
     */
    function run(sid: string, rule: string, steps: readonly Step[], declared = true, t0 = 1000): TelemetryRecord[] {
      let t = t0;
      const at = (step: string) => (declared ? { flowStep: step } : {});
      const out = [decision(sid, t++, rule)];
      for (const [step, answer, to] of steps) {
        out.push(rec(sid, t++, 'outcome', { rule, outcome: 'shown', ...at(step) }));
        if (answer) out.push(rec(sid, t, 'outcome', { rule, outcome: answer, ...at(step) }));
        if (to) out.push(rec(sid, t, 'outcome', { rule, outcome: 'transition', flowStep: step, to }));
        if (to === 'end') out.push(outcome(sid, t, rule, 'closed'));
        t++;
      }
      return out;
    }
    const steps = (r: RuleReport) => Object.fromEntries((r.flow ?? []).map(({ step, ...c }) => [step, c]));

    it('counts per step the surfaces that entered, moved on, and stopped finished, dismissed or without an answer', () => {
      const r = report([
        ...run('a', 'orders', [['pick', 'picked', 'stop'], ['stop', 'action-succeeded', 'end']]),
        ...run('b', 'orders', [['pick', 'picked', 'refunded'], ['refunded', 'helpful']]),
        ...run('c', 'orders', [['pick', 'picked', 'recheck'], ['recheck', 'action-failed', 'agent'], ['agent', 'dismissed']]),
        ...run('d', 'orders', [['pick', 'picked', 'recheck'], ['recheck']]),
        ...run('e', 'orders', [['pick', 'dismissed']]),
        ...run('f', 'orders', [['pick', 'picked']]), // no branch for this order: finished at the picker
      ]);
      const row = ruleRow(r.rules, 'orders');
      // One surface per decision, however many steps it showed.
      expect(row).to.include({ triggered: 6, shown: 6, resolved: 2, dismissed: 2, orphans: 0 });
      expect(row.flow?.map((s) => s.step)).to.deep.equal(['pick', 'recheck', 'stop', 'refunded', 'agent']);
      expect(steps(row)).to.deep.equal({
        pick: { entered: 6, movedOn: 4, to: { stop: 1, refunded: 1, recheck: 2 }, stopped: 2, finished: 1, dismissed: 1, noAnswer: 0 },
        recheck: { entered: 2, movedOn: 1, to: { agent: 1 }, stopped: 1, finished: 0, dismissed: 0, noAnswer: 1 },
        stop: { entered: 1, movedOn: 1, to: { end: 1 }, stopped: 0, finished: 0, dismissed: 0, noAnswer: 0 },
        refunded: { entered: 1, movedOn: 0, to: {}, stopped: 1, finished: 1, dismissed: 0, noAnswer: 0 },
        agent: { entered: 1, movedOn: 0, to: {}, stopped: 1, finished: 0, dismissed: 1, noAnswer: 0 },
      });
    });

    it('counts a result before a close as finished, and leaves plain rules without a flow', () => {
      const r = report([...run('a', 'orders', [['pick', 'picked', 'refunded'], ['refunded', 'unhelpful']]), outcome('a', 2000, 'orders', 'dismissed'), ...run('b', 'plain', [['main', 'helpful']], false)]);
      expect(steps(ruleRow(r.rules, 'orders')).refunded).to.include({ stopped: 1, finished: 1, dismissed: 0 });
      expect(ruleRow(r.rules, 'plain')).to.include({ shown: 1, resolved: 1 });
      expect(ruleRow(r.rules, 'plain').flow).to.equal(undefined);
    });

    it('reads the shorthand (a picker with next): its first step is "pick", entered by every surface shown', () => {
      const r = report([
        ...run('a', 'old', [['pick', 'picked', 'next'], ['next', 'helpful']], false),
        ...run('b', 'old', [['pick', 'dismissed']], false),
        ...run('c', 'old', [['pick']], false),
      ]);
      const row = ruleRow(r.rules, 'old');
      expect(row).to.include({ shown: 3, resolved: 1, dismissed: 1 });
      expect(steps(row)).to.deep.equal({
        pick: { entered: 3, movedOn: 1, to: { next: 1 }, stopped: 2, finished: 0, dismissed: 1, noAnswer: 1 },
        next: { entered: 1, movedOn: 0, to: {}, stopped: 1, finished: 1, dismissed: 0, noAnswer: 0 },
      });
    });

    it('follows a flow that moves on after its step was closed (a transition on dismissed) as one surface', () => {
      const r = report(run('a', 'orders', [['pick', 'dismissed', 'agent'], ['agent', 'escalated']]));
      const row = ruleRow(r.rules, 'orders');
      expect(row.shown).to.equal(1);
      expect(steps(row)).to.deep.equal({
        pick: { entered: 1, movedOn: 1, to: { agent: 1 }, stopped: 0, finished: 0, dismissed: 0, noAnswer: 0 },
        agent: { entered: 1, movedOn: 0, to: {}, stopped: 1, finished: 1, dismissed: 0, noAnswer: 0 },
      });
    });

    it('keeps a flow resumed after a reload as one surface, and opens a new one on a new decision', () => {
      const r = report([
        ...run('a', 'orders', [['pick', 'picked', 'recheck'], ['recheck']]),
        rec('a', 5000, 'outcome', { rule: 'orders', outcome: 'shown', flowStep: 'recheck' }), // the reload
        rec('a', 5001, 'outcome', { rule: 'orders', outcome: 'action-failed', flowStep: 'recheck' }),
        ...run('a', 'orders', [['pick', 'dismissed']], true, 6000),
      ]);
      const row = ruleRow(r.rules, 'orders');
      expect(row.shown).to.equal(2);
      expect(steps(row).pick).to.include({ entered: 2, movedOn: 1, dismissed: 1 });
      expect(steps(row).recheck).to.include({ entered: 1, stopped: 1, finished: 1 });
    });

    it('prints a table per flow under its pack, in surfaces', () => {
      const text = formatReport(report([...run('a', 'orders', [['pick', 'picked', 'stop'], ['stop', 'action-succeeded', 'end']]), ...run('b', 'orders', [['pick', 'dismissed']])]));
      const out = text.split('\n');
      const start = out.indexOf('orders: flow drop-off per step, in surfaces (percentages of entered)');
      expect(start).to.be.above(0);
      expect(out.slice(start + 1)).to.deep.equal([
        '  step  entered  moved on  stopped  finished  dismissed  no answer  moved to',
        '  pick        2   1 (50%)  1 (50%)         0          1          0  stop 1',
        '  stop        1  1 (100%)   0 (0%)         0          0          0  end 1',
      ]);
      expect(text).to.match(/^[\x20-\x7e\n]*$/);
    });
  });

  describe('lift against the holdout', () => {
    it('compares the share of treated and held-out sessions that reached the target', () => {
      const r = report([...cohort('t', 10, 4, 'pay-limit', false), ...cohort('h', 5, 1, 'pay-limit', true)], { target: 'support-contact' });
      expect(r.target).to.equal('support-contact');
      const { lift, noLift } = ruleRow(r.rules, 'pay-limit');
      expect(noLift).to.equal(undefined);
      if (!lift) throw new Error('expected a lift');
      expect(lift.treated).to.deep.equal({ sessions: 10, hits: 4, rate: 0.4 });
      expect(lift.heldOut).to.deep.equal({ sessions: 5, hits: 1, rate: 0.2 });
      expect(lift.difference).to.be.closeTo(0.2, 1e-12);
      expect(lift.relative).to.be.closeTo(1, 1e-12);
      expect(lift).to.include({ target: 'support-contact', confidence: 0.95, significant: false, small: true, ...newcombeInterval(4, 10, 1, 5) });
      expect(lift.low).to.be.closeTo(-0.2836, 1e-4);
      expect(lift.high).to.be.closeTo(0.5307, 1e-4);
    });

    it('counts only target events at or after the session\'s first decision for the rule, in the same session', () => {
      const r = report(
        [
          track('a', 500, 'support-contact'), // before: cannot be the rule's doing
          decision('a', 1000, 'r'),
          track('b', 1000, 'support-contact'), // same moment: counts
          decision('b', 1000, 'r'),
          decision('c', 1000, 'r'),
          decision('c', 3000, 'r'),
          track('c', 2000, 'support-contact'), // after the first decision, before the second
          decision('d', 1000, 'r'),
          track('d', 2000, 'payment-succeeded'), // another event
          track('e', 2000, 'support-contact'), // another session
          decision('h', 1000, 'r', true),
          track('h', 900, 'support-contact'),
        ],
        { target: 'support-contact' },
      );
      const { lift } = ruleRow(r.rules, 'r');
      expect(lift?.treated).to.deep.equal({ sessions: 4, hits: 2, rate: 0.5 });
      expect(lift?.heldOut).to.deep.equal({ sessions: 1, hits: 0, rate: 0 });
      expect(lift?.relative).to.equal(undefined);
    });

    it('gives a reason instead of a lift when a group is empty, and no lift at all without a target', () => {
      const lines = [...cohort('t', 3, 1, 'shown-only', false), ...cohort('h', 3, 1, 'held-only', true), outcome('x', 1, 'orphan-only', 'engaged')];
      const r = report(lines, { target: 'support-contact' });
      const reasons = ['shown-only', 'held-only', 'orphan-only'].map((rule) => [ruleRow(r.rules, rule).noLift, ruleRow(r.rules, rule).lift]);
      expect(reasons).to.deep.equal([['no held-out sessions', undefined], ['no treated sessions', undefined], ['no decisions', undefined]]);
      const plain = report(lines);
      expect(plain.target).to.equal(undefined);
      expect(plain.rules.every((x) => x.lift === undefined && x.noLift === undefined)).to.equal(true);
      expect(plain.packs.every((x) => x.lift === undefined && x.noLift === undefined)).to.equal(true);
    });

    it('counts a session with both treated and held-out decisions as treated, and counts it as mixed', () => {
      const r = report([decision('m', 1, 'r', true), decision('m', 2, 'r'), track('m', 3, 'goal'), ...cohort('h', 2, 0, 'r', true, 'goal')], { target: 'goal' });
      const row = ruleRow(r.rules, 'r');
      expect(row.mixed).to.equal(1);
      expect(row.lift?.treated).to.deep.equal({ sessions: 1, hits: 1, rate: 1 });
      expect(row.lift?.heldOut).to.deep.equal({ sessions: 2, hits: 0, rate: 0 });
    });

    it('per pack: sessions treated by any rule against sessions held out of every rule that fired, leaving out mixed ones', () => {
      const r = report(
        [
          decision('t1', 1, 'a'),
          track('t1', 2, 'goal'),
          decision('t2', 1, 'b'),
          decision('t3', 5, 'a'),
          decision('t3', 6, 'b'),
          track('t3', 5, 'goal'), // at the first decision of the pack
          decision('h1', 1, 'a', true),
          decision('h1', 2, 'b', true),
          track('h1', 3, 'goal'),
          decision('h2', 1, 'b', true),
          track('h2', 0, 'goal'), // before any decision
          decision('m1', 1, 'a'),
          decision('m1', 2, 'b', true),
          track('m1', 3, 'goal'),
        ],
        { target: 'goal' },
      );
      const [pack] = r.packs;
      expect(pack).to.include({ pack: PACK, sessions: 6, mixed: 1 });
      expect(pack.lift?.treated).to.deep.equal({ sessions: 3, hits: 2, rate: 2 / 3 });
      expect(pack.lift?.heldOut).to.deep.equal({ sessions: 2, hits: 1, rate: 0.5 });
      expect(pack.lift?.difference).to.be.closeTo(1 / 6, 1e-12);
      // Per rule, m1 is treated for a and held out of b.
      expect(ruleRow(r.rules, 'b').lift?.heldOut.sessions).to.equal(3);
    });

    it('is significant when the interval excludes 0, in either direction, and not small with 30+ sessions per group', () => {
      const down = report([...cohort('t', 200, 10, 'r', false), ...cohort('h', 100, 30, 'r', true)], { target: 'support-contact' });
      expect(ruleRow(down.rules, 'r').lift).to.include({ significant: true, small: false });
      expect(ruleRow(down.rules, 'r').lift?.high).to.be.below(0);
      const same = report([...cohort('t', 200, 20, 'r', false), ...cohort('h', 100, 10, 'r', true)], { target: 'support-contact' });
      expect(ruleRow(same.rules, 'r').lift).to.include({ significant: false, small: false, difference: 0 });
    });
  });

  describe('newcombeInterval', () => {
    it('uses the normal quantile: 1.95996 for 95%', () => {
      expect(normalQuantile(0.975)).to.be.closeTo(1.959964, 1e-6);
      expect(normalQuantile(0.025)).to.be.closeTo(-1.959964, 1e-6);
      expect(normalQuantile(0.995)).to.be.closeTo(2.575829, 1e-6);
      expect(normalQuantile(0.001)).to.be.closeTo(-3.090232, 1e-6);
      expect(normalQuantile(0.5)).to.equal(0);
      expect(() => normalQuantile(1)).to.throw(RangeError);
    });

    // Newcombe 1998, Statistics in Medicine 17:873-890, Table II, method 10.
    it('matches the published worked examples', () => {
      const cases: Array<[number, number, number, number, number, number]> = [
        [56, 70, 48, 80, 0.0524, 0.3339],
        [9, 10, 3, 10, 0.1705, 0.809],
        [6, 7, 2, 7, 0.0582, 0.8062],
        [5, 56, 0, 29, -0.0381, 0.1926],
        [0, 10, 0, 20, -0.1611, 0.2775],
        [10, 10, 0, 20, 0.6791, 1],
      ];
      for (const [h1, n1, h0, n0, low, high] of cases) {
        const ci = newcombeInterval(h1, n1, h0, n0);
        expect(ci.low, `${h1}/${n1} - ${h0}/${n0}`).to.be.closeTo(low, 5e-5);
        expect(ci.high, `${h1}/${n1} - ${h0}/${n0}`).to.be.closeTo(high, 5e-5);
      }
    });

    it('widens with the confidence and refuses empty groups', () => {
      const ci95 = newcombeInterval(56, 70, 48, 80);
      const ci99 = newcombeInterval(56, 70, 48, 80, 0.99);
      expect(ci99.low).to.be.below(ci95.low);
      expect(ci99.high).to.be.above(ci95.high);
      expect(() => newcombeInterval(0, 0, 1, 2)).to.throw(RangeError);
      expect(() => newcombeInterval(3, 2, 1, 2)).to.throw(RangeError);
      expect(() => buildReport(parseOutcomes(''), { confidence: 95 })).to.throw(RangeError);
    });

    it('always contains the difference and stays within [-1, 1] (property)', () => {
      const group = fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
      fc.assert(
        fc.property(group, group, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([h1, n1], [h0, n0], confidence) => {
          const { low, high } = newcombeInterval(h1, n1, h0, n0, confidence);
          const d = h1 / n1 - h0 / n0;
          return low >= -1 && high <= 1 && low <= d && d <= high;
        }),
      );
    });
  });

  describe('formatReport', () => {
    const lines = [
      ...cohort('t', 50, 4, 'pay-expiry-format', false),
      ...cohort('h', 12, 3, 'pay-expiry-format', true),
      ...[0, 1, 2].flatMap((i) => [outcome(`t${i}`, 1100, 'pay-expiry-format', 'shown'), outcome(`t${i}`, 1200, 'pay-expiry-format', 'engaged')]),
      outcome('t0', 1300, 'pay-expiry-format', 'helpful'),
      decision('t0', 1000, 'pay-limit'),
      decision('u', 1000, 'pay-limit', false, 'acme-pay@2026.12.0'),
      ...Array.from({ length: 12 }, () => '{oops'),
    ];
    const text = formatReport(report(lines, { target: 'support-contact' }));

    it('starts with the counts and gives each pack version an aligned table', () => {
      const out = text.split('\n');
      expect(out[0]).to.equal(`${lines.length - 12} records, 63 sessions, 0 duplicates dropped`);
      const start = out.indexOf(`${PACK}: rules fired in 62 sessions`);
      expect(start).to.be.above(0);
      const block = out.slice(start + 1, out.indexOf('', start));
      expect(block).to.have.length(3);
      expect(block[0]).to.match(/^rule {2,}triggered {2,}held out {2,}shown {2,}engaged {2,}resolved {2,}dismissed {2,}never again {2,}escalated$/);
      expect(block[1]).to.match(/^pay-expiry-format {2}\s*62 {2}\s*12 {2}\s*3 {2}\s*3 \(100%\) {2}\s*1 \(33%\) {2}\s*0 \(0%\)/);
      expect(block[2]).to.match(/^pay-limit {2}\s*1 {2}\s*0 {2}\s*0 {2}\s*0 /);
      expect(new Set(block.map((l) => l.length)).size).to.equal(1);
      expect(text).to.match(/^[\x20-\x7e\n]*$/);
    });

    it('gives the lift of each rule and of the pack on the target', () => {
      expect(text).to.include(
        '  pay-expiry-format  support-contact: treated 8.0% (4/50), held out 25.0% (3/12): -17.0 pts, 95% CI -45.6 to +2.4, not significant (few held-out sessions)\n',
      );
      expect(text).to.include('  pay-limit          support-contact: no held-out sessions');
      expect(text).to.include('  any rule           support-contact: treated 8.0% (4/50), held out 25.0% (3/12)');
      expect(text).to.include('acme-pay@2026.12.0\n  any rule   support-contact: no held-out sessions\n  pay-limit  support-contact: no held-out sessions');
    });

    it('lists the first 10 problems and how many more, and gives the same text every time', () => {
      expect(text).to.include('12 problems, skipped:\n  line ');
      expect(text.match(/ {2}line \d+: not JSON/g)).to.have.length(10);
      expect(text.endsWith('  ... and 2 more')).to.equal(true);
      expect(formatReport(report(lines, { target: 'support-contact' }))).to.equal(text);
      expect(formatReport(report([]))).to.equal('0 records, 0 sessions, 0 duplicates dropped\n\nno decisions or outcomes of any rule');
    });
  });
});
