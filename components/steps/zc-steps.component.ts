import { html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutcomeKind } from '../../src/engine/types.js';
import { ZcElement } from '../base/zc-element.js';
import { isSafeHref } from '../format.js';
import { watchRect } from '../watch-rect.js';
import { strings } from './zc-steps.strings.js';
import { styles } from './zc-steps.styles.js';

/** One guided step, its text already resolved from the pack. */
export interface ZcStep {
  /** What to do ("Click Auto-debit"). */
  readonly text: string;
  /** Path of the page the step happens on ("/settings"); omitted: any page. */
  readonly page?: string;
  /** CSS selector of the control to highlight; the step waits for it to appear. */
  readonly target?: string;
}

// "/settings/" and "/settings" are the same page to a user.
const trim = (path: string): string => path.replace(/\/$/, '');

/**
 * @summary Guided steps across pages ("go to this page, click this control") that ring the
 * control to use, follow SPA navigation and re-renders, and resume after a reload.
 *
 * @event {CustomEvent<ZcOutcomeDetail>} zc-outcome - `shown`; `engaged` with the step done (by
 * clicking its control or Next) or whose page link was followed; `target-missing` with the step,
 * once, when its control never appears; `completed` after the last step; `helpful` /
 * `unhelpful`; `dismissed`; `dont-show-again`.
 *
 * @csspart surface - The component's box.
 * @csspart heading - The heading text.
 * @csspart body - The body text.
 * @csspart progress - "Step 2 of 3".
 * @csspart step - The current step's text.
 * @csspart link - "Go to the page", while the step's page is another one.
 * @csspart missing - The message shown when the step's control can't be found.
 * @csspart done - The message shown once every step is done.
 * @csspart ring - The highlight drawn around the step's control.
 * @csspart dismiss - The × button.
 * @csspart feedback - The "Did this help?" row (after the last step), later the thank-you.
 * @csspart dont-show - The "Don't show this again" button.
 * @csspart button - Every button; Next / Done also has part `primary`.
 *
 * @cssproperty --zc-accent - Colour of the ring (and of the other accents).
 * @cssproperty --zc-z-index - Stacking order of the ring (and of the surface when docked).
 */
export class ZcSteps extends ZcElement {
  static override styles: CSSResultGroup = [ZcElement.styles, styles];

  /** The steps, in order. */
  @property({ attribute: false }) steps: readonly ZcStep[] = [];

  /** Path of the current page, set by the SDK on every SPA navigation; empty: `location.pathname`. */
  @property() page = '';

  /** How long (ms) a step waits for its control to appear before reporting `target-missing`. */
  @property({ type: Number, attribute: 'wait-ms' }) waitMs = 8000;

  /** Runs `fn` after `ms` and returns its cancel function (tests pass virtual time). */
  @property({ attribute: false }) timer = (ms: number, fn: () => void): (() => void) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  };

  /** Index of the current step; `steps.length` once all are done. */
  @state() private _step = 0;
  /** The current step's control, while it is in the page. */
  @state() private _el: Element | null = null;
  /** The current step's control was waited for and never came (it may still, and then it's found). */
  @state() private _missing = false;

  private _stop: (() => void) | undefined;
  private _unwatch: (() => void) | undefined;
  private _reported = new Set<number>();

  override connectedCallback(): void {
    super.connectedCallback();
    // Capture, so a host handler that stops the click or re-renders the control away can't hide
    // it from us; composedPath, so a control inside a shadow root counts too.
    document.addEventListener('click', this._onClick, { capture: true, passive: true, signal: this.signal });
    if (this.hasUpdated) this._track();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._stop?.();
    this._unwatch?.();
    this._unwatch = undefined;
    this._el = null;
  }

  /** Reports an outcome; one that ends the steps also forgets the progress kept for a reload. */
  override emitOutcome(outcome: OutcomeKind, extra?: { readonly reason?: string; readonly step?: number }): void {
    if (outcome === 'completed' || outcome === 'dismissed' || outcome === 'dont-show-again') this._store();
    super.emitOutcome(outcome, extra);
  }

  protected override askFeedback(): boolean {
    return this._step >= this.steps.length;
  }

  // Untyped PropertyValues: the private states are not keys of `this`.
  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed as PropertyValues<this>);
    if (changed.has('steps') || changed.has('rule')) this._step = this._restore();
    const moved = changed.has('steps') || changed.has('_step');
    // Kept from the first step on: "Go to the page" may be a full page load.
    if (moved && this._step < this.steps.length) this._store(this._step);
    if (moved || changed.has('page')) {
      this._track();
      // The pressed Back, or the page link, may be gone after this update.
      this.keepFocus(() => (this.shadowRoot?.activeElement as HTMLElement | null) ?? this.renderRoot.querySelector<HTMLElement>('.primary, .choices button'));
    }
  }

  protected override render(): TemplateResult {
    const i = this._step;
    const s = this.steps[i];
    // The ring stays outside the surface, whose entrance animation (a transform) would make
    // itself the box the ring's `position: fixed` is relative to.
    return html`${this.frame(
      s
        ? html`<p part="progress" class="progress">${this._of(i)}</p>
            <p part="step" class="step">${s.text}</p>
            ${s.page && !this._here(s) && isSafeHref(s.page)
              ? html`<a part="link" href=${s.page} @click=${() => this.emitOutcome('engaged', { step: i })}>${this.t('goTo', strings)}</a>`
              : nothing}
            ${this._missing ? html`<p part="missing" class="error">${this.t('missing', strings)}</p>` : nothing}
            <div class="row">
              ${i ? this.button(this.t('back', strings), () => this._go(-1)) : nothing}
              ${this.button(this.t(this._missing ? 'skip' : i === this.steps.length - 1 ? 'done' : 'next', strings), () => this._go(1), true)}
            </div>`
        : html`<p part="done" class="ok">${this.t('finished', strings)}</p>`,
    )}${this._el ? html`<div part="ring" class="ring" aria-hidden="true" hidden></div>` : nothing}`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed as PropertyValues<this>);
    if (!changed.has('_el')) return;
    this._unwatch?.();
    this._unwatch = undefined;
    const ring = this.renderRoot.querySelector<HTMLElement>('.ring');
    if (!this._el || !ring) return;
    this._unwatch = watchRect(this._el, ({ rect, visible }) => {
      ring.hidden = !visible;
      if (!visible) return;
      const style = ring.style;
      const place = (x: number, y: number): void => {
        style.left = `${x}px`;
        style.top = `${y}px`;
      };
      style.width = `${rect.width}px`;
      style.height = `${rect.height}px`;
      place(rect.left, rect.top);
      // A transformed ancestor (a dock sliding in) makes itself the box `fixed` is relative to:
      // measure the shift and undo it.
      const at = ring.getBoundingClientRect();
      place(2 * rect.left - at.left, 2 * rect.top - at.top);
    });
  }

  private _of(i: number): string {
    return this.t('progress', strings, { n: i + 1, total: this.steps.length });
  }

  private _here(s: ZcStep): boolean {
    return !s.page || trim(s.page) === trim(this.page || location.pathname);
  }

  private _go(by: 1 | -1): void {
    const i = this._step;
    const next = i + by;
    const s = this.steps[next];
    if (by > 0) this.emitOutcome('engaged', { step: i });
    this._step = next;
    this.status = s ? this._of(next) + this.t('colon', strings) + s.text : this.t('finished', strings);
    if (!s) this.emitOutcome('completed');
  }

  /** Finds the current step's control, follows it through re-renders, and waits for it when late. */
  private _track(): void {
    this._stop?.();
    this._missing = false;
    const i = this._step;
    const s = this.steps[i];
    const selector = this.isConnected && s && this._here(s) ? s.target : undefined;
    if (!selector) {
      this._el = null;
      return;
    }
    let cancel: (() => void) | undefined;
    const find = (): void => {
      let el: Element | null = null;
      try {
        el = document.querySelector(selector);
      } catch {
        // An invalid selector is a control that never appears: reported as missing below.
      }
      this._el = el;
      if (el) {
        cancel?.();
        cancel = undefined;
        this._missing = false;
      } else if (!cancel && !this._missing) {
        cancel = this.timer(this.waitMs, () => {
          cancel = undefined;
          this._missing = true;
          this.status = this.t('missing', strings);
          if (this._reported.has(i)) return;
          this._reported.add(i);
          this.emitOutcome('target-missing', { step: i });
        });
      }
    };
    // SPA frameworks add controls late and replace them on re-render; one query per batch of
    // changes is cheap next to the rendering that caused it.
    const observer = new MutationObserver(find);
    observer.observe(document.body, { childList: true, subtree: true });
    find();
    this._stop = () => {
      observer.disconnect();
      cancel?.();
    };
  }

  /** The saved step for this rule, if valid for these steps; else the first. */
  private _restore(): number {
    try {
      const step = Number((JSON.parse(sessionStorage.getItem(`zc:steps:${this.rule}`) ?? '{}') as { step?: unknown }).step);
      if (step >= 0 && step < this.steps.length && step % 1 === 0) return step;
    } catch {
      // Storage off (private mode, sandboxed frame) or garbage in it: start at the first step.
    }
    return 0;
  }

  /** Keeps the progress for a reload in this tab; no step: forgets it. */
  private _store(step?: number): void {
    const key = `zc:steps:${this.rule}`;
    try {
      if (step === undefined) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, JSON.stringify({ step }));
    } catch {
      // Storage off or full: the steps still work, a reload just starts over.
    }
  }

  private _onClick = (e: Event): void => {
    if (this._el && e.composedPath().includes(this._el)) this._go(1);
  };
}
