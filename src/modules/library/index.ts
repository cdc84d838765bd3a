import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { AppModule } from '../../core/context.ts';
import { importLibrary } from './corpus-import.ts';
import { registerLibraryMessages } from './library.messages.ts';
import { registerLibraryPages } from './library.pages.ts';
import { registerLibraryRoutes } from './library.routes.ts';

registerLibraryMessages();

/**
 * The community digital library. At the first start of an empty library (not in tests) the reference corpus is
 * imported before the server listens (~45–55 s, once); LIBRARY_AUTO_IMPORT=false turns that off.
 */
export const libraryModule: AppModule = {
  name: 'library',
  async start(ctx) {
    const auto = process.env.LIBRARY_AUTO_IMPORT ?? (ctx.config.env === 'test' ? 'false' : 'true');
    if (auto !== 'true') return;
    const db = ctx.db as unknown as Kysely<unknown>;
    const n = (await sql<{ n: number }>`SELECT count(*) AS n FROM library_document`.execute(db)).rows[0]?.n ?? 0;
    if (n > 0) return;
    ctx.log.info('library empty: importing the reference corpus');
    const report = await importLibrary(db);
    ctx.log.info(
      { documents: report.documents, procedures: report.procedures, skipped: report.skipped.length, ms: report.ms },
      'library imported',
    );
  },
  async routes(app, ctx) {
    await registerLibraryRoutes(app, ctx);
    registerLibraryPages(app, ctx);
  },
};

export { importLibrary } from './corpus-import.ts';
export { searchLibrary } from './search.repo.ts';
