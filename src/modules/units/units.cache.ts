import { sql } from 'kysely';
import type { UnitsDb } from './units.db.ts';

/**
 * Figures that are costly to recompute (subtree counts, adoption, the public name index), kept by this
 * process under the change counters they were computed at (migration 0013). Each read costs one small query
 * for the counters; any change, by any instance, moves them, so a cached figure is never stale.
 */
type Entry = { generation: string; value: unknown };
const MAX_ENTRIES = 2_000;
const caches = new WeakMap<object, Map<string, Entry>>();

export type GenerationScope =
  /** Everything: the nation's figures. */
  | { kind: 'all' }
  /** Central, provinces and communes only: the public tree. */
  | { kind: 'public' }
  /** One province's villages and organisations, plus the public tree. */
  | { kind: 'province'; code: string };

/** The scope of figures about a subtree: the nation for Central, else its province. */
export function generationScopeOf(path: string): GenerationScope {
  const code = path.split('.')[1];
  return code ? { kind: 'province', code } : { kind: 'all' };
}

/**
 * Change counters heard in process, per database handle: on the embedded database, which this process owns, every
 * move of a counter arrives as a NOTIFY when it commits (migration 0014), so no query is needed to read them.
 */
const heardCounters = new WeakMap<object, Map<string, number>>();

export async function hearGenerations(
  db: UnitsDb,
  listen: (channel: string, onNotice: (payload: string) => void) => Promise<void>,
): Promise<void> {
  const counters = new Map<string, number>();
  await listen('mts_unit_generation', (key) => counters.set(key, (counters.get(key) ?? 0) + 1));
  heardCounters.set(db, counters);
}

export async function readGeneration(db: UnitsDb, scope: GenerationScope): Promise<string> {
  const heard = heardCounters.get(db);
  if (heard) {
    const at = (key: string) => heard.get(key) ?? 0;
    let n = 0;
    if (scope.kind === 'all') for (const v of heard.values()) n += v;
    else n = at('public') + (scope.kind === 'province' ? at(scope.code) : 0);
    return `heard:${n}`;
  }
  const filter =
    scope.kind === 'all'
      ? sql``
      : scope.kind === 'public'
        ? sql`WHERE province_code = 'public'`
        : sql`WHERE province_code IN ('public', ${scope.code})`;
  const { rows } = await sql<{ g: string | null }>`SELECT sum(n)::text AS g FROM unit_generation ${filter}`.execute(db);
  return rows[0]?.g ?? '0';
}

/** The value cached under `key` if nothing in its scope changed since; otherwise computes and keeps it. */
export async function cachedFigures<T>(
  db: UnitsDb,
  key: string,
  scope: GenerationScope,
  compute: () => Promise<T>,
): Promise<T> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const generation = await readGeneration(db, scope);
  const hit = cache.get(key);
  if (hit && hit.generation === generation) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  cache.delete(key);
  cache.set(key, { generation, value });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return value;
}

/** Per database: the change-counter scope each unit code was last found in (learnt from its own reads). */
const unitScopes = new WeakMap<object, Map<string, GenerationScope>>();
const MAX_UNIT_SCOPES = 200_000;

/**
 * A read about one unit (its children, its breadcrumb) kept under the change counters of the unit's scope, which
 * only the read itself reveals (a code does not say its province). The first read of a code computes and learns
 * the scope; later reads check the counters of that scope first and reuse the kept value while they have not moved.
 * The key carries the scope, so a unit moved to another province is read afresh under its new scope. Access checks
 * stay with the caller, on every request.
 */
export async function cachedUnitRead<T>(
  db: UnitsDb,
  code: string,
  key: string,
  compute: () => Promise<{ value: T; path: string } | null>,
): Promise<T | null> {
  let scopes = unitScopes.get(db);
  if (!scopes) {
    scopes = new Map();
    unitScopes.set(db, scopes);
  }
  const learn = async () => {
    const found = await compute();
    if (found) {
      scopes.set(code, generationScopeOf(found.path));
      if (scopes.size > MAX_UNIT_SCOPES) scopes.delete(scopes.keys().next().value as string);
    }
    return found;
  };
  const scope = scopes.get(code);
  if (!scope) return (await learn())?.value ?? null;
  const scoped = `${key}|${scope.kind === 'province' ? scope.code : scope.kind}`;
  const found = await cachedFigures(db, scoped, scope, learn);
  return found?.value ?? null;
}
