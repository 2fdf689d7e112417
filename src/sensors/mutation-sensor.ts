import { IGNORE_ATTR, SURFACE_ATTR } from './fingerprint.js';
import { currentPage, perFrame, type Sensor } from './sensor.js';

/** True when a mutation happened inside one of our surfaces or an opted-out subtree. */
const ours = (node: Node): boolean => {
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest(`[${SURFACE_ATTR}],[${IGNORE_ATTR}]`) != null;
};

/**
 * Emits that the DOM changed, at most once per animation frame: detectors only need to know
 * the page responded (a dead click is one where it did not), not what changed. Mounting our
 * own help is not the page responding.
 */
export const mutationSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const sample = perFrame<number>(win, (t) => ctx.emit({ type: 'mutation', t, page: currentPage(win, ctx.allowParams) }));
  const observer = new MutationObserver(
    ctx.guard.wrap('mutation-sensor', (records: MutationRecord[]) => {
      if (records.some((r) => !ours(r.target) && !(r.type === 'childList' && [...r.addedNodes].every(ours) && [...r.removedNodes].every((n) => n instanceof Element && n.hasAttribute(SURFACE_ATTR))))) {
        sample.push(ctx.now());
      }
    }),
  );
  observer.observe(win.document, { childList: true, subtree: true, attributes: true, characterData: true });
  return () => {
    observer.disconnect();
    sample.stop();
  };
};
