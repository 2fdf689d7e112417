import type { DockSide, Placement, Side } from '../pack/types.js';
import { resolvePath } from '../core/css-path.js';

/** Where a surface will go. */
export type Resolved =
  | { readonly kind: 'outlet'; readonly outlet: Element }
  | { readonly kind: 'anchor'; readonly anchor: Element; readonly side: Side; readonly selector: string }
  | { readonly kind: 'after'; readonly anchor: Element; readonly selector: string }
  | { readonly kind: 'dock'; readonly dock: DockSide };

/** Placements that follow an element of the page, and so must follow its re-renders. */
export type Attached = Extract<Resolved, { kind: 'anchor' | 'after' }>;

/**
 * Resolves a placement on the current page, in the order a designer reads it: a named outlet
 * the product team placed, else the anchor, else inline after an element, else the dock.
 * `$target` is the element the signal happened on, by its CSS path. Undefined when none is on
 * the page; the caller reports that instead of guessing.
 */
export function resolvePlacement(doc: Document, p: Placement, targetPath: string | undefined): Resolved | undefined {
  if (p.outlet) {
    const outlet = doc.querySelector(`zc-outlet[name="${CSS.escape(p.outlet)}"]`);
    if (outlet) return { kind: 'outlet', outlet };
  }
  const find = (ref: string | undefined): { anchor: Element; selector: string } | undefined => {
    const selector = ref === '$target' ? targetPath : ref;
    const anchor = selector ? (ref === '$target' ? resolvePath(doc, selector) : doc.querySelector(selector)) : null;
    return anchor && selector ? { anchor, selector } : undefined;
  };
  const anchored = find(p.anchor);
  if (anchored) return { kind: 'anchor', ...anchored, side: p.side ?? 'bottom' };
  const after = find(p.after);
  if (after) return { kind: 'after', ...after };
  return p.dock ? { kind: 'dock', dock: p.dock } : undefined;
}
