import { type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { currentUnitFor, todayInVietnam, unitsDb } from '../units/index.ts';
import { validToday } from './synthesis-sql.ts';

/**
 * Incremental roll-ups. A report contributes to the rows of the units listed in its `rollup_unit_ids` (its unit
 * as of today — after a merge, the unit that continues it — and that unit's ancestors, at most four ids, Central
 * first), except a village: the fourth id is always a village, which has nothing beneath it and at most six
 * reports a week, so its figures are read from its raw reports (`rollup-read.ts`) and the roll-up tables hold only
 * Central, provinces and communes (nationally ~2 million rows instead of ~45 million):
 * - report_rollup: its values, only while it is accepted (roll-ups count accepted reports only);
 * - report_status_rollup: one submitted (and on time / accepted / returned) while it is not a draft.
 * Every change of state removes the report's old contribution and adds the new one in the same transaction,
 * with one SQL statement per table (`applyContribution`) shared by single transitions and tree reconciliation;
 * full rebuilds compute the same sums set-based (`bulkContributions`; the property test checks both).
 */

/** How many leading ids of `rollup_unit_ids` have roll-up rows: Central, province, commune (not the village). */
export const ROLLED_UP_LEVELS = 3;
const rolledIds = sql`r.rollup_unit_ids[1:${sql.lit(ROLLED_UP_LEVELS)}]`;
/**
 * Hot rows: every report of a week changes the same Central and province rows. Their contributions go to one of
 * SLOTS rows (by report id, so a report's removal hits the row its addition did) and readers add the slots up;
 * commune rows, shared by a few dozen reports a week, keep slot 0. Bulk rebuilds write slot 0 only.
 */
export const SLOTS = 16;
const slotOf = sql`CASE WHEN u.depth <= 2 THEN r.id % ${sql.lit(SLOTS)} ELSE 0 END`;

const RECONCILE_LOCK = 7_231_941_031;
/** Above this many changed units a reconciliation rebuilds everything in bulk instead. */
const INCREMENTAL_LIMIT = 2000;

/** Adds (sign 1) or removes (sign -1) the contribution of the reports matching `where` (alias r). */
export async function applyContribution(
  trx: QueryExecutorProvider,
  where: RawBuilder<unknown>,
  sign: 1 | -1,
  o: { values?: boolean } = {},
) {
  // The value part only matters for accepted reports; callers that know none is involved skip it.
  if (o.values !== false)
    await sql`INSERT INTO report_rollup AS t (unit_id, week, form_code, org_type, indicator, slot, value, reports)
    SELECT u.id, r.week, r.form_code, r.org_type, v.indicator, ${slotOf}, ${sign} * sum(v.value), ${sign} * count(*)
    FROM report r CROSS JOIN LATERAL unnest(${rolledIds}) WITH ORDINALITY AS u(id, depth) JOIN report_value v ON v.report_id = r.id
    WHERE r.status = 'accepted' AND (${where})
    GROUP BY u.id, r.week, r.form_code, r.org_type, v.indicator, 6
    ORDER BY u.id, r.week, r.form_code, r.org_type, v.indicator, 6
    ON CONFLICT (unit_id, week, form_code, org_type, indicator, slot) DO UPDATE
      SET value = t.value + excluded.value, reports = t.reports + excluded.reports`.execute(trx);
  await sql`INSERT INTO report_status_rollup AS t (unit_id, week, form_code, org_type, level, slot, submitted, on_time,
      accepted, returned)
    SELECT u.id, r.week, r.form_code, r.org_type, r.level, ${slotOf}, ${sign} * count(*),
      ${sign} * count(*) FILTER (WHERE r.on_time), ${sign} * count(*) FILTER (WHERE r.status = 'accepted'),
      ${sign} * count(*) FILTER (WHERE r.status = 'returned')
    FROM report r CROSS JOIN LATERAL unnest(${rolledIds}) WITH ORDINALITY AS u(id, depth)
    WHERE r.status <> 'draft' AND (${where})
    GROUP BY u.id, r.week, r.form_code, r.org_type, r.level, 6
    ORDER BY u.id, r.week, r.form_code, r.org_type, r.level, 6
    ON CONFLICT (unit_id, week, form_code, org_type, level, slot) DO UPDATE
      SET submitted = t.submitted + excluded.submitted, on_time = t.on_time + excluded.on_time,
        accepted = t.accepted + excluded.accepted, returned = t.returned + excluded.returned`.execute(trx);
}

/** What a report contributes to the roll-ups in one state: counted while not a draft, its values while accepted. */
export type ContributionState = { status: string; onTime: boolean | null; rollupUnitIds: number[] | null };
/** The fixed part of a report's roll-up keys. */
export type ContributionKey = { id: number; week: number; formCode: string; orgType: string; level: string };

/**
 * The roll-up changes of one report's transition from `before` to `after`, as parts (CTEs) of the statement that
 * writes the transition, computed from what the transaction already holds instead of re-reading the report: the
 * same sums as `applyContribution(-1)` on the old state and `applyContribution(1)` on the new one (the property
 * test compares them with the raw reports), in one round trip. Counters are netted in memory (a state change
 * that leaves a row's counters alone does not touch it); values are read from `report_value` (the transition
 * must not change them in the same statement) and move only when the report enters or leaves 'accepted'. Keys in
 * the fixed order of `applyContribution`, values table first (the status part waits for it), against deadlocks.
 */
export function transitionRollupCtes(
  key: ContributionKey,
  before: ContributionState | null,
  after: ContributionState,
): RawBuilder<unknown>[] {
  const rolled = (c: ContributionState | null) =>
    c && c.status !== 'draft' && c.rollupUnitIds ? c.rollupUnitIds.slice(0, ROLLED_UP_LEVELS) : [];
  const slot = (depth: number) => (depth <= 2 ? key.id % SLOTS : 0);
  const counters = new Map<string, { unitId: number; slot: number; c: [number, number, number, number] }>();
  const add = (c: ContributionState | null, sign: 1 | -1) => {
    for (const [i, unitId] of rolled(c).entries()) {
      const k = `${unitId}|${slot(i + 1)}`;
      const row = counters.get(k) ?? { unitId, slot: slot(i + 1), c: [0, 0, 0, 0] };
      row.c[0] += sign;
      row.c[1] += c!.onTime ? sign : 0;
      row.c[2] += c!.status === 'accepted' ? sign : 0;
      row.c[3] += c!.status === 'returned' ? sign : 0;
      counters.set(k, row);
    }
  };
  add(before, -1);
  add(after, 1);
  const status = [...counters.values()]
    .filter((r) => r.c.some((n) => n !== 0))
    .sort((a, b) => a.unitId - b.unitId || a.slot - b.slot);
  const valuesFrom = (c: ContributionState | null) => (c?.status === 'accepted' ? rolled(c) : []);
  const [out, into] = [valuesFrom(before), valuesFrom(after)];
  const same = out.length === into.length && out.every((id, i) => id === into[i]);
  const moves: { ids: number[]; sign: 1 | -1 }[] = same
    ? []
    : [
        { ids: out, sign: -1 as const },
        { ids: into, sign: 1 as const },
      ].filter((m) => m.ids.length > 0);
  const parts: RawBuilder<unknown>[] = [];
  if (moves.length) {
    const rows = moves.map(
      (m) => sql`SELECT u.id AS unit_id, v.indicator, CASE WHEN u.depth <= 2 THEN ${key.id % SLOTS}::int ELSE 0 END
          AS slot, ${sql.lit(m.sign)} * v.value AS value, ${sql.lit(m.sign)} AS reports
        FROM report_value v CROSS JOIN unnest(${m.ids}::bigint[]) WITH ORDINALITY AS u(id, depth)
        WHERE v.report_id = ${key.id}`,
    );
    parts.push(sql`rv AS (INSERT INTO report_rollup AS t (unit_id, week, form_code, org_type, indicator, slot, value,
        reports)
      SELECT d.unit_id, ${key.week}, ${key.formCode}, ${key.orgType}, d.indicator, d.slot, sum(d.value), sum(d.reports)
      FROM (${sql.join(rows, sql` UNION ALL `)}) d
      GROUP BY d.unit_id, d.indicator, d.slot
      ORDER BY d.unit_id, d.indicator, d.slot
      ON CONFLICT (unit_id, week, form_code, org_type, indicator, slot) DO UPDATE
        SET value = t.value + excluded.value, reports = t.reports + excluded.reports
      RETURNING 1)`);
  }
  if (status.length)
    parts.push(sql`rs AS (INSERT INTO report_status_rollup AS t (unit_id, week, form_code, org_type, level, slot,
        submitted, on_time, accepted, returned)
      SELECT d.unit_id, ${key.week}, ${key.formCode}, ${key.orgType}, ${key.level}, d.slot, d.s, d.o, d.a, d.r
      FROM unnest(${status.map((r) => r.unitId)}::bigint[], ${status.map((r) => r.slot)}::smallint[],
        ${status.map((r) => r.c[0])}::int[], ${status.map((r) => r.c[1])}::int[], ${status.map((r) => r.c[2])}::int[],
        ${status.map((r) => r.c[3])}::int[]) AS d(unit_id, slot, s, o, a, r)
      ${moves.length ? sql`WHERE (SELECT count(*) FROM rv) >= 0` : sql``}
      ORDER BY d.unit_id, d.slot
      ON CONFLICT (unit_id, week, form_code, org_type, level, slot) DO UPDATE
        SET submitted = t.submitted + excluded.submitted, on_time = t.on_time + excluded.on_time,
          accepted = t.accepted + excluded.accepted, returned = t.returned + excluded.returned)`);
  return parts;
}

/** The unit a report of `unitId` counts under today (itself, or what continues it after a merge or split). */
async function currentTargetUnit(trx: QueryExecutorProvider, unitId: number, today: string) {
  const { rows } = await sql<{ id: number; path: string }>`SELECT unit_id AS id, path::text AS path FROM unit_version v
    WHERE v.unit_id = ${unitId} AND ${validToday('v', today)}`.execute(trx);
  if (rows[0]) return rows[0];
  const successor = await currentUnitFor(unitsDb(trx as Db), unitId);
  return successor ? { id: successor.id, path: successor.path } : null;
}

/** The ids of the unit at `path` and its ancestors in force today, Central first. */
export async function ancestorIds(trx: QueryExecutorProvider, path: string, today = todayInVietnam()) {
  const { rows } = await sql<{ id: number }>`SELECT unit_id AS id FROM unit_version v
    WHERE v.path @> ${path}::ltree AND ${validToday('v', today)} ORDER BY nlevel(v.path)`.execute(trx);
  return rows.map((r) => Number(r.id));
}

/** The roll-up rows a report of `unitId` belongs to today; empty when its unit was dissolved without successor. */
export async function rollupUnitIdsFor(trx: QueryExecutorProvider, unitId: number): Promise<number[]> {
  const today = todayInVietnam();
  const target = await currentTargetUnit(trx, unitId, today);
  return target ? ancestorIds(trx, target.path, today) : [];
}

export async function hasPendingTreeChanges(db: QueryExecutorProvider): Promise<boolean> {
  const { rows } = await sql<{ x: boolean }>`SELECT EXISTS (SELECT 1 FROM report_tree_change) AS x`.execute(db);
  return !!rows[0]?.x;
}

/** Brings roll-ups and expected counts in line with today's tree, if it changed since the last time. */
export async function reconcileWithTree(db: Db): Promise<{ mode: 'none' | 'incremental' | 'full'; units: number }> {
  if (!(await hasPendingTreeChanges(db))) return { mode: 'none', units: 0 };
  return withTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${RECONCILE_LOCK})`.execute(trx);
    const { rows } = await sql<{ unit_id: number }>`DELETE FROM report_tree_change RETURNING unit_id`.execute(trx);
    if (!rows.length) return { mode: 'none' as const, units: 0 };
    const ids = rows.map((r) => Number(r.unit_id));
    // Units that were deleted (not merged: their reports went with them) leave contributions behind: rebuild.
    const { rows: gone } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unnest(${ids}::bigint[]) AS c(id)
      WHERE c.id <> 0 AND NOT EXISTS (SELECT 1 FROM unit WHERE unit.id = c.id)`.execute(trx);
    if (ids.includes(0) || ids.length > INCREMENTAL_LIMIT || gone[0]!.n > 0) {
      await rebuildAll(trx);
      return { mode: 'full' as const, units: ids.length };
    }
    await reconcileUnits(trx, ids);
    return { mode: 'incremental' as const, units: ids.length };
  });
}

/** Current ancestors (ids, Central first) of every unit in force, by prefix joins on the path. */
const CURRENT_ANCESTORS = (today: string) => sql`cur AS MATERIALIZED (
    SELECT unit_id, path, path::text AS p, level FROM unit_version v WHERE ${validToday('v', today)}),
  anc AS (
    SELECT c.unit_id, c.level, array_remove(ARRAY[a1.unit_id, a2.unit_id, a3.unit_id, a4.unit_id], NULL) AS ids
    FROM cur c
    LEFT JOIN cur a1 ON a1.p = subpath(c.path, 0, 1)::text
    LEFT JOIN cur a2 ON a2.p = CASE WHEN nlevel(c.path) >= 2 THEN subpath(c.path, 0, 2)::text END
    LEFT JOIN cur a3 ON a3.p = CASE WHEN nlevel(c.path) >= 3 THEN subpath(c.path, 0, 3)::text END
    LEFT JOIN cur a4 ON a4.p = CASE WHEN nlevel(c.path) >= 4 THEN subpath(c.path, 0, 4)::text END)`;

/**
 * Every report's contribution, set-based, into the emptied roll-up tables: the same sums as `applyContribution`
 * (the property test checks that they agree), in two steps so that the national rebuild reads each value once and
 * aggregates in memory: the reports grouped by their chain of rolled-up units (a few thousand chains per week),
 * then each chain's sums spread over its units. Rows are written in key order, so a unit's rows for a week share a
 * page or two (hash aggregation alone scatters them: Central's dashboard then read ~1,400 pages for 34 provinces).
 */
async function bulkContributions(trx: QueryExecutorProvider): Promise<void> {
  await sql`WITH chains AS (
      SELECT ${rolledIds} AS ids, r.week, r.form_code, r.org_type, v.indicator, sum(v.value) AS value,
        count(*) AS reports
      FROM report r JOIN report_value v ON v.report_id = r.id
      WHERE r.status = 'accepted' AND r.rollup_unit_ids IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5)
    INSERT INTO report_rollup (unit_id, week, form_code, org_type, indicator, value, reports)
    SELECT u.id, c.week, c.form_code, c.org_type, c.indicator, sum(c.value), sum(c.reports)
    FROM chains c CROSS JOIN LATERAL unnest(c.ids) AS u(id)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`.execute(trx);
  await sql`WITH chains AS (
      SELECT ${rolledIds} AS ids, r.week, r.form_code, r.org_type, r.level, count(*) AS submitted,
        count(*) FILTER (WHERE r.on_time) AS on_time, count(*) FILTER (WHERE r.status = 'accepted') AS accepted,
        count(*) FILTER (WHERE r.status = 'returned') AS returned
      FROM report r WHERE r.status <> 'draft' AND r.rollup_unit_ids IS NOT NULL
      GROUP BY 1, 2, 3, 4, 5)
    INSERT INTO report_status_rollup (unit_id, week, form_code, org_type, level, submitted, on_time, accepted,
      returned)
    SELECT u.id, c.week, c.form_code, c.org_type, c.level, sum(c.submitted), sum(c.on_time), sum(c.accepted),
      sum(c.returned)
    FROM chains c CROSS JOIN LATERAL unnest(c.ids) AS u(id)
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`.execute(trx);
}

/** Recomputes everything from the raw reports and today's tree (after bulk loads; first start). */
export async function rebuildAll(trx: QueryExecutorProvider): Promise<void> {
  const today = todayInVietnam();
  // Hash aggregates over millions of rows: more memory than the default for this transaction only.
  await sql`SET LOCAL work_mem = '128MB'`.execute(trx);
  await sql`TRUNCATE report_expected, report_expected_member, report_rollup, report_status_rollup`.execute(trx);
  await sql`WITH ${CURRENT_ANCESTORS(today)}
    INSERT INTO report_expected_member (organisation_id, unit_ids, org_type, level, from_week)
    SELECT o.id, anc.ids, o.org_type, anc.level, to_char(o.valid_from, 'IYYYIW')::int
    FROM organisation o JOIN anc ON anc.unit_id = o.unit_id WHERE ${validToday('o', today)}`.execute(trx);
  await sql`INSERT INTO report_expected (unit_id, org_type, level, from_week, count)
    SELECT u.id, m.org_type, m.level, m.from_week, count(*)
    FROM report_expected_member m CROSS JOIN LATERAL unnest(m.unit_ids) AS u(id)
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`.execute(trx);
  // Reports of units in force take their ancestors from the prefix join; those of ended units follow successors.
  await sql`WITH ${CURRENT_ANCESTORS(today)}
    UPDATE report r SET rollup_unit_ids = anc.ids FROM anc
    WHERE anc.unit_id = r.unit_id AND r.status <> 'draft'
      AND r.rollup_unit_ids IS DISTINCT FROM anc.ids`.execute(trx);
  const { rows: ended } = await sql<{ unit_id: number }>`SELECT DISTINCT r.unit_id FROM report r
    WHERE r.status <> 'draft' AND NOT EXISTS (SELECT 1 FROM unit_version v
      WHERE v.unit_id = r.unit_id AND ${validToday('v', today)})`.execute(trx);
  for (const { unit_id } of ended) {
    const ids = await rollupUnitIdsFor(trx, Number(unit_id));
    await sql`UPDATE report SET rollup_unit_ids = ${ids}::bigint[] WHERE unit_id = ${unit_id} AND status <> 'draft'`.execute(
      trx,
    );
  }
  await bulkContributions(trx);
  await sql`ANALYZE report_rollup`.execute(trx);
  await sql`ANALYZE report_status_rollup`.execute(trx);
  await sql`ANALYZE report_expected`.execute(trx);
}

/** Moves the contributions of reports and organisations of changed units to where the tree puts them today. */
async function reconcileUnits(trx: QueryExecutorProvider, changed: number[]): Promise<void> {
  const today = todayInVietnam();
  // Reports: recorded against a changed unit, or counted under one.
  const { rows: units } = await sql<{ unit_id: number }>`SELECT DISTINCT unit_id FROM report r
    WHERE r.status <> 'draft' AND (r.unit_id = ANY(${changed}::bigint[]) OR r.rollup_unit_ids && ${changed}::bigint[])`.execute(
    trx,
  );
  for (const { unit_id } of units) {
    const ids = await rollupUnitIdsFor(trx, Number(unit_id));
    const where = sql`r.unit_id = ${unit_id} AND r.status <> 'draft'
      AND r.rollup_unit_ids IS DISTINCT FROM ${ids}::bigint[]`;
    await applyContribution(trx, where, -1);
    const { rows: moved } = await sql<{ id: number }>`UPDATE report r SET rollup_unit_ids = ${ids}::bigint[]
      WHERE ${where} RETURNING id`.execute(trx);
    if (moved.length) await applyContribution(trx, sql`r.id = ANY(${moved.map((m) => m.id)}::bigint[])`, 1);
  }
  // Expected counts: organisations of changed units, or counted under one.
  await sql`WITH gone AS (
      DELETE FROM report_expected_member m
      WHERE m.unit_ids && ${changed}::bigint[]
        OR m.organisation_id IN (SELECT id FROM organisation WHERE unit_id = ANY(${changed}::bigint[]))
      RETURNING m.*),
    delta AS (SELECT u.id, g.org_type, g.level, g.from_week, count(*) AS n
      FROM gone g CROSS JOIN LATERAL unnest(g.unit_ids) AS u(id) GROUP BY 1, 2, 3, 4)
    UPDATE report_expected e SET count = e.count - delta.n FROM delta
    WHERE e.unit_id = delta.id AND e.org_type = delta.org_type AND e.level = delta.level
      AND e.from_week = delta.from_week`.execute(trx);
  const { rows: affectedOrgs } = await sql<{ id: number; unit_id: number }>`SELECT o.id, o.unit_id FROM organisation o
    WHERE ${validToday('o', today)}
      AND NOT EXISTS (SELECT 1 FROM report_expected_member m WHERE m.organisation_id = o.id)`.execute(trx);
  const byUnit = new Map<number, number[]>();
  for (const o of affectedOrgs) byUnit.set(Number(o.unit_id), [...(byUnit.get(Number(o.unit_id)) ?? []), Number(o.id)]);
  for (const [unitId, orgIds] of byUnit) {
    const { rows } = await sql<{ path: string; level: string }>`SELECT path::text AS path, level FROM unit_version v
      WHERE v.unit_id = ${unitId} AND ${validToday('v', today)}`.execute(trx);
    if (!rows[0]) continue;
    const ids = await ancestorIds(trx, rows[0].path, today);
    await sql`INSERT INTO report_expected_member (organisation_id, unit_ids, org_type, level, from_week)
      SELECT o.id, ${ids}::bigint[], o.org_type, ${rows[0].level}, to_char(o.valid_from, 'IYYYIW')::int
      FROM organisation o WHERE o.id = ANY(${orgIds}::bigint[])`.execute(trx);
  }
  const allNew = affectedOrgs.map((o) => Number(o.id));
  if (allNew.length)
    await sql`INSERT INTO report_expected AS e (unit_id, org_type, level, from_week, count)
      SELECT u.id, m.org_type, m.level, m.from_week, count(*)
      FROM report_expected_member m CROSS JOIN LATERAL unnest(m.unit_ids) AS u(id)
      WHERE m.organisation_id = ANY(${allNew}::bigint[])
      GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
      ON CONFLICT (unit_id, org_type, level, from_week) DO UPDATE SET count = e.count + excluded.count`.execute(trx);
}
