import { sql } from 'kysely';
import type { OrgType } from '../../core/auth/principal.ts';
import { UNIT_COLUMNS, type UnitsDb, validOn } from './units.db.ts';
import type { Unit } from './units.types.ts';

const FROM_VERSIONS = sql`unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id`;

export async function findUnitByCode(db: UnitsDb, code: string, asOf: string): Promise<Unit | null> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM ${FROM_VERSIONS}
    WHERE v.code = ${code} AND ${validOn('v', asOf)} LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

export async function findUnitsByCodes(db: UnitsDb, codes: string[], asOf: string): Promise<Unit[]> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM ${FROM_VERSIONS}
    WHERE v.code = ANY(${codes}::text[]) AND ${validOn('v', asOf)} ORDER BY v.sort_order, v.code`.execute(db);
  return rows;
}

export async function findUnitById(db: UnitsDb, id: number, asOf: string): Promise<Unit | null> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM ${FROM_VERSIONS}
    WHERE v.unit_id = ${id} AND ${validOn('v', asOf)} LIMIT 1`.execute(db);
  return rows[0] ?? null;
}

export async function listProvinces(db: UnitsDb, asOf: string): Promise<Unit[]> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM ${FROM_VERSIONS}
    WHERE v.level = 'province' AND ${validOn('v', asOf)} ORDER BY v.sort_order, v.code`.execute(db);
  return rows;
}

export type UnitRef = Pick<Unit, 'id' | 'path' | 'level'>;

/**
 * A unit found by code and a page of its children, in one round trip (the parent decides who may read the
 * page, so the caller checks it before answering). Null when the code is unknown on that date.
 */
export async function listChildrenByCode(
  db: UnitsDb,
  code: string,
  asOf: string,
  page: { limit: number; offset: number },
): Promise<{ parent: UnitRef; items: Unit[]; total: number } | null> {
  const { rows } = await sql<
    Partial<Unit> & { pId: number; pPath: string; pLevel: Unit['level']; total: number | null }
  >`
    WITH p AS (SELECT v.unit_id, v.path, v.level FROM unit_version v WHERE v.code = ${code} AND ${validOn('v', asOf)} LIMIT 1)
    SELECT p.unit_id AS "pId", p.path::text AS "pPath", p.level AS "pLevel", c.*
    FROM p LEFT JOIN LATERAL (
      SELECT ${UNIT_COLUMNS}, count(*) OVER () AS total FROM ${FROM_VERSIONS}
      WHERE v.parent_id = p.unit_id AND ${validOn('v', asOf)}
      ORDER BY v.sort_order, v.code LIMIT ${page.limit} OFFSET ${page.offset}) c ON true`.execute(db);
  const first = rows[0];
  if (!first) return null;
  const parent = { id: first.pId, path: first.pPath, level: first.pLevel };
  const items = rows
    .filter((r) => r.id != null)
    .map(({ pId: _i, pPath: _p, pLevel: _l, total: _t, ...u }) => u as Unit);
  const total = first.total ?? (page.offset ? await countChildren(db, parent.id, asOf) : 0);
  return { parent, items, total };
}

export async function listChildren(
  db: UnitsDb,
  parentId: number,
  asOf: string,
  page: { limit: number; offset: number },
): Promise<{ items: Unit[]; total: number }> {
  const { rows } = await sql<Unit & { total: number }>`SELECT ${UNIT_COLUMNS}, count(*) OVER () AS total
    FROM ${FROM_VERSIONS}
    WHERE v.parent_id = ${parentId} AND ${validOn('v', asOf)}
    ORDER BY v.sort_order, v.code LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  const total = rows[0]?.total ?? (page.offset ? await countChildren(db, parentId, asOf) : 0);
  return { items: rows.map(({ total: _, ...u }) => u), total };
}

async function countChildren(db: UnitsDb, parentId: number, asOf: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit_version v
    WHERE v.parent_id = ${parentId} AND ${validOn('v', asOf)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Central down to the unit itself. */
export async function listAncestors(db: UnitsDb, path: string, asOf: string): Promise<Unit[]> {
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS} FROM ${FROM_VERSIONS}
    WHERE v.path @> ${path}::ltree AND ${validOn('v', asOf)} ORDER BY nlevel(v.path)`.execute(db);
  return rows;
}

/** Central down to the unit with this code, in one round trip; empty when the code is unknown on that date. */
export async function listAncestorsByCode(db: UnitsDb, code: string, asOf: string): Promise<Unit[]> {
  const { rows } = await sql<Unit>`WITH u AS (
      SELECT v.path FROM unit_version v WHERE v.code = ${code} AND ${validOn('v', asOf)} LIMIT 1)
    SELECT ${UNIT_COLUMNS} FROM u, ${FROM_VERSIONS}
    WHERE v.path @> u.path AND ${validOn('v', asOf)} ORDER BY nlevel(v.path)`.execute(db);
  return rows;
}

export type SubtreeCounts = {
  provinces: number;
  communes: number;
  villages: number;
  organisations: Record<OrgType, number>;
};

export async function countSubtree(db: UnitsDb, path: string, asOf: string): Promise<SubtreeCounts> {
  const units = await sql<{ level: string; n: number }>`SELECT v.level, count(*)::int AS n FROM unit_version v
    WHERE v.path <@ ${path}::ltree AND ${validOn('v', asOf)} GROUP BY v.level`.execute(db);
  // Below Central every unit of the subtree lies in one province: the organisations' province code lets the
  // planner read that province's rows through its index instead of scanning all organisations.
  const provinceCode = path.split('.')[1];
  const inProvince = provinceCode ? sql`AND o.province_code = ${provinceCode}` : sql``;
  const orgs = await sql<{ org_type: OrgType; n: number }>`SELECT o.org_type, count(*)::int AS n
    FROM unit_version v JOIN organisation o ON o.unit_id = v.unit_id AND ${validOn('o', asOf)} ${inProvince}
    WHERE v.path <@ ${path}::ltree AND ${validOn('v', asOf)} GROUP BY o.org_type`.execute(db);
  const level = (l: string) => units.rows.find((r) => r.level === l)?.n ?? 0;
  const organisations = {
    front: 0,
    trade_union: 0,
    youth_union: 0,
    womens_union: 0,
    farmers_union: 0,
    veterans: 0,
  } as Record<OrgType, number>;
  for (const r of orgs.rows) organisations[r.org_type] = r.n;
  return { provinces: level('province'), communes: level('commune'), villages: level('village'), organisations };
}

export type OrganisationRow = { id: number; orgType: OrgType; name: string; validFrom: string; validTo: string | null };

export async function listOrganisationsOf(db: UnitsDb, unitId: number, asOf: string): Promise<OrganisationRow[]> {
  const { rows } = await sql<OrganisationRow>`SELECT o.id, o.org_type AS "orgType",
      organisation_name(o.org_type, v.level, v.type, v.name) AS name, o.valid_from AS "validFrom", o.valid_to AS "validTo"
    FROM organisation o JOIN unit_version v ON v.unit_id = o.unit_id AND ${validOn('v', asOf)}
    WHERE o.unit_id = ${unitId} AND ${validOn('o', asOf)} ORDER BY o.id`.execute(db);
  return rows;
}

export type SearchOptions = {
  q: string;
  asOf: string;
  within: string | null;
  /** Paths under which villages may be returned (the caller's scope); null: no villages at all. */
  villageScope: string | null;
  /** False: villages only (the service answers Central, provinces and communes from the in-memory index). */
  includePublic?: boolean;
  limit: number;
};

/**
 * Name search that ignores case, tone marks and their placement, and đ/d: both sides go through vn_fold.
 * Ranked: exact match of the name or full name, then prefix, then substring (higher levels first within
 * each), then by trigram similarity. The trigram indexes serve every branch.
 */
export async function searchUnits(
  db: UnitsDb,
  o: SearchOptions,
): Promise<(Unit & { rank: number; sim: number; depth: number })[]> {
  const within = o.within ? sql`AND v.path <@ ${o.within}::ltree` : sql``;
  // Each arm names its level so the planner can use the partial trigram index of that level (migration 0012).
  const matches = sql`(v.full_name_folded LIKE '%' || q.f || '%' OR v.name_folded % q.f)`;
  // Villages (~90,000 short names: "Đông", "Số 5") match by substring only; trigram similarity over them turns
  // up thousands of near-misses per query. Typing mistakes are forgiven on provinces and communes.
  const villages = o.villageScope
    ? sql`OR (v.level = 'village' AND v.path <@ ${o.villageScope}::ltree AND v.full_name_folded LIKE '%' || q.f || '%')`
    : sql``;
  const { rows } = await sql<Unit & { rank: number; sim: number; depth: number }>`SELECT * FROM (
      WITH q AS (SELECT vn_fold(${o.q}) AS f)
      SELECT ${UNIT_COLUMNS},
        CASE WHEN v.name_folded = q.f OR v.full_name_folded = q.f THEN 0
             WHEN v.name_folded LIKE q.f || '%' OR v.full_name_folded LIKE q.f || '%' THEN 1
             WHEN v.full_name_folded LIKE '%' || q.f || '%' THEN 2
             ELSE 3 END AS rank,
        similarity(v.name_folded, q.f) AS sim, nlevel(v.path) AS depth
      FROM q, ${FROM_VERSIONS}
      WHERE (${o.includePublic === false ? sql`false` : sql`(v.level <> 'village' AND ${matches})`} ${villages})
        AND ${validOn('v', o.asOf)} ${within}
    ) found
    ORDER BY rank, CASE WHEN rank = 3 THEN -sim ELSE 0 END, depth, sim DESC, "sortOrder", code
    LIMIT ${o.limit}`.execute(db);
  return rows;
}
