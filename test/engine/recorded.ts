import { firstValueFrom, from, toArray } from 'rxjs';
import type { OperatorFunction } from 'rxjs';
import type { ClickEvent, OutcomeEvent, ZcEvent } from '../../src/engine/types.js';
import type { RulePack } from '../../src/pack/types.js';

/** A recorded click: event time, target path, position, page and the pack selectors it hit. */
export const click = (t: number, fp = 'button#pay', o: { x?: number; y?: number; page?: string; hits?: string[] } = {}): ClickEvent => ({
  type: 'click',
  t,
  page: o.page ?? '/checkout',
  x: o.x ?? 100,
  y: o.y ?? 100,
  target: { fp, tag: 'button', hits: o.hits ?? ['#pay'] },
});

/** A recorded outcome reported by a surface. */
export const outcome = (t: number, rule: string, kind: OutcomeEvent['outcome']): OutcomeEvent => ({ type: 'outcome', t, page: '/checkout', rule, outcome: kind });

/** Replays recorded events through an operator and collects everything it emitted. */
export const replay = <T>(events: readonly ZcEvent[], op: OperatorFunction<ZcEvent, T>): Promise<T[]> =>
  firstValueFrom(from(events).pipe(op, toArray()));

/** A minimal valid pack with one rage-click rule per given id. */
export function packWith(rules: Array<Partial<RulePack['rules'][number]> & { id: string }>, extra: Partial<RulePack> = {}): RulePack {
  return {
    id: 'test',
    version: '1',
    sdk: '^0.1',
    strings: { en: { t: 'Title', b: 'Body' } },
    rules: rules.map((r) => ({
      when: { signal: 'rage-click', target: '#pay' },
      solution: { component: 'zc-card', placement: { anchor: '$target' }, content: { title: 't', body: 'b' } },
      ...r,
    })),
    ...extra,
  };
}
