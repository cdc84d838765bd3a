import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AppModule } from '../../core/context.ts';
import { importLibrary } from './corpus-import.ts';
import { registerLibrarianPages } from './librarian.pages.ts';
import { registerLibrarianDocumentPages } from './librarian-document.pages.ts';
import { registerLibraryMessages } from './library.messages.ts';
import { registerLibraryPages } from './library.pages.ts';
import { libraryLoading, registerLibraryRoutes } from './library.routes.ts';
import { searchIndexOf } from './search-index.load.ts';

registerLibraryMessages();

/**
 * The community digital library. At the first start on an empty library the reference corpus is imported in the
 * background (~50 s on PGlite, ~45 s on a server; the server answers meanwhile and GET /api/library/status says
 * "importing"). Off under Vitest (tests load the few documents they need) and with LIBRARY_AUTO_IMPORT=false.
 */
export const libraryModule: AppModule = {
  name: 'library',
  async start(ctx) {
    const db = ctx.db as unknown as Kysely<unknown>;
    // The search index is built in the background once the server listens, so the first search does not wait
    // for it (~3 s of work on an idle machine, in slices between pages of rows). Not under Vitest.
    const warm = () => {
      if (process.env.VITEST) return;
      const t0 = performance.now();
      searchIndexOf(db)
        .then(({ index }) =>
          ctx.log.info({ entries: index.size, ms: Math.round(performance.now() - t0) }, 'library search index built'),
        )
        .catch((err) => ctx.log.warn({ err }, 'library search index not built'));
    };
    const auto = process.env.LIBRARY_AUTO_IMPORT ?? (process.env.VITEST ? 'false' : 'true');
    const n = (await sql<{ n: number }>`SELECT count(*) AS n FROM library_document`.execute(db)).rows[0]?.n ?? 0;
    if (n > 0 || auto !== 'true') {
      if (n > 0) setTimeout(warm, 1000).unref();
      return;
    }
    ctx.log.info('library empty: importing the reference corpus in the background');
    libraryLoading.active = true;
    // Started once the server listens: PGlite runs in this thread, so the import yields between records.
    const begin = () => importLibrary(db, { yieldBetween: true });
    new Promise((resolve) => setTimeout(resolve, 1000).unref())
      .then(begin)
      .then((report) =>
        ctx.log.info(
          { documents: report.documents, procedures: report.procedures, skipped: report.skipped.length, ms: report.ms },
          'library imported',
        ),
      )
      .catch((err) => ctx.log.warn({ err }, 'library import stopped'))
      .finally(() => {
        libraryLoading.active = false;
        warm();
      });
  },
  async routes(app, ctx) {
    await registerLibraryRoutes(app, ctx);
    registerLibraryPages(app, ctx);
    registerLibrarianPages(app, ctx);
    registerLibrarianDocumentPages(app, ctx);
  },
};

export { importLibrary } from './corpus-import.ts';
export { searchLibrary } from './search.repo.ts';
