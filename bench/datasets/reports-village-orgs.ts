import { type Kysely, sql } from 'kysely';
import type { Principal } from '../../src/core/auth/principal.ts';
import type { CoreTables } from '../../src/core/db/database.ts';
import { saveReport } from '../../src/modules/reports/reports.service.ts';

/** A village organisation that has not reported this week, for the submission and acceptance benchmarks. */
export type VillageOrg = { code: string; path: string; orgType: Principal['orgType'] };

/**
 * Up to `limit` village organisations without a report for `week`, from anywhere in the country in a fixed
 * pseudo-random order (in id order the ones in flight would all be one commune's and queue on its roll-up rows,
 * which no real week looks like).
 */
export async function villageOrgsWithoutReport(db: Kysely<CoreTables>, week: number, limit: number) {
  const { rows } = await sql<VillageOrg>`SELECT v.code, v.path::text AS path, o.org_type AS "orgType"
    FROM organisation o JOIN unit_version v ON v.unit_id = o.unit_id AND v.valid_to IS NULL
    WHERE v.level = 'village' AND o.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM report r
      WHERE r.organisation_id = o.id AND r.week = ${week})
    ORDER BY md5(o.id::text) LIMIT ${limit}`.execute(db);
  return rows;
}

/** The village's Front data entry cadre (signed in at the village, the organisation's own type). */
export function dataEntryOf(o: VillageOrg): Principal {
  return {
    accountId: 'bench',
    displayName: 'Bench',
    unitCode: o.code,
    unitPath: o.path,
    unitLevel: 'village',
    orgType: o.orgType,
    roles: ['data_entry'],
  };
}

/** The commune's approver above the village, for the same organisation. */
export function approverAbove(o: VillageOrg): Principal {
  const parent = o.path.split('.').slice(0, -1).join('.');
  return {
    ...dataEntryOf(o),
    unitCode: parent.split('.').at(-1)!,
    unitPath: parent,
    unitLevel: 'commune',
    roles: ['approver'],
  };
}

/** Submits the village organisation's report for `week` (the figures a village typically sends); its id. */
export async function submitVillageReport(db: Kysely<CoreTables>, o: VillageOrg, week: number): Promise<number> {
  const r = await saveReport(
    db,
    dataEntryOf(o),
    { unitCode: o.code, orgType: o.orgType, week },
    {
      values: { members: 120, new_members: 2, activities_held: 3, participants: 80, petitions_received: 1 },
      narratives: { difficulties: 'Thiếu kinh phí.' },
    },
    { submit: true, lang: 'vi' },
  );
  return r.id;
}
