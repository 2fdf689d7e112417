import type { Side } from '../pack/types.js';

/** What the lazily loaded component chunk (components/index.ts) exports. */
export interface ComponentChunk {
  defineComponents(): void;
  anchorTo(floating: HTMLElement, reference: Element, side?: Side): () => void;
}

/** Loads the chunk; called once, on the first mount. */
export type ChunkLoader = () => Promise<ComponentChunk>;

/** Memoises a loader of a lazy file, and forgets a failed load so the next use can try again. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
