import { sql } from 'kysely';
import { SIMILARITY_THRESHOLD, trigrams } from './trigram.ts';
import { cachedFigures } from './units.cache.ts';
import { UNIT_COLUMNS, type UnitsDb, validOn } from './units.db.ts';
import type { Unit } from './units.types.ts';

export type RankedUnit = Unit & { rank: number; sim: number; depth: number };

type IndexedUnit = Unit & { nameFolded: string; fullNameFolded: string; depth: number };

/**
 * The public names with an inverted trigram index: `postings` maps a trigram of a name to the positions of the
 * units holding it, `trigramCounts` holds each name's number of distinct trigrams. A query then touches only the
 * units that share a trigram with it (similarity) plus one substring test per name (containment), instead of a
 * set intersection per name — a search costs a few tens of microseconds rather than milliseconds.
 */
export type PublicUnitIndex = {
  units: IndexedUnit[];
  postings: Map<string, Int32Array>;
  trigramCounts: Int32Array;
};

/**
 * Central, the provinces and the communes in force on a date (about 3,400 names), held in memory and
 * reloaded when a reorganisation changes the public tree. The public search box answers from it without
 * a database query; a GIN trigram scan over so few rows cost more than the whole request.
 */
export function publicUnitIndex(db: UnitsDb, asOf: string): Promise<PublicUnitIndex> {
  return cachedFigures(db, `public-index:${asOf}`, { kind: 'public' }, async () => {
    const { rows } = await sql<IndexedUnit>`
      SELECT ${UNIT_COLUMNS}, v.name_folded AS "nameFolded", v.full_name_folded AS "fullNameFolded",
        nlevel(v.path) AS depth
      FROM unit_version v LEFT JOIN unit pu ON pu.id = v.parent_id
      WHERE v.level <> 'village' AND ${validOn('v', asOf)}`.execute(db);
    return buildPublicUnitIndex(rows);
  });
}

export function buildPublicUnitIndex(units: IndexedUnit[]): PublicUnitIndex {
  const lists = new Map<string, number[]>();
  const trigramCounts = new Int32Array(units.length);
  units.forEach((u, i) => {
    const own = trigrams(u.nameFolded);
    trigramCounts[i] = own.size;
    for (const t of own) {
      const list = lists.get(t);
      if (list) list.push(i);
      else lists.set(t, [i]);
    }
  });
  const postings = new Map<string, Int32Array>();
  for (const [t, list] of lists) postings.set(t, Int32Array.from(list));
  return { units, postings, trigramCounts };
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
 * full name, then prefix, then substring of the full name, then trigram similarity of the name (pg_trgm's
 * `similarity`: shared trigrams over all distinct trigrams of both).
 */
export function searchPublicUnits(
  index: PublicUnitIndex,
  folded: string,
  o: { within: string | null; limit: number },
): RankedUnit[] {
  const { units, postings, trigramCounts } = index;
  const queryTrigrams = trigrams(folded);
  const common = new Int32Array(units.length);
  for (const t of queryTrigrams) {
    const list = postings.get(t);
    if (list) for (const k of list) common[k] = (common[k] as number) + 1;
  }
  const found: (IndexedUnit & { rank: number; sim: number })[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as IndexedUnit;
    const shared = common[i] as number;
    const size = trigramCounts[i] as number;
    const sim = shared === 0 || size === 0 ? 0 : shared / (size + queryTrigrams.size - shared);
    if (sim < SIMILARITY_THRESHOLD && !u.fullNameFolded.includes(folded)) continue;
    if (o.within && !(u.path === o.within || u.path.startsWith(`${o.within}.`))) continue;
    const rank =
      u.nameFolded === folded || u.fullNameFolded === folded
        ? 0
        : u.nameFolded.startsWith(folded) || u.fullNameFolded.startsWith(folded)
          ? 1
          : u.fullNameFolded.includes(folded)
            ? 2
            : 3;
    found.push({ ...u, rank, sim });
  }
  return found
    .sort(compareRanked)
    .slice(0, o.limit)
    .map(({ nameFolded: _n, fullNameFolded: _f, ...unit }) => unit);
}
