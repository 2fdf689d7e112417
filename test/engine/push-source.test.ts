import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { connect, filter, firstValueFrom, from, map, merge, scan, toArray, type Observable } from 'rxjs';
import { fanOut, pushSource } from '../../src/engine/push-source.js';

describe('pushSource and fanOut (the engine Subject and connect without per-event garbage)', () => {
  it('pushes to subscribers in subscription order, forgets one that unsubscribes, and completes or fails them all', () => {
    const src = pushSource<number>();
    const seen: string[] = [];
    const a = src.stream.subscribe({ next: (v) => seen.push(`a${v}`), complete: () => seen.push('a done') });
    const b = src.stream.subscribe({ next: (v) => seen.push(`b${v}`), error: (e) => seen.push(`b ${String(e)}`) });
    src.next(1);
    a.unsubscribe();
    src.next(2);
    src.error('boom');
    expect(seen).to.deep.equal(['a1', 'b1', 'b2', 'b boom']);
    expect(b.closed).to.equal(true);
  });

  it('fanOut emits exactly what rxjs connect emits, in the same order, for any input', async () => {
    const shape = (shared: Observable<number>) =>
      merge(
        shared.pipe(map((x) => `x${x}`)),
        shared.pipe(
          filter((x) => x % 2 === 0),
          scan((sum, x) => sum + x, 0),
          map((s) => `sum${s}`),
        ),
      );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 40 }), async (xs) => {
        const ours = await firstValueFrom(from(xs).pipe(fanOut(shape), toArray()));
        const theirs = await firstValueFrom(from(xs).pipe(connect(shape), toArray()));
        expect(ours).to.deep.equal(theirs);
      }),
    );
  });

  it('fanOut stops reading its source when unsubscribed', () => {
    const src = pushSource<number>();
    const got: number[] = [];
    const sub = src.stream.pipe(fanOut((s) => s)).subscribe((v) => got.push(v));
    src.next(1);
    sub.unsubscribe();
    src.next(2);
    expect(got).to.deep.equal([1]);
  });
});
