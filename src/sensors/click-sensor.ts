import { describeTarget } from './fingerprint.js';
import { currentPage, type Sensor } from './sensor.js';

/** Marks elements the SDK mounted; clicks on our own surfaces are not the host's friction. */
export const SURFACE_ATTR = 'data-zc-surface';

/** Emits a click event for each primary-button click, from one passive capture listener. */
export const clickSensor: Sensor = (ctx) => {
  const onClick = ctx.guard.wrap('click-sensor', (e: MouseEvent) => {
    const el = e.target;
    if (e.button !== 0 || !(el instanceof Element) || el.closest(`[${SURFACE_ATTR}]`)) return;
    ctx.emit({
      type: 'click',
      t: ctx.now(),
      page: currentPage(ctx.win),
      x: Math.round(e.clientX),
      y: Math.round(e.clientY),
      target: describeTarget(el, ctx.selectors()),
    });
  });
  const options = { capture: true, passive: true } as const;
  ctx.win.document.addEventListener('click', onClick, options);
  return () => ctx.win.document.removeEventListener('click', onClick, options);
};
