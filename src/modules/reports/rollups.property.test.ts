import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_TYPES, type OrgType } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { currentUnitFor, todayInVietnam, unitsDb } from '../units/index.ts';
import { acceptReport, reopenReport, returnReport, saveReport } from './reports.service.ts';
import { communeApprover, createVillages, principal, signIn } from './reports.test-helpers.ts';
import { readStatusRollups, readValueRollups } from './rollup-read.ts';
import { ancestorIds, rebuildAll, reconcileWithTree } from './rollups.ts';
import { synthesis } from './synthesis.ts';
import { deadlineOf } from './weeks.ts';

const P = '01';
const WEEKS = [202630, 202631];
let t: TestApp;
let communes: string[];

beforeAll(async () => {
  t = await createTestApp();
  const { rows } = await sql<{ code: string }>`SELECT code FROM unit_version WHERE province_code = ${P}
    AND level = 'commune' AND valid_to IS NULL AND code NOT IN ('00004', '00008') ORDER BY code LIMIT 40`.execute(
    t.database.db,
  );
  communes = rows.map((r) => r.code);
});
afterAll(() => t.close());

/** The oracle: roll-ups recomputed from the raw accepted reports and today's tree, without the maintained tables. */
async function expectedRollups() {
  const db = t.database.db;
  const today = todayInVietnam();
  const { rows } = await sql<{
    id: number;
    unitId: number;
    week: number;
    orgType: string;
    level: string;
    status: string;
    onTime: boolean;
  }>`
    SELECT id, unit_id AS "unitId", week, org_type AS "orgType", level, status, on_time AS "onTime" FROM report
    WHERE status <> 'draft' AND week = ANY(${WEEKS}::int[])`.execute(db);
  const values = new Map<string, number>();
  const status = new Map<string, number[]>();
  for (const r of rows) {
    const { rows: live } = await sql<{ path: string }>`SELECT path::text AS path FROM unit_version
      WHERE unit_id = ${r.unitId} AND valid_from <= ${today}::date AND (valid_to IS NULL OR valid_to > ${today}::date)`.execute(
      db,
    );
    const path = live[0]?.path ?? (await currentUnitFor(unitsDb(db), Number(r.unitId)))?.path;
    if (!path) continue;
    const units = await ancestorIds(db, path, today);
    const { rows: vals } = await sql<{ indicator: string; value: number }>`SELECT indicator, value FROM report_value
      WHERE report_id = ${r.id}`.execute(db);
    for (const u of units) {
      const sk = `${u}|${r.week}|${r.orgType}|${r.level}`;
      const c = status.get(sk) ?? [0, 0, 0, 0];
      c[0]! += 1;
      c[1]! += r.onTime ? 1 : 0;
      c[2]! += r.status === 'accepted' ? 1 : 0;
      c[3]! += r.status === 'returned' ? 1 : 0;
      status.set(sk, c);
      if (r.status !== 'accepted') continue;
      for (const v of vals) {
        const k = `${u}|${r.week}|${r.orgType}|${v.indicator}`;
        values.set(k, (values.get(k) ?? 0) + Number(v.value));
      }
    }
  }
  return { values, status };
}

/** What the module answers: the maintained rows (Central to communes) and, for villages, the raw-report reads. */
async function maintainedRollups() {
  const db = t.database.db;
  const { rows: vs } = await sql<{ id: number }>`SELECT DISTINCT rollup_unit_ids[4] AS id FROM report
    WHERE week = ANY(${WEEKS}::int[]) AND rollup_unit_ids[4] IS NOT NULL`.execute(db);
  const villages = vs.map((v) => ({ id: Number(v.id), level: 'village' }));
  const filter = { weeks: WEEKS, formCode: 'BC_TUAN', orgTypes: [...ORG_TYPES] };
  const villageValues = await readValueRollups(db, villages, filter);
  const villageStatus = await readStatusRollups(db, villages, filter);
  const { rows } = await sql<{
    k: string;
    value: number;
  }>`SELECT unit_id || '|' || week || '|' || org_type || '|' || indicator AS k,
      sum(value)::bigint AS value FROM report_rollup WHERE week = ANY(${WEEKS}::int[])
    GROUP BY 1 HAVING sum(reports) <> 0`.execute(db);
  const { rows: st } = await sql<{ k: string; s: number; o: number; a: number; r: number }>`SELECT
      unit_id || '|' || week || '|' || org_type || '|' || level AS k, sum(submitted)::int AS s, sum(on_time)::int AS o,
      sum(accepted)::int AS a, sum(returned)::int AS r
    FROM report_status_rollup WHERE week = ANY(${WEEKS}::int[]) GROUP BY 1 HAVING sum(submitted) <> 0`.execute(db);
  return {
    values: new Map([
      ...rows.map((r) => [r.k, Number(r.value)] as const),
      ...villageValues.map((r) => [`${r.unitId}|${r.week}|${r.orgType}|${r.indicator}`, r.value] as const),
    ]),
    status: new Map([
      ...st.map((r) => [r.k, [r.s, r.o, r.a, r.r]] as const),
      ...villageStatus.map(
        (r) =>
          [`${r.unitId}|${r.week}|${r.orgType}|${r.level}`, [r.submitted, r.onTime, r.accepted, r.returned]] as const,
      ),
    ]),
  };
}

type Op =
  | { kind: 'submit'; target: number; org: OrgType; week: number; members: number; late: boolean }
  | { kind: 'accept' | 'return' | 'reopen'; target: number; org: OrgType; week: number }
  | { kind: 'mergeVillages' }
  | { kind: 'mergeCommunes' };

const target = fc.constantFrom(0, 0, 1, 2, 3, 4, 5); // 0–3 villages, 4–5 the two communes
const org = fc.constantFrom<OrgType>('front', 'front', 'front', 'youth_union');
const week = fc.constantFrom(WEEKS[0]!, WEEKS[0]!, WEEKS[1]!);
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      target,
      org,
      week,
      members: fc.integer({ min: 0, max: 500 }),
      late: fc.boolean(),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('accept' as const), target, org, week }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('return' as const), target, org, week }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), target, org, week }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'mergeVillages' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'mergeCommunes' as const }) },
);

describe('roll-ups (property)', () => {
  it('equal the sum of the raw accepted reports at every level after random submit, accept, return, reopen and merges', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 40 }), async (ops) => {
        const db = t.database.db;
        const [a, b] = [communes[run * 2]!, communes[run * 2 + 1]!];
        run++;
        const va = await createVillages(t, P, a, ['Một', 'Hai'], '2026-01-05');
        const vb = await createVillages(t, P, b, ['Ba', 'Bốn'], '2026-01-05');
        const units = [...va, ...vb].map((v) => ({ ...v, level: 'village' as const, parent: v.path.split('.')[2]! }));
        const all = [
          ...units,
          ...[a, b].map((c) => ({ code: c, path: `vn.${P}.${c}`, name: c, level: 'commune' as const, parent: P })),
        ];
        const provinceAdmin = await signIn(t, {
          unitCode: P,
          unitPath: `vn.${P}`,
          unitLevel: 'province',
          roles: ['admin'],
        });
        for (const o of ops) {
          const u = 'target' in o ? all[o.target]! : null;
          // The path may have changed after a merge: ask the tree.
          const { rows: cur } = u
            ? await sql<{
                path: string;
              }>`SELECT path::text AS path FROM unit_version WHERE code = ${u.code} AND valid_to IS NULL`.execute(db)
            : { rows: [] };
          const path = cur[0]?.path ?? u?.path ?? '';
          const parentPath = path.split('.').slice(0, -1).join('.');
          const me =
            u &&
            principal({
              unitCode: u.code,
              unitPath: path,
              unitLevel: u.level,
              orgType: o.kind === 'submit' ? o.org : 'front',
              roles: ['data_entry'],
            });
          const boss =
            u &&
            principal({
              unitCode: parentPath.split('.').at(-1)!,
              unitPath: parentPath,
              unitLevel: u.level === 'village' ? 'commune' : 'province',
              orgType: 'front',
              roles: ['approver'],
            });
          try {
            if (o.kind === 'submit') {
              const dl = deadlineOf(o.week, 720).getTime();
              await saveReport(
                db,
                me,
                { unitCode: u!.code, orgType: o.org, week: o.week },
                {
                  values: { members: o.members, activities_held: 1, participants: o.members * 2 },
                  narratives: {},
                },
                { submit: true, lang: 'vi', now: new Date(dl + (o.late ? 3600_000 : -3600_000)) },
              );
            } else if (o.kind === 'accept' || o.kind === 'return') {
              // Decide on one of this run's reports that is waiting (or accepted, for a return).
              const { rows: waiting } = await sql<{
                id: number;
                code: string;
                path: string;
                orgType: OrgType;
              }>`SELECT r.id,
                  x.code, r.org_type AS "orgType" FROM report r JOIN unit x ON x.id = r.unit_id
                WHERE x.code = ANY(${all.map((z) => z.code)}::text[])
                  AND r.status = ANY(${o.kind === 'accept' ? ['submitted'] : ['submitted', 'accepted']}::text[])
                ORDER BY r.id`.execute(db);
              const pick = waiting[o.target % Math.max(1, waiting.length)];
              if (!pick) continue;
              const { rows: pp } = await sql<{ path: string }>`SELECT path::text AS path FROM unit_version v
                JOIN report r ON r.id = ${pick.id} WHERE v.unit_id = ANY(r.rollup_unit_ids) AND v.valid_to IS NULL
                ORDER BY nlevel(v.path) DESC OFFSET 1 LIMIT 1`.execute(db);
              const bp = pp[0]!.path;
              const who = principal({
                unitCode: bp.split('.').at(-1)!,
                unitPath: bp,
                unitLevel: bp.split('.').length === 3 ? 'commune' : 'province',
                orgType: pick.orgType,
                roles: ['approver'],
              });
              if (o.kind === 'accept') await acceptReport(db, who, Number(pick.id), 'vi');
              else await returnReport(db, who, Number(pick.id), 'Sửa lại', 'vi');
            } else if (o.kind === 'reopen') {
              await reopenReport(
                db,
                { ...boss!, orgType: o.org },
                { unitCode: u!.code, orgType: o.org, week: o.week },
                'vi',
                new Date(deadlineOf(o.week, 720).getTime()),
              );
            } else if (o.kind === 'mergeVillages') {
              const h = await signIn(t, communeApprover(P, a, { roles: ['admin'] }));
              await t.app.inject({
                method: 'POST',
                url: '/api/units/reorganisations/merge',
                headers: h,
                payload: {
                  sources: [va[0]!.code, va[1]!.code],
                  into: { code: va[0]!.code },
                  effective: todayInVietnam(),
                  legalBasis: 'Nghị quyết kiểm thử',
                },
              });
            } else {
              await t.app.inject({
                method: 'POST',
                url: '/api/units/reorganisations/merge',
                headers: provinceAdmin,
                payload: {
                  sources: [a, b],
                  into: { code: a },
                  effective: todayInVietnam(),
                  legalBasis: 'Nghị quyết kiểm thử',
                },
              });
            }
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
          }
        }
        await reconcileWithTree(db);
        const want = await expectedRollups();
        const got = await maintainedRollups();
        expect(Object.fromEntries(got.values)).toEqual(Object.fromEntries(want.values));
        expect(Object.fromEntries(got.status)).toEqual(Object.fromEntries(want.status));
        // The set-based rebuild (bulk loads, operators) arrives at the same rows as the transactional path.
        await db.transaction().execute((trx) => rebuildAll(trx));
        const rebuilt = await maintainedRollups();
        expect(Object.fromEntries(rebuilt.values)).toEqual(Object.fromEntries(want.values));
        expect(Object.fromEntries(rebuilt.status)).toEqual(Object.fromEntries(want.status));
        // Each report's own copy of its values (read by a commune's dashboard) is its report_value rows.
        const { rows: drift } = await sql<{ id: number }>`SELECT r.id FROM report r
          WHERE coalesce(r.figures, '{}') IS DISTINCT FROM coalesce((SELECT jsonb_object_agg(v.indicator, v.value)
            FROM report_value v WHERE v.report_id = r.id), '{}')`.execute(db);
        expect(drift).toEqual([]);
        // A commune's dashboard (one statement) says what the general reads say, merges included.
        for (const code of [a, b]) {
          const { rows: cur } = await sql<{ path: string }>`SELECT path::text AS path FROM unit_version
            WHERE code = ${code} AND valid_to IS NULL`.execute(db);
          if (!cur[0]) continue;
          const viewer = principal({ unitCode: code, unitPath: cur[0].path, unitLevel: 'commune' });
          for (const week of WEEKS) {
            const { narratives: _n, ...one } = await synthesis(db, viewer, code, week);
            const { narratives: _g, ...general } = await synthesis(db, viewer, code, week, { generalReads: true });
            expect(one).toEqual(general);
          }
        }
      }),
      { numRuns: 12, seed: 20261125 },
    );
    // The sequences did exercise what they claim: merges happened, reports were accepted and moved.
    const { rows } = await sql<{ merges: number; accepted: number; moved: number }>`SELECT
        (SELECT count(*)::int FROM unit_succession) AS merges,
        (SELECT count(*)::int FROM report WHERE status = 'accepted') AS accepted,
        (SELECT count(*)::int FROM report r WHERE NOT (r.unit_id = ANY(r.rollup_unit_ids))) AS moved`.execute(
      t.database.db,
    );
    expect(rows[0]!.merges).toBeGreaterThan(3);
    expect(rows[0]!.accepted).toBeGreaterThan(10);
    expect(rows[0]!.moved).toBeGreaterThan(0);
  }, 300_000);
});
