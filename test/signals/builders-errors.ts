import type {
  ClickEvent,
  FocusEvent as ZcFocusEvent,
  InputEvent as ZcInputEvent,
  InvalidEvent,
  JsErrorEvent,
  NavEvent,
  NetEvent,
  Signal,
  SubmitEvent as ZcSubmitEvent,
  TargetInfo,
  TickEvent,
  ZcEvent,
} from '../../src/engine/types.js';

/** The page recorded events happen on unless a builder is told otherwise. */
export const PAGE = '/checkout';

/** A form field as the sensors describe it. */
export const field = (fp: string): TargetInfo => ({ fp, tag: 'input', hits: [`#${fp.split('#')[1] ?? fp}`], traits: ['field', 'text-entry'] });

interface NetOpts {
  method?: string;
  path?: string;
  page?: string;
}

/** A recorded fetch/XHR start. */
export const netStart = (t: number, id: number, o: NetOpts = {}): NetEvent => ({
  type: 'net',
  t,
  page: o.page ?? PAGE,
  id,
  phase: 'start',
  method: o.method ?? 'POST',
  path: o.path ?? '/api/pay',
});

/** A recorded fetch/XHR end; `status` undefined leaves it off the event. */
export const netEnd = (t: number, id: number, status: number | undefined, o: NetOpts = {}): NetEvent => ({
  ...netStart(t, id, o),
  phase: 'end',
  ...(status === undefined ? {} : { status }),
});

/** A whole request: its start and its end. */
export const request = (start: number, end: number, id: number, status: number, o: NetOpts = {}): NetEvent[] => [netStart(start, id, o), netEnd(end, id, status, o)];

/** A recorded uncaught error (or, with kind 'rejection', an unhandled rejection). */
export const jsErr = (t: number, message = 'TypeError: total is undefined', o: { kind?: JsErrorEvent['kind']; source?: string; page?: string } = {}): JsErrorEvent => ({
  type: 'js-error',
  t,
  page: o.page ?? PAGE,
  kind: o.kind ?? 'error',
  message,
  ...(o.source === undefined ? {} : { source: o.source }),
});

/** A recorded route change to `page`. */
export const nav = (t: number, page: string, from = PAGE, kind: NavEvent['kind'] = 'push'): NavEvent => ({ type: 'nav', t, page, from, kind });

/** A recorded one-second tick. */
export const tick = (t: number, page = PAGE): TickEvent => ({ type: 'tick', t, page });

/** A recorded field rejection. */
export const invalid = (t: number, fp: string, o: { form?: string | null; source?: InvalidEvent['source']; page?: string } = {}): InvalidEvent => ({
  type: 'invalid',
  t,
  page: o.page ?? PAGE,
  target: field(fp),
  source: o.source ?? 'constraint',
  ...(o.form === null ? {} : { form: o.form ?? 'form#signup' }),
});

/** A recorded form submission. */
export const submit = (t: number, form = 'form#signup', page = PAGE): ZcSubmitEvent => ({ type: 'submit', t, page, form });

/** The user changed a field. */
export const input = (t: number, fp: string, page = PAGE): ZcInputEvent => ({ type: 'input', t, page, target: field(fp) });

/** Focus moved to a field (or, without one, away from everything). */
export const focus = (t: number, fp?: string, page = PAGE): ZcFocusEvent => ({ type: 'focus', t, page, ...(fp === undefined ? {} : { target: field(fp) }) });

/** A click, by default on the submit button. */
export const tap = (t: number, fp = 'button#send', page = PAGE): ClickEvent => ({ type: 'click', t, page, x: 10, y: 10, target: { fp, tag: 'button', hits: [], traits: ['interactive'] } });

/** The same events, every timestamp moved by `d`. */
export const shiftEvents = (events: readonly ZcEvent[], d: number): ZcEvent[] => events.map((e) => ({ ...e, t: e.t + d }));

/** What a signal becomes when the session is moved by `d`: its times move, nothing else. */
export const shiftSignal = (s: Signal, d: number): Signal => ({ ...s, t: s.t + d, evidence: { ...s.evidence, first: s.evidence.first + d, last: s.evidence.last + d } });

/** Events in time order (stable, so same-time events keep their recorded order). */
export const byTime = (events: readonly ZcEvent[]): ZcEvent[] => [...events].sort((a, b) => a.t - b.t);
