import type { TemplateResult } from 'lit';
import { ZcElement } from '../base/zc-element.js';

/**
 * @summary "Did this help?" on its own, with the pack's reasons after "No": the close of the loop after help the product showed itself.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `helpful`; `unhelpful` (with the
 * reason's id when one was chosen, also when the reasons are left unanswered); `dismissed`;
 * `dont-show-again`.
 *
 * @csspart surface - The box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart feedback - The question and its answers, later the thank-you.
 * @csspart button - Each answer.
 * @csspart dismiss - The × button.
 * @csspart dont-show - The "Don't show this again" button.
 */
export class ZcFeedback extends ZcElement {
  protected override render(): TemplateResult {
    return this.frame();
  }
}
