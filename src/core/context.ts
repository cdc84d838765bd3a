import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Config, ModuleName } from './config.ts';
import type { Database, Db } from './db/database.ts';
import type { HtmlNotFound } from './http/not-found.ts';
import type { Jobs } from './jobs.ts';

/** What every module receives: the validated config, the database, the job queue and a logger. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  jobs: Jobs;
  log: FastifyBaseLogger;
  /** Lets the module that owns the web pages answer unknown page URLs with an HTML 404 page. */
  setHtmlNotFound(render: HtmlNotFound): void;
};

export type AppModule = {
  name: ModuleName;
  /** Runs once at start, after migrations and before the server listens (reference data, job workers). */
  start?(ctx: AppContext): Promise<void>;
  /** Registers the module's routes. */
  routes(app: FastifyInstance, ctx: AppContext): Promise<void>;
};
