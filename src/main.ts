import { buildApp } from './app.ts';
import { type Config, ConfigError, loadConfig, loadDotEnv } from './core/config.ts';
import { installGracefulShutdown } from './core/lifecycle.ts';

loadDotEnv();
let config: Config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}

let app: Awaited<ReturnType<typeof buildApp>>;
try {
  app = await buildApp(config);
} catch (err) {
  // A configuration that only the data reveals as wrong (e.g. a changed TOKEN_SECRET): its message, not a stack.
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}
installGracefulShutdown(app, config.shutdownTimeoutMs);
await app.listen({ host: config.host, port: config.port });
app.log.info(
  `Mặt trận số is ready at ${config.publicUrl} (database: ${config.databaseUrl ? 'PostgreSQL server' : 'embedded PGlite'})`,
);
