import { LitElement, css, html } from 'lit';
import type { TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * @summary A place a product team reserves for inline help. Takes no space until help is mounted.
 *
 * @slot - The mounted help (placed there by the SDK).
 */
export class ZcOutlet extends LitElement {
  // `:state(empty)` rather than `:host(:not(:has(*)))`: :has() is not allowed inside :host(),
  // and a reflected attribute would mutate the host's DOM behind the product team's back.
  static override styles = css`
    :host {
      display: block;
    }
    :host([hidden]) {
      display: none !important;
    }
    /* A rule of its own: a browser that cannot parse :state() drops only this one. */
    :host(:state(empty)) {
      display: none !important;
    }
  `;

  /** The outlet's name; rule packs target it with `placement: { outlet: name }`. */
  @property({ reflect: true }) name = '';

  private _internals: ElementInternals | undefined;

  constructor() {
    super();
    if (typeof this.attachInternals === 'function') this._internals = this.attachInternals();
    // No child means no slotchange will ever fire, so start empty.
    this._setEmpty(true);
  }

  /** Whether nothing (no element, no non-blank text) is slotted. */
  get empty(): boolean {
    return this._internals?.states?.has('empty') ?? false;
  }

  protected override render(): TemplateResult {
    return html`<slot @slotchange=${this._onSlotChange}></slot>`;
  }

  private _onSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    const filled = slot
      .assignedNodes({ flatten: true })
      .some((n) => n.nodeType === Node.ELEMENT_NODE || (n.textContent ?? '').trim() !== '');
    this._setEmpty(!filled);
  }

  private _setEmpty(empty: boolean): void {
    // Browsers without CustomStateSet keep display:block; an empty block is 0px tall anyway,
    // so only a product-set margin or a flex gap would show. Degrade, don't throw: Chromium
    // 90-124 throws on state names without the old `--` prefix.
    try {
      if (empty) this._internals?.states?.add('empty');
      else this._internals?.states?.delete('empty');
    } catch {
      /* keep the default display */
    }
  }
}
