/**
 * npm run seed:demo -- --scale small|national [--seed 2025] [--remove]
 * Fills every commune (or a sample) with deterministic demo villages and their organisations, on the
 * embedded database (DATA_DIR) or a server (DATABASE_URL). Re-running adds nothing; --remove deletes them.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDotEnv } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrate } from '../src/core/db/migrate.ts';
import { formatNumber } from '../src/core/i18n/format.ts';
import { generateDemoVillages, loadReferenceUnits, removeDemoVillages } from '../src/modules/units/index.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '2025' },
    remove: { type: 'boolean', default: false },
  },
});
if (values.scale !== 'small' && values.scale !== 'national') {
  console.error('--scale must be small or national');
  process.exit(64);
}
const seed = Number(values.seed);
if (!Number.isInteger(seed)) {
  console.error('--seed must be an integer');
  process.exit(64);
}

loadDotEnv();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78);
}
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  await migrate(database.pool);
  await loadReferenceUnits(database.db);
  if (values.remove) {
    const n = await removeDemoVillages(database.db);
    console.log(`Đã xóa ${formatNumber(n)} thôn, tổ dân phố mẫu.`);
  } else {
    const where = database.kind === 'server' ? 'PostgreSQL server' : `PGlite (${config.dataDir})`;
    console.log(`Generating demo villages (scale ${values.scale}, seed ${seed}) on ${where}…`);
    const result = await generateDemoVillages(database.db, {
      scale: values.scale,
      seed,
      onProgress: (p) =>
        console.log(
          `  ${formatNumber(p.communes)} communes, ${formatNumber(p.villages)} villages, ${formatNumber((p.villages / p.ms) * 1000)} villages/s`,
        ),
    });
    const seconds = result.ms / 1000;
    console.log(
      `Done: ${formatNumber(result.villages)} villages and ${formatNumber(result.organisations)} organisations ` +
        `in ${formatNumber(result.communes)} communes, ${formatNumber(seconds, 'vi', 1)} s ` +
        `(${formatNumber(result.villages / Math.max(seconds, 0.001))} villages/s).`,
    );
  }
} finally {
  await database.close();
}
