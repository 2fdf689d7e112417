import { html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ZcElement } from '../base/zc-element.js';
import type { ZcRecord } from '../host.js';
import { strings } from './zc-picker.strings.js';
import { styles } from './zc-picker.styles.js';

/**
 * @summary "Which order is the problem?": lists the user's records from a host data provider
 * and lets them choose one, by mouse or keyboard (the ARIA listbox pattern).
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `picked` with the record's id
 * (the SDK then shows the solution's next step in its place); `helpful` / `unhelpful` once
 * picked; `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The picker's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart list - The list of records (while loading: the busy box).
 * @csspart option - One record.
 * @csspart message - "Loading…", the empty list or the failure.
 * @csspart selected - The confirmation of the chosen record.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row, later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button; Retry also has part `primary`.
 */
export class ZcPicker extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** Name of the host data provider (`ZeroCall.provide`) that lists the records. */
  @property() source = '';

  /** The records once loaded; undefined while loading or after a failure. */
  @state() private _records: readonly ZcRecord[] | undefined;
  @state() private _failed = false;
  /** Index of the option keyboard focus is on (aria-activedescendant). */
  @state() private _active = 0;

  /** Bumped by every load, so that only the latest reply is shown. */
  private _load = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    // A removed picker aborted its load; coming back, it asks again.
    if (this.hasUpdated) void this._fetch();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if ((changed.has('source') || changed.has('host')) && this.isConnected) void this._fetch();
  }

  /** Once a record is chosen the picker's job is done: only then ask whether it helped. */
  /** The pick is said as "Selected: …", not as what the help is for. */
  protected override showRecord(): boolean {
    return false;
  }

  protected override askFeedback(): boolean {
    return !!this.record;
  }

  protected override render(): TemplateResult {
    const records = this._records;
    const picked = this.record;
    return this.frame(
      picked
        ? html`<p part="selected" class="msg ok">${this.t('pickerSelected', strings, { label: picked.label })}</p>`
        : this._failed
          ? html`<p part="message" class="msg error">${this.t('pickerFailed', strings)}</p>
              <div class="row">${this.button(this.t('retry'), this._retry, true)}</div>`
          : !records
            ? html`<div part="list" aria-busy="true"><p part="message" class="msg">${this.t('loading')}</p></div>`
            : !records.length
              ? html`<p part="message" class="msg">${this.t('pickerEmpty', strings)}</p>`
              : html`<div
                  part="list"
                  class="list"
                  role="listbox"
                  tabindex="0"
                  aria-label=${this.heading || this.t('pickerLabel', strings)}
                  aria-activedescendant=${'o' + this._active}
                  @keydown=${this._onKey}
                  @click=${this._onClick}
                >
                  ${records.map(
                    (r, i) =>
                      html`<div part="option" class="option" role="option" id=${'o' + i} aria-selected=${i === this._active ? 'true' : 'false'}>
                        ${r.label} ${r.detail ? html`<span class="detail">${r.detail}</span>` : nothing}
                      </div>`,
                  )}
                </div>`,
    );
  }

  private async _fetch(): Promise<void> {
    const load = ++this._load;
    // Captured now: after a disconnect the base hands out a fresh signal.
    const signal = this.signal;
    const stale = (): boolean => load !== this._load || signal.aborted;
    this._records = undefined;
    this._failed = false;
    this._active = 0;
    this.status = this.t('loading');
    try {
      const records = await this.host.data(this.source);
      if (stale()) return;
      this._records = records;
      this.status = records.length ? '' : this.t('pickerEmpty', strings);
    } catch {
      // The host's message may name internals (endpoints, stack frames): the user gets ours.
      if (stale()) return;
      this._failed = true;
      this.status = this.t('pickerFailed', strings);
    }
  }

  private _retry = (): void => {
    // Retry is about to disappear; if it held focus, keep focus inside.
    void this._fetch();
    this.keepFocus(() => null);
  };

  private _choose(i: number): void {
    const r = this._records?.[i];
    if (!r) return;
    this.record = r;
    // After the state change, so that the focus moves once the new state is rendered.
    this.keepFocus(() => this.renderRoot.querySelector<HTMLElement>('.choices button'));
    this.status = this.t('pickerSelected', strings, { label: r.label });
    this.emitOutcome('picked');
  }

  private _onClick = (e: Event): void => {
    const option = (e.target as Element).closest('[role=option]');
    if (option) this._choose(+option.id.slice(1));
  };

  private _onKey = (e: KeyboardEvent): void => {
    const records = this._records ?? [];
    const last = records.length - 1;
    const a = this._active;
    const k = e.key;
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (k === 'Enter' || k === ' ') {
      e.preventDefault();
      return this._choose(a);
    }
    let next = k === 'ArrowDown' ? a + 1 : k === 'ArrowUp' ? a - 1 : k === 'Home' ? 0 : k === 'End' ? last : undefined;
    // Type-ahead: a printable key jumps to the next record whose label starts with it.
    for (let i = 1; k.length === 1 && next === undefined && i <= last + 1; i++) {
      const j = (a + i) % (last + 1);
      if (records[j]?.label.toLowerCase().startsWith(k.toLowerCase())) next = j;
    }
    if (next === undefined) return;
    e.preventDefault();
    this._active = Math.max(0, Math.min(last, next));
    // With aria-activedescendant focus stays on the list, so the browser will not scroll for us.
    void this.updateComplete.then(() => this.renderRoot.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' }));
  };
}
