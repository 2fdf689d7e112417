/**
 * The designer inspector chunk (dist/zerocall-inspector.js), loaded only for `?zc-debug`.
 * Importing it defines `<zc-inspector>` (if no other copy did); the core calls `mountInspector`.
 */
import type { InspectorChunk, InspectorSource } from '../../src/inspect/source.js';
import { ZcInspector } from './zc-inspector.js';

export { ZcInspector } from './zc-inspector.js';

/**
 * Shows the inspector for `source` at the end of `doc.body`, replacing any inspector already
 * there (one per page). Returns a function that removes it (a no-op once it is gone).
 */
export function mountInspector(source: InspectorSource, doc: Document): () => void {
  if (!customElements.get('zc-inspector')) customElements.define('zc-inspector', ZcInspector);
  for (const old of doc.querySelectorAll('zc-inspector')) old.remove();
  const el = doc.createElement('zc-inspector');
  el.source = source;
  doc.body.append(el);
  return () => el.remove();
}

/** What the core imports; checked against the interface it expects. */
export const chunk: InspectorChunk = { mountInspector };
