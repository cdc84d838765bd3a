import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../core/db/database.ts';
import { listenForNotices } from '../../core/db/notice-listener.ts';
import { preparedQuery } from './prepared.ts';

/**
 * Rendered public case pages, kept by this process as UTF-8 bytes (encoded once instead of on every response).
 *
 * While this process hears the database's change notices (migration 0054: every change to a published case
 * announces the case's id on `mts_petition_public` when it commits, a change to the categories `*`; a renamed
 * commune or province moves the units' `public` counter, announced on `mts_unit_generation`), a kept page is
 * served without any query and dropped when its case's notice arrives — a change to one case no longer
 * re-renders the others. On a server the notices come over a connection of their own; while it is down (not yet
 * connected, lost, reconnecting) every request reads the change counters instead (`petition_public_generation`
 * and the units' `public` counter, one tiny prepared query shared by the requests that arrive while it runs, never
 * one started before them), and pages kept under one way are never served under the other. A page rendered while
 * a notice arrived is not kept.
 */
export type PageCache = {
  /** Where a request stands: pass it to `get` and, after rendering, to `set`. */
  begin(): Promise<CacheView>;
  get(key: string, view: CacheView): Buffer | undefined;
  set(key: string, view: CacheView, html: Buffer): void;
  /** Stops listening (app shutdown). */
  close(): Promise<void>;
};

/** `token`: what a kept page must carry to be served; `notices`: how many had been heard when the request began. */
export type CacheView = { token: string; notices: number };

export const PETITION_PUBLIC_CHANNEL = 'mts_petition_public';
const UNIT_CHANNEL = 'mts_unit_generation';

const GENERATION = `SELECT (SELECT n FROM petition_public_generation)::text || ':' ||
  coalesce((SELECT n FROM unit_generation WHERE province_code = 'public'), 0)::text AS g`;

export async function createPageCache(
  database: Database,
  log?: FastifyBaseLogger,
  maxEntries = 2_000,
): Promise<PageCache> {
  const pages = new Map<string, { token: string; html: Buffer }>();
  /** `heard:<n>` while notices are heard on the n-th connection that listened; null while they are not. */
  let heardToken: string | null = null;
  let notices = 0;
  let running: Promise<string> | null = null;
  let next: Promise<string> | null = null;

  const onNotice = (channel: string, payload: string) => {
    if (channel === UNIT_CHANNEL && payload !== 'public') return;
    notices++;
    if (channel === PETITION_PUBLIC_CHANNEL && /^\d+$/.test(payload)) {
      for (const key of [...pages.keys()]) if (key.endsWith(`:${payload}`)) pages.delete(key);
    } else {
      pages.clear();
    }
  };
  const listener = await listenForNotices(
    database,
    [PETITION_PUBLIC_CHANNEL, UNIT_CHANNEL],
    'public case pages',
    onNotice,
    (connection) => {
      // Whatever changed while nothing was heard is unknown: start afresh under the new token.
      notices++;
      pages.clear();
      heardToken = connection === null ? null : `heard:${connection}`;
    },
    log,
  );

  const read = async () =>
    `read:${(await preparedQuery<{ g: string }>(database, 'petitions-public-generation', GENERATION))[0]!.g}`;

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
    async begin() {
      const at = notices;
      if (heardToken) return { token: heardToken, notices: at };
      return { token: await generation(), notices: at };
    },
    get(key, view) {
      const hit = pages.get(key);
      if (!hit || hit.token !== view.token) return undefined;
      // Refresh its place: the map's order is the eviction order.
      pages.delete(key);
      pages.set(key, hit);
      return hit.html;
    },
    set(key, view, html) {
      // Heard: a notice that arrived during the render may be about this very case. Read: the counters decide.
      if (view.token.startsWith('heard:') && (view.notices !== notices || view.token !== heardToken)) return;
      pages.delete(key);
      pages.set(key, { token: view.token, html });
      if (pages.size > maxEntries) pages.delete(pages.keys().next().value as string);
    },
    close: () => listener.close(),
  };
}
