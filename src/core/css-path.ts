/** How many ancestors a path names at most before it is anchored at an id or the body. */
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

/** Separates the path of a shadow host from the path inside its (open) shadow root. */
export const SHADOW_SEPARATOR = ' >>> ';

/**
 * A CSS path for an element, anchored at the nearest id: stable across identical renders,
 * resolvable again (resolvePath; the mount stage uses it to anchor help next to the element),
 * and free of text content, which may be personal. An element inside a shadow root is the
 * host's path, `>>>`, and the path inside the root.
 */
export function cssPath(el: Element): string {
  const parts: string[] = [];
  for (let node: Element | null = el; node && parts.length < MAX_DEPTH; node = node.parentElement) {
    parts.unshift(segment(node));
    if (node.id || node.localName === 'body' || node.localName === 'html') break;
  }
  const root = el.getRootNode();
  const inner = parts.join(' > ');
  return root instanceof ShadowRoot ? `${cssPath(root.host)}${SHADOW_SEPARATOR}${inner}` : inner;
}

/** Finds the element a cssPath names, descending into open shadow roots; null if it is gone. */
export function resolvePath(doc: Document, path: string): Element | null {
  let scope: ParentNode | null = doc;
  let found: Element | null = null;
  for (const part of path.split(SHADOW_SEPARATOR)) {
    found = scope?.querySelector(part) ?? null;
    scope = found?.shadowRoot ?? null;
  }
  return found;
}
