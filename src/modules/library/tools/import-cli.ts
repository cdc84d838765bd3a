import type { Kysely } from 'kysely';
import { loadConfig, loadDotEnv } from '../../../core/config.ts';
import { openDatabase } from '../../../core/db/database.ts';
import { migrate } from '../../../core/db/migrate.ts';
import { importLibrary } from '../corpus-import.ts';

/**
 * `npm run library:import`: loads reference/library into the configured database (DATABASE_URL, or the embedded
 * one in DATA_DIR), showing progress, then prints what was written and every skipped record with its reason.
 * Exit code 1 when something was skipped, so a script notices.
 */
loadDotEnv();
const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
try {
  await migrate(database.pool);
  let last = '';
  const report = await importLibrary(database.db as unknown as Kysely<unknown>, {
    onProgress: ({ stage, done, total }) => {
      const line = `${stage}: ${done}/${total}`;
      if (line !== last && (done === total || done % 20 === 0 || stage !== 'documents')) {
        process.stderr.write(`\r${line.padEnd(40)}`);
        if (done === total) process.stderr.write('\n');
      }
      last = line;
    },
  });
  const d = report.documents;
  const p = report.procedures;
  console.log(
    `Văn bản: ${d.inserted} mới, ${d.updated} cập nhật, ${d.unchanged} không đổi (${report.articles} điều đã ghi)\n` +
      `Thủ tục: ${p.inserted} mới, ${p.updated} cập nhật, ${p.unchanged} không đổi\n` +
      `Quan hệ tự động: ${report.relations}\nThời gian: ${(report.ms / 1000).toFixed(1)} s`,
  );
  if (report.skipped.length) {
    console.log(`Bỏ qua ${report.skipped.length} bản ghi:`);
    for (const s of report.skipped) console.log(`  ${s.file}:${s.line} ${s.id ?? '(không mã)'} — ${s.reason}`);
    process.exitCode = 1;
  } else console.log('Không bỏ qua bản ghi nào.');
} finally {
  await database.close();
}
