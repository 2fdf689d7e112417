import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { formatProblem } from '../pack/checks.js';
import type { RulePack } from '../pack/types.js';
import { PACK_LIMITS, validatePack } from '../pack/validate-pack.js';
import { SDK_VERSION } from '../version.js';

// What every `zerocall` command shares: its signature, its two kinds of failure, reading files.

export type Write = (s: string) => void;
export type Command = (args: readonly string[], out: Write, err: Write) => Promise<number>;

/** A command line that makes no sense: reported with the usage, exit 2. */
export class UsageError extends Error {}
/** A failure that names what is wrong, one line each: exit 1. */
export class Failed extends Error {
  constructor(readonly lines: readonly string[]) {
    super(lines.join('\n'));
  }
}
export const fail = (...lines: string[]): never => {
  throw new Failed(lines);
};

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; default?: string }>;

/** Parses options with node:util; exactly the named positionals are required. */
export function options(args: readonly string[], names: readonly string[], spec: OptionSpec) {
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: spec, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (parsed.positionals.length !== names.length) {
    throw new UsageError(`expected ${names.map((n) => `<${n}>`).join(' ') || 'no file names'}, got ${parsed.positionals.length ? parsed.positionals.join(' ') : 'none'}`);
  }
  return parsed;
}

/**
 * Reads a text file; a name ending in `.gz` is gunzipped first (collectors and session archives
 * are often kept compressed). Fails naming the file when it cannot be read or is over `limit` characters.
 */
export async function readText(file: string, limit = Infinity): Promise<string> {
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (error) {
    return fail(`${file}: cannot read (${(error as { code?: string }).code ?? String(error)})`);
  }
  if (text.length > limit) fail(`${file}: ${text.length} characters is over the limit of ${limit}`);
  return text;
}

export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    return fail(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Reads and validates a pack as the page would, failing with every located problem. */
export async function loadPack(file: string, sdkVersion = SDK_VERSION): Promise<RulePack> {
  const pack = parseJson(file, await readText(file, PACK_LIMITS.bytes));
  const problems = validatePack(pack, { sdkVersion });
  if (problems.length) fail(...problems.map((p) => `${file}: ${formatProblem(p)}`));
  return pack as RulePack;
}
