import { cssPath } from '../core/css-path.js';
import { IGNORE_ATTR } from '../core/dom-marks.js';
import { describeTarget, eventTarget } from './fingerprint.js';
import { currentPage, listen, type Sensor } from './sensor.js';

/**
 * Emits what users do with fields and forms — focus, input, rejection, submission — without
 * ever reading a value, a key or a length: `input` says only that a field changed.
 * Rejections come from the browser's constraint validation (`invalid`, which does not bubble
 * but is seen in the capture phase) and from apps that flag fields with aria-invalid="true".
 */
export const formSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const doc = win.document;
  const page = (): string => currentPage(win, ctx.allowParams);
  const target = (el: Element) => describeTarget(el, ctx.selectors(), win);
  const formOf = (el: Element): { form?: string } => {
    const form = el.closest('form');
    return form ? { form: cssPath(form) } : {};
  };
  const stops = [
    listen(ctx, doc, 'focusin', 'form-sensor', (e) => {
      const el = eventTarget(e);
      if (el) ctx.emit({ type: 'focus', t: ctx.now(), page: page(), target: target(el) });
    }),
    listen<FocusEvent>(ctx, doc, 'focusout', 'form-sensor', (e) => {
      // Focus leaving to nowhere (not to another element) is a focus change too.
      if (!e.relatedTarget) ctx.emit({ type: 'focus', t: ctx.now(), page: page() });
    }),
    listen(ctx, doc, 'input', 'form-sensor', (e) => {
      const el = eventTarget(e);
      if (el) ctx.emit({ type: 'input', t: ctx.now(), page: page(), target: target(el) });
    }),
    listen(ctx, doc, 'invalid', 'form-sensor', (e) => {
      const el = eventTarget(e);
      if (el) ctx.emit({ type: 'invalid', t: ctx.now(), page: page(), target: target(el), source: 'constraint', ...formOf(el) });
    }),
    listen(ctx, doc, 'submit', 'form-sensor', (e) => {
      const el = eventTarget(e);
      if (el) ctx.emit({ type: 'submit', t: ctx.now(), page: page(), form: cssPath(el) });
    }),
  ];
  const aria = new MutationObserver(
    ctx.guard.wrap('form-sensor', (records: MutationRecord[]) => {
      for (const r of records) {
        const el = r.target as Element;
        if (el.getAttribute('aria-invalid') !== 'true' || r.oldValue === 'true' || el.closest(`[${IGNORE_ATTR}]`)) continue;
        ctx.emit({ type: 'invalid', t: ctx.now(), page: page(), target: target(el), source: 'aria', ...formOf(el) });
      }
    }),
  );
  aria.observe(doc, { subtree: true, attributes: true, attributeFilter: ['aria-invalid'], attributeOldValue: true });
  return () => {
    stops.forEach((s) => s());
    aria.disconnect();
  };
};
