import { html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { HandoffSpec } from '../../src/pack/types.js';
import { ZcElement } from '../base/zc-element.js';
import { isSafeHref } from '../format.js';
import type { HandoffPacket } from '../host.js';
import { styles } from './zc-handoff.styles.js';
import { strings } from './zc-handoff.strings.js';

/**
 * @summary Hands the user to a human (chat, call back or ticket) with a context packet, after
 * saying in plain words what the packet holds.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `escalated` once the packet is
 * delivered; `action-failed` each time delivery fails; `engaged` each time "Open the chat" is
 * followed; `helpful` / `unhelpful` (asked once delivered); `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The component's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart share - The "What we'll share" disclosure.
 * @csspart error - The failure message.
 * @csspart confirmation - What happens next, once delivered.
 * @csspart link - The "Open the chat" link.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button; the send / retry button also has part `primary`.
 */
export class ZcHandoff extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** The channel, and where the packet goes: a host action (`via`) or a URL (`endpoint`). */
  @property({ attribute: false }) handoff: HandoffSpec | undefined;

  @state() private _state: 'idle' | 'pending' | 'sent' | 'failed' = 'idle';

  // Built once and shown before it is sent, so the user is told exactly what goes; a retry
  // resends the same packet, whose id lets the receiver drop a duplicate.
  private _packet: HandoffPacket | undefined;

  // From the reply: a chat link (already checked safe) and a reference to quote.
  private _href = '';
  private _ref = '';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The request was aborted with the signal, and its answer will be ignored: start over.
    if (this._state === 'pending') this._state = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new host or record makes a new packet (a sent one is never sent again).
    if (changed.has('host') || changed.has('rule') || changed.has('record')) this._packet = undefined;
  }

  protected override askFeedback(): boolean {
    return this._state === 'sent';
  }

  protected override render(): TemplateResult {
    const state = this._state;
    if (state === 'sent') {
      return this.frame(html`<p part="confirmation" class="ok">${this._confirmation()}</p>
        ${this._href && this._channel() === 'chat'
          ? html`<a part="link" href=${this._href} target="_blank" rel="noopener" @click=${() => this.emitOutcome('engaged')}
              >${this._s('openChat')}<span class="sr"> ${this._s('newTab')}</span></a
            >`
          : nothing}`);
    }
    const p = (this._packet ??= this.host.packet(this.rule, this.record));
    const busy = state === 'pending' || nothing;
    // In words, from counts and the record's own label: paths and evidence are not for reading.
    return this.frame(html`<details part="share">
        <summary>${this._s('shareTitle')}</summary>
        <ul>
          ${p.signals.length ? html`<li>${this._s('shareProblems', p.signals.length)}</li>` : nothing}
          <li>${this._s('sharePages', Math.max(1, p.pages.length))}</li>
          ${p.record ? html`<li>${p.record.label}</li>` : nothing}
        </ul>
        ${this._s('shareNotTyped')}
      </details>
      ${state === 'failed' ? html`<p part="error" class="error">${this._s('handoffFailed')}</p>` : nothing}
      <div class="row">
        <button part="button primary" class="btn primary" type="button" aria-disabled=${busy} aria-busy=${busy} @click=${this._send}>
          ${state === 'failed' ? this.t('retry') : this._s(this._channel())}
        </button>
      </div>`);
  }

  /** One of this component's strings, with `{n}` / `{ref}` filled in. */
  private _s(key: keyof typeof strings.en, value: string | number = ''): string {
    return this.t(key, strings, { n: value, ref: value });
  }

  private _channel(): HandoffSpec['channel'] {
    return this.handoff?.channel ?? 'ticket';
  }

  private _confirmation(): string {
    return this._s(`${this._channel()}Sent`) + (this._ref && '\n' + this._s('handoffRef', this._ref));
  }

  // Focus stays on the button through pending and failure (aria-disabled, not disabled, which
  // would drop it to <body>); this guard makes a second press, or one once sent, a no-op.
  private _send = async (): Promise<void> => {
    if (this._state === 'pending' || this._state === 'sent') return;
    const signal = this.signal;
    const packet = (this._packet ??= this.host.packet(this.rule, this.record));
    const { via, endpoint = '' } = this.handoff ?? {};
    this._state = 'pending';
    this.status = this._s('sending');
    let reply: { href?: unknown; ref?: unknown } | null | undefined;
    try {
      if (via) reply = (await this.host.run(via, { rule: this.rule, record: this.record, packet, signal })) as typeof reply;
      else {
        const res = isSafeHref(endpoint) ? await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(packet), signal }) : Response.error();
        if (!res.ok) throw new Error(res.statusText);
        // An empty or non-JSON 2xx still means the packet arrived.
        reply = await res.json().catch(() => null);
      }
    } catch {
      if (signal.aborted) return;
      // The host's or server's error text is not for the user; the outcome tells the team.
      this._state = 'failed';
      this.status = this._s('handoffFailed');
      this.emitOutcome('action-failed');
      return;
    }
    // An answer for a surface that has since left the page (and maybe come back) is stale.
    if (signal.aborted) return;
    const { href, ref } = reply ?? {};
    if (typeof href === 'string' && isSafeHref(href)) this._href = href;
    if (typeof ref === 'string' || typeof ref === 'number') this._ref = String(ref);
    this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('[part=link]'));
    this._state = 'sent';
    this.status = this._confirmation();
    this.emitOutcome('escalated');
  };
}
