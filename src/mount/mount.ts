import type { HandoffPacket, ZcRecord } from '../../components/host.js';
import type { Guard } from '../core/guard.js';
import type { Decision } from '../engine/decide.js';
import type { OutcomeKind } from '../engine/types.js';
import { asFlow, finishes, FLOW_END, isFlow, nextStep, stepOf } from '../pack/flow.js';
import type { DockSide, Flow, HelpLevel, RulePack } from '../pack/types.js';
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
  /** A flow's step the outcome is about (declared flows only). */
  readonly flowStep?: string;
  /** `transition`: the step it moved to, or "end". */
  readonly to?: string;
}

/** Where a flow under way is: its step and the record picked on the way. */
export interface FlowPosition {
  readonly step: string;
  readonly record?: ZcRecord;
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
  /** A flow moved to a step (the user is under way: kept across pages and reloads) or is over (undefined). */
  readonly onFlow?: (rule: string, position: FlowPosition | undefined) => void;
}

/** What a decision must say for the mount stage to show it; a solution an agent pushed says more. */
export type Mountable = Pick<Decision, 'rule' | 'solution' | 'target'> & {
  /** Resolves the solution's string ids (a pushed solution brings its own strings); default the pack's. */
  readonly text?: (id: string) => string;
  /** A record picked earlier, which flows into this solution (an action runs on it). */
  readonly record?: ZcRecord;
  /** Where it goes when its placement is not on this page, instead of not showing. */
  readonly fallback?: DockSide;
  /** A flow under way resumes at this step (after a reload), with `record`. */
  readonly at?: string;
};

/** Mounts decisions as surfaces and takes them down again. */
export interface Mounter {
  mount(decision: Mountable): void;
  /** Takes down what a rule shows (reported as closed), e.g. a pushed solution the agent replaced. */
  close(rule: string): void;
  /** The page changed without a load: guided steps follow the user there, every other surface closes. */
  navigated(page: string): void;
  /** Takes every surface down (shutdown), reporting each as closed; flows under way are forgotten (a shutdown is often a logout). */
  closeAll(): void;
}

type Surface = HTMLElement & { record?: ZcRecord; page?: string };
/**
 * A solution running in its place. Every solution runs as a flow (a plain one is a flow of one
 * step, a picker with `next` one of two); `underWay` once the user has moved it on, from when its
 * position follows them to other pages and is kept for a reload.
 */
interface Run {
  readonly rule: string;
  readonly flow: Flow;
  /** A flow the pack declared: its outcomes name their step. */
  readonly declared: boolean;
  readonly text: (id: string) => string;
  underWay: boolean;
}
interface Entry {
  readonly run: Run;
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
        over(entry.run);
        ctx.onOutcome(entry.run.rule, 'closed', {});
      }
    }
  }

  /** Creates the component for step `at` of a running flow, wired to report outcomes and to move the flow on. */
  const create = (run: Run, at: string, record: ZcRecord | undefined): Surface => {
    const { rule } = run;
    const s = stepOf(run.flow, at);
    const el = ctx.doc.createElement(s.component) as Surface;
    Object.assign(el, surfaceProps(s, run.text), { locale: ctx.locale, rule, ui, record, host: createHostBridge(ctx.host, ctx.packet, rule), help: ctx.help?.() });
    el.setAttribute(SURFACE_ATTR, rule);
    el.addEventListener(
      'zc-preferences',
      ctx.guard.wrap('mount', (e: Event) => ctx.onPreferences?.((e as CustomEvent<{ help: HelpLevel }>).detail.help)),
    );
    el.addEventListener(
      'zc-outcome',
      ctx.guard.wrap('mount', (e: Event) => {
        const { outcome, record: id, reason, step } = (e as CustomEvent<OutcomeDetail>).detail;
        const tag = run.declared ? { flowStep: at } : {};
        ctx.onOutcome(rule, outcome, { ...(id !== undefined && { record: id }), ...(reason !== undefined && { reason }), ...(step !== undefined && { step }), ...tag }, el.record);
        // The host's listeners hear outcomes synchronously: one may have navigated or shut down, and what is gone moves nowhere.
        if (!active.has(el)) return;
        const to = nextStep(run.flow, at, outcome, el.record);
        if (to === undefined) return settle(el, run, at, outcome);
        // Every move is an outcome of its own: a report shows where users leave a flow.
        ctx.onOutcome(rule, 'transition', { ...(el.record && { record: el.record.id }), flowStep: at, to }, el.record);
        if (!active.has(el)) return;
        if (to === FLOW_END) {
          over(run);
          unmount(el);
          return ctx.onOutcome(rule, 'closed', {});
        }
        run.underWay = true;
        ctx.onFlow?.(rule, { step: to, ...(el.record && { record: kept(el.record) }) });
        proceed(el, create(run, to, el.record));
      }),
    );
    return el;
  };

  /** An outcome no transition takes: closing ends the flow with its surface; a result ends it where it is. */
  const settle = (el: Surface, run: Run, at: string, outcome: OutcomeKind): void => {
    if (outcome === 'dismissed' || outcome === 'dont-show-again') {
      over(run);
      unmount(el);
    } else if (finishes(run.flow, at, outcome)) over(run);
  };
  /** What of a picked record is kept for a reload: what the steps show and branch on, not its detail line. */
  const kept = ({ id, label, data }: ZcRecord): ZcRecord => ({ id, label, ...(data && { data }) });
  const over = (run: Run): void => {
    if (run.underWay) ctx.onFlow?.(run.rule, undefined);
    run.underWay = false;
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
    // One surface per rule: the engine holds a resumed flow's or tour's place only once it reports `shown`, and a
    // decision of the same rule may come before that (both wait for the components here; the resumed one is first).
    if ([...active.values()].some((e) => e.run.rule === d.rule)) return;
    const missing = missingHostNames(d.solution, ctx.host);
    if (missing.length) return ctx.onMountError(d.rule, `the page has not registered ${missing.join(' and ')}, which the solution needs`);
    chunk.defineComponents();
    const where = resolvePlacement(ctx.doc, d.solution.placement, d.target?.fp) ?? (d.fallback && { kind: 'dock', dock: d.fallback });
    if (!where) return ctx.onMountError(d.rule, `placement not found on this page (${JSON.stringify(d.solution.placement)})`);
    const flow = asFlow(d.solution);
    const at = d.at !== undefined && flow.steps[d.at] ? d.at : flow.start;
    const run: Run = { rule: d.rule, flow, declared: isFlow(d.solution), text: d.text ?? text, underWay: d.at !== undefined };
    const el = create(run, at, d.record);
    const entry: Entry = { run, chunk, where, cleanup: () => undefined };
    active.set(el, entry);
    place(el, entry);
  };

  /**
   * A flow under way follows the user to the new page: docked in the end corner, on the body,
   * where the app's router (which is about to replace the old page, outlet and all) cannot take
   * it away. A docked one stays where it is.
   */
  const follow = (el: Surface, entry: Entry): void => {
    if (entry.where.kind === 'dock') return;
    entry.cleanup();
    entry.where = { kind: 'dock', dock: 'end' };
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
        if (entry.run.rule !== rule) continue;
        unmount(el);
        over(entry.run);
        ctx.onOutcome(rule, 'closed', {});
      }
    },
    navigated(page) {
      generation++;
      for (const [el, entry] of [...active]) {
        if (el.localName === 'zc-steps') el.page = page;
        else if (entry.run.underWay) follow(el, entry);
        else {
          unmount(el);
          ctx.onOutcome(entry.run.rule, 'closed', {});
        }
      }
    },
    closeAll() {
      generation++;
      for (const [el, { run }] of [...active]) {
        unmount(el);
        over(run);
        ctx.onOutcome(run.rule, 'closed', {});
      }
    },
  };
}
