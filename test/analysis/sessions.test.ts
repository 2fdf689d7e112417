import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  decideSession,
  evaluate,
  joinLabels,
  type Label,
  type LabelledSession,
  median,
  parseLabels,
  snapshots,
  strugglingAt,
} from '../../src/analysis/sessions.js';
import { compilePack } from '../../src/engine/compile-pack.js';
import { holdoutBucket } from '../../src/engine/decide.js';
import { withSignals } from '../../src/engine/pipeline.js';
import type { ParsedSession, SessionHeader } from '../../src/engine/session.js';
import { STRUGGLE_FEATURES } from '../../src/engine/struggle.js';
import type { EngineInput, ZcEvent } from '../../src/engine/types.js';
import { click, packWith, replay } from '../engine/recorded.js';

const T0 = 1_700_000_000_000;
const RAGE = STRUGGLE_FEATURES.indexOf('rage-click');
const IDLE = STRUGGLE_FEATURES.indexOf('idle');
const PAGE = '/checkout';

const tick = (t: number): ZcEvent => ({ type: 'tick', t, page: PAGE });
const load = (t: number): ZcEvent => ({ type: 'nav', t, page: PAGE, kind: 'load', from: '' });
/** Three clicks 200 ms apart on one spot: the rage-click detector (3 within 1 s) fires on the last, at t + 400. */
const burst = (t: number, hit = '#pay'): ZcEvent[] => [0, 200, 400].map((d) => click(t + d, `button${hit}`, { hits: [hit] }));
/** Clicks on different controls seconds apart: never a burst. */
const calm = (t: number): ZcEvent[] => [click(t, 'a#details', { hits: [] }), click(t + 5000, 'button#next', { x: 300, hits: [] })];
const session = (...events: ZcEvent[][]): ZcEvent[] => events.flat().sort((a, b) => a.t - b.t);

describe('labelled sessions (zerocall train / evaluate)', () => {
  describe('parseLabels', () => {
    it('reads the columns in any order, every spelling of a label, both kinds of onset', () => {
      const csv = [
        '',
        'Persona, onset ,LABEL,session',
        'buyer,1700000005000,1,a',
        'browser,,0,b',
        ',+12.5,struggling,c',
        '# reviewed by hand from here on',
        'x,,TRUE,d',
        '',
        ',,false,e',
        ',,smooth,f',
        ',+0,yes,g',
      ].join('\r\n');
      const { labels, problems } = parseLabels(csv);
      expect(problems).to.deep.equal([]);
      expect([...labels.values()]).to.deep.equal([
        { id: 'a', struggling: true, onset: 1_700_000_005_000, persona: 'buyer' },
        { id: 'b', struggling: false, persona: 'browser' },
        { id: 'c', struggling: true, offset: 12_500 },
        { id: 'd', struggling: true, persona: 'x' },
        { id: 'e', struggling: false },
        { id: 'f', struggling: false },
        { id: 'g', struggling: true, offset: 0 },
      ]);
      // Only the two required columns.
      expect([...parseLabels('session,label\ns1,0\ns2,1').labels.values()]).to.deep.equal([
        { id: 's1', struggling: false },
        { id: 's2', struggling: true },
      ]);
    });

    it('reports each bad row with its line number and keeps the rest', () => {
      const csv = [
        'session,label,onset',
        'a,1,1700000005000',
        'b,maybe,',
        'c,1,soon',
        'd,1,-5',
        'e,1,+1m',
        ',1,',
        'a,0,',
        'f',
        'g,0,',
      ].join('\n');
      const { labels, problems } = parseLabels(csv);
      expect(problems).to.deep.equal([
        'line 3: label "maybe" for b: expected 1 or 0 (true/false, struggling/smooth)',
        'line 4: onset "soon" for c: expected ms since the epoch or +seconds from the session\'s start',
        'line 5: onset "-5" for d: expected ms since the epoch or +seconds from the session\'s start',
        'line 6: onset "+1m" for e: expected ms since the epoch or +seconds from the session\'s start',
        'line 7: no session id',
        'line 8: session a is labelled twice',
        'line 9: label "" for f: expected 1 or 0 (true/false, struggling/smooth)',
      ]);
      // The first label of a stays; the duplicate does not replace it.
      expect([...labels.values()]).to.deep.equal([
        { id: 'a', struggling: true, onset: 1_700_000_005_000 },
        { id: 'g', struggling: false },
      ]);
    });

    it('needs a header naming "session" and "label", and says so for an empty file', () => {
      expect(parseLabels('id,label\na,1')).to.deep.equal({
        labels: new Map(),
        problems: ['line 1: the header must name the columns "session" and "label" (got id,label)'],
      });
      expect(parseLabels('\n\nsession,state\na,1').problems).to.deep.equal(['line 3: the header must name the columns "session" and "label" (got session,state)']);
      const empty = ['the file is empty: expected a header row "session,label,onset,persona"'];
      expect(parseLabels('')).to.deep.equal({ labels: new Map(), problems: empty });
      expect(parseLabels('\n   \r\n\n').problems).to.deep.equal(empty);
      // A header and nothing else is no problem: there is nothing labelled yet.
      expect(parseLabels('session,label\n')).to.deep.equal({ labels: new Map(), problems: [] });
    });
  });

  describe('joinLabels', () => {
    const header = (id: string, started = T0): SessionHeader => ({ zerocall: 'session', v: 1, id, sdk: '0.1.0', pack: 'test@1', started });
    const parsed = (id: string, line: number, events: ZcEvent[], started?: number): ParsedSession => ({ header: header(id, started), events, line });

    it('pairs sessions with labels, making offset onsets absolute from the first event', () => {
      const { labels } = parseLabels('session,label,onset,persona\na,1,+12.5,buyer\nb,1,1700000009000,\nc,0,,\nd,1,+2,');
      const sessions = [
        parsed('a', 1, [load(T0 + 300), tick(T0 + 1300)]),
        parsed('b', 4, [load(T0)]),
        parsed('c', 6, [load(T0)]),
        // No events: the offset counts from the header's start.
        parsed('d', 8, [], T0 + 60_000),
      ];
      const { sessions: joined, problems } = joinLabels(sessions, labels);
      expect(problems).to.deep.equal([]);
      expect(joined.map((s) => [s.id, s.label])).to.deep.equal([
        ['a', { id: 'a', struggling: true, onset: T0 + 12_800, persona: 'buyer' }],
        ['b', { id: 'b', struggling: true, onset: 1_700_000_009_000 }],
        ['c', { id: 'c', struggling: false }],
        ['d', { id: 'd', struggling: true, onset: T0 + 62_000 }],
      ]);
      expect(joined[0]!.events).to.equal(sessions[0]!.events);
    });

    it('names unlabelled sessions and labels without a session, and leaves both out', () => {
      const { labels } = parseLabels('session,label\na,1\nghost,0\nb,0');
      const { sessions, problems } = joinLabels([parsed('a', 1, [load(T0)]), parsed('z', 3, [load(T0)]), parsed('b', 5, [load(T0)])], labels);
      expect(sessions.map((s) => s.id)).to.deep.equal(['a', 'b']);
      expect(problems).to.deep.equal(['session z (line 3) has no label', 'label for ghost: no such session']);
    });
  });

  describe('snapshots', () => {
    const pack = compilePack(packWith([{ id: 'pay' }]));
    // A load, a tick a second for 15 s, and a rage click burst ending at T0 + 2500.
    const events = session([load(T0)], Array.from({ length: 15 }, (_, i) => tick(T0 + (i + 1) * 1000)), burst(T0 + 2100));

    it('takes one snapshot per tick and per signal, in time order', () => {
      const shots = snapshots(events, pack);
      expect(shots.map((s) => s.t - T0)).to.deep.equal([1000, 2000, 2500, ...Array.from({ length: 13 }, (_, i) => (i + 3) * 1000)]);
      for (const s of shots) expect(s.x).to.have.length(STRUGGLE_FEATURES.length);
    });

    it('counts the rage click from its signal on, as ln(1 + count)', () => {
      const shots = snapshots(events, pack);
      expect(shots.slice(0, 2).map((s) => s.x[RAGE])).to.deep.equal([0, 0]);
      for (const s of shots.slice(2)) expect(s.x[RAGE]).to.be.closeTo(Math.LN2, 1e-12);
      // Nothing but the rage click and idle time in this session.
      for (const s of shots) expect(s.x.filter((_, i) => i !== RAGE && i !== IDLE)).to.deep.equal(new Array<number>(STRUGGLE_FEATURES.length - 2).fill(0));
      const twice = snapshots(session(events, burst(T0 + 8100)), pack);
      expect(twice.find((s) => s.t === T0 + 9000)!.x[RAGE]).to.be.closeTo(Math.log(3), 1e-12);
    });

    it('measures idle in minutes since the last click (or the first event before any)', () => {
      const idle = snapshots(events, pack).map((s) => [s.t - T0, s.x[IDLE]]);
      expect(idle.slice(0, 4)).to.deep.equal([
        [1000, 1 / 60],
        [2000, 2 / 60],
        [2500, 0],
        [3000, 0.5 / 60],
      ]);
      const [, last] = idle.at(-1)!;
      expect(last).to.be.closeTo(12.5 / 60, 1e-12);
      // Idle only grows between clicks.
      const after = idle.slice(2).map(([, v]) => v!);
      for (let i = 1; i < after.length; i++) expect(after[i]).to.be.above(after[i - 1]!);
    });

    it("drops counts a window old, with the pack's struggle window", () => {
      const short = compilePack(packWith([{ id: 'pay' }], { struggle: { window: '10s' } }));
      const at = (p: typeof pack, t: number) => snapshots(events, p).find((s) => s.t === t)!.x;
      // The signal is at T0 + 2500: gone once it is 10 s old under the short window.
      expect(at(short, T0 + 12_000)[RAGE]).to.be.closeTo(Math.LN2, 1e-12);
      expect(at(short, T0 + 13_000)[RAGE]).to.equal(0);
      expect(at(pack, T0 + 13_000)[RAGE]).to.be.closeTo(Math.LN2, 1e-12);
      // Idle is capped at the window too: 12.5 s since the last click, 10 s counted.
      expect(at(short, T0 + 15_000)[IDLE]).to.be.closeTo(10 / 60, 1e-12);
      expect(at(pack, T0 + 15_000)[IDLE]).to.be.closeTo(12.5 / 60, 1e-12);
    });

    it('property: rage-click x is ln(1 + the signals in the window), idle within the window, at every tick and signal', async () => {
      const windows = [10_000, 30_000, 120_000];
      await fc.assert(
        fc.asyncProperty(
          // Short gaps make bursts, long ones let counts leave the window.
          fc.array(fc.record({ gap: fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 20_000 })), kind: fc.constantFrom('click', 'far', 'tick') }), { maxLength: 60 }),
          fc.constantFrom(...windows),
          async (steps, window) => {
            const p = compilePack(packWith([{ id: 'pay' }], { struggle: { window: `${window / 1000}s` } }));
            let t = T0;
            const evs = steps.map((s): ZcEvent => {
              t += s.gap;
              return s.kind === 'tick' ? tick(t) : click(t, 'button#pay', { x: s.kind === 'far' ? 500 : 100 });
            });
            const inputs: EngineInput[] = await replay(evs, withSignals(p));
            const signals = inputs.filter((i) => i.type === 'signal' && i.signal === 'rage-click').map((i) => i.t);
            const shots = snapshots(evs, p);
            expect(shots.map((s) => s.t)).to.deep.equal(inputs.filter((i) => i.type === 'tick' || i.type === 'signal').map((i) => i.t));
            for (const s of shots) {
              const n = signals.filter((at) => at <= s.t && s.t - at < window).length;
              expect(s.x[RAGE]).to.be.closeTo(Math.log1p(n), 1e-12);
              expect(s.x[IDLE]).to.be.within(0, window / 60_000);
            }
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  describe('decideSession and evaluate', () => {
    // Two rules at different placements, so one being open does not hold the other back.
    const pack = compilePack(
      packWith(
        [
          { id: 'pay' },
          {
            id: 'help',
            when: { signal: 'rage-click', target: '#help' },
            solution: { component: 'zc-card', placement: { dock: 'end' }, content: { title: 't', body: 'b' } },
          },
        ],
        { budget: { perDay: 50, minGap: '1ms' } },
      ),
    );
    const labelled = (id: string, events: ZcEvent[], label: Omit<Label, 'id'>): LabelledSession => ({ id, events, label: { id, ...label } });
    const base = (): ZcEvent[] => [load(T0), tick(T0 + 1000), tick(T0 + 3000), tick(T0 + 6000)];

    const sessions: LabelledSession[] = [
      // Onset, then the burst: the pay rule decides at T0 + 2400, 1.4 s after the onset.
      labelled('onset-first', session(base(), burst(T0 + 2000)), { struggling: true, onset: T0 + 1000, persona: 'buyer' }),
      labelled('close-call', session(base(), burst(T0 + 2000)), { struggling: true, onset: T0 + 2300, persona: 'buyer' }),
      // The decision comes before the struggle began: early, not recalled.
      labelled('too-soon', session(base(), burst(T0 + 2000)), { struggling: true, onset: T0 + 5000, persona: 'buyer' }),
      // Early on help, then recalled by pay after the onset: the first decision from the onset on counts.
      labelled('early-then-late', session(base(), burst(T0 + 1000, '#help'), burst(T0 + 4000)), { struggling: true, onset: T0 + 3400 }),
      // No onset known: struggling throughout, no delay.
      labelled('whole', session(base(), burst(T0 + 2000, '#help')), { struggling: true }),
      labelled('interrupted', session(base(), burst(T0 + 2000)), { struggling: false, persona: 'browser' }),
      labelled('calm', session(base(), calm(T0 + 500)), { struggling: false, persona: 'browser' }),
      labelled('quiet', session(base(), calm(T0 + 700)), { struggling: false }),
    ];

    it('strugglingAt: from the onset on, or throughout without one; never for a smooth session', () => {
      expect(strugglingAt({ id: 'a', struggling: true, onset: 100 }, 99)).to.equal(false);
      expect(strugglingAt({ id: 'a', struggling: true, onset: 100 }, 100)).to.equal(true);
      expect(strugglingAt({ id: 'a', struggling: true }, -1e15)).to.equal(true);
      expect(strugglingAt({ id: 'a', struggling: false, onset: 100 }, 200)).to.equal(false);
    });

    it('times the first decision from the onset on, and flags one before it as early', () => {
      const results = sessions.map((s) => decideSession(s, pack));
      expect(results).to.deep.equal([
        { id: 'onset-first', struggling: true, persona: 'buyer', decided: { t: T0 + 2400, rule: 'pay' }, early: false, delay: 1400 },
        { id: 'close-call', struggling: true, persona: 'buyer', decided: { t: T0 + 2400, rule: 'pay' }, early: false, delay: 100 },
        { id: 'too-soon', struggling: true, persona: 'buyer', early: true },
        { id: 'early-then-late', struggling: true, decided: { t: T0 + 4400, rule: 'pay' }, early: true, delay: 1000 },
        { id: 'whole', struggling: true, decided: { t: T0 + 2400, rule: 'help' }, early: false },
        { id: 'interrupted', struggling: false, persona: 'browser', decided: { t: T0 + 2400, rule: 'pay' }, early: false },
        { id: 'calm', struggling: false, persona: 'browser', early: false },
        { id: 'quiet', struggling: false, early: false },
      ]);
    });

    it('decides at the onset itself as recalled, with no delay', () => {
      const r = decideSession(labelled('exact', session(base(), burst(T0 + 2000)), { struggling: true, onset: T0 + 2400 }), pack);
      expect(r).to.deep.equal({ id: 'exact', struggling: true, decided: { t: T0 + 2400, rule: 'pay' }, early: false, delay: 0 });
    });

    it('sums up recall, false interruptions, early decisions, the median delay, rules and personas', () => {
      const e = evaluate(sessions, pack);
      expect(e.results).to.deep.equal(sessions.map((s) => decideSession(s, pack)));
      expect({ ...e, results: undefined }).to.deep.equal({
        sessions: 8,
        struggling: 5,
        smooth: 3,
        recall: 4 / 5,
        falseInterruptions: 1 / 3,
        early: 2,
        medianDelay: 1000,
        rules: { pay: 4, help: 1 },
        personas: {
          browser: { sessions: 2, decided: 1, medianDelay: NaN },
          buyer: { sessions: 3, decided: 2, medianDelay: 750 },
          smooth: { sessions: 1, decided: 0, medianDelay: NaN },
          struggling: { sessions: 2, decided: 2, medianDelay: 1000 },
        },
        results: undefined,
      });
      expect(Object.keys(e.personas)).to.deep.equal(['browser', 'buyer', 'smooth', 'struggling']);
    });

    it('gives NaN shares without sessions of a kind', () => {
      const none = evaluate([], pack);
      expect([none.sessions, none.recall, none.falseInterruptions, none.medianDelay]).to.deep.equal([0, NaN, NaN, NaN]);
      expect(none.rules).to.deep.equal({});
      const smoothOnly = evaluate(sessions.slice(5), pack);
      expect(smoothOnly.recall).to.be.NaN;
      expect(smoothOnly.falseInterruptions).to.equal(1 / 3);
    });

    it('counts a held-out decision as a decision: the pack decided, whatever the user saw', () => {
      const held = compilePack({ ...pack.pack, holdout: 0.5 });
      // The fixed visitor evaluate replays as is in the holdout of both rules at 0.5.
      expect(['pay', 'help'].every((rule) => holdoutBucket('evaluate', rule) < 0.5)).to.equal(true);
      expect(evaluate(sessions, held)).to.deep.equal(evaluate(sessions, pack));
    });

    it('replays each session from a fresh state: one session using the budget does not hold back the next', () => {
      const tight = compilePack(packWith([{ id: 'pay' }], { budget: { perSession: 1, perDay: 1, minGap: '1h' } }));
      const twice = [sessions[0]!, { ...sessions[0]!, id: 'again' }];
      expect(evaluate(twice, tight).recall).to.equal(1);
    });
  });

  describe('median', () => {
    it('is the middle value, or the mean of the two middle ones, without reordering its input', () => {
      const values = [4, 1, 3, 2];
      expect(median(values)).to.equal(2.5);
      expect(values).to.deep.equal([4, 1, 3, 2]);
      expect(median([10, -1, 3])).to.equal(3);
      expect(median([7])).to.equal(7);
      expect(median([])).to.be.NaN;
      // Numerically, not as strings.
      expect(median([100, 9, 20])).to.equal(20);
    });
  });
});
