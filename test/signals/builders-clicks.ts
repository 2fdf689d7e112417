import fc from 'fast-check';
import type { ClickEvent, InvalidEvent, JsErrorEvent, NetEvent, Signal, TargetTrait, ZcEvent } from '../../src/engine/types.js';

const PAGE = '/checkout';

/** A recorded click on a control with the given traits (default: an interactive button). */
export const click = (t: number, fp = 'button#pay', traits: TargetTrait[] = ['interactive'], o: { page?: string; detail?: number } = {}): ClickEvent => ({
  type: 'click',
  t,
  page: o.page ?? PAGE,
  x: 100,
  y: 100,
  target: { fp, tag: fp.split(/[#.]/)[0] ?? 'button', hits: [`#${fp.split('#')[1] ?? fp}`], traits },
  ...(o.detail === undefined ? {} : { detail: o.detail }),
});

/** Events without a payload of their own. */
export const tick = (t: number): ZcEvent => ({ type: 'tick', t, page: PAGE });
export const mutation = (t: number): ZcEvent => ({ type: 'mutation', t, page: PAGE });
export const selection = (t: number): ZcEvent => ({ type: 'selection', t, page: PAGE });
export const move = (t: number): ZcEvent => ({ type: 'move', t, page: PAGE, x: 1, y: 1 });
export const nav = (t: number, to = '/done'): ZcEvent => ({ type: 'nav', t, page: to, kind: 'push', from: PAGE });
export const scroll = (t: number): ZcEvent => ({ type: 'scroll', t, page: PAGE, y: 40, dy: 40, scroller: '' });
export const focus = (t: number, fp = 'input#card'): ZcEvent => ({ type: 'focus', t, page: PAGE, target: { fp, tag: 'input', hits: [] } });
export const input = (t: number, fp = 'input#card'): ZcEvent => ({ type: 'input', t, page: PAGE, target: { fp, tag: 'input', hits: [] } });
export const submit = (t: number): ZcEvent => ({ type: 'submit', t, page: PAGE, form: 'form#pay' });
export const track = (t: number): ZcEvent => ({ type: 'track', t, page: PAGE, name: 'paid' });

/** A field rejected by the form. */
export const invalid = (t: number, fp = 'input#card'): InvalidEvent => ({ type: 'invalid', t, page: PAGE, target: { fp, tag: 'input', hits: [] }, form: 'form#pay', source: 'constraint' });

/** A request starting, and one ending with a status (0: network failure). */
export const netStart = (t: number, path = '/api/pay', method = 'POST'): NetEvent => ({ type: 'net', t, page: PAGE, id: 1, phase: 'start', method, path });
export const netEnd = (t: number, status: number, path = '/api/pay', method = 'POST'): NetEvent => ({ type: 'net', t, page: PAGE, id: 1, phase: 'end', method, path, status });

/** An uncaught error. */
export const jsError = (t: number, message = 'TypeError: x is undefined'): JsErrorEvent => ({ type: 'js-error', t, page: PAGE, kind: 'error', message });

/** The same session `dt` ms later. */
export const shiftEvents = (events: readonly ZcEvent[], dt: number): ZcEvent[] => events.map((e) => ({ ...e, t: e.t + dt }));

/** A signal with every time in it moved back by `dt`, to compare a shifted replay with the original. */
export const unshift = (s: Signal, dt: number): Signal => ({ ...s, t: s.t - dt, evidence: { ...s.evidence, first: s.evidence.first - dt, last: s.evidence.last - dt } });

/** Builds one event of a generated session at time t. */
const KINDS: Record<string, (t: number) => ZcEvent> = {
  'click-pay': (t) => click(t),
  'click-link': (t) => click(t, 'a#help'),
  'click-new-tab': (t) => click(t, 'a#terms', ['interactive', 'new-tab']),
  'click-text': (t) => click(t, 'input#card', ['interactive', 'text-entry', 'field']),
  'click-plain': (t) => click(t, 'p#note', []),
  tick,
  move,
  mutation,
  focus,
  'net-start': (t) => netStart(t),
  'net-502': (t) => netEnd(t, 502),
  'net-0': (t) => netEnd(t, 0),
  'net-200': (t) => netEnd(t, 200),
  'net-404': (t) => netEnd(t, 404, '/api/coupon', 'GET'),
  'js-error': (t) => jsError(t),
  'js-error-2': (t) => jsError(t, 'RangeError'),
  invalid: (t) => invalid(t),
};

/** Names of the event kinds a generated session is made of. */
export type Kind = keyof typeof KINDS;

/**
 * A random session: events of the given kinds (every kind by default), in time order, with
 * gaps up to `maxGap` ms. Timestamps start at 0 so a shift stays exact.
 */
export const arbSession = (kinds: readonly Kind[] = Object.keys(KINDS), maxGap = 1500, maxLength = 40): fc.Arbitrary<ZcEvent[]> =>
  fc.array(fc.record({ gap: fc.integer({ min: 0, max: maxGap }), kind: fc.constantFrom(...kinds) }), { maxLength }).map((steps) => {
    let t = 0;
    return steps.map((s) => KINDS[s.kind]!((t += s.gap)));
  });

/**
 * A random run of attempts: a click on a control, then after `after` ms what followed it (a
 * failure, a success or just a tick), then a pause. Denser in repeated failures than
 * arbSession, so properties about repeats see many runs that fire.
 */
export const arbAttempts = (maxLength = 24): fc.Arbitrary<ZcEvent[]> =>
  fc
    .array(
      fc.record({
        control: fc.constantFrom<Kind>('click-pay', 'click-pay', 'click-pay', 'click-link', 'click-text'),
        result: fc.constantFrom<Kind>('net-502', 'net-502', 'net-502', 'net-502', 'net-502', 'net-502', 'net-0', 'js-error', 'invalid', 'net-200', 'tick'),
        after: fc.integer({ min: 0, max: 2100 }),
        gap: fc.integer({ min: 0, max: 4000 }),
      }),
      { maxLength },
    )
    .map((steps) => {
      let t = 0;
      return steps.flatMap((s) => {
        const c = KINDS[s.control]!(t);
        const r = KINDS[s.result]!((t += s.after));
        t += s.gap;
        return [c, r];
      });
    });
