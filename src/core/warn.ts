const shown = new Set<string>();

/**
 * Writes one console warning per code for the page's lifetime: a misconfigured page should
 * say what is wrong once, not flood the console of the product team's users.
 */
export function warnOnce(code: string, message: string): void {
  if (shown.has(code)) return;
  shown.add(code);
  console.warn(`[ZeroCall] ${message} (${code})`);
}
