// The session generator: simulated users (personas) drive the Acme Pay demo in headless Chromium,
// and what Zero Call recorded becomes labelled data for `zerocall train`, `evaluate` and
// `report` (docs/data-loop.md). Every session here is SYNTHETIC: scripted users on a made-up
// app. It exists so the data loop can be developed and benchmarked reproducibly; real sessions
// come from real users (ZeroCall.debug.exportSession, or your collector), labelled by people.
//
//   node demo/serve.mjs --generate --out <dir> [--sessions N] [--seed S] [--help on|off]
//                                  [--held-out <share>] [--concurrency N]
//
// Writes <dir>/sessions.ndjson (one header + events per session), <dir>/labels.csv
// (session,label,onset,persona,scenario) and <dir>/outcomes.ndjson (every record the
// collector received, one per line). With `--help off` nobody is offered help (the demo's
// "Proactive help" switch is off): the sessions show what users do on their own, the fair
// ground on which to compare packs. With `--help on` they take the help they get, or do not.
//
// Personas (N sessions are dealt round-robin): `smooth` does one to three everyday tasks, with
// the small slips everyday use has; `confused` cannot find the way or the format; `blocked` is
// stopped by the service (refusals, an outage); `impatient` clicks again and again. A
// struggling persona's label has an onset: the moment a person watching would call it
// struggle: the second try at the same thing (a refused form, a failing download, a wrong turn
// in Settings), the first click on a control that is not one, the first click of a burst, the
// first return to a page just left, ten seconds of staring at an order (calm reads take 3 to 9).
//
// Time is virtual (Playwright's clock): a user reading for 8 s costs no real time, so a
// session takes 2 to 5 s of real time. The same --seed gives the same users, tasks, timings and
// values; timings the browser itself adds (a few ms) vary from run to run.
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { within } from './check.mjs';
import { SCRIPTS } from './personas.mjs';
import { leave, User } from './sim-user.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const PERSONAS = ['smooth', 'confused', 'blocked', 'impatient'];
/** The longest one session may take in real time, ms. */
const SESSION_LIMIT = 90_000;
/** A seeded PRNG (mulberry32) over a string seed. */
function rng(seed) {
  let a = fnv(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** FNV-1a, 32 bit: the hash the SDK's holdout uses (src/engine/decide.ts holdoutBucket). */
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
const holdoutBucket = (subject, rule) => fnv(`${subject}:${rule}`) / 2 ** 32;

/** Plans session `n`: its persona, tasks, intended rule and visitor id (held out of that rule or not). */
function plan(n, seed, heldOutShare) {
  const random = rng(`${seed}:${n}`);
  const persona = PERSONAS[n % PERSONAS.length];
  const script = SCRIPTS[persona];
  const pick = (list) => list[Math.floor(random() * list.length)];
  let tasks;
  let rule;
  if (persona === 'smooth') {
    // One to three different tasks: the same refused refund twice would be struggle.
    const left = [...script.everyday];
    tasks = Array.from({ length: 1 + Math.floor(random() * 3) }, () => left.splice(Math.floor(random() * left.length), 1)[0]);
  } else {
    const [task, meant] = pick(script.struggles);
    rule = meant;
    tasks = [...(random() < 0.4 ? [pick(SCRIPTS.smooth.everyday)] : []), task];
  }
  // A visitor in, or out of, the holdout of the rule this session is meant to meet.
  const out = rule !== undefined && random() < heldOutShare;
  let subject;
  for (let k = 0; ; k++) {
    subject = `gen-${seed}-${n}-${k}`;
    if (rule === undefined || holdoutBucket(subject, rule) < 0.05 === out) break;
  }
  return { n, persona, tasks, rule, subject, random };
}

/** Runs one planned session in its own browser context; resolves with what to write. */
async function runSession(browser, base, p, help) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  try {
    await context.addInitScript(
      ([subject, helpOn]) => {
        localStorage.setItem('zc:aid', subject);
        localStorage.setItem('acme-pay-lang', 'en');
        localStorage.setItem('acme-pay-help', helpOn ? 'on' : 'off');
        // Record from the first event: the moment zerocall.js replaces the snippet's queue.
        let api;
        Object.defineProperty(window, 'ZeroCall', {
          configurable: true,
          get: () => api,
          set(value) {
            api = value;
            if (typeof value?.debug?.record === 'function') value.debug.record(true);
          },
        });
      },
      [p.subject, help],
    );
    const page = await context.newPage();
    await page.clock.install();
    const u = new User(page, base, p.random, help);
    for (const task of p.tasks) {
      await task(u);
      await u.pause(1000, 3000);
    }
    // Late signals (a dead click's second, the tick) settle; then the recording, then telemetry.
    await u.pause(5000);
    const parts = [...u.parts, await leave(page, help)];
    // One session: the first load's header, then every load's events. A later load's recording
    // opens with the tab's history the SDK replays (the earlier loads' navigations): already here.
    let last = -Infinity;
    const events = parts.flatMap((p) => p.recorded.trim().split('\n').slice(1)).filter((line) => {
      const t = JSON.parse(line).t;
      if (t < last) return false;
      last = t;
      return true;
    });
    const recorded = [parts[0].recorded.split('\n')[0], ...events].join('\n');
    return { recorded, records: parts.flatMap((p) => p.records), onset: u.onsetAt };
  } finally {
    await context.close();
  }
}

/** A session's lines for sessions.ndjson: in the observe-only world, without the harness's consent switch. */
function sessionLines(recorded, help) {
  const lines = recorded.trim().split('\n');
  return (help ? lines : lines.filter((l) => !l.includes('"type":"consent"'))).join('\n') + '\n';
}

function parseOptions(argv) {
  const value = (name, fallback) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
  };
  const out = value('out');
  if (!out) throw new Error('missing --out <dir>');
  const help = value('help', 'on');
  if (help !== 'on' && help !== 'off') throw new Error(`--help must be on or off, got ${help}`);
  const sessions = Number(value('sessions', '40'));
  const concurrency = Number(value('concurrency', '2'));
  const heldOut = Number(value('held-out', '0.05'));
  if (!(sessions >= 1 && Number.isInteger(sessions))) throw new Error('--sessions must be a whole number of at least 1');
  if (!(concurrency >= 1 && concurrency <= 8)) throw new Error('--concurrency must be 1 to 8');
  if (!(heldOut >= 0 && heldOut <= 1)) throw new Error('--held-out must be a share from 0 to 1');
  return { out, help: help === 'on', sessions, seed: value('seed', '1'), concurrency, heldOut };
}

/**
 * Generates the sessions; resolves with the exit code.
 * @param {{ base: string, argv: string[] }} o
 */
export async function runGenerate({ base, argv }) {
  let options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error(`generate: ${error.message}`);
    return 2;
  }
  const { out, help, sessions, seed, concurrency, heldOut } = options;
  await mkdir(out, { recursive: true });
  const files = { sessions: join(out, 'sessions.ndjson'), labels: join(out, 'labels.csv'), outcomes: join(out, 'outcomes.ndjson') };
  await writeFile(files.sessions, '');
  await writeFile(files.labels, 'session,label,onset,persona,scenario\n');
  await writeFile(files.outcomes, '');
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const started = Date.now();
  let next = 0;
  let failed = 0;
  // Written in session order, whichever finishes first.
  const done = new Map();
  let written = 0;
  const flush = async () => {
    while (done.has(written)) {
      const r = done.get(written);
      done.delete(written);
      written++;
      if (!r) continue;
      await appendFile(files.sessions, r.sessionText);
      await appendFile(files.labels, r.label);
      await appendFile(files.outcomes, r.records.map((e) => JSON.stringify(e)).join('\n') + (r.records.length ? '\n' : ''));
    }
  };
  const worker = async () => {
    while (next < sessions) {
      const p = plan(next++, seed, heldOut);
      const scenario = p.tasks.map((t) => t.name).join('+');
      try {
        const r = await within(SESSION_LIMIT, runSession(browser, base, p, help));
        const id = JSON.parse(r.recorded.split('\n')[0]).id;
        const struggling = p.persona !== 'smooth';
        done.set(p.n, {
          sessionText: sessionLines(r.recorded, help),
          label: `${id},${struggling ? 1 : 0},${struggling && r.onset !== undefined ? r.onset : ''},${p.persona},${scenario}\n`,
          records: r.records,
        });
        console.log(`${String(p.n + 1).padStart(4)}/${sessions} ${p.persona.padEnd(9)} ${scenario}${struggling && r.onset === undefined ? ' (no onset!)' : ''}`);
      } catch (error) {
        failed++;
        done.set(p.n, undefined);
        console.error(`${String(p.n + 1).padStart(4)}/${sessions} ${p.persona} ${scenario}: FAILED ${error.message.split('\n')[0]}`);
      }
      await flush();
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await browser.close();
  }
  console.log(`generated ${sessions - failed} of ${sessions} synthetic sessions in ${Math.round((Date.now() - started) / 1000)} s → ${out}`);
  return failed ? 1 : 0;
}
