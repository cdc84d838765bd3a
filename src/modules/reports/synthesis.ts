import { type QueryExecutorProvider, sql } from 'kysely';
import { authorize } from '../../core/auth/policy.ts';
import { ORG_TYPES, type OrgType, type Principal, type UnitLevel } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { prepared } from '../../core/db/prepared.ts';
import { AppError } from '../../core/http/errors.ts';
import { orgTypesAt, todayInVietnam } from '../units/index.ts';
import { readCommuneWeek } from './commune-week.ts';
import { formForWeek, type ReportForm, WEEKLY_FORM } from './forms.ts';
import { groupSentences, type NarrativeGroup } from './narratives.ts';
import {
  readStatusRollups,
  readValueRollups,
  type VillageReport,
  villageStatusRows,
  villageValueRows,
} from './rollup-read.ts';
import { reconcileWithTree } from './rollups.ts';
import { expectedSql, organisationsDueSql, ownReportsSql, validToday } from './synthesis-sql.ts';
import { deadlineOf, formatWeek } from './weeks.ts';

export type UnitInfo = {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  path: string;
  parentCode: string | null;
};

const LEVELS: UnitLevel[] = ['central', 'province', 'commune', 'village'];

export async function unitByCode(db: QueryExecutorProvider, code: string): Promise<UnitInfo | null> {
  const today = todayInVietnam();
  const { rows } = await sql<UnitInfo>`SELECT v.unit_id AS id, v.code, v.full_name AS name, v.level,
      v.path::text AS path, pu.code AS "parentCode"
    FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.code = ${code} AND ${validToday('v', today)} LIMIT 1`.execute(db);
  return rows[0] ? { ...rows[0], id: Number(rows[0].id) } : null;
}

export async function childUnits(db: QueryExecutorProvider, unitId: number): Promise<UnitInfo[]> {
  const today = todayInVietnam();
  const { rows } = await sql<UnitInfo>`SELECT v.unit_id AS id, v.code, v.full_name AS name, v.level,
      v.path::text AS path, NULL AS "parentCode"
    FROM unit_version v WHERE v.parent_id = ${unitId} AND ${validToday('v', today)}
    ORDER BY v.sort_order, v.code`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * A unit in force with its children in force (in `childUnits` order) and whether the tree changed since the
 * roll-ups were last reconciled with it (`hasPendingTreeChanges`), in one statement.
 */
async function unitWithChildren(
  db: QueryExecutorProvider,
  code: string,
): Promise<{ unit: UnitInfo; children: UnitInfo[]; treeChanged: boolean } | null> {
  const today = todayInVietnam();
  const { rows } = await prepared(sql<UnitInfo & { treeChanged: boolean; children: UnitInfo[] }>`SELECT v.unit_id AS id,
      v.code, v.full_name AS name, v.level, v.path::text AS path, pu.code AS "parentCode",
      EXISTS (SELECT 1 FROM report_tree_change) AS "treeChanged",
      (SELECT coalesce(json_agg(json_build_object('id', c.unit_id, 'code', c.code, 'name', c.full_name,
          'level', c.level, 'path', c.path::text, 'parentCode', NULL) ORDER BY c.sort_order, c.code), '[]')
        FROM unit_version c WHERE c.parent_id = v.unit_id AND ${validToday('c', today)}) AS children
    FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.code = ${code} AND ${validToday('v', today)} LIMIT 1`).execute(db);
  const r = rows[0];
  if (!r) return null;
  const { treeChanged, children, ...unit } = r;
  return {
    unit: { ...unit, id: Number(unit.id) },
    children: children.map((c) => ({ ...c, id: Number(c.id) })),
    treeChanged,
  };
}

/** Which organisation types a principal reads: all for the Front, its own otherwise (optionally narrowed). */
export function orgTypesFor(p: Principal, wanted?: OrgType | null): OrgType[] {
  const mine: OrgType[] = p.orgType === 'front' ? [...ORG_TYPES] : [p.orgType];
  return wanted ? mine.filter((o) => o === wanted) : mine;
}

/** A unit a principal may look at (404 outside its scope), for a week's form. */
export async function viewableUnit(db: Db, p: Principal | null, code: string, orgType?: OrgType | null) {
  const unit = await unitByCode(db, code);
  if (!unit) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  authorize(p, 'view', { unitPath: unit.path, orgType: orgType ?? (p?.orgType === 'front' ? null : p?.orgType) });
  return unit;
}

/** A child unit's organisation that owes the week's report and has not sent it. */
export type MissingOrganisation = { code: string; name: string; orgType: OrgType; organisationId: number };

export type CompletenessCell = {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  accepted: number;
  returned: number;
  rate: number;
};

function cell(expected: number, s?: { submitted: number; onTime: number; accepted: number; returned: number }) {
  const submitted = s?.submitted ?? 0;
  const onTime = s?.onTime ?? 0;
  return {
    expected,
    submitted,
    onTime,
    late: submitted - onTime,
    missing: Math.max(0, expected - submitted),
    accepted: s?.accepted ?? 0,
    returned: s?.returned ?? 0,
    rate: expected ? Math.min(1, submitted / expected) : 0,
  };
}

type Counts = {
  unitId: number;
  orgType: string;
  level: string;
  submitted: number;
  onTime: number;
  accepted: number;
  returned: number;
};

/** Expected and reporting counters of a set of units' subtrees for a week (below the units themselves). */
async function completenessRows(
  db: QueryExecutorProvider,
  units: { id: number; level: string }[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
  acrossOrgs = false,
) {
  const unitIds = units.map((u) => u.id);
  const [exp, got] = await Promise.all([
    prepared(expectedSql(unitIds, week, form.levels, orgs, acrossOrgs)).execute(db),
    readStatusRollups(db, units, { weeks: [week], formCode: form.code, orgTypes: orgs, acrossOrgs }),
  ]);
  return { expected: exp.rows.map((r) => ({ ...r, unitId: Number(r.unitId) })), counts: got as Counts[] };
}

function sumCells(
  expected: { orgType: string; level: string; n: number }[],
  counts: { orgType: string; level: string; submitted: number; onTime: number; accepted: number; returned: number }[],
  keep: (orgType: string, level: string) => boolean,
): CompletenessCell {
  const e = expected.filter((x) => keep(x.orgType, x.level)).reduce((a, x) => a + x.n, 0);
  const s = { submitted: 0, onTime: 0, accepted: 0, returned: 0 };
  for (const c of counts.filter((x) => keep(x.orgType, x.level))) {
    s.submitted += c.submitted;
    s.onTime += c.onTime;
    s.accepted += c.accepted;
    s.returned += c.returned;
  }
  return cell(e, s);
}

export type Synthesis = {
  unit: UnitInfo;
  week: string;
  form: { code: string; version: number; title: string };
  deadline: string;
  orgTypes: OrgType[];
  indicators: { key: string; labelVi: string; labelEn: string }[];
  /** Own + beneath, accepted reports, per organisation type and indicator; `all` consolidates the organisations. */
  totals: Record<string, Record<string, number>>;
  /** The unit's own reports (any state), per organisation type. */
  own: Record<string, { status: string; values: Record<string, number> } | undefined>;
  byChild: {
    code: string;
    name: string;
    totals: Record<string, number>;
    completeness: CompletenessCell;
  }[];
  completeness: {
    total: CompletenessCell;
    byLevel: Record<string, CompletenessCell>;
    byOrg: Record<string, CompletenessCell>;
  };
  missing: MissingOrganisation[];
  narratives: {
    difficulties: NarrativeGroup[];
    recommendations: NarrativeGroup[];
    byUnit: { code: string; name: string; orgType: string; status: string; narratives: Record<string, string> }[];
  };
};

/**
 * The synthesis of a unit for a week: totals of everything beneath it (maintained roll-ups, no scan of reports),
 * the breakdown by child unit and by organisation, completeness and timeliness, the missing subordinates and the
 * subordinates' narratives with the most frequent difficulties and recommendations on top.
 */
export async function synthesis(
  db: Db,
  p: Principal | null,
  code: string,
  week: number,
  o: {
    orgType?: OrgType | null;
    form?: string;
    narratives?: boolean;
    /** Tests: a commune read through the general reads, to compare with its one statement. */
    generalReads?: boolean;
  } = {},
): Promise<Synthesis> {
  // One round trip for the unit, its children and whether the tree changed since the roll-ups were reconciled.
  const found = await unitWithChildren(db, code);
  if (!found) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  const { unit, children, treeChanged } = found;
  authorize(p, 'view', { unitPath: unit.path, orgType: o.orgType ?? (p?.orgType === 'front' ? null : p?.orgType) });
  if (treeChanged) await reconcileWithTree(db);
  const form = await formForWeek(db, o.form ?? WEEKLY_FORM, week);
  if (!form) throw new AppError('NOT_FOUND');
  const orgs = orgTypesFor(p!, o.orgType).filter((t) => form.orgTypes.includes(t));
  const numeric = form.fields.filter((f) => f.kind === 'number');
  const { totalRows, childRows, ownRows, comp, childComp, missing, narratives } =
    children[0]?.level === 'village' && !o.generalReads
      ? await communeReads(db, unit, children, week, form, orgs, o.narratives !== false)
      : await unitReads(db, unit, children, week, form, orgs, o.narratives !== false);
  const totals: Record<string, Record<string, number>> = { all: {} };
  for (const r of totalRows) {
    totals[r.orgType] ??= {};
    totals[r.orgType]![r.indicator] = Number(r.value);
    totals.all![r.indicator] = (totals.all![r.indicator] ?? 0) + Number(r.value);
  }
  const own: Synthesis['own'] = {};
  for (const r of ownRows) {
    own[r.orgType] ??= { status: r.status, values: {} };
    if (r.indicator) own[r.orgType]!.values[r.indicator] = Number(r.value);
  }
  // Completeness counts subordinates: the unit's own organisations report to the level above.
  const below = (level: string) => LEVELS.indexOf(level as UnitLevel) > LEVELS.indexOf(unit.level);
  const levelsBelow = form.levels.filter(below);
  const byLevel: Record<string, CompletenessCell> = {};
  for (const l of levelsBelow) byLevel[l] = sumCells(comp.expected, comp.counts, (_o, lv) => lv === l);
  const byOrg: Record<string, CompletenessCell> = {};
  for (const t of orgs) byOrg[t] = sumCells(comp.expected, comp.counts, (ot, lv) => ot === t && below(lv));
  const byChild = children.map((c) => {
    const t: Record<string, number> = {};
    for (const r of childRows) if (r.unitId === c.id) t[r.indicator] = (t[r.indicator] ?? 0) + r.value;
    return {
      code: c.code,
      name: c.name,
      totals: t,
      completeness: sumCells(
        childComp.expected.filter((x) => x.unitId === c.id),
        childComp.counts.filter((x) => x.unitId === c.id),
        () => true,
      ),
    };
  });
  return {
    unit,
    week: formatWeek(week),
    form: { code: form.code, version: form.version, title: form.title },
    deadline: deadlineOf(week, form.deadlineMinutes).toISOString(),
    orgTypes: orgs,
    indicators: numeric.map((f) => ({ key: f.key, labelVi: f.labelVi, labelEn: f.labelEn })),
    totals,
    own,
    byChild,
    completeness: {
      total: sumCells(comp.expected, comp.counts, (_o, lv) => below(lv)),
      byLevel,
      byOrg,
    },
    missing,
    narratives,
  };
}

type Completeness = { expected: { unitId: number; orgType: string; level: string; n: number }[]; counts: Counts[] };
export type OwnRow = { orgType: string; status: string; indicator: string | null; value: number | null };
type Reads = {
  totalRows: { orgType: string; indicator: string; value: number }[];
  childRows: { unitId: number; indicator: string; value: number }[];
  ownRows: OwnRow[];
  comp: Completeness;
  childComp: Completeness;
  missing: Synthesis['missing'];
  narratives: Synthesis['narratives'];
};
const NO_NARRATIVES: Synthesis['narratives'] = { difficulties: [], recommendations: [], byUnit: [] };

/** What the synthesis of a province or Central reads: its roll-ups and its children's, none depending on another. */
async function unitReads(
  db: QueryExecutorProvider,
  unit: UnitInfo,
  children: UnitInfo[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
  withNarratives: boolean,
): Promise<Reads> {
  const filter = { weeks: [week], formCode: form.code, orgTypes: orgs };
  const [totalRows, childRows, own, comp, childComp, missing, narratives] = await Promise.all([
    readValueRollups(db, [unit], filter),
    // The breakdown by child sums the organisations: only those sums are read.
    readValueRollups(db, children, { ...filter, acrossOrgs: true }),
    prepared(ownReportsSql(unit.id, week, form.code, orgs)).execute(db),
    completenessRows(db, [unit], week, form, orgs),
    completenessRows(db, children, week, form, orgs, true),
    missingChildren(db, children, week, form, orgs),
    withNarratives
      ? childNarratives(
          db,
          children.map((c) => c.id),
          week,
          form,
          orgs,
        )
      : NO_NARRATIVES,
  ]);
  return { totalRows, childRows, ownRows: own.rows, comp, childComp, missing, narratives };
}

/**
 * What the synthesis of a commune reads, in one statement (`readCommuneWeek`): its villages have no roll-up rows, so
 * their figures, counters, narratives and who has sent what come from one pass over their reports of the week.
 */
async function communeReads(
  db: QueryExecutorProvider,
  unit: UnitInfo,
  villages: UnitInfo[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
  withNarratives: boolean,
): Promise<Reads> {
  const read = await readCommuneWeek(
    db,
    unit.id,
    villages.map((v) => v.id),
    week,
    form,
    orgs,
  );
  const sent = new Set(read.reports.map((r) => r.organisationId));
  return {
    totalRows: read.totals,
    childRows: villageValueRows(read.reports, week),
    ownRows: read.own,
    comp: { expected: read.expected, counts: read.counts },
    childComp: {
      expected: read.villageExpected,
      counts: villageStatusRows(read.reports, week),
    },
    missing: form.levels.includes('village') ? missingOf(read.organisations, villages, sent) : [],
    narratives: withNarratives ? villageNarratives(read.reports, villages) : NO_NARRATIVES,
  };
}

/** Direct subordinates (child unit × organisation) that have not sent their report for the week. */
export async function missingChildren(
  db: QueryExecutorProvider,
  children: UnitInfo[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
): Promise<MissingOrganisation[]> {
  if (!children.length || !form.levels.includes(children[0]!.level)) return [];
  const notSent = sql`AND NOT EXISTS (SELECT 1 FROM report r WHERE r.organisation_id = o.id
    AND r.form_code = ${form.code} AND r.week = ${week} AND r.status <> 'draft')`;
  const ids = children.map((c) => c.id);
  const { rows } = await prepared(organisationsDueSql(ids, week, orgs, todayInVietnam(), notSent)).execute(db);
  return missingOf(rows, children);
}

/**
 * The organisations of the children that owe a report and have not sent it (those in `sent`, when given, have),
 * in the children's order, then the organisations' order.
 */
function missingOf(organisations: MissingOrganisation[], children: UnitInfo[], sent?: Set<number>) {
  const position = new Map(children.map((c, i) => [c.code, i]));
  const order = (t: string) => ORG_TYPES.indexOf(t as OrgType);
  return organisations
    .map((r) => ({ ...r, organisationId: Number(r.organisationId) }))
    .filter((r) => !sent?.has(r.organisationId))
    .filter((r) => orgTypesAt(children[position.get(r.code)!]!.level).includes(r.orgType))
    .sort((a, b) => position.get(a.code)! - position.get(b.code)! || order(a.orgType) - order(b.orgType));
}

async function childNarratives(
  db: QueryExecutorProvider,
  childIds: number[],
  week: number,
  form: ReportForm,
  orgs: OrgType[],
) {
  if (!childIds.length) return { difficulties: [], recommendations: [], byUnit: [] };
  const today = todayInVietnam();
  const { rows } = await prepared(sql<{
    code: string;
    name: string;
    orgType: string;
    status: string;
    narratives: Record<string, string>;
  }>`
    SELECT v.code, v.full_name AS name, r.org_type AS "orgType", r.status, r.narratives
    FROM report r JOIN unit_version v ON v.unit_id = r.unit_id AND ${validToday('v', today)}
    WHERE r.unit_id = ANY(${childIds}::bigint[]) AND r.week = ${week} AND r.form_code = ${form.code}
      AND r.status IN ('submitted', 'accepted') AND r.org_type = ANY(${orgs}::text[])
    ORDER BY v.sort_order, v.code, r.org_type`).execute(db);
  return narrativesOf(rows);
}

type NarrativeRow = { code: string; name: string; orgType: string; status: string; narratives: Record<string, string> };

/** Subordinates' narratives by unit, with the most frequent difficulties and recommendations grouped on top. */
function narrativesOf(rows: NarrativeRow[]) {
  const items = (key: string) =>
    rows
      .filter((r) => r.narratives?.[key])
      .map((r) => ({ text: r.narratives[key]!, unitCode: r.code, unitName: r.name, orgType: r.orgType }));
  return {
    difficulties: groupSentences(items('difficulties')),
    recommendations: groupSentences(items('recommendations')),
    byUnit: rows,
  };
}

/** `childNarratives` of a commune's villages, from their reports of the week (`readCommuneWeek`). */
function villageNarratives(reports: VillageReport[], children: UnitInfo[]) {
  const position = new Map(children.map((c, i) => [c.id, i]));
  const rows = reports
    .filter((r) => (r.status === 'submitted' || r.status === 'accepted') && position.has(r.unitId))
    .sort(
      (a, b) =>
        position.get(a.unitId)! - position.get(b.unitId)! ||
        (a.orgType < b.orgType ? -1 : a.orgType > b.orgType ? 1 : 0),
    )
    .map((r) => {
      const c = children[position.get(r.unitId)!]!;
      return { code: c.code, name: c.name, orgType: r.orgType, status: r.status, narratives: r.narratives };
    });
  return narrativesOf(rows);
}

/** The naive answer — SUM … GROUP BY over the raw accepted reports of the subtree — for tests and the benchmark. */
export async function naiveTotals(db: QueryExecutorProvider, path: string, week: number, formCode = WEEKLY_FORM) {
  const today = todayInVietnam();
  const { rows } = await sql<{ orgType: string; indicator: string; value: number }>`SELECT r.org_type AS "orgType",
      v.indicator, sum(v.value)::bigint AS value
    FROM report r JOIN report_value v ON v.report_id = r.id
      JOIN unit_version u ON u.unit_id = r.unit_id AND ${validToday('u', today)}
    WHERE u.path <@ ${path}::ltree AND r.week = ${week} AND r.form_code = ${formCode} AND r.status = 'accepted'
    GROUP BY 1, 2`.execute(db);
  return rows;
}

/** Reporting rates week by week for a unit (history), and the consolidated indicator totals per week. */
export async function history(
  db: Db,
  p: Principal | null,
  code: string,
  weeks: number[],
  o: { orgType?: OrgType | null; form?: string } = {},
) {
  const unit = await viewableUnit(db, p, code, o.orgType);
  await reconcileWithTree(db);
  const out: { week: string; completeness: CompletenessCell; totals: Record<string, number> }[] = [];
  const form = await formForWeek(db, o.form ?? WEEKLY_FORM, weeks.at(-1)!);
  if (!form) throw new AppError('NOT_FOUND');
  const orgs = orgTypesFor(p!, o.orgType);
  const below = (level: string) => LEVELS.indexOf(level as UnitLevel) > LEVELS.indexOf(unit.level);
  const filter = { weeks, formCode: form.code, orgTypes: orgs };
  const tot = await readValueRollups(db, [unit], filter);
  const { rows: exp } = await sql<{
    orgType: string;
    level: string;
    fromWeek: number;
    n: number;
  }>`SELECT org_type AS "orgType",
      level, from_week AS "fromWeek", count AS n FROM report_expected WHERE unit_id = ${unit.id}
      AND org_type = ANY(${orgs}::text[]) AND level = ANY(${form.levels}::text[])`.execute(db);
  const got = await readStatusRollups(db, [unit], filter);
  for (const w of weeks) {
    const totals: Record<string, number> = {};
    for (const r of tot) if (r.week === w) totals[r.indicator] = (totals[r.indicator] ?? 0) + r.value;
    out.push({
      week: formatWeek(w),
      completeness: sumCells(
        exp.filter((e) => e.fromWeek <= w),
        got.filter((g) => g.week === w),
        (_o, lv) => below(lv),
      ),
      totals,
    });
  }
  return { unit, form: { code: form.code, title: form.title }, weeks: out };
}
