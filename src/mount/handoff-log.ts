import type { HandoffPacket, ZcRecord } from '../../components/host.js';
import { uid } from '../core/uid.js';
import type { Signal } from '../engine/types.js';

/** Signals and pages a hand-off packet carries at most: enough for an agent to see the pattern. */
const MAX_SIGNALS = 20;
const MAX_PAGES = 10;

/** What the session did, kept for a hand-off to a human; bounded, and holding no input values or page text. */
export interface HandoffLog {
  signal(s: Signal): void;
  page(path: string): void;
  packet(rule: string, record: ZcRecord | undefined, page: string, t: number): HandoffPacket;
}

const keepLast = <T>(list: T[], item: T, max: number): void => {
  list.push(item);
  if (list.length > max) list.shift();
};

/** A log for one pack (`packId@version`) in one UI locale. */
export function createHandoffLog(pack: string, locale: string): HandoffLog {
  const signals: Array<HandoffPacket['signals'][number]> = [];
  const pages: string[] = [];
  return {
    signal: (s) => keepLast(signals, { signal: s.signal, t: s.t, page: s.page, ...(s.target ? { target: s.target.fp } : {}), evidence: s.evidence }, MAX_SIGNALS),
    page(path) {
      if (pages[pages.length - 1] !== path) keepLast(pages, path, MAX_PAGES);
    },
    packet: (rule, record, page, t) => ({
      id: uid(),
      pack,
      rule,
      page,
      pages: [...pages],
      signals: [...signals],
      // Id and label only: whatever else the host's record held stays in the page.
      ...(record ? { record: { id: record.id, label: record.label } } : {}),
      locale,
      t,
    }),
  };
}
