import { autoUpdate, computePosition, flip, hide, offset, shift } from '@floating-ui/dom';

/** Which side of the reference the floating element prefers. */
export type AnchorSide = 'top' | 'bottom' | 'left' | 'right';

/**
 * Positions `floating` next to `reference` and keeps it there on scroll, resize and layout
 * shifts until the returned cleanup is called. The element flips to the other side when
 * there is no room, stays 8px inside the viewport, and hides while the reference is
 * scrolled out of view (a card pointing at nothing is noise). Unless it has an inline width,
 * the floating element is sized `max-content` (its max-width still applies).
 */
export function anchorTo(floating: HTMLElement, reference: Element, side: AnchorSide = 'bottom'): () => void {
  const style = floating.style;
  // `fixed` escapes overflow:hidden ancestors in the host's layout. A fixed box with `left`
  // set shrinks to the room left of the viewport edge, so near the right edge it would be
  // measured (and placed) squeezed; max-content keeps its natural size, capped by its own
  // max-width. An explicit inline width is the caller's choice and is kept.
  style.position = 'fixed';
  style.left = '0px';
  style.top = '0px';
  if (!style.width) style.width = 'max-content';
  style.setProperty('z-index', 'var(--zc-z-index, 2147483000)');

  let stopped = false;
  const update = (): void => {
    computePosition(reference, floating, {
      placement: side,
      strategy: 'fixed',
      middleware: [offset(8), flip(), shift({ padding: 8 }), hide()],
    }).then(
      ({ x, y, middlewareData }) => {
        // A computation that started before cleanup must not move the element afterwards.
        if (stopped) return;
        style.left = `${x}px`;
        style.top = `${y}px`;
        style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : '';
      },
      () => {
        // Positioning is cosmetic: a detached reference or floating element is not worth an
        // unhandled rejection in the host page.
      },
    );
  };

  const stop = autoUpdate(reference, floating, update);
  return () => {
    stopped = true;
    stop();
  };
}
