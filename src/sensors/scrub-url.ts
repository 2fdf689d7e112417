/**
 * What a URL may carry into an event: its path, and only the query parameters a product team
 * allowlisted (queries and fragments often hold ids, tokens and e-mail addresses). A fragment
 * that is a route (`#/orders/7`, hash-routed apps) is kept as part of the page; any other
 * fragment is dropped. Cross-origin URLs keep their origin so `api.example.com/v1` is told
 * apart from a same-origin `/v1`.
 */
export function scrubUrl(url: string | URL, base: string, allowParams: readonly string[] = []): string {
  let u: URL;
  try {
    u = new URL(url, base);
  } catch {
    return '';
  }
  const origin = u.origin === new URL(base).origin ? '' : u.origin;
  const kept = allowParams.filter((p) => u.searchParams.has(p)).map((p) => `${encodeURIComponent(p)}=${encodeURIComponent(u.searchParams.get(p) ?? '')}`);
  const route = u.hash.startsWith('#/') ? u.hash.split('?')[0]! : '';
  return `${origin}${u.pathname}${kept.length ? `?${kept.join('&')}` : ''}${route}`;
}
