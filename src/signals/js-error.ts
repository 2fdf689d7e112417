import { defer, filter, map } from 'rxjs';
import type { JsErrorEvent, NavEvent, Signal } from '../engine/types.js';
import { defineDetector } from './detector.js';

/** Rate limits of the js-error detector; every one can be overridden by a rule pack. */
export interface JsErrorOptions {
  /** Signals that may go out at once before the rate limit applies (the bucket's size). */
  readonly burst: number;
  /** Time to earn back one signal after the burst is spent, ms. */
  readonly refill: number;
  /** Most signals for one message on one page; further repeats only raise its count. */
  readonly perMessage: number;
}

/**
 * Defaults: 10 at once then 1 per 10 s (PostHog's exception autocapture limit), and 5 per
 * message per page (Clarity's cap), so a page that throws in a loop cannot flood the engine.
 */
export const JS_ERROR_DEFAULTS: JsErrorOptions = { burst: 10, refill: 10_000, perMessage: 5 };

/** Messages remembered per page; the least recently seen is forgotten first. */
const MAX_MESSAGES = 100;

interface Seen {
  readonly first: number;
  readonly count: number;
  readonly signals: number;
}

/**
 * A cross-origin script's error reaches the page as "Script error." with no source: the
 * browser hides everything else, so it says nothing a user or a rule could act on
 * (https://html.spec.whatwg.org/multipage/webappapis.html#muted-errors; Sentry drops it too).
 */
const isMuted = (e: JsErrorEvent): boolean => !e.source && (e.message.trim() === 'Script error.' || e.message.trim() === 'Script error');

/**
 * Uncaught errors and unhandled rejections as signals, with the message and how often it
 * occurred on this page. Rate-limited over event time: a token bucket across all messages,
 * and a cap per message that resets when the user moves to another page.
 */
export const jsError = defineDetector<JsErrorOptions>({
  name: 'js-error',
  defaults: JS_ERROR_DEFAULTS,
  durations: ['refill'],
  ranges: { burst: [1, 100], refill: [100, 600_000], perMessage: [1, 100] },
  detect: (o) => (events) =>
    // defer: every subscriber gets its own bucket and message map.
    defer(() => {
      const seen = new Map<string, Seen>();
      let page: string | undefined;
      let tokens = o.burst;
      // Event time from which the next token is being earned; only meaningful while not full.
      let since = 0;

      const take = (t: number): boolean => {
        // Whole tokens with the remainder carried, so the limit is exact: `burst` at once,
        // then one per `refill`. A late (out-of-order) event earns nothing.
        const earned = tokens < o.burst ? Math.floor(Math.max(0, t - since) / o.refill) : 0;
        tokens = Math.min(o.burst, tokens + earned);
        since = tokens === o.burst ? t : since + earned * o.refill;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
      };

      return events.pipe(
        filter((e): e is JsErrorEvent | NavEvent => e.type === 'js-error' || e.type === 'nav'),
        map((e): Signal | undefined => {
          if (e.page !== page) {
            seen.clear(); // the per-message cap is per page: a new page may fail differently
            page = e.page;
          }
          if (e.type === 'nav' || isMuted(e)) return undefined;
          const prev = seen.get(e.message);
          const now: Seen = { first: prev?.first ?? e.t, count: (prev?.count ?? 0) + 1, signals: prev?.signals ?? 0 };
          seen.delete(e.message); // re-inserted last: a message still looping is never the one forgotten
          if (seen.size >= MAX_MESSAGES) seen.delete(seen.keys().next().value as string);
          // Over its cap, a repeat only counts; it must not spend a token another message needs.
          const fire = now.signals < o.perMessage && take(e.t);
          seen.set(e.message, fire ? { ...now, signals: now.signals + 1 } : now);
          if (!fire) return undefined;
          return {
            type: 'signal',
            signal: 'js-error',
            t: e.t,
            page: e.page,
            evidence: { count: now.count, first: now.first, last: e.t, message: e.message },
          };
        }),
        filter((s): s is Signal => s !== undefined),
      );
    }),
});
