import { viewport, watchRect, type RectState } from './watch-rect.js';

/** Which side of the reference the floating element prefers. */
export type AnchorSide = 'top' | 'bottom' | 'left' | 'right';

/** The gap between the reference and the floating element, and the margin kept from the viewport's edges. */
const GAP = 8;

const OPPOSITE = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' } as const;

/** `v` moved into [GAP, end - GAP - size]; the start wins when the box is too big for both. */
const clamp = (v: number, size: number, end: number): number => Math.max(GAP, Math.min(v, end - GAP - size));

/**
 * Positions `floating` next to `reference` and keeps it there on scroll, resize and layout
 * shifts until the returned cleanup is called. The element flips to the other side when
 * there is no room, stays 8px inside the viewport, and hides while the reference is
 * scrolled out of view (a card pointing at nothing is noise). Unless it has an inline width,
 * the floating element is sized `max-content`, so its own max-width must keep it inside a
 * phone's viewport (every zc-* surface has `max-width: min(…, 100vw - 16px)`). The side taken is
 * in its `data-side` attribute. It is placed in viewport coordinates, so it must not sit
 * inside a transformed or filtered ancestor (the SDK appends it to the body).
 */
export function anchorTo(floating: HTMLElement, reference: Element, side: AnchorSide = 'bottom'): () => void {
  const style = floating.style;
  // Every write is a mutation that watchRect reports back, so write only what changed.
  const written: Record<string, string> = {};
  const set = (name: string, value: string): void => {
    if (written[name] !== value) style.setProperty(name, (written[name] = value));
  };
  let state: RectState | undefined;

  const place = (): void => {
    if (!state) return;
    const { rect: r, visible } = state;
    const { width: vw, height: vh } = viewport();
    // Layout sizes: a transform (an entrance animation) must not move the element.
    const w = floating.offsetWidth;
    const h = floating.offsetHeight;
    const room = { top: r.top, bottom: vh - r.bottom, left: r.left, right: vw - r.right };
    const opposite = OPPOSITE[side];
    const needed = (side === 'top' || side === 'bottom' ? h : w) + 2 * GAP;
    const at = room[side] < needed && room[opposite] > room[side] ? opposite : side;
    const x = at === 'left' ? r.left - GAP - w : at === 'right' ? r.right + GAP : r.left + (r.width - w) / 2;
    const y = at === 'top' ? r.top - GAP - h : at === 'bottom' ? r.bottom + GAP : r.top + (r.height - h) / 2;
    set('left', `${clamp(x, w, vw)}px`);
    set('top', `${clamp(y, h, vh)}px`);
    set('visibility', visible ? '' : 'hidden');
    if (floating.dataset.side !== at) floating.dataset.side = at;
  };

  // `fixed` escapes overflow:hidden ancestors in the host's layout. A fixed box with `left`
  // set shrinks to the room left of the viewport edge, so near the right edge it would be
  // measured (and placed) squeezed; max-content keeps its natural size, capped by its own
  // max-width. An explicit inline width is the caller's choice and is kept.
  set('position', 'fixed');
  if (!style.width) set('width', 'max-content');
  set('z-index', 'var(--zc-z-index, 2147483000)');
  // The floating element changes size when it re-renders; the reference's watcher cannot see that.
  const resize = new ResizeObserver(place);
  resize.observe(floating);
  const stop = watchRect(reference, (s) => {
    state = s;
    place();
  });
  return () => {
    state = undefined;
    stop();
    resize.disconnect();
  };
}
