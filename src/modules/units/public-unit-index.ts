import { sql } from 'kysely';
import { SIMILARITY_THRESHOLD, trigramSimilarity, trigrams } from './trigram.ts';
import { cachedFigures } from './units.cache.ts';
import { UNIT_COLUMNS, type UnitsDb, validOn } from './units.db.ts';
import type { Unit } from './units.types.ts';

export type RankedUnit = Unit & { rank: number; sim: number; depth: number };

type IndexedUnit = Unit & { nameFolded: string; fullNameFolded: string; depth: number; nameTrigrams: Set<string> };

/**
 * Central, the provinces and the communes in force on a date (about 3,400 names), held in memory and
 * reloaded when a reorganisation changes the public tree. The public search box answers from it without
 * a database query; a GIN trigram scan over so few rows cost more than the whole request.
 */
export function publicUnitIndex(db: UnitsDb, asOf: string): Promise<IndexedUnit[]> {
  return cachedFigures(db, `public-index:${asOf}`, { kind: 'public' }, async () => {
    const { rows } = await sql<Unit & { nameFolded: string; fullNameFolded: string; depth: number }>`
      SELECT ${UNIT_COLUMNS}, v.name_folded AS "nameFolded", v.full_name_folded AS "fullNameFolded",
        nlevel(v.path) AS depth
      FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
      WHERE v.level <> 'village' AND ${validOn('v', asOf)}`.execute(db);
    return rows.map((r) => ({ ...r, nameTrigrams: trigrams(r.nameFolded) }));
  });
}

/** The SQL search's order: match kind, then (for fuzzy matches) similarity, level, similarity, order, code. */
export function compareRanked(a: RankedUnit, b: RankedUnit): number {
  return (
    a.rank - b.rank ||
    (a.rank === 3 ? b.sim - a.sim : 0) ||
    a.depth - b.depth ||
    b.sim - a.sim ||
    a.sortOrder - b.sortOrder ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/**
 * Ranks the indexed units against a folded query exactly as `searchUnits` ranks them in SQL: exact name or
 * full name, then prefix, then substring of the full name, then trigram similarity of the name.
 */
export function searchPublicUnits(
  index: IndexedUnit[],
  folded: string,
  o: { within: string | null; limit: number },
): RankedUnit[] {
  const queryTrigrams = trigrams(folded);
  const found: RankedUnit[] = [];
  for (const u of index) {
    if (o.within && !(u.path === o.within || u.path.startsWith(`${o.within}.`))) continue;
    const sim = trigramSimilarity(u.nameTrigrams, queryTrigrams);
    const contains = u.fullNameFolded.includes(folded);
    if (!contains && sim < SIMILARITY_THRESHOLD) continue;
    const rank =
      u.nameFolded === folded || u.fullNameFolded === folded
        ? 0
        : u.nameFolded.startsWith(folded) || u.fullNameFolded.startsWith(folded)
          ? 1
          : contains
            ? 2
            : 3;
    const { nameFolded: _n, fullNameFolded: _f, nameTrigrams: _t, ...unit } = u;
    found.push({ ...unit, rank, sim });
  }
  return found.sort(compareRanked).slice(0, o.limit);
}
