import type { PushMessage, MessageProblem } from './protocol.js';
import { checkSolution } from '../pack/check-solution.js';
import { selector, type ValidateOptions } from '../pack/validate-pack.js';
import type { RulePack, Solution } from '../pack/types.js';
import type { UiLocale } from '../mount/locale.js';
import { packText } from '../mount/surface-props.js';

/** A push the page may show: its solution and how its string ids read. */
export interface CheckedPush {
  readonly solution: Solution;
  readonly text: (id: string) => string;
  /** The pack rule it names, if it named one. */
  readonly rule?: string;
}

/**
 * Checks a pushed solution exactly as the pack's own solutions are checked (check-solution.ts),
 * against this page's pack: a named rule must exist and be switched on; an inline solution must
 * validate, its string ids defined in the push's strings or the pack's. Problems are located in
 * the push (`/solution/action/host: …`), for the agent to read.
 */
export function checkPush(push: PushMessage, pack: RulePack, locale: UiLocale, options: ValidateOptions): CheckedPush | MessageProblem[] {
  const packed = packText(pack, locale);
  if (push.rule !== undefined) {
    const rule = pack.rules.find((r) => r.id === push.rule);
    if (!rule) return [{ path: '/rule', message: `no rule "${push.rule}" in the page's pack ${pack.id}@${pack.version}` }];
    if (rule.enabled === false) return [{ path: '/rule', message: `rule "${push.rule}" is switched off in the pack` }];
    return { solution: rule.solution, text: packed, rule: rule.id };
  }
  const own = push.strings ?? {};
  const tables = [own[locale], own[pack.locale ?? 'en'], ...Object.values(own)].filter((t) => t !== undefined);
  const defined = Object.assign({}, pack.strings[pack.locale ?? 'en'], pack.strings[locale], ...[...tables].reverse());
  const out: MessageProblem[] = [];
  checkSolution(push.solution, '/solution', { strings: defined, selector: (o, key, at, allowTarget) => selector(o, key, at, options, out, allowTarget) }, out);
  if (out.length > 0) return out;
  return {
    solution: push.solution as Solution,
    text: (id) => {
      for (const t of tables) if (typeof t[id] === 'string') return t[id];
      return packed(id);
    },
  };
}
