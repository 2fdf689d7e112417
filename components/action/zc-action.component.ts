import { html, nothing } from 'lit';
import type { CSSResultGroup, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ZcElement } from '../base/zc-element.js';
import { strings } from './zc-action.strings.js';
import { styles } from './zc-action.styles.js';

/** The remedy a zc-action offers, its texts already resolved from the pack's string ids. */
export interface ZcActionSpec {
  /** Name of the host action (`ZeroCall.action`) to run; nothing else ever runs. */
  readonly host: string;
  /** The button's label. */
  readonly label: string;
  /** A question to confirm before running; without it the button runs at once. */
  readonly confirm?: string | undefined;
  /** Said when it worked (default "Done."). */
  readonly success?: string | undefined;
}

/**
 * @summary A one-click remedy: a button that runs an action the host registered, with an
 * optional confirmation, and says whether it worked.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `engaged` when the confirmation
 * opens; `action-succeeded` / `action-failed` after each run (with the picked record's id);
 * `helpful` / `unhelpful` once it worked; `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The component's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart record - "For: Order #1042", when a record was picked earlier.
 * @csspart confirm - The confirmation question.
 * @csspart result - The success or failure message.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button; the main one (run, Confirm, Retry) also has part `primary`.
 */
export class ZcAction extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** The remedy: host action name, button label, optional confirmation and success texts. */
  @property({ attribute: false }) action: ZcActionSpec | undefined;

  @state() private _phase: 'idle' | 'confirm' | 'pending' | 'ok' | 'failed' = 'idle';

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The run's signal is now aborted and its reply will be ignored; back on the page the
    // button must work again rather than stay busy for ever.
    if (this._phase === 'pending') this._phase = 'idle';
  }

  /** Ask "Did this help?" only once the remedy worked. */
  protected override askFeedback(): boolean {
    return this._phase === 'ok';
  }

  protected override render(): TemplateResult {
    const a = this.action;
    const p = this._phase;
    const busy = p === 'pending';
    return this.frame(
      a
        ? html`${p === 'confirm'
            ? html`<p part="confirm" class="msg" id="confirm">${a.confirm}</p>
                <div class="row" role="group" aria-labelledby="confirm">
                  ${this.button(this.t('actionConfirm', strings), this._run, true)} ${this.button(this.t('cancel'), this._cancel)}
                </div>`
            : p === 'ok'
              ? html`<p part="result" class="msg ok">${a.success || this.t('actionDone', strings)}</p>`
              : html`${p === 'failed' ? html`<p part="result" class="msg error">${this.t('actionFailed', strings)}</p>` : nothing}
                  <div class="row">
                    <button
                      part="button primary"
                      class="btn primary"
                      type="button"
                      ?disabled=${!this._runnable()}
                      aria-disabled=${busy ? 'true' : nothing}
                      aria-busy=${busy ? 'true' : nothing}
                      @click=${p === 'failed' ? this._run : this._start}
                    >
                      ${busy ? this.t('actionWorking', strings) : p === 'failed' ? this.t('retry') : a.label}
                    </button>
                  </div>`}`
        : nothing,
    );
  }

  /** Only a named action can run; a pack with a broken name gets a dead button, not a throw. */
  private _runnable(): boolean {
    const name: unknown = this.action?.host;
    return typeof name === 'string' && /\S/.test(name);
  }

  private _main(): HTMLElement | null {
    return this.renderRoot.querySelector('.primary');
  }

  private _start = (): void => {
    if (this._phase === 'pending') return;
    if (!this.action?.confirm) return void this._run();
    this._phase = 'confirm';
    // Confirm replaces the pressed button; if that held focus, focus follows to Confirm.
    // (keepFocus after the state change: it waits for the render that change starts.)
    this.keepFocus(() => this._main());
    this.emitOutcome('engaged');
  };

  private _cancel = (): void => {
    this._phase = 'idle';
    this.keepFocus(() => this._main());
  };

  private _run = async (): Promise<void> => {
    const a = this.action;
    // Aria-disabled (not disabled) while pending, so clicks still arrive: ignore them here.
    if (!a || this._phase === 'pending' || !this._runnable()) return;
    const signal = this.signal;
    this._phase = 'pending';
    this.status = this.t('actionWorking', strings);
    this.keepFocus(() => this._main());
    let ok = true;
    try {
      await this.host.run(a.host, { rule: this.rule, record: this.record, signal });
    } catch {
      // Unknown names and host errors alike: the host's message may name internals, so the
      // user gets ours.
      ok = false;
    }
    if (signal.aborted) return;
    this._phase = ok ? 'ok' : 'failed';
    this.status = ok ? a.success || this.t('actionDone', strings) : this.t('actionFailed', strings);
    if (ok) this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('.choices button'));
    this.emitOutcome(ok ? 'action-succeeded' : 'action-failed');
  };
}
