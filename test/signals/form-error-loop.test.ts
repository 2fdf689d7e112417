import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import type { Signal, ZcEvent } from '../../src/engine/types.js';
import { formErrorLoop, FORM_ERROR_LOOP_DEFAULTS } from '../../src/signals/form-error-loop.js';
import { replay } from '../engine/recorded.js';
import { focus, input, invalid, nav, netEnd, netStart, request, shiftEvents, shiftSignal, submit, tap, tick } from './builders-errors.js';

type Opts = typeof FORM_ERROR_LOOP_DEFAULTS;
const fel = (o: Partial<Opts> = {}) => formErrorLoop.detect({ ...FORM_ERROR_LOOP_DEFAULTS, ...o });
const FORM = 'form#signup';
const [EMAIL, NAME, ZIP] = ['input#email', 'input#name', 'input#zip'];

/** The user presses the submit button at `t` and native validation rejects `fps` at once. */
const attempt = (t: number, ...fps: string[]): ZcEvent[] => [tap(t), ...fps.map((fp) => invalid(t + 1, fp, { form: FORM }))];
/** The user goes into a field and changes it. */
const edit = (t: number, fp: string): ZcEvent[] => [focus(t, fp), input(t + 100, fp)];
/** A submit the server answers with `status` after `after` ms. */
const serverSubmit = (t: number, id: number, status: number, after = 300): ZcEvent[] => [tap(t), submit(t), ...request(t + 5, t + after, id, status)];
const fieldsOf = (signals: Signal[]) => signals.map((s) => s.evidence.field ?? `form ${s.evidence.form}`);

describe('form-error-loop detector (event time)', () => {
  it('fires once when the user fixes a field and it is rejected again, three times, with its evidence and target', async () => {
    const events = [...attempt(0, EMAIL, NAME), ...edit(5_000, EMAIL), ...attempt(10_000, EMAIL), ...edit(15_000, EMAIL), ...attempt(20_000, EMAIL), tick(30_000)];
    const signals = await replay(events, fel());
    expect(signals).to.have.length(1);
    expect(signals[0]).to.deep.include({ type: 'signal', signal: 'form-error-loop', t: 20_001, page: '/checkout' });
    expect(signals[0]!.evidence).to.deep.equal({ count: 3, first: 1, last: 20_001, field: EMAIL, form: FORM });
    expect(signals[0]!.target?.fp).to.equal(EMAIL);
  });

  it('does not call fixing field A and then field B a loop, nor the fields native validation reaches one at a time', async () => {
    const aThenB = [...attempt(0, NAME, EMAIL), ...edit(5_000, NAME), ...attempt(10_000, EMAIL), ...edit(15_000, EMAIL), ...attempt(20_000), tick(30_000)];
    expect(await replay(aThenB, fel())).to.be.empty;
    // ZIP is rejected on every submit, but the user has not got to it yet.
    const inOrder = [...attempt(0, NAME, EMAIL, ZIP), ...edit(5_000, NAME), ...attempt(10_000, EMAIL, ZIP), ...edit(15_000, EMAIL), ...attempt(20_000, ZIP), tick(30_000)];
    expect(await replay(inOrder, fel())).to.be.empty;
  });

  it('fires for the form, without a target, when the user resubmits without fixing anything, once the attempt is over', async () => {
    const events = [...attempt(0, EMAIL, NAME), ...attempt(10_000, EMAIL, NAME), ...attempt(20_000, EMAIL, NAME)];
    expect(await replay(events, fel())).to.be.empty; // the third attempt may still be rejecting fields
    const signals = await replay([...events, tick(20_400), tick(21_400)], fel());
    expect(signals).to.have.length(1);
    expect(signals[0], 'stamped when the attempt ended (last rejection + attemptGap), not at the tick').to.deep.include({ t: 20_501, page: '/checkout' });
    expect(signals[0]).to.not.have.property('target');
    expect(signals[0]!.evidence).to.deep.equal({ count: 3, first: 1, last: 20_001, form: FORM });
  });

  it('needs count attempts: two are not a loop; the pack may lower or raise it', async () => {
    const twice = [...attempt(0, EMAIL), ...edit(5_000, EMAIL), ...attempt(10_000, EMAIL), tick(12_000)];
    expect(await replay(twice, fel())).to.be.empty;
    expect(fieldsOf(await replay(twice, fel({ count: 2 })))).to.deep.equal([EMAIL]);
    const thrice = [...twice, ...edit(15_000, EMAIL), ...attempt(20_000, EMAIL), tick(22_000)];
    expect(await replay(thrice, fel({ count: 4 }))).to.be.empty;
  });

  it('counts attempts within `within`, inclusive at the edge', async () => {
    const loop = (last: number) => [...attempt(0, EMAIL), ...edit(30_000, EMAIL), ...attempt(60_000, EMAIL), ...edit(90_000, EMAIL), ...attempt(last, EMAIL), tick(last + 1_000)];
    expect(fieldsOf(await replay(loop(120_000), fel()))).to.deep.equal([EMAIL]); // first 1, last 120 001
    expect(await replay(loop(120_001), fel())).to.be.empty;
  });

  it('groups rejections less than attemptGap apart into one attempt, and no further', async () => {
    // The user edits between rejections, yet rejections 499 ms apart are still one attempt.
    const spaced = (gap: number) =>
      [0, 1, 2].flatMap((i): ZcEvent[] => [invalid(i * gap, EMAIL, { form: FORM }), input(i * gap + 100, EMAIL), tap(i * gap + 200)]).concat(tick(5_000));
    expect(await replay(spaced(499), fel())).to.be.empty;
    expect(fieldsOf(await replay(spaced(500), fel()))).to.deep.equal([EMAIL]);
    // Three fields rejected at once are one attempt of the form, not three.
    const together = [...attempt(0, EMAIL, NAME, ZIP), ...attempt(10_000, EMAIL, NAME, ZIP), tick(20_000)];
    expect(await replay(together, fel())).to.be.empty;
  });

  it('fires once per episode, and again only after count new attempts', async () => {
    const loop = (t0: number, n: number) => Array.from({ length: n }, (_, i) => [...attempt(t0 + i * 10_000, EMAIL), ...edit(t0 + i * 10_000 + 5_000, EMAIL)]).flat();
    expect(await replay([...loop(0, 5), tick(60_000)], fel())).to.have.length(1);
    expect(await replay([...loop(0, 6), tick(70_000)], fel())).to.have.length(2);
  });

  it('counts a 4xx answer to a submit as a rejection of that form: 400 and 499 count, 399 and 500 do not', async () => {
    const three = (status: number) => [...serverSubmit(0, 1, status), ...serverSubmit(10_000, 2, status), ...serverSubmit(20_000, 3, status), tick(25_000)];
    for (const status of [400, 422, 499]) {
      const signals = await replay(three(status), fel());
      expect(signals.map((s) => s.evidence), `status ${status}`).to.deep.equal([{ count: 3, first: 300, last: 20_300, form: FORM }]);
    }
    for (const status of [200, 399, 500, 503, 0]) expect(await replay(three(status), fel()), `status ${status}`).to.be.empty;
  });

  it('takes only a 4xx within submitWithin of the submit, from a request the submit started, once per submit', async () => {
    const late = (after: number) => [...serverSubmit(0, 1, 422, after), ...serverSubmit(10_000, 2, 422, after), ...serverSubmit(20_000, 3, 422, after), tick(30_000)];
    expect(await replay(late(3_000), fel())).to.have.length(1);
    expect(await replay(late(3_001), fel())).to.be.empty;
    // A poll already in flight when the user submits is not the submit's answer.
    const poll = (t: number, id: number): ZcEvent[] => [netStart(t - 100, id, { method: 'GET', path: '/api/session' }), submit(t), netEnd(t + 200, id, 401, { method: 'GET', path: '/api/session' })];
    expect(await replay([...poll(0, 1), ...poll(10_000, 2), ...poll(20_000, 3), ...poll(30_000, 4), tick(40_000)], fel())).to.be.empty;
    // Two 4xx answers to one submit are still one attempt, even with a click between them.
    const twoAnswers = (t: number, id: number): ZcEvent[] => [submit(t), ...request(t + 5, t + 200, id, 422), tap(t + 800), ...request(t + 1_100, t + 1_300, id + 100, 409)];
    expect(await replay([...twoAnswers(0, 1), ...twoAnswers(10_000, 2), tick(20_000)], fel())).to.be.empty;
  });

  it('prefers the field when the server rejects a submit and marks the same field each time', async () => {
    const round = (t: number, id: number): ZcEvent[] => [...serverSubmit(t, id, 422), invalid(t + 310, 'input#password', { form: FORM, source: 'aria' }), ...edit(t + 2_000, 'input#password')];
    const signals = await replay([...round(0, 1), ...round(10_000, 2), ...round(20_000, 3), tick(30_000)], fel());
    expect(fieldsOf(signals)).to.deep.equal(['input#password']);
    expect(signals[0]!.evidence).to.deep.include({ form: FORM, count: 3 });
  });

  it('keeps errors the app shows late, after the 4xx, in the same attempt unless the user did something in between', async () => {
    const round = (t: number, id: number, between: ZcEvent[] = []): ZcEvent[] => [...serverSubmit(t, id, 422), ...between, invalid(t + 1_300, 'input#password', { form: FORM, source: 'aria' })];
    expect(await replay([...round(0, 1), ...round(10_000, 2), tick(20_000)], fel())).to.be.empty;
    const busy = [...round(0, 1, [focus(800, ZIP)]), ...round(10_000, 2, [focus(10_800, ZIP)]), tick(20_000)];
    expect(fieldsOf(await replay(busy, fel()))).to.deep.equal([`form ${FORM}`]);
  });

  it('ignores live validation while the user types, and counts it once the user moves on', async () => {
    const typing = [0, 1, 2].flatMap((i): ZcEvent[] => [input(i * 10_000, EMAIL), invalid(i * 10_000 + 5, EMAIL, { form: FORM, source: 'aria' })]);
    expect(await replay([...typing, tick(30_000)], fel())).to.be.empty;
    // Validation on blur: the field is rejected after the user left it, each time after an edit.
    const onBlur = [0, 1, 2].flatMap((i): ZcEvent[] => [input(i * 10_000, EMAIL), focus(i * 10_000 + 500, NAME), invalid(i * 10_000 + 505, EMAIL, { form: FORM, source: 'aria' })]);
    expect(fieldsOf(await replay([...onBlur, tick(30_000)], fel()))).to.deep.equal([EMAIL]);
    // Enter in the field submits the form: the rejection that follows is an attempt, typing or not.
    const onEnter = [0, 1, 2].flatMap((i): ZcEvent[] => [input(i * 10_000, EMAIL), submit(i * 10_000 + 300), invalid(i * 10_000 + 310, EMAIL, { form: FORM, source: 'aria' })]);
    expect(fieldsOf(await replay([...onEnter, tick(30_000)], fel()))).to.deep.equal([EMAIL]);
  });

  it('tracks a field outside any form on its own, and starts over on another page', async () => {
    const loose = (t: number) => [tap(t), invalid(t + 1, EMAIL, { form: null }), ...edit(t + 5_000, EMAIL)];
    const signals = await replay([...loose(0), ...loose(10_000), ...loose(20_000)], fel());
    expect(signals.map((s) => s.evidence)).to.deep.equal([{ count: 3, first: 1, last: 20_001, field: EMAIL }]);
    const stay = [...attempt(0, EMAIL), ...attempt(10_000, EMAIL), tick(15_000), ...attempt(20_000, EMAIL), tick(30_000)];
    expect(await replay(stay, fel())).to.have.length(1);
    const moved = stay.map((e) => (e.t >= 15_000 ? { ...e, page: '/signup' } : e));
    expect(await replay([...moved.slice(0, 4), nav(15_000, '/signup'), ...moved.slice(5)], fel())).to.be.empty;
    // A pending form verdict is dropped when the user leaves: help would land on the wrong page.
    const leaves = [...attempt(0, EMAIL), ...attempt(10_000, EMAIL), ...attempt(20_000, EMAIL), nav(20_100, '/home'), tick(21_000, '/home')];
    expect(await replay(leaves, fel())).to.be.empty;
    // A request from the page the user left is not the answer to a submit on the new page.
    const onB = (e: ZcEvent): ZcEvent => ({ ...e, page: '/signup' });
    const stale = [submit(0), netStart(10, 1), nav(20, '/signup'), ...[submit(30), netEnd(500, 1, 422)].map(onB)];
    const twoMore = [...serverSubmit(10_000, 2, 422), ...serverSubmit(20_000, 3, 422), tick(30_000)].map(onB);
    expect(await replay([...stale, ...twoMore], fel())).to.be.empty;
  });

  it('remembers at most 50 fields, forgetting the least recently rejected', async () => {
    const loose = (t: number, fp: string): ZcEvent[] => [tap(t), invalid(t, fp, { form: null }), input(t + 100, fp), focus(t + 100)];
    const others = (n: number) => Array.from({ length: n }, (_, i) => loose(1_000 + i * 600, `input#f${i}`)).flat();
    const loopOnEmail = (between: ZcEvent[]) => [...loose(0, EMAIL), ...between, ...loose(60_000, EMAIL), ...loose(70_000, EMAIL), tick(80_000)];
    expect(fieldsOf(await replay(loopOnEmail(others(49)), fel()))).to.deep.equal([EMAIL]);
    expect(await replay(loopOnEmail(others(50)), fel())).to.be.empty;
  });

  // Sessions of rounds: the user edits some fields (maybe still typing), then submits or tabs
  // away and some fields are rejected, natively, by aria-invalid or by a 4xx; or just a tick.
  const stepArb = fc.record({
    gap: fc.constantFrom(0, 1, 100, 499, 500, 501, 2_000, 3_000, 10_000, 121_000),
    edits: fc.subarray([EMAIL, NAME]),
    stillTyping: fc.boolean(),
    rejects: fc.subarray([EMAIL, NAME]),
    how: fc.constantFrom('tap', 'tap', 'tap', 'aria', 'server', 'server', 'tick'),
    form: fc.constantFrom(FORM, FORM, FORM, 'form#login', null),
    status: fc.constantFrom(200, 400, 422, 500),
  });
  type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;
  // A round's events share one time, so the session stays in time order.
  const record = (steps: readonly Step[]): ZcEvent[] => {
    let t = 0;
    return steps.flatMap((s, i): ZcEvent[] => {
      t += s.gap;
      const edits = s.edits.flatMap((fp) => [input(t, fp), ...(s.stillTyping ? [] : [focus(t, ZIP)])]);
      const rejects = (source: 'aria' | 'constraint') => s.rejects.map((fp) => invalid(t, fp, { form: s.form, source }));
      if (s.how === 'tap') return [...edits, tap(t), ...rejects('constraint')];
      if (s.how === 'aria') return [...edits, ...rejects('aria')];
      if (s.how === 'server') return [...edits, submit(t, s.form ?? FORM), ...request(t, t, i, s.status), ...rejects('aria')];
      return [...edits, tick(t)];
    });
  };

  /** Attempts seen from outside: rejections the user was not typing into, grouped by the gap between them. */
  function attempts(events: readonly ZcEvent[], gap: number): Array<{ start: number; end: number; keys: Set<string> }> {
    const out: Array<{ start: number; end: number; keys: Set<string> }> = [];
    let typing = false;
    let submitted: string | undefined;
    for (const e of events) {
      if (e.type === 'input' || e.type === 'click' || e.type === 'focus') typing = e.type === 'input';
      if (e.type === 'submit') [typing, submitted] = [false, e.form];
      const status = e.type === 'net' && e.phase === 'end' ? (e.status ?? 0) : 0;
      const keys = e.type === 'invalid' && !typing ? [e.target.fp, ...(e.form ? [e.form] : [])] : submitted && status >= 400 && status < 500 ? [submitted] : [];
      if (keys.length === 0) continue;
      const last = out[out.length - 1];
      if (last && e.t - last.end < gap) {
        last.end = e.t;
        keys.forEach((k) => last.keys.add(k));
      } else out.push({ start: e.t, end: e.t, keys: new Set(keys) });
    }
    return out;
  }

  it('never fires with fewer than count attempts of the field or form within `within` (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: 2, max: 4 }), async (steps, count) => {
        const o = { ...FORM_ERROR_LOOP_DEFAULTS, count };
        const events = record(steps);
        const seen = attempts(events, o.attemptGap);
        for (const s of await replay(events, fel(o))) {
          const key = s.evidence.field ?? s.evidence.form!;
          const inWindow = seen.filter((a) => a.keys.has(key) && a.end >= s.evidence.first && a.start <= s.evidence.last);
          expect(s.evidence.count).to.equal(count);
          expect(inWindow.length).to.be.at.least(count);
          expect(s.evidence.last - s.evidence.first).to.be.at.most(o.within);
          expect(s.t).to.be.at.least(s.evidence.last);
        }
      }),
      // About one session in six loops; enough runs that every property sees dozens of signals.
      { numRuns: 300 },
    );
  });

  it('gives the same signals, shifted, when the whole session is shifted in time (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: -1e6, max: 1e12 }), async (steps, d) => {
        const events = record(steps);
        const a = await replay(events, fel());
        const b = await replay(shiftEvents(events, d), fel());
        expect(b).to.deep.equal(a.map((s) => shiftSignal(s, d)));
      }),
      { numRuns: 300 },
    );
  });
});
