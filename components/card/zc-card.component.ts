import { html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ZcElement } from '../base/zc-element.js';
import { msg } from '../i18n.js';
import { styles } from './zc-card.styles.js';

/**
 * @summary An inline answer: a heading, a plain-text body, and a "Did this help?" close of the loop.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown` once after the first render while
 * connected; `dismissed` from the × button or Escape; `helpful` / `not-helpful` once, from the
 * feedback buttons; `engaged` each time an action link is followed.
 *
 * @csspart surface - The card's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart actions - The row of links, when the solution has actions.
 * @csspart action - One link.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 *
 * @cssproperty --zc-font - Font stack.
 * @cssproperty --zc-bg - Card background.
 * @cssproperty --zc-fg - Text colour.
 * @cssproperty --zc-muted - Colour of the feedback row and the × button.
 * @cssproperty --zc-accent - Focus ring and hover colour.
 * @cssproperty --zc-border - Border colour.
 * @cssproperty --zc-radius - Corner radius.
 * @cssproperty --zc-shadow - Card shadow.
 */
export class ZcCard extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** Heading of the answer; also the accessible name of the card. */
  @property() heading = '';

  /** Body of the answer, rendered as plain text (markup is shown literally, never parsed). */
  @property() body = '';

  /** Links under the answer; following one reports `engaged`. */
  @property({ attribute: false }) actions: ReadonlyArray<{ readonly label: string; readonly href: string }> = [];

  @state() private _answer: 'helpful' | 'not-helpful' | null = null;

  @query('.dismiss') private _dismissButton?: HTMLButtonElement;

  override connectedCallback(): void {
    super.connectedCallback();
    // A landmark lets screen-reader users find and skip the help. Its name must live on the
    // host: aria-labelledby cannot point across the shadow boundary.
    if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('heading')) return;
    if (this.heading) this.setAttribute('aria-label', this.heading);
    else this.removeAttribute('aria-label');
  }

  protected override render(): TemplateResult {
    const answered = this._answer !== null;
    return html`
      <div part="surface" class="surface">
        <div class="header">
          <p part="heading" class="heading">${this.heading}</p>
          <button
            part="dismiss"
            class="dismiss"
            type="button"
            aria-label=${msg(this.locale, 'dismiss')}
            @click=${this.dismiss}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <p part="body" class="body">${this.body}</p>
        ${this.actions.length
          ? html`<nav part="actions" class="actions" aria-label=${msg(this.locale, 'actions')}>
              ${this.actions.map((a) => html`<a part="action" href=${a.href} @click=${() => this.emitOutcome('engaged')}>${a.label}</a>`)}
            </nav>`
          : nothing}
        <div part="feedback" class="feedback">
          ${answered
            ? nothing
            : html`<span class="question" id="question">${msg(this.locale, 'helpQuestion')}</span>
                <div class="choices" role="group" aria-labelledby="question">
                  <button type="button" @click=${() => this._answerWith('helpful')}>
                    ${msg(this.locale, 'yes')}
                  </button>
                  <button type="button" @click=${() => this._answerWith('not-helpful')}>
                    ${msg(this.locale, 'no')}
                  </button>
                </div>`}
          <p class="thanks" role="status">${answered ? msg(this.locale, 'thanks') : ''}</p>
        </div>
      </div>
    `;
  }

  private _answerWith(answer: 'helpful' | 'not-helpful'): void {
    if (this._answer !== null) return;
    // The pressed button is about to disappear; if it held focus, keep focus inside the card
    // instead of dropping it on <body>. Otherwise (pointer without focus) leave focus alone.
    const hadFocus = this.shadowRoot?.activeElement != null;
    this._answer = answer;
    this.emitOutcome(answer);
    if (hadFocus) void this.updateComplete.then(() => this._dismissButton?.focus({ preventScroll: true }));
  }
}
