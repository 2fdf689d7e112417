import type { HelpLevel } from '../pack/types.js';
import { openDB, type IDBPDatabase } from 'idb';
import type { FatigueMemory } from '../engine/decide.js';
import type { RulePack } from '../pack/types.js';
import type { SavedFlow } from '../mount/flow-keeper.js';

/** A pack as last fetched and found good, with the ETag to revalidate it. */
export interface CachedPack {
  readonly pack: RulePack;
  readonly etag: string | undefined;
  readonly saved: number;
}

/**
 * What the SDK keeps across visits, in IndexedDB (`zerocall`): the last good pack per URL and
 * the fatigue memory per pack id. Every call settles and none throws: where IndexedDB is
 * missing or refused (private modes, blocked storage) it keeps the same data in memory for the
 * page's lifetime, so the SDK works and only forgets sooner.
 */
export interface Store {
  getPack(url: string): Promise<CachedPack | undefined>;
  putPack(url: string, entry: CachedPack): Promise<void>;
  getMemory(pack: string): Promise<FatigueMemory | undefined>;
  putMemory(pack: string, memory: FatigueMemory): Promise<void>;
  /** The user's own settings (the level of help), across packs and visits. */
  getPreferences(): Promise<UserPreferences | undefined>;
  putPreferences(p: UserPreferences): Promise<void>;
  /** Flows under way for a pack, by rule (mount/flow-keeper.ts checks what it reads back). */
  getFlows(pack: string): Promise<unknown>;
  /** Keeps (or with undefined forgets) one rule's flow, leaving the others as another tab may have just saved them. */
  putFlow(pack: string, rule: string, position: SavedFlow | undefined): Promise<void>;
  /** The connection, shared with the telemetry outbox. */
  readonly db: Db;
  /** The database's name, for a worker to open the same one. */
  readonly name: string;
}

/** What a user chose for themselves; `help` absent: the pack's default. */
export interface UserPreferences {
  readonly help?: HelpLevel;
}

/** Object stores; `outbox` and `meta` (version 2) hold telemetry on its way to the collector (outbox.ts). */
const STORES = ['packs', 'memory', 'outbox', 'meta'] as const;
type StoreName = (typeof STORES)[number];
const VERSION = 2;

/** The shared connection, opened on first use; undefined where IndexedDB is missing or refused. */
export type Db = () => Promise<IDBPDatabase | undefined>;

/** Opens `name` lazily, once per page or worker; `connect(scope)()` always settles. */
export function connect(win: { readonly indexedDB?: IDBFactory }, name = 'zerocall'): Db {
  let db: Promise<IDBPDatabase | undefined> | undefined;
  return () =>
    (db ??= (async () => {
      try {
        if (!win.indexedDB) return undefined;
        const d = await openDB(name, VERSION, {
          upgrade(d) {
            // The outbox's in-line keys sort the queue oldest first.
            for (const s of STORES) if (!d.objectStoreNames.contains(s)) d.createObjectStore(s, s === 'outbox' ? { keyPath: 'key' } : undefined);
          },
          // Another tab upgrades or deletes the database: let it, and reopen on the next call.
          blocking() {
            d.close();
            db = undefined;
          },
          terminated() {
            db = undefined;
          },
        });
        return d;
      } catch {
        return undefined;
      }
    })());
}

/** Opens the store; `name` is for tests. */
export function openStore(win: Window, name = 'zerocall'): Store {
  const fallback = new Map<string, unknown>();
  const open = connect(win, name);
  const get = async <T>(store: StoreName, key: string): Promise<T | undefined> => {
    const d = await open();
    try {
      if (d) return (await d.get(store, key)) as T | undefined;
    } catch {
      // Fall through to the in-memory copy.
    }
    return fallback.get(`${store}:${key}`) as T | undefined;
  };
  const put = async (store: StoreName, key: string, value: unknown): Promise<void> => {
    fallback.set(`${store}:${key}`, value);
    const d = await open();
    try {
      await d?.put(store, value, key);
    } catch {
      // Quota or a closed database: the in-memory copy still serves this page.
    }
  };
  return {
    getPack: (url) => get<CachedPack>('packs', url),
    putPack: (url, entry) => put('packs', url, entry),
    getMemory: (pack) => get<FatigueMemory>('memory', pack),
    putMemory: (pack, memory) => put('memory', pack, memory),
    // Beside the packs' fatigue memory, under a key no pack id can have.
    getPreferences: () => get<UserPreferences>('memory', '@preferences'),
    putPreferences: (p) => put('memory', '@preferences', p),
    getFlows: (pack) => get<unknown>('memory', `@flows:${pack}`),
    putFlow: async (pack, rule, position) => {
      const key = `@flows:${pack}`;
      const change = (flows: unknown): Record<string, unknown> => {
        const next: Record<string, unknown> = { ...(typeof flows === 'object' && flows !== null ? flows : {}) };
        if (position) next[rule] = position;
        else delete next[rule];
        return next;
      };
      fallback.set(`memory:${key}`, change(fallback.get(`memory:${key}`)));
      const d = await open();
      try {
        // Read and write in one transaction: another tab's flows in the same pack stay as it saved them.
        const tx = d?.transaction('memory', 'readwrite');
        if (tx) await Promise.all([tx.store.put(change(await tx.store.get(key)), key), tx.done]);
      } catch {
        // Quota or a closed database: the in-memory copy still serves this page.
      }
    },
    db: open,
    name,
  };
}
