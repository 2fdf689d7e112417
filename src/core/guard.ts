/** Called once with the first fault inside SDK code. */
export type FaultHandler = (error: unknown, where: string) => void;

/** Wraps SDK callbacks so that nothing the SDK does can throw into the host page. */
export interface Guard {
  /** Returns `fn` wrapped: a throw is caught and reported, never rethrown. */
  wrap<A extends unknown[]>(where: string, fn: (...args: A) => void): (...args: A) => void;
  /** Runs `fn` now under the guard. */
  run(where: string, fn: () => void): void;
  /** True once a fault has stopped the SDK. */
  readonly faulted: boolean;
}

/**
 * After the first fault every wrapped callback becomes a no-op: a broken SDK that keeps
 * running can only make things worse for the host page (DESIGN.md: the host page always wins).
 */
export function createGuard(onFault: FaultHandler): Guard {
  let faulted = false;
  const fail = (error: unknown, where: string): void => {
    faulted = true;
    try {
      onFault(error, where);
    } catch {
      // The fault handler itself failed; there is nothing safer left to do than stop quietly.
    }
  };
  const run = (where: string, fn: () => void): void => {
    if (faulted) return;
    try {
      fn();
    } catch (error) {
      fail(error, where);
    }
  };
  return {
    // Not written as run(where, () => fn(...args)): wrapped listeners run on every event, and
    // that closure would be garbage on every call.
    wrap: (where, fn) => (...args) => {
      if (faulted) return;
      try {
        fn(...args);
      } catch (error) {
        fail(error, where);
      }
    },
    run,
    get faulted() {
      return faulted;
    },
  };
}
