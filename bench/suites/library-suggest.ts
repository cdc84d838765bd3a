import { foldVietnamese } from '../../src/core/i18n/format.ts';
import { LIBRARY_QUESTIONS } from '../datasets/library-questions.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { expectOk, HIERARCHY_APP_ENV, HIERARCHY_APP_NOTE } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[] };

/** As one types: every prefix of 3–14 characters of the development questions, with and without tone marks. */
export default defineBenchmark<State>({
  name: 'library-suggest',
  description:
    'GET /api/library/suggest?q= of the real app, anonymous: prefixes (3, 6, 9, 14 characters) of the development ' +
    'questions, accented and not — law titles, article headings, procedure names' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 30 },
  async setup(ctx) {
    await ctx.ensureDataset('library-corpus');
    const app = await ctx.startApp(HIERARCHY_APP_ENV);
    const prefixes = new Set<string>();
    for (const { q } of LIBRARY_QUESTIONS)
      for (const n of [3, 6, 9, 14]) {
        prefixes.add(q.slice(0, n).trim());
        prefixes.add(foldVietnamese(q).slice(0, n).trim());
      }
    const paths = [...prefixes].map((p) => `/api/library/suggest?q=${encodeURIComponent(p)}`);
    // The first request waits for the app's search index; then untimed requests so the code is compiled before the
    // short small-scale window.
    await expectOk(app, paths[0]!);
    for (const path of paths.slice(-150)) await expectOk(app, path);
    return { app, paths };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths }),
});
