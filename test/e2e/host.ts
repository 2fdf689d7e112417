// Helpers for end-to-end tests that drive the built script tag (dist/zerocall.js) in the test page.
import { sendMouse } from '@web/test-runner-commands';
import type { ZeroCallApi, ZeroCallEvents } from '../../src/zero-call.js';

/** The API as the page sees it: the snippet's stub until the script runs, the real object after. */
export const zc = (): ZeroCallApi => (window as { ZeroCall?: unknown }).ZeroCall as ZeroCallApi;

/** Loads a classic script and resolves when it has run. */
function classicScript(src: string, data: Record<string, string> = {}, async = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src;
    s.async = async;
    Object.assign(s.dataset, data);
    s.onload = () => resolve();
    s.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.append(s);
  });
}

/** Pastes the snippet, as the README tells product teams to. */
export const pasteSnippet = (): Promise<void> => classicScript('/dist/snippet.min.js');

/** Adds `<script async src="/dist/zerocall.js" data-…>` exactly as a customer would. */
export const addScriptTag = (data: Record<string, string>): Promise<void> => classicScript('/dist/zerocall.js', data, true);

/** Resolves with the first `type` event whose detail passes `test` (registered through the stub if needed). */
export function next<K extends keyof ZeroCallEvents>(type: K, test: (d: ZeroCallEvents[K]) => boolean = () => true): Promise<ZeroCallEvents[K]> {
  return new Promise((resolve) => {
    zc().on(type, (d) => {
      if (test(d)) resolve(d);
    });
  });
}

/** A real (trusted) click at the centre of an element, through the browser's input pipeline. */
export async function realClick(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/** Resolves on the next animation frame: an anchored surface follows its anchor one frame after it moves. */
export const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
