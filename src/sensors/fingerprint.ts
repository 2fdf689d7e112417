import { cssPath } from '../core/css-path.js';
import { IGNORE_ATTR, SURFACE_ATTR } from '../core/dom-marks.js';
import type { TargetInfo, TargetTrait } from '../engine/types.js';

const TEXT_INPUTS = new Set(['text', 'email', 'password', 'search', 'tel', 'url', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);
const INTERACTIVE_ROLES = new Set(['button', 'link', 'menuitem', 'menuitemcheckbox', 'menuitemradio', 'option', 'tab', 'switch', 'checkbox', 'radio', 'treeitem']);
const FIELD_TAGS = new Set(['input', 'select', 'textarea']);

/**
 * Reads what an element looks like to a user from its tag, role, type and attributes, and
 * (for "looks clickable") its cursor. Never reads text or values. `label` is the element's
 * accessible-name hint only where it is an attribute (aria-label, title, rel) — used to spot
 * pagination and steppers, never sent.
 */
export function traitsOf(el: Element, win: Window): TargetTrait[] {
  const traits: TargetTrait[] = [];
  const control = el.closest('a[href],button,input,select,textarea,summary,label,[role],[onclick],[tabindex],[contenteditable]');
  const input = el.closest('input');
  const type = input?.type ?? '';
  const role = control?.getAttribute('role') ?? '';
  if (FIELD_TAGS.has(el.localName) || input) traits.push('field');
  if ((input && TEXT_INPUTS.has(type)) || el.closest('textarea') || (el instanceof HTMLElement && el.isContentEditable)) traits.push('text-entry');
  if (type === 'file') traits.push('file-input');
  const link = el.closest('a[href]');
  if (link?.getAttribute('target') && link.getAttribute('target') !== '_self') traits.push('new-tab');
  if (link?.hasAttribute('download')) traits.push('download');
  const interactive =
    (control !== null && (control.localName !== 'label' && (!control.hasAttribute('role') || INTERACTIVE_ROLES.has(role)))) ||
    win.getComputedStyle(el).cursor === 'pointer';
  if (interactive) traits.push('interactive');
  if (type === 'number' || role === 'spinbutton' || el.closest('[data-zc-stepper],[aria-label*="increase" i],[aria-label*="decrease" i],[aria-label*="increment" i],[aria-label*="decrement" i]')) traits.push('stepper');
  if (el.closest('[rel="next"],[rel="prev"],[aria-label*="next" i],[aria-label*="previous" i],[aria-label*="page" i],nav[aria-label*="pagination" i] *,.pagination *,[data-zc-pagination]')) traits.push('pagination');
  return traits;
}

/** Bumped by the mutation sensor on any DOM change; cached descriptions older than it are stale. */
let domVersion = 0;
const described = new WeakMap<Element, { version: number; selectors: readonly string[]; info: TargetInfo }>();

/**
 * Describes a target for the engine, including which pack selectors it matches. Users click
 * and type on the same few elements over and over, and a CSS path walks siblings and
 * ancestors, so a description is kept per element until the DOM changes (the storm bench
 * spent most of the sensors' time here). The mutation sensor, which already watches the DOM,
 * says when descriptions go stale (targetsChanged).
 */
export function describeTarget(el: Element, selectors: readonly string[], win: Window): TargetInfo {
  const cached = described.get(el);
  if (cached && cached.version === domVersion && cached.selectors === selectors) return cached.info;
  const info: TargetInfo = { fp: cssPath(el), tag: el.localName, hits: selectors.filter((s) => el.closest(s) !== null), traits: traitsOf(el, win) };
  described.set(el, { version: domVersion, selectors, info });
  return info;
}

/** The DOM changed: every cached target description is stale. */
export function targetsChanged(): void {
  domVersion++;
}

const HIDDEN = `[${IGNORE_ATTR}],[${SURFACE_ATTR}]`;

/**
 * The element an event really happened on, seen through open shadow roots, or undefined when
 * the page opted it out (data-zc-ignore) or it is one of our own surfaces. composedPath() is
 * asked only when the retargeted target is a shadow host: it allocates, and this runs on every
 * pointer move and scroll.
 */
export function eventTarget(e: Event): Element | undefined {
  let el = e.target instanceof Element ? e.target : undefined;
  if (el?.shadowRoot) {
    const first = e.composedPath()[0];
    if (first instanceof Element) el = first;
  }
  for (let n: Element | undefined = el; n; ) {
    if (n.closest(HIDDEN)) return undefined;
    const root = n.getRootNode();
    n = root instanceof ShadowRoot ? root.host : undefined;
  }
  return el;
}
