import { cssPath } from '../core/css-path.js';
import { eventTarget } from './fingerprint.js';
import { currentPage, listen, perFrame, type Sensor } from './sensor.js';

/**
 * Emits scrolls (per scroller) and mouse or pen positions, each sampled at most once per
 * animation frame, and text-selection changes. Scroll position is read only in the frame
 * callback, so we never force a layout inside the page's own scroll handling.
 */
export const motionSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const page = (): string => currentPage(win, ctx.allowParams);
  const lastY = new WeakMap<object, number>();
  const scrollers = new Set<Element | Document>();
  lastY.set(doc, win.scrollY);
  const scroll = perFrame<true>(win, () => {
    for (const s of scrollers) {
      const y = s === doc ? win.scrollY : (s as Element).scrollTop;
      const dy = y - (lastY.get(s) ?? y);
      lastY.set(s, y);
      if (dy !== 0) ctx.emit({ type: 'scroll', t: ctx.now(), page: page(), y: Math.round(y), dy: Math.round(dy), scroller: s === doc ? '' : cssPath(s as Element) });
    }
    scrollers.clear();
  });
  // One position object, overwritten on every move: the frame callback copies the latest.
  const at = { x: 0, y: 0, t: 0 };
  const move = perFrame<typeof at>(win, (p) => ctx.emit({ type: 'move', page: page(), x: p.x, y: p.y, t: p.t }));
  const stops = [
    listen(ctx, doc, 'scroll', 'motion-sensor', (e) => {
      const el = e.target === doc ? doc : eventTarget(e);
      if (!el) return;
      // An element we have not seen scroll before started from its top; the document's start is known.
      if (!lastY.has(el)) lastY.set(el, 0);
      scrollers.add(el);
      scroll.push(true);
    }),
    listen<PointerEvent>(ctx, doc, 'pointermove', 'motion-sensor', (e) => {
      // A finger dragging is scrolling or swiping, not a cursor hunting for something.
      if (e.pointerType === 'touch') return;
      at.x = Math.round(e.clientX);
      at.y = Math.round(e.clientY);
      at.t = ctx.now();
      move.push(at);
    }),
    listen(ctx, doc, 'selectionchange', 'motion-sensor', () => ctx.emit({ type: 'selection', t: ctx.now(), page: page() })),
  ];
  return () => {
    stops.forEach((s) => s());
    scroll.stop();
    move.stop();
  };
};
