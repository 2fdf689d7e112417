import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';

/** A hot stream the owner pushes into: what a Subject is, minus its cost. */
export interface PushSource<T> {
  readonly stream: Observable<T>;
  next(value: T): void;
  complete(): void;
  error(error: unknown): void;
}

/**
 * A Subject without the garbage: rxjs's Subject wraps every next() in a fresh closure, and the
 * engine pushes every event through several of them (bench/storm.mjs counted the collector
 * pauses). Subscribers are called in the order they subscribed.
 */
export function pushSource<T>(): PushSource<T> {
  const subscribers: Array<Subscriber<T>> = [];
  return {
    stream: new Observable<T>((subscriber) => {
      subscribers.push(subscriber);
      return () => {
        const i = subscribers.indexOf(subscriber);
        if (i >= 0) subscribers.splice(i, 1);
      };
    }),
    next(value) {
      for (let i = 0; i < subscribers.length; i++) subscribers[i]!.next(value);
    },
    complete: () => [...subscribers].forEach((s) => s.complete()),
    error: (error) => [...subscribers].forEach((s) => s.error(error)),
  };
}

/** rxjs's connect(), multicasting through a pushSource instead of a Subject. */
export const fanOut =
  <T, R>(selector: (shared: Observable<T>) => Observable<R>): OperatorFunction<T, R> =>
  (source) =>
    new Observable<R>((subscriber) => {
      const shared = pushSource<T>();
      const output = selector(shared.stream).subscribe(subscriber);
      const input = source.subscribe({ next: (v) => shared.next(v), error: (e: unknown) => shared.error(e), complete: () => shared.complete() });
      return () => {
        input.unsubscribe();
        output.unsubscribe();
      };
    });
