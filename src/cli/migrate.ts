import { loadConfig, loadDotEnv } from '../core/config.ts';
import { openDatabase } from '../core/db/database.ts';
import { migrate } from '../core/db/migrate.ts';

/** `npm run migrate`: applies pending migrations and exits (the server also does this at start). */
loadDotEnv();
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  const result = await migrate(database.pool);
  console.log(
    result.applied.length
      ? `Applied: ${result.applied.join(', ')}`
      : `Up to date (${result.alreadyApplied} migrations).`,
  );
} finally {
  await database.close();
}
