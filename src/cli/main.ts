import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describeWalk, parseAnswers, traceWalk } from '../analysis/flow-answers.js';
import { compilePack } from '../engine/compile-pack.js';
import type { SuppressReason } from '../engine/decide.js';
import { isHelpLevel } from '../engine/help-level.js';
import { pipeline, type PipelineOutput } from '../engine/pipeline.js';
import { parseSession } from '../engine/session.js';
import type { SignalEvidence, ZcEvent } from '../engine/types.js';
import { asFlow, type FlowAnswer } from '../pack/flow.js';
import { ALGORITHMS, type Key, type SignatureAlg, signPack, verifyPack } from '../pack/signature.js';
import type { PackSignature, RulePack } from '../pack/types.js';
import { PACK_LIMITS } from '../pack/validate-pack.js';
import { SDK_VERSION } from '../version.js';
import { type Command, fail, Failed, loadPack, options, parseJson, plural, readText, UsageError, type Write } from './common.js';
import { evaluateCommand, report, train } from './data-commands.js';

const USAGE = `usage: zerocall validate <pack.json> [--sdk <version>]
       zerocall keygen [--alg ES256|Ed25519] --out <prefix> [--force]
       zerocall sign <pack.json> --key <prefix.private.json> [--kid <id>] [--out <file>]
       zerocall verify <pack.json> --public-key <base64 | @file>
       zerocall simulate <pack.json> <session.ndjson> [--help useful|stuck|off] [--answers <answers.json>] [--json]
       zerocall report <outcomes.ndjson> [--target <event>] [--confidence <0..1>] [--json]
       zerocall train <sessions.ndjson> <labels.csv> [--pack <pack.json>] [--out <fragment.json>]
                      [--l2 <penalty>] [--test <share>] [--seed <text>] [--threshold <score>] [--json]
       zerocall evaluate <pack.json> <sessions.ndjson> <labels.csv> [--struggle <fragment.json>] [--json]

  validate   checks a rule pack with the same code the SDK runs in the page;
             prints every problem as "<file>: <JSON pointer>: <what was expected>"
             and exits 1 if there is any (CSS selectors are checked in the page only)
  keygen     writes a signing key pair: <prefix>.private.json (secret, mode 0600) and
             <prefix>.public.txt (for data-public-key or init({ publicKey }))
  sign       validates a pack, then signs it in place or to --out
  verify     checks a pack's signature against a public key; exits 1 if it does not verify
  simulate   replays a recorded session through the SDK's own engine and prints every
             signal, decision and suppressed decision, timed from the first event; --help
             replays it for a user who chose that level of help; --answers walks each
             decision's flow with a scripted user's answers ({ "<rule id>": [ { "outcome": … } ] })
  report     what each rule did for users, per pack version (triggered, shown, engaged,
             resolved, dismissed, escalated), and the lift of --target against the holdout
  train      fits the struggle score's weights to labelled sessions, prints AUC, precision
             and recall on held-out sessions, and writes the pack's "struggle" section
  evaluate   replays labelled sessions through a pack: recall of struggling sessions,
             false interruptions of smooth ones, time from the onset to the decision

  docs/cli.md has the details.`;

/** Runs the CLI; returns the exit code. Output goes through the given writers so tests can read it. */
export async function main(argv: readonly string[], out: Write, err: Write): Promise<number> {
  const [name = '', ...args] = argv;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    err(USAGE);
    return 2;
  }
  try {
    return await command(args, out, err);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`zerocall ${name}: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    for (const line of error instanceof Failed ? error.lines : [`zerocall ${name}: ${(error as Error).message}`]) err(line);
    return 1;
  }
}

const COMMANDS: Readonly<Record<string, Command>> = { validate, keygen, sign, verify, simulate, report, train, evaluate: evaluateCommand };

async function validate(args: readonly string[], out: Write): Promise<number> {
  const [file, ...rest] = args;
  if (!file) throw new UsageError('missing <pack.json>');
  const sdkAt = rest.indexOf('--sdk');
  const sdkVersion = sdkAt >= 0 ? rest[sdkAt + 1] ?? SDK_VERSION : SDK_VERSION;
  const n = (await loadPack(file, sdkVersion)).rules.length;
  out(`${file}: ok (${n} rule${n === 1 ? '' : 's'}, SDK ${sdkVersion})`);
  return 0;
}

async function keygen(args: readonly string[], out: Write): Promise<number> {
  const { values } = options(args, [], { alg: { type: 'string', default: 'ES256' }, out: { type: 'string' }, force: { type: 'boolean' } });
  const alg = values.alg;
  if (alg !== 'ES256' && alg !== 'Ed25519') throw new UsageError(`--alg must be ES256 or Ed25519, got ${String(alg)}`);
  if (typeof values.out !== 'string') throw new UsageError('missing --out <prefix>');
  const privateFile = `${values.out}.private.json`;
  const publicFile = `${values.out}.public.txt`;
  for (const file of values.force ? [] : [privateFile, publicFile]) {
    // Replacing a key silently would leave every page configured with the old public key refusing new packs.
    if (await stat(file).then(() => true, () => false)) fail(`${file}: already exists; pass --force to replace the key pair`);
  }
  const pair = (await crypto.subtle.generateKey(ALGORITHMS[alg].key, true, ['sign', 'verify'])) as { privateKey: Key; publicKey: Key };
  const publicKey = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
  await mkdir(dirname(privateFile), { recursive: true });
  await writeFile(privateFile, `${JSON.stringify(await crypto.subtle.exportKey('jwk', pair.privateKey), null, 2)}\n`, { mode: 0o600 });
  await chmod(privateFile, 0o600); // `mode` applies only when the file is created, not when --force replaces it
  await writeFile(publicFile, `${publicKey}\n`);
  out(`wrote ${privateFile} (${alg} private key: keep it secret, out of source control) and ${publicFile}`);
  out(publicKey);
  out('configure the page with this public key: data-public-key="…" on the script tag, or publicKey in ZeroCall.init()');
  return 0;
}

async function sign(args: readonly string[], out: Write): Promise<number> {
  const { values, positionals } = options(args, ['pack.json'], { key: { type: 'string' }, kid: { type: 'string' }, out: { type: 'string' } });
  const [file] = positionals as [string];
  const { key: keyFile, kid } = values;
  if (typeof keyFile !== 'string') throw new UsageError('missing --key <prefix.private.json>');
  if (typeof kid === 'string' && !/^.{1,64}$/.test(kid)) throw new UsageError('--kid must be 1 to 64 characters');
  const pack = await loadPack(file);
  const { alg, key } = await loadPrivateKey(keyFile);
  const signed = await signPack(pack, key, alg, typeof kid === 'string' ? kid : undefined);
  const target = typeof values.out === 'string' ? values.out : file;
  await writeFile(target, `${JSON.stringify(signed, null, 2)}\n`);
  out(`${target}: signed with ${alg}${typeof kid === 'string' ? `, kid ${kid}` : ''}${target === file ? '' : ` (from ${file})`}`);
  return 0;
}

async function verify(args: readonly string[], out: Write): Promise<number> {
  const { values, positionals } = options(args, ['pack.json'], { 'public-key': { type: 'string' } });
  const [file] = positionals as [string];
  const spec = values['public-key'];
  if (typeof spec !== 'string') throw new UsageError('missing --public-key <base64 | @file>');
  const publicKey = spec.startsWith('@') ? await readText(spec.slice(1)) : spec;
  const pack = parseJson(file, await readText(file, PACK_LIMITS.bytes));
  const result = await verifyPack(pack, publicKey);
  if (!result.ok) fail(`${file}: ${result.error}`);
  const { alg, kid } = (pack as { signature: PackSignature }).signature;
  out(`${file}: ok (signed by ${alg}${kid === undefined ? '' : `, kid ${kid}`})`);
  return 0;
}

async function simulate(args: readonly string[], out: Write, err: Write): Promise<number> {
  const { values, positionals } = options(args, ['pack.json', 'session.ndjson'], { json: { type: 'boolean' }, help: { type: 'string' }, answers: { type: 'string' } });
  const [packFile, sessionFile] = positionals as [string, string];
  const help = values.help as string | undefined;
  if (help !== undefined && !isHelpLevel(help)) throw new UsageError(`--help needs useful, stuck or off, got "${help}"`);
  const pack = await loadPack(packFile);
  const compiled = compilePack(pack);
  const answers = typeof values.answers === 'string' ? await loadAnswers(values.answers, pack) : undefined;
  const session = parseSession(await readText(sessionFile));
  if ('error' in session) return fail(`${sessionFile}: ${session.error}`);
  if (session.header && session.header.pack !== compiled.ref) {
    // Target selectors are matched in the page while recording: a new rule's target is in no recorded `hits`.
    err(`note: ${sessionFile} was recorded with pack ${session.header.pack}; its events carry the target hits of that pack's selectors`);
  }
  // A level chosen before the session: told to the engine with the first event, as the SDK tells it at start.
  const [first, ...rest] = session.events;
  const chosen: ZcEvent[] = first && help ? [first, { type: 'preference', help, t: first.t, page: first.page }, ...rest] : session.events;
  const outputs = await lastValueFrom(from(chosen).pipe(pipeline(compiled), toArray()));
  const t0 = session.events[0]?.t ?? 0;
  const walked = new Set<string>();
  for (const o of outputs) {
    // Held out, nothing is shown: there is no flow to walk.
    const script = o.type === 'decision' && !o.heldOut ? answers?.get(o.rule) : undefined;
    if (o.type !== 'decision' || !script) {
      out(values.json ? JSON.stringify(o) : describe(o, t0));
      continue;
    }
    walked.add(o.rule);
    const traced = traceWalk(asFlow(o.solution), script);
    if (values.json) out(JSON.stringify({ ...o, flow: traced.walk }));
    else for (const line of [describe(o, t0), ...describeWalk(traced).map((l) => `${''.padEnd(9)} ${'flow'.padEnd(10)} ${l}`)]) out(line);
  }
  for (const rule of answers?.keys() ?? []) {
    if (!walked.has(rule)) err(`note: ${values.answers}: rule ${rule} shows nothing in this session (no decision, or held out only); its answers were not used`);
  }
  const count = (type: PipelineOutput['type']) => outputs.filter((o) => o.type === type).length;
  err(`${plural(session.events.length, 'event')}, ${plural(count('signal'), 'signal')}, ${plural(count('decision'), 'decision')}, ${count('suppressed')} suppressed`);
  return 0;
}

/** Reads `--answers`: a scripted user's answers by rule id, checked against the pack. */
async function loadAnswers(file: string, pack: RulePack): Promise<ReadonlyMap<string, readonly FlowAnswer[]>> {
  const parsed = parseAnswers(parseJson(file, await readText(file, 1024 * 1024)), pack.rules.map((r) => r.id));
  if ('problems' in parsed) return fail(...parsed.problems.map((p) => `${file}: ${p}`));
  return parsed.answers;
}

// What each suppression means to a designer (decide.ts SuppressReason); an unknown reason prints bare.
const REASONS: Partial<Readonly<Record<SuppressReason, string>>> = {
  consent: 'the host has not given consent for help',
  agent: 'a human agent was sharing the session',
  preference: 'the user wants help only when stuck, or none (ZeroCall.preferences, or the pack\'s default for their segment)',
  dismissed: 'the user dismissed this rule',
  cap: 'shown as often as the rule allows this session',
  cooldown: "within the rule's cooldown",
  group: "its group's limits are reached",
  open: 'its placement shows another rule',
  budget: 'budget.perSession is used up',
  'day-budget': 'budget.perDay is used up',
  'min-gap': 'too soon after the last help (budget.minGap)',
};

const since = (t: number, t0: number): string => `+${((t - t0) / 1000).toFixed(3)}s`;
/** A value for a key=value field, quoted when it has spaces (CSS paths do) or quotes. */
const field = (v: unknown): string => {
  const s = Array.isArray(v) ? v.join(',') : String(v);
  return /^[^\s"=]+$/.test(s) ? s : JSON.stringify(s);
};

/** One output as a line for people: time, kind, what. */
function describe(o: PipelineOutput, t0: number): string {
  const head = `${since(o.t, t0).padEnd(9)} ${o.type.padEnd(10)} `;
  if (o.type === 'decision') {
    const heldOut = 'heldOut' in o && o.heldOut ? '  held-out (nothing shown: holdout group)' : '';
    return `${head}rule=${o.rule}  signal=${o.signal?.signal ?? '-'}  page=${field(o.page)}${heldOut}`;
  }
  if (o.type === 'suppressed') return `${head}rule=${o.rule}  reason=${o.reason}${REASONS[o.reason] ? ` (${REASONS[o.reason]})` : ''}`;
  const target = o.target ? ` target=${field(o.target.fp)}` : '';
  return `${head}${o.signal}  page=${field(o.page)}${target} ${evidence(o.evidence, o.t, t0)}`;
}

function evidence(e: SignalEvidence, t: number, t0: number): string {
  return Object.entries(e)
    .filter(([k, v]) => v !== undefined && !(k === 'last' && v === t))
    .map(([k, v]) => `${k}=${k === 'first' || k === 'last' ? since(v as number, t0) : field(v)}`)
    .join(' ');
}

/** Reads a private key written by keygen (a JWK); its algorithm comes from its curve. */
async function loadPrivateKey(file: string): Promise<{ alg: SignatureAlg; key: Key }> {
  const jwk = parseJson(file, await readText(file, 64 * 1024)) as Record<string, unknown>;
  const alg = jwk?.kty === 'EC' && jwk.crv === 'P-256' ? 'ES256' : jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' ? 'Ed25519' : undefined;
  if (!alg || typeof jwk.d !== 'string') return fail(`${file}: not a private key from zerocall keygen (expected a JWK of an EC P-256 or Ed25519 private key)`);
  try {
    return { alg, key: await crypto.subtle.importKey('jwk', jwk, ALGORITHMS[alg].key, false, ['sign']) };
  } catch (error) {
    return fail(`${file}: not a valid ${alg} private key (${(error as Error).message})`);
  }
}
