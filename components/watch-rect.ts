/** Where an element is on screen, and whether any of it can be seen. */
export interface RectState {
  /** Its border box in viewport coordinates (getBoundingClientRect). */
  readonly rect: DOMRect;
  /** False while it is scrolled out of the viewport or out of a scrolling ancestor. */
  readonly visible: boolean;
}

/**
 * The viewport's size without its scrollbars, the box a fixed element may use. In quirks mode
 * the root's client size is the whole page and `scrollingElement` is the body, whose client
 * size is the viewport's; it is null only in odd quirks layouts, where the window's size will do.
 */
export function viewport(): { width: number; height: number } {
  const v = document.scrollingElement;
  return { width: v ? v.clientWidth : innerWidth, height: v ? v.clientHeight : innerHeight };
}

/** What can move or hide `el`: its clipping ancestors (nearest first) and the roots it lives in. */
function ancestors(el: Element): { clips: Element[]; roots: Node[] } {
  const clips: Element[] = [];
  const roots: Node[] = [document];
  const { body, documentElement } = document;
  let fixed = false;
  for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? (roots.push(n), n.host) : n.parentNode) {
    // The root's and the body's overflow apply to the viewport, which is checked anyway; as
    // boxes they are often shorter than the page and would hide everything below them.
    if (!(n instanceof Element) || n === body || n === documentElement) continue;
    const s = getComputedStyle(n);
    // A fixed element escapes the clipping (and the scrolling) of every ancestor above it.
    if (n !== el && !fixed && s.overflowX + s.overflowY !== 'visiblevisible') clips.push(n);
    fixed ||= s.position === 'fixed';
  }
  return { clips, roots };
}

/** Whether `r` overlaps the viewport and the inside (the box less borders and scrollbars) of every clip. */
function isVisible(r: DOMRect, clips: readonly Element[]): boolean {
  const overlaps = (left: number, top: number, width: number, height: number): boolean =>
    r.bottom > top && r.top < top + height && r.right > left && r.left < left + width;
  const { width, height } = viewport();
  return (
    overlaps(0, 0, width, height) &&
    clips.every((c) => {
      const b = c.getBoundingClientRect();
      return overlaps(b.left + c.clientLeft, b.top + c.clientTop, c.clientWidth, c.clientHeight);
    })
  );
}

/**
 * Calls `onChange` with where `el` is now, then again (once per frame at most) whenever a
 * scroll of the window or of any scrolling ancestor (inside shadow roots too, where scroll
 * events never reach the document), a resize of the window or of `el`, or a DOM change in
 * any root `el` lives in (inline styles included) may have moved it. Returns the function
 * that stops watching. A caller that writes styles from `onChange` must write only what
 * changed: its own write is a DOM change and brings one more call.
 */
export function watchRect(el: Element, onChange: (state: RectState) => void): () => void {
  const { clips, roots } = ancestors(el);
  let frame = 0;
  const measure = (): void => {
    frame = 0;
    // A detached element measures as an empty box at 0,0, which overlaps nothing.
    const rect = el.getBoundingClientRect();
    onChange({ rect, visible: isVisible(rect, clips) });
  };
  const schedule = (): void => {
    frame ||= requestAnimationFrame(measure);
  };
  // Capture on the window sees scrolls of any element in the document; scroll events do not
  // leave a shadow root, so the clips inside one are listened to directly.
  const listening = new AbortController();
  const opts = { capture: true, signal: listening.signal };
  for (const t of [window, ...clips]) t.addEventListener('scroll', schedule, opts);
  addEventListener('resize', schedule, opts);
  const resize = new ResizeObserver(schedule);
  resize.observe(el);
  // Content added, removed or restyled above the element moves it without a scroll or resize
  // of its own; a shadow root's subtree is not the document's, so each root is observed.
  const layout = new MutationObserver(schedule);
  for (const r of roots) layout.observe(r, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  measure();
  return () => {
    cancelAnimationFrame(frame);
    listening.abort();
    resize.disconnect();
    layout.disconnect();
  };
}
