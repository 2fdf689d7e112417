import { IGNORE_ATTR, SURFACE_ATTR } from '../core/dom-marks.js';
import { targetsChanged } from './fingerprint.js';
import { currentPage, listen, perFrame, type Sensor } from './sensor.js';

const OPTIONS: MutationObserverInit = { childList: true, subtree: true, attributes: true, characterData: true };

/** True when a mutation happened inside one of our surfaces or an opted-out subtree. */
const ours = (node: Node): boolean => {
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest(`[${SURFACE_ATTR}],[${IGNORE_ATTR}]`) != null;
};

/**
 * Emits that the DOM changed, at most once per animation frame: detectors only need to know
 * the page responded (a dead click is one where it did not), not what changed. Mounting our
 * own help is not the page responding. A document observer does not see inside shadow roots,
 * so a web component answering a click by re-rendering its shadow tree would look dead: the
 * first pointer-down inside an open shadow root starts observing that root (and any roots
 * around it), in the capture phase, before the component's own handlers run.
 */
export const mutationSensor: Sensor = (ctx) => {
  const { win } = ctx;
  const sample = perFrame<number>(win, (t) => ctx.emit({ type: 'mutation', t, page: currentPage(win, ctx.allowParams) }));
  const observer = new MutationObserver(
    ctx.guard.wrap('mutation-sensor', (records: MutationRecord[]) => {
      targetsChanged();
      if (records.some((r) => !ours(r.target) && !(r.type === 'childList' && [...r.addedNodes].every(ours) && [...r.removedNodes].every((n) => n instanceof Element && n.hasAttribute(SURFACE_ATTR))))) {
        sample.push(ctx.now());
      }
    }),
  );
  observer.observe(win.document, OPTIONS);
  const watched = new WeakSet<ShadowRoot>();
  const watchRoots = (e: Event): void => {
    for (const node of e.composedPath()) {
      if (node instanceof ShadowRoot && !watched.has(node)) {
        watched.add(node);
        observer.observe(node, OPTIONS);
      }
    }
  };
  const stops = ['pointerdown', 'keydown'].map((type) =>
    listen(ctx, win.document, type, 'mutation-sensor', (e) => {
      if (e.target instanceof Element && e.target.shadowRoot) watchRoots(e);
    }),
  );
  return () => {
    stops.forEach((s) => s());
    observer.disconnect();
    sample.stop();
  };
};
