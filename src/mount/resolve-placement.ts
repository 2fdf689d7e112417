import type { Placement, Side } from '../pack/types.js';
import { resolvePath } from '../core/css-path.js';

/** Where a surface will go. */
export type Resolved =
  | { readonly kind: 'outlet'; readonly outlet: Element }
  | { readonly kind: 'anchor'; readonly anchor: Element; readonly side: Side; readonly selector: string };

/**
 * Resolves a placement on the current page: a named outlet the product team placed wins,
 * else the anchor (`$target` is the element the signal happened on, by its CSS path).
 * Undefined when neither is on the page; the caller reports that instead of guessing.
 */
export function resolvePlacement(doc: Document, p: Placement, targetPath: string | undefined): Resolved | undefined {
  if (p.outlet) {
    const outlet = doc.querySelector(`zc-outlet[name="${CSS.escape(p.outlet)}"]`);
    if (outlet) return { kind: 'outlet', outlet };
  }
  const selector = p.anchor === '$target' ? targetPath : p.anchor;
  const anchor = selector ? (p.anchor === '$target' ? resolvePath(doc, selector) : doc.querySelector(selector)) : null;
  return anchor && selector ? { kind: 'anchor', anchor, side: p.side ?? 'bottom', selector } : undefined;
}
