/**
 * Times a commune's dashboard (synthesis) in process against a kept national benchmark database
 * (`BENCH_KEEP_DATABASE=1`, bench/README.md), commune by commune, twice each: is a slow answer slow again (the
 * data) or not (the machine)?
 * Usage: node src/modules/reports/tools/profile-commune-dashboard.ts <database url> [communes=200]
 */
import { sql } from 'kysely';
import type { Principal } from '../../../core/auth/principal.ts';
import { openDatabase } from '../../../core/db/database.ts';
import { synthesis } from '../synthesis.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: node src/modules/reports/tools/profile-commune-dashboard.ts <database url> [n]');
const n = Number(process.argv[3] ?? 200);
const database = await openDatabase({ url, dataDir: 'memory://', poolSize: 8 });
const db = database.db;
const { rows: communes } = await sql<{ code: string; path: string; villages: number }>`SELECT v.code,
    v.path::text AS path, (SELECT count(*)::int FROM unit_version c WHERE c.parent_id = v.unit_id
      AND c.valid_to IS NULL) AS villages
  FROM unit_version v WHERE v.level = 'commune' AND v.valid_to IS NULL ORDER BY md5(v.code) LIMIT ${n}`.execute(db);
const { rows: weeks } = await sql<{ week: number }>`SELECT DISTINCT week FROM report_status_rollup ORDER BY week
  LIMIT 12`.execute(db);
const viewer = (c: { code: string; path: string }): Principal => ({
  accountId: 'profile',
  displayName: 'Profile',
  unitCode: c.code,
  unitPath: c.path,
  unitLevel: 'commune',
  orgType: 'front',
  roles: ['viewer'],
});
const time = async (c: { code: string; path: string }, week: number) => {
  const t0 = performance.now();
  await synthesis(db, viewer(c), c.code, week);
  return performance.now() - t0;
};
for (const c of communes.slice(0, 5)) await time(c, weeks[0]!.week);
const results: { code: string; villages: number; first: number; second: number }[] = [];
for (const [i, c] of communes.entries()) {
  const week = weeks[i % weeks.length]!.week;
  results.push({ code: c.code, villages: c.villages, first: await time(c, week), second: await time(c, week) });
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)]!;
const firsts = results.map((r) => r.first);
const seconds = results.map((r) => r.second);
console.log(`first  p50 ${pct(firsts, 0.5).toFixed(1)} ms  p95 ${pct(firsts, 0.95).toFixed(1)} ms`);
console.log(`second p50 ${pct(seconds, 0.5).toFixed(1)} ms  p95 ${pct(seconds, 0.95).toFixed(1)} ms`);
console.log('slowest first answers (commune, villages, first ms, second ms):');
for (const r of [...results].sort((a, b) => b.first - a.first).slice(0, 8))
  console.log(`  ${r.code} ${r.villages} ${r.first.toFixed(1)} ${r.second.toFixed(1)}`);
await database.close();
