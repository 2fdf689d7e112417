import { html, nothing } from 'lit';
import type { CSSResultGroup, TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ZcElement } from '../base/zc-element.js';
import { styles } from './zc-card.styles.js';

/**
 * @summary An inline answer: a heading, a short formatted body, up to three links, and "Did this help?".
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `engaged` each time a link is
 * followed; `helpful` / `unhelpful`; `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The card's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart actions - The row of links, when the solution has actions.
 * @csspart action - One link.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button.
 */
export class ZcCard extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** Links under the answer; following one reports `engaged`. */
  @property({ attribute: false }) actions: ReadonlyArray<{ readonly label: string; readonly href: string }> = [];

  protected override render(): TemplateResult {
    return this.frame(
      this.actions.length
        ? html`<nav part="actions" class="actions" aria-label=${this.t('actions')}>
            ${this.actions.map((a) => html`<a part="action" href=${a.href} @click=${() => this.emitOutcome('engaged')}>${a.label}</a>`)}
          </nav>`
        : nothing,
    );
  }
}
