import type { FlowStepCounts } from './flow-dropoff.js';
import { type Lift, type Report, SMALL } from './report.js';

// `zerocall report`'s table for a terminal.

/** Cells padded to their column: the first `left` columns to the left, the rest to the right. */
function table(rows: readonly string[][], left: number): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c < left ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
/** Points with a sign, "0.0" rather than "-0.0". */
function points(x: number): string {
  const v = Math.round(1000 * x) / 10;
  return v === 0 ? '0.0' : `${v > 0 ? '+' : '-'}${Math.abs(v).toFixed(1)}`;
}

/** `support-contact: treated 8.0% (4/50), held out 25.0% (3/12): -17.0 pts, 95% CI -43.1 to +1.9, not significant (few held-out sessions)`. */
function liftLine(lift: Lift | undefined, noLift: string | undefined, target: string): string {
  if (!lift) return `${target}: ${noLift ?? 'no lift'}`;
  const { treated: t1, heldOut: t0 } = lift;
  const few = [t1.sessions < SMALL && 'treated', t0.sessions < SMALL && 'held-out'].filter(Boolean);
  const note = few.length === 2 ? ' (few sessions)' : few.length ? ` (few ${few[0]} sessions)` : '';
  return (
    `${target}: treated ${percent(t1.rate)} (${t1.hits}/${t1.sessions}), held out ${percent(t0.rate)} (${t0.hits}/${t0.sessions}): ` +
    `${points(lift.difference)} pts, ${+(100 * lift.confidence).toFixed(1)}% CI ${points(lift.low)} to ${points(lift.high)}, ` +
    `${lift.significant ? 'significant' : 'not significant'}${note}`
  );
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A flow's drop-off under its rule: per step, who came in, moved on, and how the rest stopped. */
function dropOff(rule: string, steps: readonly FlowStepCounts[]): string[] {
  const share = (n: number, of: number): string => `${n} (${of ? Math.round((100 * n) / of) : 0}%)`;
  const rows = [
    ['step', 'entered', 'moved on', 'stopped', 'finished', 'dismissed', 'no answer', 'moved to'],
    ...steps.map((s) => [
      s.step,
      `${s.entered}`,
      share(s.movedOn, s.entered),
      share(s.stopped, s.entered),
      `${s.finished}`,
      `${s.dismissed}`,
      `${s.noAnswer}`,
      Object.entries(s.to).sort((a, b) => b[1] - a[1]).map(([to, n]) => `${to} ${n}`).join(', ') || '-',
    ]),
  ];
  // The last column is text of any length: left-aligned after the figures.
  const lines = table(rows.map((r) => r.slice(0, -1)), 1).map((l, i) => `  ${l}  ${rows[i]!.at(-1)!}`);
  return [`${rule}: flow drop-off per step, in surfaces (percentages of entered)`, ...lines];
}

/** The report as plain ASCII text for a terminal: a table per pack version, the lift per rule, then the problems. */
export function formatReport(report: Report): string {
  const out = [`${plural(report.records, 'record')}, ${plural(report.sessions, 'session')}, ${plural(report.duplicates, 'duplicate')} dropped`];
  if (!report.rules.length) out.push('', 'no decisions or outcomes of any rule');
  for (const pack of report.packs) {
    const rules = report.rules.filter((r) => r.pack === pack.pack);
    const orphans = rules.some((r) => r.orphans > 0);
    const cell = (n: number, shown: number): string => (shown ? `${n} (${Math.round((100 * n) / shown)}%)` : `${n}`);
    const rows = [
      ['rule', 'triggered', 'held out', 'shown', 'engaged', 'resolved', 'dismissed', 'never again', 'escalated', ...(orphans ? ['orphans'] : [])],
      ...rules.map((r) => [
        r.rule,
        `${r.triggered}`,
        `${r.heldOut}`,
        `${r.shown}`,
        ...[r.engaged, r.resolved, r.dismissed, r.dontShowAgain, r.escalated].map((n) => cell(n, r.shown)),
        ...(orphans ? [`${r.orphans}`] : []),
      ]),
    ];
    out.push('', `${pack.pack}: rules fired in ${plural(pack.sessions, 'session')}`, ...table(rows, 1));
    for (const r of rules) if (r.flow) out.push('', ...dropOff(r.rule, r.flow));
  }
  if (report.target !== undefined) {
    const target = report.target;
    out.push('', `lift on "${target}": sessions that had it at or after the rule's first decision, treated vs held out`);
    for (const pack of report.packs) {
      const rules = report.rules.filter((r) => r.pack === pack.pack);
      const mixed = (n: number, what: string): string => (n ? `; ${plural(n, 'session')} ${what}` : '');
      const rows = [
        ['any rule', liftLine(pack.lift, pack.noLift, target) + mixed(pack.mixed, 'treated by one rule and held out of another, left out')],
        ...rules.map((r) => [r.rule, liftLine(r.lift, r.noLift, target) + mixed(r.mixed, 'both treated and held out, counted as treated')]),
      ];
      out.push(pack.pack, ...table(rows, 2).map((l) => `  ${l.trimEnd()}`));
    }
  }
  const p = report.preferences;
  if (p.changes) {
    const s = p.sessions;
    out.push('', `help preferences: ${plural(p.changes, 'change')} in ${plural(s.useful + s.stuck + s.off, 'session')}, which ended on: whenever useful ${s.useful}, only when stuck ${s.stuck}, off ${s.off}`);
  }
  if (report.problems.length) {
    out.push('', `${plural(report.problems.length, 'problem')}, skipped:`);
    out.push(...report.problems.slice(0, 10).map((p) => `  line ${p.line}: ${p.message}`));
    if (report.problems.length > 10) out.push(`  ... and ${report.problems.length - 10} more`);
  }
  return out.join('\n');
}
