import { foldVietnamese } from '../../src/core/i18n/format.ts';
import { LIBRARY_QUESTIONS } from '../datasets/library-questions.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { expectOk, HIERARCHY_APP_ENV, HIERARCHY_APP_NOTE } from '../lib/hierarchy.ts';
import { defineBenchmark } from '../lib/types.ts';

type State = { app: ChildServer; paths: string[] };

/** What people type into the library's box: questions with and without tone marks, numbers, articles, acronyms. */
export function libraryQueries(): string[] {
  const typed = [
    '75/2015',
    '85/2016',
    'nghị định 85',
    'luật số 75',
    'điều 10 luật mặt trận',
    'dieu 28 luat khieu nai',
    'BHXH một lần',
    'UBND cấp xã',
    'MTTQ giám sát',
    'hoà giải ở cơ sở',
    'uỷ ban nhân dân',
    'cap giay phep lai xe',
    'dang ky khai sinh',
  ];
  return [...LIBRARY_QUESTIONS.map((x) => x.q), ...LIBRARY_QUESTIONS.map((x) => foldVietnamese(x.q)), ...typed];
}

/** The paths go to the load generator as one command-line argument, which Linux caps at 128 KiB. */
const PATHS_MAX_CHARS = 110_000;

/**
 * Distinct queries, so that no figure comes from a repeated answer: every query above, then development questions
 * with one of their words left out (stripped of tone marks first: shorter URLs), as many as the argument holds.
 */
export function distinctLibraryPaths(): string[] {
  const queries = new Set(libraryQueries());
  for (const strip of [true, false])
    for (const { q } of LIBRARY_QUESTIONS) {
      const words = (strip ? foldVietnamese(q) : q).split(' ');
      for (let i = 0; i < words.length && words.length > 2; i++)
        queries.add([...words.slice(0, i), ...words.slice(i + 1)].join(' '));
    }
  const paths: string[] = [];
  let chars = 0;
  for (const q of queries) {
    const path = `/api/library/search?q=${encodeURIComponent(q)}`;
    chars += path.length + 3;
    if (chars > PATHS_MAX_CHARS) break;
    paths.push(path);
  }
  return paths;
}

export default defineBenchmark<State>({
  name: 'library-search',
  description:
    'GET /api/library/search?q= (10 hits, articles and procedures) of the real app, anonymous, cycling ~1,070 ' +
    'distinct queries: the 72 development questions with and without tone marks, document numbers, article ' +
    'references, acronyms, then the questions with one word left out; no answer cache' +
    HIERARCHY_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 50, minOpsPerSec: 500 },
  async setup(ctx) {
    await ctx.ensureDataset('library-corpus');
    const app = await ctx.startApp(HIERARCHY_APP_ENV);
    const paths = distinctLibraryPaths();
    // The first request waits for the app's search index; then untimed requests so the ranking code is compiled
    // before the short small-scale window (queries from the end of the list: the load starts at its head).
    await expectOk(app, paths[0]!);
    for (const path of paths.slice(-150)) await expectOk(app, path);
    return { app, paths };
  },
  run: (ctx, s) => ctx.httpLoad(s.app.url, { paths: s.paths }),
});
