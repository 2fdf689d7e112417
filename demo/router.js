// History routing for the single-page app: links with data-route, back and forward, and a
// fresh page render for every route. The dev server answers every /demo/<route> with
// index.html, so a deep link or a reload lands on the same page.

/**
 * A route's path pattern compiled to a matcher: `:name` segments become parameters.
 *
 * @param {string} pattern e.g. '/demo/orders/:id'
 * @returns {(path: string) => Record<string, string> | null}
 */
export function compile(pattern) {
  const names = [];
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name) => (names.push(name), '([^/]+)'));
  const re = new RegExp(`^${source}$`);
  return (path) => {
    const m = re.exec(path);
    if (!m) return null;
    try {
      return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    } catch {
      return null; // a malformed %-escape: no such page
    }
  };
}

/** The current path without a trailing slash. */
export const currentPath = () => location.pathname.replace(/\/+$/, '') || '/';

/** The parameters of `pattern` if the current page matches it, else null. */
export const routeParams = (pattern) => compile(pattern)(currentPath());

/**
 * Starts routing. Each route's page renders into `view` and returns its title; it gets
 * `alive()` (false once the user has moved on) and `signal` (aborted then) for its requests.
 *
 * @param {{
 *   view: HTMLElement,
 *   routes: Array<[string, (ctx: PageContext) => string]>,
 *   notFound: (ctx: PageContext) => string,
 *   redirects: Record<string, string>,
 *   rendered?: (path: string) => void,
 * }} options
 * @typedef {{ params: Record<string, string>, view: HTMLElement, alive: () => boolean, signal: AbortSignal, navigate: (href: string) => void, rerender: () => void }} PageContext
 */
export function startRouter({ view, routes, notFound, redirects, rendered }) {
  const table = routes.map(([pattern, page]) => ({ match: compile(pattern), page }));
  let current;

  function render() {
    let path = currentPath();
    if (redirects[path]) {
      path = redirects[path];
      history.replaceState(null, '', path + location.search);
    }
    current?.abort();
    const controller = (current = new AbortController());
    let page = notFound;
    let params = {};
    for (const r of table) {
      const p = r.match(path);
      if (p) {
        page = r.page;
        params = p;
        break;
      }
    }
    const ctx = { params, view, alive: () => current === controller, signal: controller.signal, navigate, rerender: render };
    const title = page(ctx);
    document.title = `${title} · Acme Pay`;
    rendered?.(path);
  }

  /** Goes to `href` in the app; the query string stays behind, as in the rest of the app. */
  function navigate(href, { replace = false } = {}) {
    const url = new URL(href, location.href);
    if (url.pathname !== location.pathname || location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url.pathname);
    render();
    window.scrollTo(0, 0);
    view.focus({ preventScroll: true });
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = appLink(event);
    if (!link) return;
    event.preventDefault();
    navigate(link.href);
  });
  window.addEventListener('popstate', () => {
    render();
    view.focus({ preventScroll: true });
  });
  render();
  return { navigate, render };
}

/**
 * The in-app link a click followed, if any: ours carry data-route; a link in Zero Call's help
 * (inside a zc-* element's shadow root) counts when it stays inside the demo, so following
 * help keeps the app's state, as a router that handles every same-origin link would.
 */
function appLink(event) {
  const target = event.target instanceof Element ? event.target : null;
  const own = target?.closest('a[data-route]');
  if (own) return own;
  const path = event.composedPath();
  const a = path.find((n) => n instanceof HTMLAnchorElement);
  const inHelp = path.some((n) => n instanceof Element && n.localName.startsWith('zc-'));
  if (!a || !inHelp || a.target === '_blank' || a.hasAttribute('download')) return null;
  const url = new URL(a.href, location.href);
  return url.origin === location.origin && /^\/demo\/[^.]*$/.test(url.pathname) ? a : null;
}
