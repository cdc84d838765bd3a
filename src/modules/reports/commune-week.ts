import { type QueryExecutorProvider, type RawBuilder, sql } from 'kysely';
import type { OrgType } from '../../core/auth/principal.ts';
import { prepared } from '../../core/db/prepared.ts';
import { todayInVietnam } from '../units/index.ts';
import type { ReportForm } from './forms.ts';
import { type StatusRow, statusRollupSql, type ValueRow, type VillageReport, valueRollupSql } from './rollup-read.ts';
import type { MissingOrganisation, OwnRow } from './synthesis.ts';
import {
  type ExpectedRow,
  expectedSql,
  organisationsDueSql,
  ownReportsSql,
  villageReportsSql,
} from './synthesis-sql.ts';

export type CommuneWeek = {
  /** The commune's roll-ups (its subtree, itself included), per organisation type and indicator. */
  totals: ValueRow[];
  /** The commune's reporting counters (its subtree), per organisation type and level. */
  counts: StatusRow[];
  /** Reports expected from the commune's subtree, per organisation type and level. */
  expected: ExpectedRow[];
  /** Reports expected from each village, its organisations summed ('all'). */
  villageExpected: ExpectedRow[];
  /** The commune's own reports (any state) with their values. */
  own: OwnRow[];
  /** Every report its villages sent this week (not drafts), with the figures of the accepted ones. */
  reports: VillageReport[];
  /** The villages' organisations that owe the week's report (`missingChildren`). */
  organisations: MissingOrganisation[];
};

const list = (q: RawBuilder<unknown>) => sql`(SELECT coalesce(json_agg(t), '[]') FROM (${q}) t)`;

/**
 * Everything a commune's dashboard reads for a week, in one statement: PGlite runs a request's statements one after
 * another on its single connection and pays a fixed cost for each, so the reads the synthesis of a higher level
 * makes in parallel (the same fragments, `synthesis-sql.ts` and `rollup-read.ts`) are one round trip here.
 */
export async function readCommuneWeek(
  db: QueryExecutorProvider,
  communeId: number,
  villages: number[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
): Promise<CommuneWeek> {
  const filter = { weeks: [week], formCode: form.code, orgTypes: orgs };
  const { rows } = await prepared(sql<CommuneWeek>`SELECT
    ${list(valueRollupSql([communeId], filter))} AS totals,
    ${list(statusRollupSql([communeId], filter))} AS counts,
    ${list(expectedSql([communeId], week, form.levels, orgs, false))} AS expected,
    ${list(expectedSql(villages, week, form.levels, orgs, true))} AS "villageExpected",
    ${list(ownReportsSql(communeId, week, form.code, orgs))} AS own,
    ${list(villageReportsSql(villages, week, form.code, orgs))} AS reports,
    ${list(organisationsDueSql(villages, week, orgs, todayInVietnam()))} AS organisations`).execute(db);
  return rows[0]!;
}
