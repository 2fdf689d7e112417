import type { Side } from '../pack/types.js';

/** What the lazily loaded component chunk (components/index.ts) exports. */
export interface ComponentChunk {
  defineComponents(): void;
  anchorTo(floating: HTMLElement, reference: Element, side?: Side): () => void;
}

/** Loads the chunk; called once, on the first mount. */
export type ChunkLoader = () => Promise<ComponentChunk>;

/** Memoises a loader, and forgets a failed load so the next mount can try again. */
export function once(load: ChunkLoader): ChunkLoader {
  let pending: Promise<ComponentChunk> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
