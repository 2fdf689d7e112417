import { readFile } from 'node:fs/promises';
import { formatProblem } from '../pack/checks.js';
import { PACK_LIMITS, validatePack } from '../pack/validate-pack.js';
import { SDK_VERSION } from '../version.js';

const USAGE = `usage: zerocall validate <pack.json> [--sdk <version>]

  validate   checks a rule pack with the same code the SDK runs in the page;
             prints every problem as "<file>: <JSON pointer>: <what was expected>"
             and exits 1 if there is any (CSS selectors are checked in the page only)`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can read it. */
export async function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command !== 'validate' || !file) {
    err(USAGE);
    return 2;
  }
  const sdkAt = rest.indexOf('--sdk');
  const sdkVersion = sdkAt >= 0 ? rest[sdkAt + 1] ?? SDK_VERSION : SDK_VERSION;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    err(`${file}: cannot read (${(error as { code?: string }).code ?? String(error)})`);
    return 1;
  }
  if (text.length > PACK_LIMITS.bytes) {
    err(`${file}: ${text.length} characters is over the limit of ${PACK_LIMITS.bytes}`);
    return 1;
  }
  let pack: unknown;
  try {
    pack = JSON.parse(text);
  } catch (error) {
    err(`${file}: not valid JSON (${(error as Error).message})`);
    return 1;
  }
  const problems = validatePack(pack, { sdkVersion });
  for (const p of problems) err(`${file}: ${formatProblem(p)}`);
  if (problems.length) return 1;
  const n = (pack as { rules: unknown[] }).rules.length;
  out(`${file}: ok (${n} rule${n === 1 ? '' : 's'}, SDK ${sdkVersion})`);
  return 0;
}
