import { LitElement, css } from 'lit';
import type { CSSResultGroup, PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import { resolveLocale } from '../i18n.js';
import type { Locale } from '../i18n.js';

/** Detail of the `zc-outcome` event. */
export interface ZcOutcomeDetail {
  readonly outcome: OutcomeKind;
  /** Id of the rule that mounted the component ('' when mounted by hand). */
  readonly rule: string;
}

/** Every event a zc-* component dispatches, by name. */
export interface ZcEventMap {
  'zc-outcome': ZcOutcomeDetail;
}

declare global {
  // HTMLElementEventMap, DocumentEventMap and WindowEventMap all extend this one, so
  // `addEventListener('zc-outcome', …)` is typed on the element, the outlet and document.
  interface GlobalEventHandlersEventMap {
    'zc-outcome': CustomEvent<ZcOutcomeDetail>;
  }
}

/**
 * The one base of every zc-* component: locale, outcome reporting, dismissal and theme.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown` once after the first render while
 * connected; `dismissed` on dismiss or Escape; subclasses add their own outcomes.
 *
 * @cssproperty --zc-font - Font stack.
 * @cssproperty --zc-bg - Surface background.
 * @cssproperty --zc-fg - Text colour.
 * @cssproperty --zc-muted - Secondary text colour.
 * @cssproperty --zc-accent - Accent (focus ring, primary controls).
 * @cssproperty --zc-accent-fg - Text on the accent colour.
 * @cssproperty --zc-border - Border colour.
 * @cssproperty --zc-radius - Corner radius.
 * @cssproperty --zc-shadow - Surface shadow.
 * @cssproperty --zc-z-index - Stacking order when anchored (see anchorTo).
 */
export class ZcElement extends LitElement {
  // Private `--_x` tokens resolve each public token once, so component styles never repeat
  // fallbacks and a dark scheme only has to swap the defaults, not the rules.
  static override styles: CSSResultGroup = css`
    :host {
      --_font: var(--zc-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif);
      --_bg: var(--zc-bg, #ffffff);
      --_fg: var(--zc-fg, #1b1d21);
      --_muted: var(--zc-muted, #5a5e66);
      --_accent: var(--zc-accent, #1554d1);
      --_accent-fg: var(--zc-accent-fg, #ffffff);
      --_border: var(--zc-border, #d5d8de);
      --_radius: var(--zc-radius, 8px);
      --_shadow: var(--zc-shadow, 0 4px 16px rgb(0 0 0 / 0.12));
      box-sizing: border-box;
      font-family: var(--_font);
      color: var(--_fg);
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --_bg: var(--zc-bg, #1e2024);
        --_fg: var(--zc-fg, #eceef2);
        --_muted: var(--zc-muted, #a9aeb8);
        --_accent: var(--zc-accent, #8ab4ff);
        --_accent-fg: var(--zc-accent-fg, #0b1424);
        --_border: var(--zc-border, #3a3e46);
        --_shadow: var(--zc-shadow, 0 4px 16px rgb(0 0 0 / 0.5));
      }
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation: none !important;
        transition: none !important;
      }
    }
  `;

  /** Locale of the component's own chrome ('en' or 'zh-CN'); also sets the host's `lang`. */
  @property({ reflect: true }) locale: Locale = 'en';

  /** Id of the rule that mounted this component, echoed in every `zc-outcome`. */
  @property({ reflect: true }) rule = '';

  private _shown = false;

  constructor() {
    super();
    // Keyboard events are composed, so one host listener sees keys from the whole shadow tree,
    // and only while focus is inside us: we never listen on document.
    this.addEventListener('keydown', this._onKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // An element whose first render happened while detached reports `shown` on attach.
    if (this.hasUpdated) this._reportShown();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Screen readers pick the voice from `lang`; the host page's language may differ from ours.
    if (changed.has('locale')) this.setAttribute('lang', resolveLocale(this.locale));
    this._reportShown();
  }

  /** Dismisses the component: reports `dismissed`; the mount layer removes it. */
  dismiss(): void {
    this.emitOutcome('dismissed');
  }

  /** Reports an outcome of this solution to the SDK (and to any host listener). */
  emitOutcome(outcome: OutcomeKind): void {
    this.emit('zc-outcome', { outcome, rule: this.rule });
  }

  /** Dispatches a typed, bubbling, composed event from the host. */
  protected emit<K extends keyof ZcEventMap>(name: K, detail: ZcEventMap[K]): CustomEvent<ZcEventMap[K]> {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true });
    this.dispatchEvent(event);
    return event;
  }

  private _reportShown(): void {
    if (this._shown || !this.isConnected) return;
    this._shown = true;
    this.emitOutcome('shown');
  }

  private _onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    // The innermost thing closes first: an Escape meant for this help must not also close a
    // host dialog around it. Native <dialog> still sees it (only preventDefault stops that).
    event.stopPropagation();
    this.dismiss();
  };
}
