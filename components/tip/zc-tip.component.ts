import { css } from 'lit';
import type { CSSResultGroup, TemplateResult } from 'lit';
import { ZcElement } from '../base/zc-element.js';

/**
 * @summary A compact hint, usually anchored to the control it is about: a short body, an optional heading, no questions asked.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `engaged` when a link in the body
 * is followed; `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The tip's box.
 * @csspart heading - The heading text (empty when the tip has none).
 * @csspart body - The body text.
 * @csspart dismiss - The × button.
 * @csspart dont-show - The "Don't show this again" button.
 */
export class ZcTip extends ZcElement {
  static override styles: CSSResultGroup = [
    ZcElement.styles,
    css`
      :host {
        max-width: min(280px, calc(100vw - 16px));
        font-size: 13px;
      }
      .surface {
        padding: 8px 8px 6px 12px;
      }
      .heading {
        font-size: 14px;
      }
      /* No heading: the × floats beside the text instead of taking a line of its own. */
      .header:has(.heading:empty) {
        float: right;
      }
    `,
  ];

  protected override askFeedback(): boolean {
    return false;
  }

  protected override render(): TemplateResult {
    return this.frame();
  }
}
