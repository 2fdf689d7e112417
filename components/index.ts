/**
 * The lazily loaded component chunk. The core `import()`s it only when a solution is about to
 * be shown; importing it defines nothing, so the core decides when the registry changes.
 */
import { ZcCard } from './card/zc-card.component.js';
import { ZcOutlet } from './outlet/zc-outlet.component.js';
import { ZcTip } from './tip/zc-tip.component.js';
import { ZcFeedback } from './feedback/zc-feedback.component.js';
import { ZcPicker } from './picker/zc-picker.component.js';
import { ZcAction } from './action/zc-action.component.js';
import { ZcUpload } from './upload/zc-upload.component.js';
import { ZcHandoff } from './handoff/zc-handoff.component.js';
import { ZcSteps } from './steps/zc-steps.component.js';

export { anchorTo } from './anchor.js';
// Type-only: erased at build time, but they pull in the tag-name and event-map typings.
export type { AnchorSide } from './anchor.js';
export type { ZcCard } from './card/zc-card.js';
export type { ZcOutlet } from './outlet/zc-outlet.js';
export type { ZcTip } from './tip/zc-tip.js';
export type { ZcFeedback } from './feedback/zc-feedback.js';
export type { ZcPicker } from './picker/zc-picker.js';
export type { ZcAction, ZcActionSpec } from './action/zc-action.js';
export type { ZcUpload } from './upload/zc-upload.js';
export type { ZcHandoff } from './handoff/zc-handoff.js';
export type { ZcSteps, ZcStep } from './steps/zc-steps.js';
export type { ZcOutcomeDetail } from './base/zc-element.js';
export type { Locale } from './i18n.js';

const tags: ReadonlyArray<readonly [string, CustomElementConstructor]> = [
  ['zc-card', ZcCard],
  ['zc-outlet', ZcOutlet],
  ['zc-tip', ZcTip],
  ['zc-feedback', ZcFeedback],
  ['zc-picker', ZcPicker],
  ['zc-action', ZcAction],
  ['zc-upload', ZcUpload],
  ['zc-handoff', ZcHandoff],
  ['zc-steps', ZcSteps],
];

/**
 * Registers every zc-* tag. Idempotent: a tag already defined (by an earlier call, another
 * copy of the SDK or the host) is left alone, since define() would throw.
 */
export function defineComponents(): void {
  for (const [tag, ctor] of tags) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
