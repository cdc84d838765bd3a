import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { mulberry32 } from '../../core/random.ts';
import { demoVillageName, regionOf, villageTypesFor } from './demo-village-names.ts';
import { type UnitsDb, unitsDb } from './units.db.ts';
import { type VillageInput, villageKey } from './village-rules.ts';
import { insertVillages, type VillageRow, villageRowsFor } from './villages.repo.ts';

export type DemoScale = 'small' | 'national';
export type DemoOptions = {
  scale: DemoScale;
  seed?: number;
  /** Communes per transaction; about 27 villages and 135 organisations each. */
  batchCommunes?: number;
  onProgress?: (p: { communes: number; villages: number; ms: number }) => void;
};
export type DemoResult = { communes: number; villages: number; organisations: number; ms: number };

/** Demo villages start on the first day after the reform's first month. */
const DEMO_VALID_FROM = '2025-08-01';
/** National average of villages per commune: ≈ 90,500 / 3,321. */
const MEAN_VILLAGES = 27.25;
/** At small scale one commune in this many gets villages. */
const SMALL_EVERY = 30;

function weighted(choices: [string, number][], rand: () => number): string {
  let r = rand() * choices.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of choices) {
    r -= w;
    if (r <= 0) return v;
  }
  return choices[choices.length - 1]![0];
}

type DemoCommune = { id: number; code: string; path: string; provinceCode: string; type: string };

/** One commune's demo list: deterministic from (seed, commune code), names unique within the commune. */
export function demoVillagesFor(c: DemoCommune, seed: number): (VillageInput & { sortOrder: number })[] {
  const rand = mulberry32(seed ^ Number(c.code));
  const count = Math.max(3, Math.round(MEAN_VILLAGES * (0.35 + 1.3 * rand())));
  const types = villageTypesFor(regionOf(c.provinceCode), c.type);
  const seen = new Set<string>();
  const out: (VillageInput & { sortOrder: number })[] = [];
  for (let i = 1; out.length < count; i++) {
    const type = weighted(types, rand) as VillageInput['type'];
    let v: VillageInput = { type, name: demoVillageName(type, i, rand) };
    if (seen.has(villageKey(v))) v = { type, name: String(i) };
    if (seen.has(villageKey(v))) continue;
    seen.add(villageKey(v));
    out.push({ ...v, sortOrder: out.length + 1 });
  }
  return out;
}

/** Communes that get demo villages: all at national scale, every 30th at small scale; none that has villages. */
async function communesToSeed(db: UnitsDb, scale: DemoScale): Promise<DemoCommune[]> {
  const { rows } = await sql<DemoCommune>`SELECT v.unit_id AS id, v.code, v.path::text AS path,
      v.province_code AS "provinceCode", v.type
    FROM unit_version v WHERE v.level = 'commune' AND v.valid_to IS NULL ORDER BY v.code`.execute(db);
  const chosen = scale === 'national' ? rows : rows.filter((_, i) => i % SMALL_EVERY === 0);
  const { rows: started } = await sql<{ parent_id: number }>`SELECT DISTINCT parent_id FROM unit_version
    WHERE level = 'village'`.execute(db);
  const skip = new Set(started.map((r) => r.parent_id));
  return chosen.filter((c) => !skip.has(c.id));
}

/**
 * Generates demo villages (is_demo) with their organisations for every commune (national ≈ 90,500 villages,
 * ≈ 450,000 organisations) or a sample (small). Deterministic for a seed; idempotent: communes that already
 * have villages are left alone. Streams in set-based batches, one transaction each.
 */
export async function generateDemoVillages(db: Db | UnitsDb, opts: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const udb = unitsDb(db);
  const seed = opts.seed ?? 2025;
  const communes = await communesToSeed(udb, opts.scale);
  const batchSize = opts.batchCommunes ?? 400;
  let villages = 0;
  for (let i = 0; i < communes.length; i += batchSize) {
    const batch = communes.slice(i, i + batchSize);
    const rows: VillageRow[] = batch.flatMap((c) => villageRowsFor(c, demoVillagesFor(c, seed), 1));
    const ids = await withTransaction(udb, (trx) => insertVillages(trx, rows, DEMO_VALID_FROM, true));
    villages += ids.length;
    opts.onProgress?.({ communes: i + batch.length, villages, ms: performance.now() - started });
  }
  // Fresh statistics after a bulk load: without them the planner picks nested loops over 90,000 rows
  // (the adoption table took 6 s instead of 40 ms on the server until autovacuum came by).
  if (villages) await sql`ANALYZE unit, unit_version, organisation`.execute(udb);
  const organisations = villages * 5;
  return { communes: communes.length, villages, organisations, ms: performance.now() - started };
}

/** Removes every demo village, its history and organisations. */
export async function removeDemoVillages(db: Db | UnitsDb): Promise<number> {
  const udb = unitsDb(db);
  return withTransaction(udb, async (trx) => {
    await sql`DELETE FROM organisation WHERE is_demo`.execute(trx);
    await sql`DELETE FROM unit_version WHERE is_demo`.execute(trx);
    const res = await sql`DELETE FROM unit WHERE is_demo`.execute(trx);
    return Number(res.numAffectedRows ?? 0);
  });
}
