import { sql } from 'kysely';
import { authorize, requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import { formatNumber, formatPercent } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { todayInVietnam } from './unit-naming.ts';
import { cachedFigures, generationScopeOf } from './units.cache.ts';
import { UNIT_COLUMNS, type UnitsDb, validOn } from './units.db.ts';
import { findUnitByCode } from './units.repo.ts';
import type { Unit } from './units.types.ts';

type Figures = { communes: number; communesStarted: number; villages: number };

/** "2.280/3.321 (68,65%)": communes that created their village lists out of all communes. */
export function formatAdoption(f: Figures, lang: Lang): { ratio: number; formatted: string } {
  const ratio = f.communes ? f.communesStarted / f.communes : 0;
  return {
    ratio,
    formatted: `${formatNumber(f.communesStarted, lang)}/${formatNumber(f.communes, lang)} (${formatPercent(ratio, lang)})`,
  };
}

/**
 * How many communes have created their village list (at least one village in force) and how many villages
 * exist, per province and in total, counted live within the caller's subtree: Central sees the nation,
 * a province its own communes.
 */
export async function adoptionFigures(db: UnitsDb, p: Principal | null, lang: Lang, asOf?: string) {
  requireRole(p, 'view');
  return adoptionOfSubtree(db, p.unitPath, lang, asOf);
}

/**
 * The same figures for any subtree, without a caller: they are aggregates (how many communes have a list),
 * public like the subtree counts, so the public province page shows its own.
 */
export async function adoptionOfSubtree(db: UnitsDb, scopePath: string, lang: Lang, asOf?: string) {
  const at = asOf ?? todayInVietnam();
  const rows = await cachedFigures(db, `adoption:${scopePath}:${at}`, generationScopeOf(scopePath), () =>
    adoptionRows(db, scopePath, at),
  );
  const total: Figures = { communes: 0, communesStarted: 0, villages: 0 };
  for (const r of rows) {
    total.communes += r.communes;
    total.communesStarted += r.communesStarted;
    total.villages += r.villages;
  }
  return {
    asOf: at,
    total: { ...total, ...formatAdoption(total, lang) },
    provinces: rows.map((r) => ({ ...r, ...formatAdoption(r, lang) })),
  };
}

async function adoptionRows(db: UnitsDb, scopePath: string, at: string) {
  const { rows } = await sql<Figures & { provinceCode: string; provinceName: string }>`
    WITH villages AS (
      SELECT v.parent_id, count(*)::int AS n FROM unit_version v
      WHERE v.level = 'village' AND v.path <@ ${scopePath}::ltree AND ${validOn('v', at)} GROUP BY v.parent_id)
    SELECT pv.code AS "provinceCode", pv.full_name AS "provinceName", count(*)::int AS communes,
      count(villages.n)::int AS "communesStarted", coalesce(sum(villages.n), 0)::int AS villages
    FROM unit_version c
    JOIN unit_version pv ON pv.unit_id = c.parent_id AND ${validOn('pv', at)}
    LEFT JOIN villages ON villages.parent_id = c.unit_id
    WHERE c.level = 'commune' AND c.path <@ ${scopePath}::ltree AND ${validOn('c', at)}
    GROUP BY pv.code, pv.full_name, pv.sort_order ORDER BY pv.sort_order`.execute(db);
  return rows;
}

/** The communes of a province that have no village in force yet, within the caller's scope. */
export async function communesNotStarted(db: UnitsDb, p: Principal | null, provinceCode: string, asOf?: string) {
  const at = asOf ?? todayInVietnam();
  const province = await findUnitByCode(db, provinceCode, at);
  if (province?.level !== 'province') throw new AppError('NOT_FOUND');
  authorize(p, 'view', { unitPath: province.path });
  const { rows } = await sql<Unit>`SELECT ${UNIT_COLUMNS}
    FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
    WHERE v.parent_id = ${province.id} AND v.level = 'commune' AND ${validOn('v', at)}
      AND NOT EXISTS (SELECT 1 FROM unit_version w WHERE w.parent_id = v.unit_id AND w.level = 'village'
        AND ${validOn('w', at)})
    ORDER BY v.sort_order`.execute(db);
  return rows;
}
