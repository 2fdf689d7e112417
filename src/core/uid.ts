/**
 * A random id for events, batches and sessions. randomUUID exists only in secure contexts,
 * and product pages are not always served over https in development.
 */
export function uid(): string {
  if (typeof crypto.randomUUID === 'function' && globalThis.isSecureContext) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
