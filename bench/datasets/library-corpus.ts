import type { Kysely } from 'kysely';
import { importLibrary } from '../../src/modules/library/index.ts';
import { defineDataset } from '../lib/datasets.ts';

/**
 * The whole community library (208 laws, 17,920 articles, 2,642 procedures) through `npm run library:import`'s
 * code, timed as the step `import` (library-import reports it). The same at every scale: the corpus is what it is.
 */
export default defineDataset({
  name: 'library-corpus',
  description: 'The reference legal corpus and procedures, imported by the library module',
  async build(ctx) {
    const report = await importLibrary(ctx.database.db as unknown as Kysely<unknown>, {
      onProgress: (p) => {
        if (p.done === p.total) ctx.log(`  library import: ${p.stage} ${p.done}/${p.total}`);
      },
    });
    const rows = report.articles + report.procedures.inserted + report.procedures.updated + report.relations;
    return {
      rows,
      steps: {
        import: {
          rows,
          seconds: report.ms / 1000,
          facts: {
            documents: report.documents.inserted + report.documents.updated + report.documents.unchanged,
            articles: report.articles,
            procedures: report.procedures.inserted + report.procedures.updated + report.procedures.unchanged,
            relations: report.relations,
            skipped: report.skipped.length,
          },
        },
      },
    };
  },
});
