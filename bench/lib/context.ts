import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchDatabase } from './bench-database.ts';
import { type ChildServer, startChildServer } from './child-server.ts';
import { createDatasetRegistry } from './datasets.ts';
import { httpLoad } from './http-load.ts';
import { measure } from './measure.ts';
import { createRandom } from './random.ts';
import type { Scale } from './scale.ts';
import type { BenchContext } from './types.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');

/**
 * What lives for the whole run: datasets, and the real app (started on first use and shared by the
 * benchmarks that hit it, because a cold start on PGlite costs seconds of initdb and migrations).
 * The app is restarted when a benchmark asks for other environment variables, and on PGlite when a dataset
 * was built since it started: there it runs on a copy of the run's database taken at its start.
 */
export function createRunScope() {
  let app: { key: string; server: Promise<ChildServer> } | undefined;
  let datasetsBuilt = 0;
  let starts = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'mts-bench-app-'));
  const stopApp = async () => {
    const started = app;
    app = undefined;
    if (started) await started.server.then((s) => s.stop()).catch(() => {});
  };
  return {
    datasets: createDatasetRegistry(async () => {
      datasetsBuilt++;
    }),
    async app(database: BenchDatabase, env: Record<string, string>): Promise<ChildServer> {
      const key = JSON.stringify({ env, data: database.kind === 'pglite' ? datasetsBuilt : 0 });
      if (app && app.key !== key) await stopApp();
      if (!app) {
        starts++;
        const server = startApp(database, path.join(dir, `app-${starts}`), env);
        app = { key, server };
      }
      return app.server;
    },
    async close(): Promise<void> {
      await stopApp();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RunScope = ReturnType<typeof createRunScope>;

/**
 * One pair of secrets for the whole run: on the server database every restart of the app meets the data (the
 * identity provider's signing keys, sealed with TOKEN_SECRET) that the previous start wrote.
 */
const RUN_SECRETS: Record<string, string> = process.env.BENCH_REUSE_DATABASE
  ? // A kept database's keys were sealed by another run's secret: new keys at each start.
    {
      COOKIE_SECRET: 'bench-kept-database-cookie-secret-0',
      TOKEN_SECRET: 'bench-kept-database-token-secret-00',
      IDENTITY_REGENERATE_SIGNING_KEYS: 'true',
    }
  : {
      COOKIE_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_SECRET: randomBytes(32).toString('base64url'),
    };

async function startApp(database: BenchDatabase, dir: string, env: Record<string, string>): Promise<ChildServer> {
  // Its own working directory: no stray .env is read. On PGlite its own embedded database, a copy of the
  // run's (PGlite is single-process, so the app cannot share the runner's).
  mkdirSync(dir, { recursive: true });
  if (database.kind === 'pglite') await database.copyTo(dir);
  const dbEnv: Record<string, string> = database.url ? { DATABASE_URL: database.url } : {};
  return startChildServer({
    script: MAIN,
    readyPath: '/readyz',
    cwd: dir,
    env: {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      DATA_DIR: dir,
      LOG_LEVEL: 'warn',
      ...RUN_SECRETS,
      // A library imported in the background at first start would share the (on PGlite, single) connection with
      // every measured request; the library's suites build their corpus as a dataset before starting the app.
      LIBRARY_AUTO_IMPORT: 'false',
      ...dbEnv,
      ...env,
    },
  });
}

/** One context per benchmark; `cleanup()` stops the servers the benchmark started itself. */
export function createContext(opts: {
  benchmark: string;
  scale: Scale;
  database: BenchDatabase;
  run: RunScope;
  log: (message: string) => void;
}): BenchContext & { cleanup(): Promise<void> } {
  const servers: ChildServer[] = [];
  const ctx: BenchContext & { cleanup(): Promise<void> } = {
    scale: opts.scale,
    database: opts.database,
    random: (label = '') => createRandom(`${opts.benchmark}/${label}`),
    measure: (op, measureOpts) => measure(opts.scale, op, measureOpts),
    httpLoad: (url, loadOpts) => httpLoad(opts.scale, url, loadOpts),
    async startServer(serverOpts) {
      const server = await startChildServer(serverOpts);
      servers.push(server);
      return server;
    },
    startApp: (env = {}) => opts.run.app(opts.database, env),
    ensureDataset: (name) => opts.run.datasets.ensure(name, ctx),
    log: opts.log,
    async cleanup() {
      await Promise.all(servers.splice(0).map((s) => s.stop()));
    },
  };
  return ctx;
}
