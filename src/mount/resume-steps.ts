import type { Rule, RulePack } from '../pack/types.js';

/**
 * Where zc-steps keeps a tour's progress for the tab's session: `zc:steps:<rule id>`. Spelled
 * out again in components/steps/zc-steps.component.ts on purpose: a value the core and the
 * lazy component chunk both import becomes a shared chunk that drags the core's imports along.
 */
export const STEPS_KEY = 'zc:steps:';

/**
 * The guided tours of this pack that were under way when the page (re)loaded: a reload or a
 * link to another page must not drop the user mid-tour. The component restores its step.
 */
export function resumableSteps(win: Window, pack: RulePack): Rule[] {
  try {
    return pack.rules.filter((r) => 'component' in r.solution && r.solution.component === 'zc-steps' && r.enabled !== false && win.sessionStorage.getItem(STEPS_KEY + r.id) !== null);
  } catch {
    return []; // no sessionStorage (sandboxed frame, privacy mode): tours start over
  }
}
