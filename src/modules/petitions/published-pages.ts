import type { Database } from '../../core/db/database.ts';
import { preparedQuery } from './prepared.ts';

/**
 * Rendered public case pages, kept by this process under the change counters they were rendered at:
 * `petition_public_generation` (migration 0048: any change to a published case or to the categories, in the
 * same transaction) and the units' `public` counter (a renamed commune or province). Every request reads the
 * counters — one tiny prepared query, shared by the requests that arrive while it runs — so a kept page is never
 * stale.
 */
export type PageCache = {
  /** The counters now: a value read by a query that started after this call. */
  generation(): Promise<string>;
  /** Pages are kept as UTF-8 bytes, encoded once instead of on every response. */
  get(key: string, generation: string): Buffer | undefined;
  set(key: string, generation: string, html: Buffer): void;
};

const GENERATION = `SELECT (SELECT n FROM petition_public_generation)::text || ':' ||
  coalesce((SELECT n FROM unit_generation WHERE province_code = 'public'), 0)::text AS g`;

export function createPageCache(database: Database, maxEntries = 2_000): PageCache {
  const pages = new Map<string, { generation: string; html: Buffer }>();
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;

  const read = async () =>
    (await preparedQuery<{ g: string }>(database, 'petitions-public-generation', GENERATION))[0]!.g;

  // A caller that arrives while a read is running waits for the next one: the value it gets was read after it
  // asked, so a change committed before the request is always seen.
  function generation(): Promise<string> {
    if (!running) {
      running = read().finally(() => {
        running = null;
      });
      return running;
    }
    next ??= running
      .catch(() => undefined)
      .then(() => {
        next = null;
        return generation();
      });
    return next;
  }

  return {
    generation,
    get(key, g) {
      const hit = pages.get(key);
      if (!hit || hit.generation !== g) return undefined;
      // Refresh its place: the map's order is the eviction order.
      pages.delete(key);
      pages.set(key, hit);
      return hit.html;
    },
    set(key, g, html) {
      pages.delete(key);
      pages.set(key, { generation: g, html });
      if (pages.size > maxEntries) pages.delete(pages.keys().next().value as string);
    },
  };
}
