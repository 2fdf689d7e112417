const shown = new Set<string>();

/**
 * Writes a console warning once per code and message for the page's lifetime: a
 * misconfigured page should say what is wrong once, not flood the console of the product
 * team's users. The code is printed so the docs (docs/troubleshooting.md) can be searched for it.
 */
export function warnOnce(code: string, message: string): void {
  const key = `${code}\n${message}`;
  if (shown.has(key)) return;
  shown.add(key);
  console.warn(`[ZeroCall] ${message} (zc:${code})`);
}
