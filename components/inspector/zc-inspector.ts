import { LitElement, html, nothing } from 'lit';
import type { CSSResultGroup, PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { SuppressReason } from '../../src/engine/decide.js';
import type { StruggleExplanation } from '../../src/engine/struggle.js';
import type { OutcomeEvent, Signal, ZcEvent } from '../../src/engine/types.js';
import type { InspectorSource, JournalEntry, RuleSummary } from '../../src/inspect/source.js';
import { baseStyles } from '../base/zc-element.styles.js';
import { resolveLocale } from '../i18n.js';
import type { Locale } from '../i18n.js';
import { strings } from './strings.js';
import type { InspectorKey } from './strings.js';
import { styles } from './zc-inspector.styles.js';

/** Entries kept in memory; the oldest go first, in chunks of TRIM so a burst costs no shift per entry. */
export const INSPECTOR_KEEP = 1_000;
const TRIM = 250;
/** Rows the timeline renders at most (the newest that pass the filters). */
export const INSPECTOR_RENDER = 300;
/** How often the score refreshes while the panel is open, ms. */
export const SCORE_REFRESH_MS = 1_000;
/** Events too frequent to list unless "All events" is on (the journal already leaves out tick and move). */
const NOISY: ReadonlySet<string> = new Set(['tick', 'move', 'mutation', 'scroll', 'selection']);

/** A piece of a row's text: words, or a path/selector shown in monospace. */
type Seg = string | { readonly code: string };
type Var = string | number | Seg | readonly Seg[];
const code = (text: string): Seg => ({ code: text });
const plain = (segs: readonly Seg[]): string => segs.map((s) => (typeof s === 'string' ? s : s.code)).join('');

type Category = 'event' | 'signal' | 'decision' | 'suppressed' | 'outcome';

/** One timeline row, described once when its entry arrives (the locale is fixed per source). */
interface Row {
  readonly id: number;
  readonly category: Category;
  readonly time: string;
  readonly badge: string;
  readonly text: readonly Seg[];
  readonly noisy: boolean;
}

/** What the Rules tab knows of a rule from the entries seen. */
interface RuleStats {
  matches: number;
  last?: { readonly verdict: 'shown' | 'held-out' | 'suppressed'; readonly t: number; readonly reason?: SuppressReason };
}

type Tab = 'live' | 'rules' | 'score';
const TABS: readonly Tab[] = ['live', 'rules', 'score'];
const TAB_LABEL: Record<Tab, InspectorKey> = { live: 'live', rules: 'rules', score: 'scoreTab' };

type Filter = 'events' | 'signals' | 'decisions' | 'outcomes' | 'all';
const FILTERS: readonly Filter[] = ['events', 'signals', 'decisions', 'outcomes', 'all'];
const FILTER_LABEL: Record<Filter, InspectorKey> = { events: 'events', signals: 'signals', decisions: 'decisions', outcomes: 'outcomes', all: 'allEvents' };

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
/** HH:MM:SS.s in local time. */
export function clock(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${Math.floor(d.getMilliseconds() / 100)}`;
}
/** What `fn` returns, or `or` when it throws: the SDK's faults never reach the page through the panel. */
const attempt = <T>(fn: () => T, or: T): T => {
  try {
    return fn();
  } catch {
    return or;
  }
};
/** A share as a percentage: 0.05 → "5%", 0.125 → "12.5%". */
const percent = (share: number): string => `${Number((share * 100).toFixed(1))}%`;
/** A signed contribution with a real minus sign. */
const signed = (x: number): string => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(2)}`;

/**
 * @summary The designer inspector (`?zc-debug`): a panel at the bottom start corner that shows
 * the SDK live: events, signals, the arbiter's decisions (and why a rule did not fire), the flows
 * under way and where they stand, the rules of the pack, and the struggle score with its top features.
 *
 * It reads everything from an `InspectorSource` (src/inspect/source.ts), carries
 * `data-zc-ignore` so the SDK's sensors never observe it, and never takes focus when it appears.
 * Escape inside it collapses it; × closes it for this tab.
 *
 * @csspart panel - The panel's box.
 *
 * @cssproperty --zc-font - Font stack.
 * @cssproperty --zc-bg - Panel background.
 * @cssproperty --zc-fg - Text colour.
 * @cssproperty --zc-muted - Secondary text colour.
 * @cssproperty --zc-accent - Accent (focus ring, selected tab, score bar).
 * @cssproperty --zc-danger - Signals, positive contributions to the score.
 * @cssproperty --zc-success - Shown decisions, negative contributions.
 * @cssproperty --zc-border - Border colour.
 * @cssproperty --zc-radius - Corner radius.
 * @cssproperty --zc-shadow - Panel shadow.
 * @cssproperty --zc-z-index - Stacking order of the panel.
 */
export class ZcInspector extends LitElement {
  static override styles: CSSResultGroup = [baseStyles, styles];

  /** The running SDK to show; set by `mountInspector`. */
  @property({ attribute: false }) source: InspectorSource | undefined;

  @state() private _tab: Tab = 'live';
  @state() private _collapsed = false;
  @state() private _filters: Readonly<Record<Filter, boolean>> = { events: true, signals: true, decisions: true, outcomes: true, all: false };
  @state() private _score: StruggleExplanation | undefined;
  /** The latest verdict, said through the live region. */
  @state() private _announce = '';

  private _rows: Row[] = [];
  private _nextId = 0;
  private _stats = new Map<string, RuleStats>();
  private _shown = 0;
  private _onPage = new Map<string, boolean>();
  private _sorted: readonly RuleSummary[] = [];
  private _rulesById = new Map<string, RuleSummary>();
  private _currentPage = '';
  private _pageDirty = false;
  private _scoreDirty = false;
  /**
   * Flows under way, read again on each render (a shallow copy of a few entries): renders follow
   * each outcome, after the core has moved the flow it reported, and each second while open.
   */
  private _flows: ReturnType<InspectorSource['flows']> = {};
  /** The last outcome seen: the one a transition right after it moved on. */
  private _prev: OutcomeEvent | undefined;
  private _replaying = false;
  private _watching: InspectorSource | undefined;
  private _unwatch: (() => void) | undefined;
  private _timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    super();
    // Keys are composed: one host listener hears the whole shadow tree, only while focus is inside.
    this.addEventListener('keydown', this._onKeydown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The SDK's sensors ignore everything inside: using the inspector is not user friction.
    this.setAttribute('data-zc-ignore', '');
    if (!this.hasAttribute('role')) this.setAttribute('role', 'region');
    this._label();
    this._watch();
    this._syncTimer();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._unwatch?.();
    this._unwatch = undefined;
    this._watching = undefined;
    this._syncTimer();
  }

  /** Reads the score again now (the panel does it every second while open, and on each signal). */
  refreshScore(): void {
    this._score = this._readScore();
  }

  /** Collapses the panel to its header, or expands it again. */
  toggle(collapsed = !this._collapsed): void {
    if (collapsed === this._collapsed) return;
    this._collapsed = collapsed;
    this._syncTimer();
    if (!collapsed) this.refreshScore();
  }

  /** Closes the inspector: tells the SDK (it stops journaling for this tab) and leaves the page. */
  close(): void {
    try {
      this.source?.close();
    } catch {
      // The SDK's fault must not keep the panel up, nor reach the page's error handlers.
    }
    this.remove();
  }

  private get _locale(): Locale {
    return resolveLocale(this.source?.locale);
  }

  private _t(key: InspectorKey, vars?: Readonly<Record<string, string | number>>): string {
    return plain(this._tpl(key, vars ?? {}));
  }

  /** A string with its `{name}`s filled, keeping paths as code segments. */
  private _tpl(key: InspectorKey, vars: Readonly<Record<string, Var>>): Seg[] {
    const text = strings[this._locale][key] ?? strings.en[key];
    const out: Seg[] = [];
    text.split(/\{(\w+)\}/).forEach((piece, i) => {
      if (i % 2 === 0) {
        if (piece) out.push(piece);
        return;
      }
      const v = vars[piece];
      if (Array.isArray(v)) out.push(...(v as readonly Seg[]));
      else if (v !== undefined) out.push(typeof v === 'object' ? (v as Seg) : String(v));
    });
    return out;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('source')) {
      this._label();
      if (this.isConnected) this._watch();
    }
    if (this._pageDirty) this._refreshPage();
    if (this._scoreDirty) {
      this._scoreDirty = false;
      this._score = this._readScore();
    }
    this._flows = attempt(() => this.source?.flows?.() ?? {}, {});
  }

  private _label(): void {
    this.setAttribute('lang', this._locale);
    this.setAttribute('aria-label', this._t('title'));
  }

  /** Starts watching the current source (again): the journal replays what it kept, so start afresh. */
  private _watch(): void {
    const source = this.source;
    if (source === this._watching && this._unwatch) return;
    this._unwatch?.();
    this._unwatch = undefined;
    this._watching = source;
    this._rows = [];
    this._stats = new Map();
    this._shown = 0;
    this._announce = '';
    this._rulesById = new Map((source?.pack.rules ?? []).map((r) => [r.id, r]));
    this._pageDirty = this._scoreDirty = true;
    if (!source) return;
    this._replaying = true;
    try {
      this._unwatch = source.watch(this._add);
    } catch {
      // A source that cannot be watched leaves an empty timeline, never an error in the page.
    } finally {
      this._replaying = false;
    }
    this.requestUpdate();
  }

  private _syncTimer(): void {
    const want = this.isConnected && !this._collapsed;
    // A render each second also ages "moved 12 s ago" and drops flows that expired.
    if (want && this._timer === undefined) this._timer = setInterval(() => (this.refreshScore(), this.requestUpdate()), SCORE_REFRESH_MS);
    else if (!want && this._timer !== undefined) {
      clearInterval(this._timer);
      this._timer = undefined;
    }
  }

  private _readScore(): StruggleExplanation | undefined {
    return attempt(() => this.source?.score(), undefined);
  }

  private _refreshPage(): void {
    this._pageDirty = false;
    const source = this.source;
    const rules = source?.pack.rules ?? [];
    const onPage = new Map<string, boolean>();
    for (const r of rules) {
      onPage.set(r.id, attempt(() => source?.onPage(r.id) ?? false, false));
    }
    this._onPage = onPage;
    this._currentPage = attempt(() => source?.page() ?? '', '');
    // Sorted once per page change, not per render: on-page rules first, then by priority (stable).
    this._sorted = [...rules].sort((a, b) => Number(onPage.get(b.id)) - Number(onPage.get(a.id)) || b.priority - a.priority);
  }

  /** One journal entry in: described once, kept in a bounded array, rendered on the next microtask. */
  private _add = (entry: JournalEntry): void => {
    try {
      const row = this._row(entry);
      this._rows.push(row);
      if (this._rows.length >= INSPECTOR_KEEP + TRIM) this._rows.splice(0, this._rows.length - INSPECTOR_KEEP);
      if (entry.kind === 'event' && entry.event.type === 'nav') this._pageDirty = true;
      if (entry.kind === 'signal') this._scoreDirty = true;
      if ((entry.kind === 'decision' || entry.kind === 'suppressed') && !this._replaying) this._announce = plain(row.text);
      // Rows the timeline hides change nothing on screen (the bursts of scroll and mutation).
      if (this._filtered(row) || row.category !== 'event' || this._pageDirty || (entry.kind === 'event' && (entry.event.type === 'consent' || entry.event.type === 'preference'))) this.requestUpdate();
    } catch {
      // A malformed entry is skipped: the inspector never throws into the SDK.
    }
  };

  private _row(entry: JournalEntry): Row {
    const id = this._nextId++;
    switch (entry.kind) {
      case 'event': {
        const e = entry.event;
        const outcome = e.type === 'outcome';
        return {
          id,
          category: outcome ? 'outcome' : 'event',
          time: clock(e.t),
          badge: outcome ? this._t('badgeOutcome') : String(e.type),
          text: this._describeEvent(e),
          noisy: NOISY.has(e.type),
        };
      }
      case 'signal':
        return { id, category: 'signal', time: clock(entry.signal.t), badge: this._t('badgeSignal'), text: this._describeSignal(entry.signal), noisy: false };
      case 'decision': {
        const d = entry.decision;
        const s = this._stat(d.rule);
        s.matches++;
        s.last = { verdict: d.heldOut ? 'held-out' : 'shown', t: d.t };
        if (!d.heldOut) this._shown++;
        const rule = this._rulesById.get(d.rule);
        const component = rule ? `${rule.component}${rule.next ? ` → ${rule.next}` : ''}` : (d.solution && 'component' in d.solution ? d.solution.component : '');
        const text = d.heldOut
          ? this._tpl('notShown', { rule: code(d.rule), reason: this._t('heldOut', { pct: percent(this.source?.pack.holdout ?? 0) }) })
          : this._tpl('decisionShown', { rule: code(d.rule), component: code(component) });
        // Held out reads as not shown (the user saw nothing); both kinds sit under the Decisions filter.
        return { id, category: d.heldOut ? 'suppressed' : 'decision', time: clock(d.t), badge: this._t(d.heldOut ? 'badgeSuppressed' : 'badgeDecision'), text, noisy: false };
      }
      case 'suppressed': {
        const x = entry.suppressed;
        const s = this._stat(x.rule);
        s.matches++;
        s.last = { verdict: 'suppressed', t: x.t, reason: x.reason };
        return {
          id,
          category: 'suppressed',
          time: clock(x.t),
          badge: this._t('badgeSuppressed'),
          text: this._tpl('notShown', { rule: code(x.rule), reason: this._reason(x.rule, x.reason) }),
          noisy: false,
        };
      }
    }
  }

  private _stat(rule: string): RuleStats {
    let s = this._stats.get(rule);
    if (!s) this._stats.set(rule, (s = { matches: 0 }));
    return s;
  }

  /** Why a rule was not shown, in words, with the numbers from the pack. */
  private _reason(ruleId: string, reason: SuppressReason): string {
    const key = `why-${reason}` as InspectorKey;
    if (!(key in strings.en)) return String(reason);
    const rule = this._rulesById.get(ruleId);
    const budget = this.source?.pack.budget;
    return this._t(key, {
      n: reason === 'cap' ? (rule?.cap ?? '?') : reason === 'day-budget' ? (budget?.perDay ?? '?') : (budget?.perSession ?? '?'),
      x: rule?.cooldown ?? '—',
      gap: budget?.minGap ?? '—',
    });
  }

  private _describeEvent(e: ZcEvent): Seg[] {
    switch (e.type) {
      case 'click':
        return [code(e.target?.fp ?? '')];
      case 'nav':
        return [e.kind, e.reload ? ` (${this._t('reload')})` : '', ' ', code(e.page), ...(e.from ? [' ', ...this._tpl('navFrom', { from: code(e.from) })] : [])];
      case 'net':
        return [`${e.method} `, code(e.path), e.phase === 'end' ? ` ${e.aborted ? this._t('aborted') : (e.status ?? '')}` : ' …'];
      case 'input':
      case 'focus':
        return e.target ? [code(e.target.fp)] : [this._t('noFocus')];
      case 'invalid':
        return [code(e.target?.fp ?? ''), ...(e.form ? [' ', ...this._tpl('inForm', { form: code(e.form) })] : [])];
      case 'submit':
        return [code(e.form)];
      case 'js-error':
        return [String(e.message), ...(e.source ? [' ', code(e.source)] : [])];
      case 'track':
        return [String(e.name)];
      case 'outcome': {
        const prev = this._prev;
        this._prev = e;
        const more = [
          e.record !== undefined ? this._t('record', { id: e.record }) : '',
          // Steps are 0-based in the data; people count from 1.
          e.step !== undefined ? this._t('step', { n: e.step + 1 }) : '',
          e.reason !== undefined ? this._t('reason', { id: e.reason }) : '',
        ].filter(Boolean);
        const tail = more.length ? ` (${more.join(', ')})` : '';
        // The core reports a move right after the outcome that caused it.
        const on = prev?.rule === e.rule ? this._t('on', { outcome: prev.outcome }) : '';
        return e.outcome === 'transition' ? [...this._tpl('moved', { rule: code(e.rule), from: code(e.flowStep ?? '?'), to: code(e.to ?? '?'), on }), tail] : [code(e.rule), `: ${e.outcome}`, tail];
      }
      case 'context':
        return [Object.entries(e.values ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ')];
      case 'consent':
        return [this._t(e.granted ? 'granted' : 'withdrawn')];
      case 'preference':
        return [e.help ?? this._t('packDefault')];
      case 'scroll':
        return [code(e.scroller || 'document'), ` y ${Math.round(e.y)} (${e.dy >= 0 ? '+' : ''}${Math.round(e.dy)})`];
      case 'move':
        return [`${Math.round(e.x)}, ${Math.round(e.y)}`];
      default:
        return [];
    }
  }

  private _describeSignal(s: Signal): Seg[] {
    const ev = s.evidence;
    const parts: Seg[][] = [[`×${ev?.count ?? 0}`]];
    if (ev?.result) parts.push([ev.result]);
    else if (ev?.path) parts.push([ev.method ? `${ev.method} ` : '', code(ev.path), ev.status !== undefined ? ` ${ev.status}` : '']);
    if (ev?.field) parts.push(this._tpl('evField', { path: code(ev.field) }));
    else if (ev?.form) parts.push(this._tpl('evForm', { path: code(ev.form) }));
    if (ev?.pages?.length) parts.push([code(ev.pages.join(' → '))]);
    if (ev?.message) parts.push([`“${ev.message}”`]);
    if (ev?.reversals) parts.push(this._tpl('evReversals', { n: ev.reversals }));
    if (ev?.idle) parts.push(this._tpl('evIdle', { s: Math.round(ev.idle / 1000) }));
    const out: Seg[] = [s.signal];
    if (s.target) out.push(' ', code(s.target.fp));
    for (const p of parts) out.push(' · ', ...p);
    return out;
  }

  /** Whether the timeline's filters let a row through. */
  private _filtered(row: Row): boolean {
    const f = this._filters;
    switch (row.category) {
      case 'event':
        return f.events && (!row.noisy || f.all);
      case 'signal':
        return f.signals;
      case 'outcome':
        return f.outcomes;
      default:
        return f.decisions;
    }
  }

  protected override render(): TemplateResult {
    const source = this.source;
    const collapsed = this._collapsed;
    return html`<div class="panel" part="panel">
      ${this._header(source)}
      <div class="views" id="body" ?hidden=${collapsed}>
        <div class="tabs" role="tablist" aria-label=${this._t('views')} @keydown=${this._onTabKey}>
          ${TABS.map(
            (tab) =>
              html`<button
                class="tab"
                id=${`tab-${tab}`}
                role="tab"
                type="button"
                aria-selected=${tab === this._tab ? 'true' : 'false'}
                aria-controls=${`panel-${tab}`}
                tabindex=${tab === this._tab ? 0 : -1}
                @click=${() => this._select(tab)}
              >
                ${this._t(TAB_LABEL[tab])}
              </button>`,
          )}
        </div>
        ${TABS.map(
          (tab) =>
            html`<div class="tabpanel" id=${`panel-${tab}`} role="tabpanel" aria-labelledby=${`tab-${tab}`} tabindex="0" ?hidden=${tab !== this._tab}>
              ${tab !== this._tab || collapsed ? nothing : tab === 'live' ? this._live() : tab === 'rules' ? this._rules() : this._scorePanel()}
            </div>`,
        )}
      </div>
      <div class="sr" role="status">${this._announce}</div>
    </div>`;
  }

  private _header(source: InspectorSource | undefined): TemplateResult {
    const pack = source?.pack;
    const score = this._score?.score;
    const consent = attempt(() => source?.consent() ?? true, true);
    const help = attempt(() => source?.help?.(), undefined);
    return html`<div class="head">
      <div class="title-row">
        <p class="title">${this._t('title')}</p>
        ${pack ? html`<code class="pack" title=${this._t('pack', { ref: `${pack.id}@${pack.version}` })}>${pack.id}@${pack.version}</code>` : nothing}
        <button
          class="icon toggle"
          type="button"
          aria-label=${this._t('toggle')}
          aria-expanded=${this._collapsed ? 'false' : 'true'}
          aria-controls="body"
          @click=${() => this.toggle()}
        >
          <span aria-hidden="true">${this._collapsed ? '▸' : '▾'}</span>
        </button>
        <button class="icon close" type="button" aria-label=${this._t('close')} @click=${() => this.close()}><span aria-hidden="true">×</span></button>
      </div>
      <p class="meta">
        <span class="score">
          ${this._t('score', { score: score === undefined ? '—' : score.toFixed(2) })}
          <span class="minibar" aria-hidden="true"><span class="fill" style=${styleMap({ inlineSize: `${Math.round((score ?? 0) * 100)}%` })}></span></span>
        </span>
        <span class="shown">${this._t('shown', { n: this._shown, max: pack?.budget.perSession ?? 0 })}</span>
        <span class=${consent ? 'consent' : 'consent pending'}>${this._t(consent ? 'consentGiven' : 'consentPending')}</span>
        <span class="holdout">${this._t('holdout', { pct: percent(pack?.holdout ?? 0) })}</span>
        ${help ? html`<span class="help">${this._t('helpLevel', { level: help.help, source: help.source })}</span>` : nothing}
      </p>
    </div>`;
  }

  private _live(): TemplateResult {
    const rows: Row[] = [];
    const flows = Object.entries(this._flows);
    let matching = 0;
    for (let i = this._rows.length - 1; i >= 0; i--) {
      const row = this._rows[i]!;
      if (!this._filtered(row)) continue;
      matching++;
      if (rows.length < INSPECTOR_RENDER) rows.push(row);
    }
    return html`<div class="filters" role="group" aria-label=${this._t('filters')}>
        ${FILTERS.map(
          (f) =>
            html`<label class="chip"
              ><input type="checkbox" class=${`filter-${f}`} .checked=${this._filters[f]} @change=${(e: Event) => this._setFilter(f, (e.target as HTMLInputElement).checked)} />${this._t(
                FILTER_LABEL[f],
              )}</label
            >`,
        )}
      </div>
      ${flows.length
        ? html`<ul class="timeline flows">${flows.map(([rule, f]) => {
            const s = Math.round((Date.now() - f.t) / 1000);
            // The browser words "12 sec. ago" in the locale: no strings of our own.
            const ago = new Intl.RelativeTimeFormat(this._locale, { style: 'short' }).format(-(s < 60 ? s : Math.floor(s / 60)), s < 60 ? 'second' : 'minute');
            const record = f.record ? ` (${this._t('record', { id: f.record.id })})` : '';
            return html`<li data-rule=${rule}>${this._segs(this._tpl('flowAt', { rule: code(rule), step: code(f.step), record, ago }))}</li>`;
          })}</ul>`
        : nothing}
      ${rows.length
        ? html`<ol class="timeline" aria-label=${this._t('timeline')}>
            ${repeat(
              rows,
              (r) => r.id,
              (r) =>
                html`<li class=${`entry ${r.category}`}>
                  <span class="time">${r.time}</span> <span class="badge">${r.badge}</span> <span class="text">${this._segs(r.text)}</span>
                </li>`,
            )}
          </ol>`
        : html`<p class="empty">${this._t('nothingYet')}</p>`}
      ${matching > rows.length ? html`<p class="more">${this._t('newest', { n: rows.length, total: matching })}</p>` : nothing}`;
  }

  private _segs(segs: readonly Seg[]): unknown[] {
    return segs.map((s) => (typeof s === 'string' ? s : html`<code>${s.code}</code>`));
  }

  private _rules(): TemplateResult {
    // Five columns fit the panel: the page glob and the component sit under the rule's id.
    return html`<p class="page">${this._segs(this._tpl('currentPage', { page: code(this._currentPage) }))}</p>
      <table class="rules">
        <caption class="sr">
          ${this._t('rulesTable')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${this._t('colRule')}</th>
            <th scope="col" class="num">${this._t('colPriority')}</th>
            <th scope="col">${this._t('colOnPage')}</th>
            <th scope="col" class="num">${this._t('colMatches')}</th>
            <th scope="col">${this._t('colLast')}</th>
          </tr>
        </thead>
        <tbody>
          ${this._sorted.map((r) => {
            const here = this._onPage.get(r.id) === true;
            const stats = this._stats.get(r.id);
            const solution = r.flow ? this._steps(r.flow, this._flows[r.id]?.step) : `${r.component}${r.next ? ` → ${r.next}` : ''}`;
            return html`<tr class=${[here ? 'here' : '', r.enabled ? '' : 'disabled'].join(' ').trim()} data-rule=${r.id}>
              <th scope="row">
                <code class="id">${r.id}</code>${r.enabled ? nothing : html` <span class="off">${this._t('disabled')}<span class="sr"> (${this._t('disabledLong')})</span></span>`}
                <span class="sub"
                  ><span class="sr">${this._t('colPage')}: </span><code class="glob">${r.page}</code> ·
                  <span class=${r.flow ? '' : 'sr'}>${this._t(r.flow ? 'colFlow' : 'colComponent')}: </span><code class="component">${solution}</code></span
                >
              </th>
              <td class="num priority">${r.priority}</td>
              <td class="on-page">${this._t(here ? 'yes' : 'no')}</td>
              <td class="num matches">${stats?.matches ?? 0}</td>
              <td class="last">${this._last(r, stats)}</td>
            </tr>`;
          })}
        </tbody>
      </table>`;
  }

  /** A flow's steps, the start first ("pick → stop | recheck"), the one the user is at marked. */
  private _steps(steps: readonly string[], at: string | undefined): unknown[] {
    return steps.map((id, i) => html`${i ? (i > 1 ? ' | ' : ' → ') : ''}${id === at ? html`<b aria-current="step">${id}</b>` : id}`);
  }

  private _last(rule: RuleSummary, stats: RuleStats | undefined): string {
    const last = stats?.last;
    if (!last) return this._t('waiting');
    if (last.verdict === 'shown') return this._t('shownAt', { time: clock(last.t) });
    if (last.verdict === 'held-out') return this._t('heldOutShort');
    return this._t('notShownShort', { reason: this._reason(rule.id, last.reason ?? 'open') });
  }

  private _scorePanel(): TemplateResult {
    const s = this._score;
    if (!s) return html`<p class="empty">${this._t('noScore')}</p>`;
    const value = s.score.toFixed(2);
    const max = Math.max(1e-9, ...s.features.map((f) => Math.abs(f.contribution)));
    return html`<div class="score-head">
        <span id="score-label">${this._t('struggle')}</span>
        <span class="score-value">${value}</span>
      </div>
      <div class="meter" role="meter" aria-labelledby="score-label" aria-valuemin="0" aria-valuemax="1" aria-valuenow=${s.score} aria-valuetext=${value}>
        <span class="fill" style=${styleMap({ inlineSize: `${Math.round(s.score * 100)}%` })}></span>
      </div>
      ${s.features.length
        ? html`<table class="features">
            <caption>
              ${this._t('features')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${this._t('colFeature')}</th>
                <th scope="col" class="num">${this._t('colValue')}</th>
                <th scope="col" class="num">${this._t('colContribution')}</th>
                <th scope="col"><span class="sr">${this._t('colContribution')}</span></th>
              </tr>
            </thead>
            <tbody>
              ${s.features.map((f) => {
                const width = `${Math.round((Math.abs(f.contribution) / max) * 100)}%`;
                const v = f.feature === 'idle' ? `${Math.round(f.value)} s` : Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(1);
                return html`<tr data-feature=${f.feature}>
                  <th scope="row"><code>${f.feature}</code></th>
                  <td class="num value">${v}</td>
                  <td class="num contribution">${signed(f.contribution)}</td>
                  <td class="bar-cell">
                    <span class="bar" aria-hidden="true">
                      <span class="neg">${f.contribution < 0 ? html`<span class="fill" style=${styleMap({ inlineSize: width })}></span>` : nothing}</span>
                      <span class="pos">${f.contribution > 0 ? html`<span class="fill" style=${styleMap({ inlineSize: width })}></span>` : nothing}</span>
                    </span>
                  </td>
                </tr>`;
              })}
            </tbody>
          </table>`
        : html`<p class="empty">${this._t('noFeatures')}</p>`}`;
  }

  private _setFilter(f: Filter, on: boolean): void {
    this._filters = { ...this._filters, [f]: on };
  }

  private _select(tab: Tab): void {
    this._tab = tab;
    // A new look at the score when its tab opens, not up to a second later.
    if (tab === 'score') this.refreshScore();
  }

  private _onTabKey = (e: KeyboardEvent): void => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const i = TABS.indexOf(this._tab);
    const rtl = getComputedStyle(this).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    const k = e.key;
    const next = k === forward || k === 'ArrowDown' ? (i + 1) % TABS.length : k === back || k === 'ArrowUp' ? (i + TABS.length - 1) % TABS.length : k === 'Home' ? 0 : k === 'End' ? TABS.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    const tab = TABS[next]!;
    this._select(tab);
    // The tab exists already (all three always render): focus it now, the render moves tabindex.
    this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  };

  private _onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing || this._collapsed) return;
    // Escape is ours while focus is inside: it must not also close a host dialog around the page.
    e.stopPropagation();
    const body = this.renderRoot.querySelector('#body');
    const focusInBody = body?.contains(this.shadowRoot?.activeElement ?? null) ?? false;
    this.toggle(true);
    // Focus in the part that disappears would fall to <body>: keep it on the toggle.
    if (focusInBody) this.renderRoot.querySelector<HTMLElement>('.toggle')?.focus();
  };
}

// Several copies of the SDK may share one registry.
if (!customElements.get('zc-inspector')) customElements.define('zc-inspector', ZcInspector);

declare global {
  interface HTMLElementTagNameMap {
    'zc-inspector': ZcInspector;
  }
}
