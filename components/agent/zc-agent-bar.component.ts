import { LitElement, html, nothing } from 'lit';
import type { CSSResultGroup, TemplateResult } from 'lit';
import type { AgentStatus } from '../../src/agent/agent-host.js';
import { spacedCode } from '../../src/agent/protocol.js';
import { baseStyles } from '../base/zc-element.styles.js';
import type { Locale, Vars } from '../i18n.js';
import { strings, type AgentBarKey } from './zc-agent-bar.strings.js';
import { styles } from './zc-agent-bar.styles.js';

/** Events the bar dispatches (bubbling, composed); the agent channel acts on them. */
type BarEvent = 'zc-agent-end' | 'zc-agent-renew' | 'zc-agent-close';

/**
 * @summary The shared session with a support agent, as the user sees it: the pairing code to read
 * out and until when it works, then who is connected, with an "End sharing" button always there.
 * Fixed at the bottom start corner (at the top on a phone), away from where pushed help docks.
 *
 * Shown by the SDK on `ZeroCall.connect()`; it never takes focus, and says each change through a
 * live region. It carries `data-zc-ignore`, so the SDK never treats clicks on it as friction.
 *
 * @event zc-agent-end - The user chose "End sharing".
 * @event zc-agent-renew - The user asked for a new code after the last one expired.
 * @event zc-agent-close - The user closed the notice that the session ended.
 *
 * @csspart surface - The bar's box.
 * @csspart code - The pairing code.
 * @csspart button - Every button; "End sharing" and "Get a new code" also have part `primary`.
 *
 * @cssproperty --zc-bg - Background. The other `--zc-*` theme tokens of the components apply too.
 */
export class ZcAgentBar extends LitElement {
  static override styles: CSSResultGroup = [baseStyles, styles];

  // Declared without decorators: the decorator helper would be one more export of the component chunk.
  static override properties = { status: { attribute: false }, locale: { reflect: true }, renewable: { type: Boolean } };

  /** Where the shared session stands. */
  status: AgentStatus = { state: 'connecting' };

  /** Locale of the bar ('en' or 'zh-CN'). */
  locale: Locale = 'en';

  /** Whether "Get a new code" is offered when a code expired. */
  renewable = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'region');
    this.setAttribute('data-zc-ignore', '');
  }

  protected override updated(): void {
    this.setAttribute('lang', this._lang());
    this.setAttribute('aria-label', this._t('region'));
  }

  /** Its own lookup, not the components' `translate`: every import from the component chunk adds to that chunk's exports. */
  private _t(key: AgentBarKey, vars: Vars = {}): string {
    return strings[this._lang()][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  }

  private _button(label: string, event: BarEvent, primary: boolean): TemplateResult {
    const fire = (): boolean => this.dispatchEvent(new CustomEvent(event, { bubbles: true, composed: true }));
    return html`<button part=${primary ? 'button primary' : 'button'} class=${primary ? 'btn primary' : 'btn'} type="button" @click=${fire}>${label}</button>`;
  }

  private _lang(): Locale {
    return this.locale === 'zh-CN' ? 'zh-CN' : 'en';
  }

  private _time(t: number): string {
    return new Intl.DateTimeFormat(this._lang(), { hour: 'numeric', minute: '2-digit' }).format(t);
  }

  /** What the live region says: the state in one sentence (the code itself is read from the page). */
  private _message(): string {
    const s = this.status;
    switch (s.state) {
      case 'off':
      case 'connecting':
        return this._t('connecting');
      case 'waiting':
        return this._t('codeSaid', { code: spacedCode(s.code ?? ''), until: this._t('codeUntil', { time: this._time(s.codeExpires ?? 0) }) });
      case 'paired':
        return s.agent ? this._t('paired', { agent: s.agent }) : this._t('pairedNoName');
      case 'failed':
        return this._t('failed');
      case 'ended':
        return this._t(s.reason === 'code-expired' ? 'codeExpired' : s.reason === 'expired' ? 'expired' : s.endedBy === 'agent' ? 'endedByAgent' : s.endedBy === 'relay' ? 'endedByRelay' : 'endedByUser');
    }
  }

  protected override render(): TemplateResult {
    const s = this.status;
    const live = s.state === 'waiting' || s.state === 'paired';
    const body =
      s.state === 'waiting'
        ? html`<p class="text">${this._t('codeIntro')}<span part="code" class="code">${spacedCode(s.code ?? '')}</span></p>
            <p class="hint">${this._t('codeUntil', { time: this._time(s.codeExpires ?? 0) })}</p>`
        : html`${s.state === 'paired' ? html`<span class="dot" aria-hidden="true"></span>` : nothing}<p class="text">${this._message()}</p>`;
    const actions = live
      ? this._button(this._t('end'), 'zc-agent-end', true)
      : s.state === 'ended' || s.state === 'failed'
        ? html`${s.reason === 'code-expired' && this.renewable ? this._button(this._t('renew'), 'zc-agent-renew', true) : nothing}${this._button(this._t('close'), 'zc-agent-close', false)}`
        : nothing;
    return html`<div part="surface" class="surface">
      <div class="row">${body}</div>
      <div class="row">${actions}</div>
      <p class="status" role="status">${this._message()}</p>
    </div>`;
  }
}

declare global {
  interface HTMLElementEventMap {
    'zc-agent-end': CustomEvent<void>;
    'zc-agent-renew': CustomEvent<void>;
    'zc-agent-close': CustomEvent<void>;
  }
}
