const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 };

/**
 * Parses a pack duration such as "500ms", "30s", "2m", "1h" or "1d" into milliseconds.
 * Returns undefined for anything else, so the validator can name the bad value.
 * Hand-written instead of a regex: packs carry no regex and neither does their parser.
 */
export function parseDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 16) return undefined;
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0) return undefined;
  const unit = UNIT_MS[text.slice(i)];
  if (unit === undefined) return undefined;
  return Number(text.slice(0, i)) * unit;
}
