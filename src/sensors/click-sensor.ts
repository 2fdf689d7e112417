import { describeTarget, eventTarget } from './fingerprint.js';
import { currentPage, listen, type Sensor } from './sensor.js';

/** Emits a click event for each primary-button click, seen through open shadow roots. */
export const clickSensor: Sensor = (ctx) =>
  listen<MouseEvent>(ctx, ctx.win.document, 'click', 'click-sensor', (e) => {
    const el = eventTarget(e);
    if (e.button !== 0 || !el) return;
    ctx.emit({
      type: 'click',
      t: ctx.now(),
      page: currentPage(ctx.win, ctx.allowParams),
      x: Math.round(e.clientX),
      y: Math.round(e.clientY),
      detail: e.detail,
      target: describeTarget(el, ctx.selectors(), ctx.win),
    });
  });
