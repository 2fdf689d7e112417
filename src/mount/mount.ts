import type { HandoffPacket, ZcRecord } from '../../components/host.js';
import type { Guard } from '../core/guard.js';
import type { Decision } from '../engine/decide.js';
import type { OutcomeKind } from '../engine/types.js';
import type { DockSide, HelpLevel, RulePack, Solution } from '../pack/types.js';
import { resolvePath } from '../core/css-path.js';
import { SURFACE_ATTR } from '../core/dom-marks.js';
import type { ChunkLoader, ComponentChunk } from './component-chunk.js';
import { createHostBridge, missingHostNames, type HostRegistry } from './host-bridge.js';
import type { UiLocale } from './locale.js';
import { resolvePlacement, type Attached, type Resolved } from './resolve-placement.js';
import { packText, surfaceProps, uiOverrides } from './surface-props.js';

/** What an outcome may carry besides its kind. */
export interface OutcomeExtra {
  readonly record?: string;
  readonly reason?: string;
  readonly step?: number;
}

/** What the mount stage needs from the runtime. */
export interface MountContext {
  readonly doc: Document;
  readonly load: ChunkLoader;
  readonly locale: UiLocale;
  readonly pack: RulePack;
  readonly guard: Guard;
  /** What the product team registered with `ZeroCall.provide` and `ZeroCall.action`. */
  readonly host: HostRegistry;
  /** Builds the hand-off context packet for a rule, now. */
  readonly packet: (rule: string, record?: ZcRecord) => HandoffPacket;
  /** `record`: the record picked in the surface, for the agent channel only (telemetry keeps the id). */
  readonly onOutcome: (rule: string, outcome: OutcomeKind, extra: OutcomeExtra, record?: ZcRecord) => void;
  /** A solution that could not be shown, and why; the rule is closed so the engine moves on. */
  readonly onMountError: (rule: string, why: string) => void;
  /** The user's level of help now, offered in every surface's "Help settings". */
  readonly help?: () => HelpLevel;
  /** The user chose a level there. */
  readonly onPreferences?: (help: HelpLevel) => void;
}

/** What a decision must say for the mount stage to show it; a solution an agent pushed says more. */
export type Mountable = Pick<Decision, 'rule' | 'solution' | 'target'> & {
  /** Resolves the solution's string ids (a pushed solution brings its own strings); default the pack's. */
  readonly text?: (id: string) => string;
  /** A record picked earlier, which flows into this solution (an action runs on it). */
  readonly record?: ZcRecord;
  /** Where it goes when its placement is not on this page, instead of not showing. */
  readonly fallback?: DockSide;
};

/** Mounts decisions as surfaces and takes them down again. */
export interface Mounter {
  mount(decision: Mountable): void;
  /** Takes down what a rule shows (reported as closed), e.g. a pushed solution the agent replaced. */
  close(rule: string): void;
  /** The page changed without a load: guided steps follow the user there, every other surface closes. */
  navigated(page: string): void;
  /** Takes every surface down (shutdown), reporting each as closed. */
  closeAll(): void;
}

type Surface = HTMLElement & { record?: ZcRecord; page?: string };
interface Entry {
  readonly rule: string;
  readonly chunk: ComponentChunk;
  where: Resolved;
  cleanup: () => void;
}
interface OutcomeDetail extends OutcomeExtra {
  readonly outcome: OutcomeKind;
}

const isAttached = (w: Resolved): w is Attached => w.kind === 'anchor' || w.kind === 'after';

/** The mount stage: lazy-loads the components on first use and places each solution. */
export function createMounter(ctx: MountContext): Mounter {
  const active = new Map<Surface, Entry>();
  /** Mounts waiting for the component chunk; close() cancels them too. */
  const pending = new Set<Mountable>();
  const text = packText(ctx.pack, ctx.locale);
  const ui = uiOverrides(ctx.pack, ctx.locale);
  let generation = 0;
  let observer: MutationObserver | undefined;

  const unmount = (el: Surface): void => {
    const entry = active.get(el);
    active.delete(el);
    entry?.cleanup();
    el.remove();
    if (![...active.values()].some((e) => isAttached(e.where))) {
      observer?.disconnect();
      observer = undefined;
    }
  };

  /** Puts `el` in its place; anchored surfaces float on the body, above the page. */
  const place = (el: Surface, entry: Entry): void => {
    const w = entry.where;
    entry.cleanup = () => undefined;
    if (w.kind === 'outlet') w.outlet.append(el);
    else if (w.kind === 'after') w.anchor.after(el);
    else {
      ctx.doc.body.append(el);
      if (w.kind === 'dock') el.setAttribute('dock', w.dock);
      else entry.cleanup = entry.chunk.anchorTo(el, w.anchor, w.side);
    }
    if (isAttached(w)) {
      observer ??= new MutationObserver(ctx.guard.wrap('mount', followAnchors));
      observer.observe(ctx.doc.body, { childList: true, subtree: true });
    }
  };

  /**
   * Frameworks replace elements on a state change without any navigation. Follow the element
   * to its replacement (same selector); if it is gone, close the help instead of leaving an
   * invisible surface that would hold back every other rule. Help inserted after an element
   * that a re-render swept away goes back after it.
   */
  function followAnchors(): void {
    for (const [el, entry] of [...active]) {
      const w = entry.where;
      if (!isAttached(w) || (w.anchor.isConnected && el.isConnected)) continue;
      entry.cleanup();
      const next = w.anchor.isConnected ? w.anchor : resolvePath(ctx.doc, w.selector);
      if (next) {
        entry.where = { ...w, anchor: next };
        place(el, entry);
      } else {
        entry.cleanup = () => undefined;
        unmount(el);
        ctx.onOutcome(entry.rule, 'closed', {});
      }
    }
  }

  /** Creates the component for a solution (or the step after its picker), wired to report outcomes. */
  const create = (rule: string, s: Omit<Solution, 'placement'>, record: ZcRecord | undefined, own = text): Surface => {
    const el = ctx.doc.createElement(s.component) as Surface;
    Object.assign(el, surfaceProps(s, own), { locale: ctx.locale, rule, ui, record, host: createHostBridge(ctx.host, ctx.packet, rule), help: ctx.help?.() });
    el.setAttribute(SURFACE_ATTR, rule);
    el.addEventListener(
      'zc-preferences',
      ctx.guard.wrap('mount', (e: Event) => ctx.onPreferences?.((e as CustomEvent<{ help: HelpLevel }>).detail.help)),
    );
    el.addEventListener(
      'zc-outcome',
      ctx.guard.wrap('mount', (e: Event) => {
        const { outcome, record: id, reason, step } = (e as CustomEvent<OutcomeDetail>).detail;
        ctx.onOutcome(rule, outcome, { ...(id !== undefined && { record: id }), ...(reason !== undefined && { reason }), ...(step !== undefined && { step }) }, el.record);
        if (outcome === 'dismissed' || outcome === 'dont-show-again') unmount(el);
        else if (outcome === 'picked' && s.next && el.record) proceed(el, create(rule, s.next, el.record, own));
      }),
    );
    return el;
  };

  /** The picker's choice is made: the next step takes its place, and focus if the user was in the picker. */
  const proceed = (from: Surface, to: Surface): void => {
    const entry = active.get(from);
    if (!entry) return;
    const hadFocus = from.shadowRoot?.activeElement != null;
    active.delete(from);
    entry.cleanup();
    from.remove();
    active.set(to, entry);
    place(to, entry);
    if (hadFocus) {
      void (to as Surface & { updateComplete?: Promise<unknown> }).updateComplete?.then(() => {
        const root = to.shadowRoot;
        (root?.querySelector<HTMLElement>('[part~="primary"]') ?? root?.querySelector<HTMLElement>('button'))?.focus({ preventScroll: true });
      });
    }
  };

  const show = (chunk: ComponentChunk, d: Mountable, gen: number): void => {
    if (!pending.delete(d)) return; // closed before it could show
    // The user moved on while the chunk loaded: the help is no longer about this page.
    if (gen !== generation) return ctx.onOutcome(d.rule, 'closed', {});
    const missing = missingHostNames(d.solution, ctx.host);
    if (missing.length) return ctx.onMountError(d.rule, `the page has not registered ${missing.join(' and ')}, which the solution needs`);
    chunk.defineComponents();
    const where = resolvePlacement(ctx.doc, d.solution.placement, d.target?.fp) ?? (d.fallback && { kind: 'dock', dock: d.fallback });
    if (!where) return ctx.onMountError(d.rule, `placement not found on this page (${JSON.stringify(d.solution.placement)})`);
    const el = create(d.rule, d.solution, d.record, d.text);
    const entry: Entry = { rule: d.rule, chunk, where, cleanup: () => undefined };
    active.set(el, entry);
    place(el, entry);
  };

  return {
    mount(d) {
      const gen = generation;
      pending.add(d);
      ctx.load().then(
        (chunk) => ctx.guard.run('mount', () => show(chunk, d, gen)),
        (error: unknown) => pending.delete(d) && ctx.onMountError(d.rule, `components could not be loaded (${error instanceof Error ? error.message : String(error)})`),
      );
    },
    close(rule) {
      for (const d of [...pending]) {
        if (d.rule !== rule) continue;
        pending.delete(d);
        ctx.onOutcome(rule, 'closed', {});
      }
      for (const [el, entry] of [...active]) {
        if (entry.rule !== rule) continue;
        unmount(el);
        ctx.onOutcome(rule, 'closed', {});
      }
    },
    navigated(page) {
      generation++;
      for (const [el, { rule }] of [...active]) {
        if (el.localName === 'zc-steps') el.page = page;
        else {
          unmount(el);
          ctx.onOutcome(rule, 'closed', {});
        }
      }
    },
    closeAll() {
      generation++;
      for (const [el, { rule }] of [...active]) {
        unmount(el);
        ctx.onOutcome(rule, 'closed', {});
      }
    },
  };
}
