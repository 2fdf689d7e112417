import { LitElement, html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import type { HelpLevel } from '../../src/pack/types.js';
import { formatText } from '../format.js';
import { noHost } from '../host.js';
import type { ZcHost, ZcRecord } from '../host.js';
import { baseStrings, resolveLocale, translate } from '../i18n.js';
import type { Locale, MsgKey, Strings, Vars } from '../i18n.js';
import { baseStyles } from './zc-element.styles.js';

/** Detail of the `zc-outcome` event. */
export interface ZcOutcomeDetail {
  readonly outcome: OutcomeKind;
  /** Id of the rule that mounted the component ('' when mounted by hand). */
  readonly rule: string;
  /** Id of the record picked earlier in this solution, if any. */
  readonly record?: string;
  /** `unhelpful`: id of the reason chosen. */
  readonly reason?: string;
  /** zc-steps: the step the outcome is about. */
  readonly step?: number;
}

/** Every event a zc-* component dispatches, by name. */
export interface ZcEventMap {
  'zc-outcome': ZcOutcomeDetail;
  /** The user chose how proactive help is, from the surface's "Help settings". */
  'zc-preferences': { readonly help: HelpLevel };
}

declare global {
  // HTMLElementEventMap, DocumentEventMap and WindowEventMap all extend this one, so
  // `addEventListener('zc-outcome', …)` is typed on the element, the outlet and document.
  interface GlobalEventHandlersEventMap {
    'zc-outcome': CustomEvent<ZcOutcomeDetail>;
    'zc-preferences': CustomEvent<{ readonly help: HelpLevel }>;
  }
}

/** A reason offered after "not helpful": its pack string id and its text. */
export interface ZcReason {
  readonly id: string;
  readonly label: string;
}

/**
 * The one base of every zc-* surface: the frame (heading, dismiss, body, "did this help?",
 * "don't show again", a live region), locale, outcome reporting, focus return and theme.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown` once after the first render while
 * connected; `dismissed` on dismiss or Escape; `dont-show-again`; `helpful` / `unhelpful` (with
 * the reason's id when one was chosen); subclasses add their own outcomes.
 * @event {CustomEvent<{ help: HelpLevel }>} zc-preferences - The user chose how proactive help is in "Help settings".
 *
 * @csspart surface - The component's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart record - "For: <record>", when a record was picked earlier in the solution.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart settings - "Help settings" (when the SDK gave a `help` level): its button, and the group of levels it opens.
 * @csspart button - Every button; the main one also has part `primary`.
 *
 * @cssproperty --zc-font - Font stack.
 * @cssproperty --zc-bg - Surface background.
 * @cssproperty --zc-fg - Text colour.
 * @cssproperty --zc-muted - Secondary text colour.
 * @cssproperty --zc-accent - Accent (focus ring, primary controls, links).
 * @cssproperty --zc-accent-fg - Text on the accent colour.
 * @cssproperty --zc-danger - Error text and borders.
 * @cssproperty --zc-success - Success text.
 * @cssproperty --zc-border - Border colour.
 * @cssproperty --zc-radius - Corner radius.
 * @cssproperty --zc-shadow - Surface shadow.
 * @cssproperty --zc-z-index - Stacking order when anchored or docked.
 */
export class ZcElement extends LitElement {
  static override styles: CSSResultGroup = baseStyles;

  /** Locale of the component's own chrome ('en' or 'zh-CN'); also sets the host's `lang`. */
  @property({ reflect: true }) locale: Locale = 'en';

  /** Id of the rule that mounted this component, echoed in every `zc-outcome`. */
  @property({ reflect: true }) rule = '';

  /** Heading; also the accessible name of the surface. */
  @property() heading = '';

  /** Body text with safe inline formatting (docs/components.md); markup shows literally. */
  @property() body = '';

  /** Pack overrides of chrome strings, by key (`dismiss`, `helpQuestion`…). */
  @property({ attribute: false }) ui: Readonly<Record<string, string>> = {};

  /** Reasons offered after "No"; none: "No" is the answer. */
  @property({ attribute: false }) reasons: readonly ZcReason[] = [];

  /** The page's data providers and actions (set by the SDK's mount stage). */
  @property({ attribute: false }) host: ZcHost = noHost;

  /** The record picked earlier in this solution; its id goes with every outcome. */
  @property({ attribute: false }) record: ZcRecord | undefined;

  /** The user's level of help, for the "Help settings" in the footer; unset: no settings offered. */
  @property({ attribute: false }) help: HelpLevel | undefined;

  @state() private _settings = false;

  /** Text for screen readers, announced through the frame's live region. */
  @state() protected status = '';

  @state() private _answer: 'helpful' | 'unhelpful' | 'why' | null = null;

  private _shown = false;
  private _returnTo: HTMLElement | null = null;
  private _abort = new AbortController();

  constructor() {
    super();
    // Keyboard events are composed, so one host listener sees keys from the whole shadow tree,
    // and only while focus is inside us: we never listen on document.
    this.addEventListener('keydown', this._onKeydown);
    this.addEventListener('focusin', this._onFocusIn);
  }

  /** Aborted when the surface leaves the page: pass it to host calls and requests. */
  protected get signal(): AbortSignal {
    return this._abort.signal;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this._abort.signal.aborted) this._abort = new AbortController();
    // A landmark lets screen-reader users find and skip the help. Its name must live on the
    // host: aria-labelledby cannot point across the shadow boundary.
    if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
    // An element whose first render happened while detached reports `shown` on attach.
    if (this.hasUpdated) this._reportShown();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // An answer of "No" still waiting for its reason is an answer.
    if (this._answer === 'why') this._answerWith('unhelpful');
    this._abort.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!changed.has('heading')) return;
    if (this.heading) this.setAttribute('aria-label', this.heading);
    else this.removeAttribute('aria-label');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Screen readers pick the voice from `lang`; the host page's language may differ from ours.
    if (changed.has('locale')) this.setAttribute('lang', resolveLocale(this.locale));
    this._reportShown();
  }

  /** Dismisses the component: reports `dismissed`; the mount layer removes it. */
  dismiss(): void {
    this._close('dismissed');
  }

  /** Reports an outcome of this solution to the SDK (and to any host listener). */
  emitOutcome(outcome: OutcomeKind, extra: { readonly reason?: string; readonly step?: number } = {}): void {
    this.emit('zc-outcome', { outcome, rule: this.rule, ...(this.record ? { record: this.record.id } : {}), ...extra });
  }

  /** Dispatches a typed, bubbling, composed event from the host. */
  protected emit<K extends keyof ZcEventMap>(name: K, detail: ZcEventMap[K]): CustomEvent<ZcEventMap[K]> {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true });
    this.dispatchEvent(event);
    return event;
  }

  /** A chrome string: the pack's override, else this component's table, else the shared one; `{name}`s filled from `vars`. */
  protected t<K extends string>(key: K | MsgKey, table?: Strings<K>, vars?: Vars): string {
    return table && key in table.en ? translate(table, this.locale, key as K, this.ui, vars) : translate(baseStrings, this.locale, key as MsgKey, this.ui, vars);
  }

  /** Whether the frame says which picked record the help is for; the picker says it its own way. */
  protected showRecord(): boolean {
    return true;
  }

  /** Whether the frame asks "Did this help?" now; subclasses ask once their job is done. */
  protected askFeedback(): boolean {
    return true;
  }

  /**
   * The shared frame around a component's own content: heading and ×, the formatted body,
   * `content`, the feedback row when `askFeedback()`, "Don't show this again", and the live
   * region (which must exist before its text arrives, or screen readers may not announce it).
   */
  protected frame(content: unknown = nothing): TemplateResult {
    return html`<div part="surface" class="surface">
      <div class="header">
        <p part="heading" class="heading">${this.heading}</p>
        <button part="dismiss" class="dismiss" type="button" aria-label=${this.t('dismiss')} @click=${this.dismiss}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      ${this.body ? html`<div part="body" class="body">${formatText(this.body, this._onLink)}</div>` : nothing}
      ${this.record && this.showRecord() ? html`<p part="record" class="record">${this.t('forRecord', undefined, { label: this.record.label })}</p>` : nothing} ${content}
      ${this.askFeedback() ? this._feedback() : nothing}
      <div class="footer">
        ${this.help ? html`<button part="settings button" class="quiet" type="button" aria-expanded=${this._settings} aria-controls="settings" @click=${() => (this._settings = !this._settings)}>${this.t('helpSettings')}</button>` : nothing}
        <button part="dont-show button" class="quiet" type="button" @click=${() => this._close('dont-show-again')}>${this.t('dontShowAgain')}</button>
      </div>
      ${this.help && this._settings ? this._levels(this.help) : nothing}
      <p class="status" role="status">${this.status}</p>
    </div>`;
  }

  /** A button in the house style; `primary` for the one main action. */
  protected button(label: string, onClick: () => void, primary = false, disabled = false): TemplateResult {
    return html`<button part=${primary ? 'button primary' : 'button'} class=${primary ? 'btn primary' : 'btn'} type="button" ?disabled=${disabled} @click=${onClick}>
      ${label}
    </button>`;
  }

  /**
   * Moves focus into the surface, to `target`, but only when the user is already working in it
   * (focus inside): a surface that appears, or changes, never takes focus from the page.
   * Call it before or after the state change; without a `target`, the × button takes focus.
   */
  protected keepFocus(target: () => HTMLElement | null | undefined): void {
    if (this.shadowRoot?.activeElement == null) return;
    // Called before the state change it is about: wait a microtask so the update it causes is
    // the one awaited, then focus what that render left.
    void Promise.resolve()
      .then(() => this.updateComplete)
      .then(() => (target() ?? this.renderRoot.querySelector<HTMLElement>('.dismiss'))?.focus({ preventScroll: true }));
  }

  /** How proactive help is, as three radio buttons; choosing "Off" also closes this help. */
  private _levels(help: HelpLevel): TemplateResult {
    const levels = [
      ['useful', 'helpUseful'],
      ['stuck', 'helpStuck'],
      ['off', 'helpOff'],
    ] as const;
    const choose = (level: HelpLevel): void => {
      this.help = level;
      this.status = this.t('helpSaved');
      this.emit('zc-preferences', { help: level });
      if (level === 'off') this.dismiss();
    };
    return html`<fieldset part="settings" class="settings" id="settings">
      <legend>${this.t('helpSettings')}</legend>
      ${levels.map(
        ([level, key]) =>
          html`<label><input type="radio" name="help" .checked=${help === level} @change=${() => choose(level)} />${this.t(key)}</label>`,
      )}
    </fieldset>`;
  }

  private _feedback(): TemplateResult {
    const a = this._answer;
    if (a === 'helpful' || a === 'unhelpful') return html`<div part="feedback" class="feedback"><p class="thanks">${this.t('thanks')}</p></div>`;
    const why = a === 'why';
    return html`<div part="feedback" class="feedback">
      <span class="question" id="question">${this.t(why ? 'whyNot' : 'helpQuestion')}</span>
      <div class="choices" role="group" aria-labelledby="question">
        ${why
          ? [...this.reasons.map((r) => this.button(r.label, () => this._answerWith('unhelpful', r.id))), this.button(this.t('skip'), () => this._answerWith('unhelpful'))]
          : [this.button(this.t('yes'), () => this._answerWith('helpful')), this.button(this.t('no'), () => this._answerWith(this.reasons.length ? 'why' : 'unhelpful'))]}
      </div>
    </div>`;
  }

  private _answerWith(answer: 'helpful' | 'unhelpful' | 'why', reason?: string): void {
    if (this._answer === 'helpful' || this._answer === 'unhelpful') return;
    // The pressed button is about to disappear; if it held focus, keep focus inside.
    this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('.choices button'));
    this._answer = answer;
    if (answer === 'why') return;
    this.status = this.t('thanks');
    this.emitOutcome(answer, reason ? { reason } : {});
  }

  private _close(outcome: 'dismissed' | 'dont-show-again'): void {
    // Focus returns to where the user was before entering the help, if that is still there.
    if (this.shadowRoot?.activeElement != null && this._returnTo?.isConnected) this._returnTo.focus({ preventScroll: true });
    this.emitOutcome(outcome);
  }

  private _reportShown(): void {
    if (this._shown || !this.isConnected) return;
    this._shown = true;
    this.emitOutcome('shown');
  }

  private _onLink = (): void => this.emitOutcome('engaged');

  private _onFocusIn = (e: FocusEvent): void => {
    const from = e.relatedTarget;
    if (from instanceof HTMLElement && !this.contains(from) && from !== this) this._returnTo = from;
  };

  private _onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    // The innermost thing closes first: an Escape meant for this help must not also close a
    // host dialog around it. Native <dialog> still sees it (only preventDefault stops that).
    event.stopPropagation();
    this.dismiss();
  };
}
