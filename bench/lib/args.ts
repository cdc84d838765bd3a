import { parseArgs } from 'node:util';
import type { DbKind } from './bench-database.ts';
import type { ScaleName } from './scale.ts';

export type BenchArgs = { scale: ScaleName; db: DbKind; only: string[] | undefined };

export const USAGE = `usage: npm run bench -- [--scale small|national] [--db pglite|server] [--only name,name]
  --scale  small (CI smoke, default) or national (full figures, budgets judged, RESULTS.md rewritten)
  --db     pglite (embedded, default) or server (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
  --only   comma-separated benchmark names (their baselines are added)`;

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string', default: 'small' },
      db: { type: 'string', default: 'pglite' },
      only: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (values.scale !== 'small' && values.scale !== 'national') throw new Error(`--scale: ${values.scale}\n${USAGE}`);
  if (values.db !== 'pglite' && values.db !== 'server') throw new Error(`--db: ${values.db}\n${USAGE}`);
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { scale: values.scale, db: values.db, only: only?.length ? only : undefined };
}
