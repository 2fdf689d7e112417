import { CODE_PATTERN, type MessageProblem, PROTOCOL } from '../agent/protocol.js';
import type { UserInfo } from './session.js';

// The bodies of POST /sessions and POST /pair, checked in the style of checkMessage: every
// problem located by a JSON pointer.

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

function unknownKeys(m: Record<string, unknown>, allowed: readonly string[], out: MessageProblem[]): void {
  for (const k of Object.keys(m)) if (!allowed.includes(k)) out.push({ path: `/${k}`, message: `unknown property; expected one of ${allowed.join(', ')}` });
}

/** Checks a CreateSession body; returns what the page said, or the problems. */
export function checkCreateSession(m: unknown): { user: UserInfo } | { problems: MessageProblem[] } {
  if (!isRecord(m)) return { problems: [{ path: '', message: 'expected a JSON object' }] };
  const out: MessageProblem[] = [];
  unknownKeys(m, ['protocol', 'sdk', 'pack', 'locale'], out);
  if (m.protocol !== PROTOCOL) out.push({ path: '/protocol', message: `expected "${PROTOCOL}" (this relay speaks that version only), got ${JSON.stringify(m.protocol ?? null)}` });
  if (!isText(m.sdk, 64)) out.push({ path: '/sdk', message: 'expected the SDK version (1 to 64 characters)' });
  if (m.pack !== undefined && !isText(m.pack, 200)) out.push({ path: '/pack', message: 'expected "packId@version"' });
  if (m.locale !== undefined && !isText(m.locale, 16)) out.push({ path: '/locale', message: 'expected a locale such as "en" or "zh-CN"' });
  if (out.length) return { problems: out };
  const user: UserInfo = { sdk: m.sdk as string, ...(m.pack !== undefined ? { pack: m.pack as string } : {}), ...(m.locale !== undefined ? { locale: m.locale as string } : {}) };
  return { user };
}

/**
 * Checks a PairRequest body. Spaces in the code are dropped first: the page shows "482 913" and
 * an agent may well type it so.
 */
export function checkPairRequest(m: unknown): { code: string; name: string | undefined } | { problems: MessageProblem[] } {
  if (!isRecord(m)) return { problems: [{ path: '', message: 'expected a JSON object' }] };
  const out: MessageProblem[] = [];
  unknownKeys(m, ['code', 'name'], out);
  const code = typeof m.code === 'string' ? m.code.replace(/\s+/g, '') : '';
  if (!CODE_PATTERN.test(code)) out.push({ path: '/code', message: 'expected the 6 digits the user reads out, such as "482913"' });
  if (m.name !== undefined && !isText(m.name, 64)) out.push({ path: '/name', message: 'expected how the page introduces the agent, 1 to 64 characters' });
  return out.length ? { problems: out } : { code, name: m.name as string | undefined };
}

/** "/sdk: expected …; /pack: expected …", for a 400's message. */
export const formatProblems = (problems: readonly MessageProblem[]): string => problems.map((p) => `${p.path || '(the whole body)'}: ${p.message}`).join('; ');
