import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { CoreTables } from '../../src/core/db/database.ts';
import { ensureDefaultForm } from '../../src/modules/reports/forms.ts';
import { rebuildAll } from '../../src/modules/reports/rollups.ts';
import { addWeeks, weekAt } from '../../src/modules/reports/weeks.ts';
import { defineDataset } from '../lib/datasets.ts';

/** The 12 weeks before the current one. */
export function benchWeeks(): number[] {
  const last = addWeeks(weekAt(new Date()), -1);
  return Array.from({ length: 12 }, (_, i) => addWeeks(last, i - 11));
}

/** Secondary indexes of `report` that a bulk load builds once at the end instead of row by row. */
const BULK_INDEXES = ['report_unit_week_idx', 'report_rollup_units_idx'];

type Trx = Transaction<CoreTables>;

/**
 * The reports and their values, in one transaction: FK checks off (`session_replication_role = replica`: every
 * row is built from rows that exist), the secondary indexes dropped and rebuilt once afterwards, and each report's
 * `rollup_unit_ids` (its unit and ancestors, Central first — the bench tree has no merges) written with it, so the
 * rebuild does not have to rewrite 5 million rows. Deterministic: which organisation reports in which week, on
 * time or not, and every value are functions of the ids.
 */
async function generate(trx: Trx, formId: number, weeks: number[]) {
  await sql`SET LOCAL session_replication_role = replica`.execute(trx);
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
  await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
  const { rows: defs } = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes
    WHERE tablename = 'report' AND indexname = ANY(${BULK_INDEXES}::text[])`.execute(trx);
  for (const name of BULK_INDEXES) await sql`DROP INDEX IF EXISTS ${sql.id(name)}`.execute(trx);
  // Ids drawn in (organisation, week) order before the values, which are functions of the id: the report's own
  // copy (`figures`) is written with it and its report_value rows from the same formula.
  const value = (k: string, id: RawBuilder<unknown>) =>
    ({
      members: sql`50 + ${id} % 400`,
      new_members: sql`${id} % 5`,
      activities_held: sql`1 + ${id} % 4`,
      participants: sql`20 + ${id} % 200`,
      petitions_received: sql`${id} % 6`,
      petitions_forwarded: sql`${id} % 3`,
      supervisions: sql`${id} % 2`,
    })[k]!;
  const keys = [
    'members',
    'new_members',
    'activities_held',
    'participants',
    'petitions_received',
    'petitions_forwarded',
    'supervisions',
  ];
  await sql`INSERT INTO report (id, form_id, form_code, organisation_id, unit_id, org_type, level, province_code,
      week, status, narratives, figures, first_submitted_at, submitted_at, on_time, decided_at, rollup_unit_ids)
    OVERRIDING SYSTEM VALUE
    SELECT x.id, ${formId}, 'BC_TUAN', x.organisation_id, x.unit_id, x.org_type, x.level, x.province_code, x.w,
      'accepted', x.narratives,
      jsonb_build_object(${sql.join(keys.map((k) => sql`${sql.lit(k)}, ${value(k, sql`x.id`)}`))}),
      now(), now(), x.on_time, now(), x.ids
    FROM (SELECT nextval(pg_get_serial_sequence('report', 'id')) AS id, s.* FROM (
      SELECT o.id AS organisation_id, o.unit_id, o.org_type, v.level, v.province_code, w,
        CASE WHEN (o.id + w) % 7 = 0 THEN '{"difficulties": "Thiếu kinh phí hoạt động.", "recommendations": "Đề nghị hỗ trợ kinh phí."}'::jsonb
          ELSE '{}'::jsonb END AS narratives,
        (o.id + w) % 10 <> 0 AS on_time,
        array_remove(ARRAY[p3.parent_id, p2.parent_id, p1.parent_id, v.parent_id, v.unit_id], NULL) AS ids
      FROM organisation o JOIN unit_version v ON v.unit_id = o.unit_id AND v.valid_to IS NULL
        LEFT JOIN unit_version p1 ON p1.unit_id = v.parent_id AND p1.valid_to IS NULL
        LEFT JOIN unit_version p2 ON p2.unit_id = p1.parent_id AND p2.valid_to IS NULL
        LEFT JOIN unit_version p3 ON p3.unit_id = p2.parent_id AND p3.valid_to IS NULL
        CROSS JOIN unnest(${weeks}::int[]) AS w
      WHERE o.valid_to IS NULL AND v.level <> 'central' AND (o.id * 31 + w) % 20 <> 0
      ORDER BY o.id, w) AS s) AS x`.execute(trx);
  await sql`INSERT INTO report_value (report_id, indicator, value)
    SELECT r.id, k, CASE k ${sql.join(
      keys.map((k) => sql`WHEN ${sql.lit(k)} THEN ${value(k, sql`r.id`)}`),
      sql` `,
    )} END
    FROM report r CROSS JOIN unnest(${keys}::text[]) AS k
    ORDER BY r.id, k`.execute(trx);
  for (const { def } of defs) await sql.raw(def).execute(trx);
}

/**
 * Twelve weeks of weekly reports for every organisation of the provinces, communes and villages in force (≈ 95 %
 * of them report each week, ~90 % on time, accepted), generated set-based in SQL (INSERT … SELECT over the
 * organisations × weeks), then the roll-ups and expected counts rebuilt by the module's own set-based
 * `rebuildAll` (what an operator runs after a bulk load).
 */
export default defineDataset({
  name: 'reports-12-weeks',
  description: '12 weeks of accepted weekly reports (≈95 % of organisations) with 7 indicators each, roll-ups rebuilt',
  async build(ctx) {
    await ctx.ensureDataset('hierarchy-national');
    const db = ctx.database.db;
    await ensureDefaultForm(db);
    const weeks = benchWeeks();
    const { rows: f } = await sql<{
      id: number;
    }>`SELECT id FROM report_form WHERE code = 'BC_TUAN' AND version = 1`.execute(db);
    const started = performance.now();
    await db.transaction().execute((trx) => generate(trx, Number(f[0]!.id), weeks));
    await sql`ANALYZE report`.execute(db);
    await sql`ANALYZE report_value`.execute(db);
    const generated = (performance.now() - started) / 1000;
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM report`.execute(db);
    ctx.log(
      `  reports-12-weeks: ${rows[0]!.n.toLocaleString('en')} reports and their values in ${generated.toFixed(1)} s`,
    );
    const t2 = performance.now();
    await sql`DELETE FROM report_tree_change`.execute(db);
    await db.transaction().execute((trx) => rebuildAll(trx));
    const rebuilt = (performance.now() - t2) / 1000;
    ctx.log(`  reports-12-weeks: roll-ups rebuilt in ${rebuilt.toFixed(1)} s`);
    // As autovacuum would have by then on a live database (the CI machine's server runs without it): hint bits and
    // the visibility map set, dead versions of the rebuild gone. Otherwise the first submissions pay for the load.
    await sql`VACUUM (ANALYZE) report, report_value, report_rollup, report_status_rollup, report_expected`.execute(db);
    return {
      rows: rows[0]!.n,
      steps: {
        'reports-generate': { rows: rows[0]!.n, seconds: generated },
        'reports-rollup-rebuild': { rows: rows[0]!.n, seconds: rebuilt },
      },
    };
  },
});
