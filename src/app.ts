import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { installAuditContext } from './core/audit.ts';
import { installRequestAuth } from './core/auth/request-auth.ts';
import { cacheSessions } from './core/auth/session.ts';
import type { Config } from './core/config.ts';
import type { AppContext } from './core/context.ts';
import { type Database, openDatabase } from './core/db/database.ts';
import { migrate } from './core/db/migrate.ts';
import { installErrorHandler } from './core/http/errors.ts';
import { installHealth } from './core/http/health.ts';
import { type HtmlNotFound, installNotFound } from './core/http/not-found.ts';
import { installOpenApi } from './core/http/openapi.ts';
import { installSecurity } from './core/http/security.ts';
import { startJobs } from './core/jobs.ts';
import { loggerOptions } from './core/log.ts';
import { installMetrics } from './core/metrics.ts';
import { notificationAdapterFor, startNotificationWorker } from './core/notifications/worker.ts';
import { moduleLoaders } from './modules/index.ts';

export type BuildOptions = {
  /** An already open database (tests); when absent one is opened from the config and closed with the app. */
  database?: Database;
  /** Extra routes or hooks registered before the app is sealed (tests). */
  configure?: (app: FastifyInstance) => void | Promise<void>;
};

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel, config.logPretty),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const database =
    opts.database ??
    (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize }));
  const owned = !opts.database;
  try {
    const result = await migrate(database.pool);
    if (result.applied.length) app.log.info({ applied: result.applied }, 'migrations applied');
  } catch (err) {
    if (owned) await database.close();
    throw err;
  }
  // The embedded database has one owner: this process hears every session change and may keep sessions in memory.
  if (database.listen) await cacheSessions(database.db, database.listen);
  const jobs = await startJobs(database.pool, config.jobs, (err) => app.log.error({ err }, 'job queue error'));
  let htmlNotFound: HtmlNotFound | undefined;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    jobs,
    log: app.log,
    setHtmlNotFound: (render) => {
      htmlNotFound = render;
    },
  };
  const notifier = config.jobs
    ? startNotificationWorker(database.db, notificationAdapterFor(config.notifyWebhookUrl), app.log)
    : null;
  app.addHook('onClose', async () => {
    await notifier?.stop();
    await jobs.stop();
    if (owned) await database.close();
  });

  installErrorHandler(app, config.bodyLimit);
  installNotFound(app, () => htmlNotFound);
  await app.register(cookie, { secret: config.cookieSecret });
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await installSecurity(app, { rateLimitPerMinute: config.rateLimitPublic });
  installAuditContext(app);
  installRequestAuth(app, database.db);
  await installOpenApi(app, config.publicUrl);
  installMetrics(app, config.metricsToken);
  installHealth(app, database.pool);

  for (const name of config.modules) {
    const mod = await moduleLoaders[name]();
    await mod.start?.(ctx);
    await app.register(async (scope) => mod.routes(scope, ctx));
  }
  await opts.configure?.(app);
  await app.ready();
  return app;
}
