import { html } from 'lit';
import type { TemplateResult } from 'lit';

/** A link target a pack may use: a relative path or an http(s) URL; never `javascript:` or `data:`. */
export const isSafeHref = (href: string): boolean => /^(https?:\/\/[^\s]+|\/(?!\/)[^\s]*|\.{1,2}\/[^\s]*|#[^\s]*)$/i.test(href);

// **bold**, *emphasis*, `code` and [label](href); anything else is text. One pass, no nesting
// beyond a link's label: pack text is short, and a parser that never backtracks can't be made slow.
const INLINE = /\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

function inline(text: string, onLink: (e: Event) => void): Array<string | TemplateResult> {
  const out: Array<string | TemplateResult> = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out.push(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [whole, bold, em, code, label, href] = m;
    if (bold !== undefined) out.push(html`<strong>${bold}</strong>`);
    else if (em !== undefined) out.push(html`<em>${em}</em>`);
    else if (code !== undefined) out.push(html`<code>${code}</code>`);
    else if (href !== undefined && isSafeHref(href)) {
      const external = /^https?:/i.test(href) && !href.startsWith(location.origin);
      out.push(html`<a href=${href} target=${external ? '_blank' : '_self'} rel="noopener noreferrer" @click=${onLink}>${label}</a>`);
    } else out.push(whole); // an unsafe link stays visible as the text it was
  }
  out.push(text.slice(last));
  return out;
}

/**
 * Renders pack text with safe inline formatting: paragraphs (blank lines), line breaks,
 * `**bold**`, `*emphasis*`, `` `code` `` and `[label](href)` links to relative or http(s)
 * targets. Everything becomes text nodes and elements built by Lit: pack text never reaches
 * innerHTML, so markup in it shows literally.
 */
export function formatText(text: string, onLink: (e: Event) => void): TemplateResult[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => html`<p>${p.split('\n').map((line, i) => (i ? [html`<br />`, ...inline(line, onLink)] : inline(line, onLink)))}</p>`);
}
