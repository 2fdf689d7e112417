import type { TargetInfo } from '../engine/types.js';

const MAX_DEPTH = 6;

function segment(el: Element): string {
  const tag = el.localName;
  if (el.id) return `${tag}#${CSS.escape(el.id)}`;
  const parent = el.parentElement;
  if (!parent) return tag;
  let index = 0;
  let same = 0;
  for (const sibling of parent.children) {
    if (sibling.localName !== tag) continue;
    same++;
    if (sibling === el) index = same;
  }
  return same > 1 ? `${tag}:nth-of-type(${index})` : tag;
}

/**
 * A CSS path for an element, anchored at the nearest id: stable across identical renders,
 * resolvable again with querySelector (the mount stage uses it to anchor help next to the
 * element), and free of text content, which may be personal.
 */
export function cssPath(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && parts.length < MAX_DEPTH; node = node.parentElement) {
    parts.unshift(segment(node));
    if (node.id || node.localName === 'body' || node.localName === 'html') break;
  }
  return parts.join(' > ');
}

/** Describes a target for the engine, including which pack selectors it matches. */
export function describeTarget(el: Element, selectors: readonly string[]): TargetInfo {
  return { fp: cssPath(el), tag: el.localName, hits: selectors.filter((s) => el.closest(s) !== null) };
}
