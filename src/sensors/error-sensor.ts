import { scrubUrl } from './scrub-url.js';
import { currentPage, listen, type Sensor } from './sensor.js';

const MAX_MESSAGE = 200;

const messageOf = (v: unknown): string => {
  const m = v instanceof Error ? `${v.name}: ${v.message}` : typeof v === 'string' ? v : v === undefined ? 'undefined' : Object.prototype.toString.call(v);
  return m.length > MAX_MESSAGE ? `${m.slice(0, MAX_MESSAGE - 1)}…` : m;
};

/**
 * Emits uncaught errors and unhandled promise rejections of the page. Resource load errors
 * (an <img> 404) are not script errors and are left out. The message is truncated and the
 * script URL loses its query; rate limiting is the js-error detector's job, in event time.
 */
export const errorSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const page = (): string => currentPage(win, ctx.allowParams);
  const stops = [
      listen<ErrorEvent>(ctx, win, 'error', 'error-sensor', (e) => {
        if (!(e instanceof ErrorEvent)) return;
        const source = e.filename ? `${scrubUrl(e.filename, win.location.href)}:${e.lineno}` : undefined;
        ctx.emit({ type: 'js-error', t: ctx.now(), page: page(), kind: 'error', message: messageOf(e.error ?? e.message), ...(source ? { source } : {}) });
      }),
      listen<PromiseRejectionEvent>(ctx, win, 'unhandledrejection', 'error-sensor', (e) =>
        ctx.emit({ type: 'js-error', t: ctx.now(), page: page(), kind: 'rejection', message: messageOf(e.reason) }),
      ),
  ];
  return () => stops.forEach((s) => s());
};
