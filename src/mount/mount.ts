import type { Guard } from '../core/guard.js';
import type { Decision } from '../engine/decide.js';
import type { OutcomeKind } from '../engine/types.js';
import type { RulePack } from '../pack/types.js';
import { resolvePath } from '../core/css-path.js';
import { SURFACE_ATTR } from '../core/dom-marks.js';
import type { ChunkLoader, ComponentChunk } from './component-chunk.js';
import { packString, type UiLocale } from './locale.js';
import { resolvePlacement, type Resolved } from './resolve-placement.js';

/** What the mount stage needs from the runtime. */
export interface MountContext {
  readonly doc: Document;
  readonly load: ChunkLoader;
  readonly locale: UiLocale;
  readonly pack: RulePack;
  readonly guard: Guard;
  readonly onOutcome: (rule: string, outcome: OutcomeKind) => void;
  /** A solution that could not be shown, and why; the rule is closed so the engine moves on. */
  readonly onMountError: (rule: string, why: string) => void;
}

/** Mounts decisions as surfaces and takes them down again. */
export interface Mounter {
  mount(decision: Decision): void;
  /** Takes every surface down (route change, shutdown), reporting each as closed. */
  closeAll(): void;
}

type Surface = HTMLElement & { heading: string; body: string; actions: ReadonlyArray<{ label: string; href: string }>; locale: UiLocale; rule: string };
type Anchored = Extract<Resolved, { kind: 'anchor' }>;
interface Entry {
  readonly rule: string;
  readonly chunk: ComponentChunk;
  /** Set for anchored surfaces: what they are attached to and how to find it again. */
  anchor?: Anchored;
  cleanup: () => void;
}
interface OutcomeDetail {
  readonly outcome: OutcomeKind;
}

/** The mount stage: lazy-loads the components on first use and places each solution. */
export function createMounter(ctx: MountContext): Mounter {
  const active = new Map<HTMLElement, Entry>();
  let generation = 0;
  let observer: MutationObserver | undefined;

  const unmount = (el: HTMLElement): void => {
    const entry = active.get(el);
    active.delete(el);
    entry?.cleanup();
    el.remove();
    if (![...active.values()].some((e) => e.anchor)) {
      observer?.disconnect();
      observer = undefined;
    }
  };

  /**
   * Frameworks replace elements on a state change without any navigation. Follow the anchor
   * to its replacement (same selector); if it is gone, close the help instead of leaving an
   * invisible surface that would hold back every other rule.
   */
  const followAnchors = (): void => {
    for (const [el, entry] of [...active]) {
      if (!entry.anchor || entry.anchor.anchor.isConnected) continue;
      entry.cleanup();
      const next = resolvePath(ctx.doc, entry.anchor.selector);
      if (next) {
        entry.anchor = { ...entry.anchor, anchor: next };
        entry.cleanup = entry.chunk.anchorTo(el, next, entry.anchor.side);
      } else {
        entry.cleanup = () => undefined;
        unmount(el);
        ctx.onOutcome(entry.rule, 'closed');
      }
    }
  };

  const show = (chunk: ComponentChunk, d: Decision, gen: number): void => {
    // The user moved on while the chunk loaded: the help is no longer about this page.
    if (gen !== generation) return ctx.onOutcome(d.rule, 'closed');
    chunk.defineComponents();
    const where = resolvePlacement(ctx.doc, d.solution.placement, d.target?.fp);
    if (!where) return ctx.onMountError(d.rule, `placement not found on this page (${JSON.stringify(d.solution.placement)})`);
    const el = ctx.doc.createElement(d.solution.component) as Surface;
    const text = (id: string): string => packString(ctx.pack.strings, id, ctx.locale, ctx.pack.locale ?? 'en');
    el.heading = text(d.solution.content.title);
    el.body = text(d.solution.content.body);
    el.actions = (d.solution.actions ?? []).map((a) => ({ label: text(a.label), href: a.href }));
    el.locale = ctx.locale;
    el.rule = d.rule;
    el.setAttribute(SURFACE_ATTR, d.rule);
    el.addEventListener(
      'zc-outcome',
      ctx.guard.wrap('mount', (e: Event) => {
        const { outcome } = (e as CustomEvent<OutcomeDetail>).detail;
        ctx.onOutcome(d.rule, outcome);
        if (outcome === 'dismissed') unmount(el);
      }),
    );
    if (where.kind === 'outlet') {
      where.outlet.append(el);
      active.set(el, { rule: d.rule, chunk, cleanup: () => undefined });
      return;
    }
    ctx.doc.body.append(el);
    active.set(el, { rule: d.rule, chunk, anchor: where, cleanup: chunk.anchorTo(el, where.anchor, where.side) });
    observer ??= new MutationObserver(ctx.guard.wrap('mount', followAnchors));
    observer.observe(ctx.doc.body, { childList: true, subtree: true });
  };

  return {
    mount(d) {
      const gen = generation;
      ctx.load().then(
        (chunk) => ctx.guard.run('mount', () => show(chunk, d, gen)),
        (error: unknown) => ctx.onMountError(d.rule, `components could not be loaded (${error instanceof Error ? error.message : String(error)})`),
      );
    },
    closeAll() {
      generation++;
      for (const [el, { rule }] of [...active]) {
        unmount(el);
        ctx.onOutcome(rule, 'closed');
      }
    },
  };
}
