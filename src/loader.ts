/**
 * The snippet (dist/snippet.min.js, and in the README): put it before the async script tag.
 * It defines a stand-in ZeroCall whose every method queues its call; zerocall.js replays the
 * queue in order when it loads. A Proxy, so methods added in later SDK versions queue too.
 */
((w: Window & { ZeroCall?: unknown }) => {
  if (w.ZeroCall) return;
  const q: Array<[string, unknown[]]> = [];
  w.ZeroCall = new Proxy({ _q: q }, {
    get: (target, method) => (method === '_q' ? target._q : (...args: unknown[]) => void q.push([String(method), args])),
  });
})(window);
