import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../core/i18n/format.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { publicUnitIndex, searchPublicUnits } from './public-unit-index.ts';
import { trigramSimilarity, trigrams } from './trigram.ts';
import { todayInVietnam } from './unit-naming.ts';
import { cachedFigures } from './units.cache.ts';
import { unitsDb } from './units.db.ts';
import { countSubtree, searchUnits } from './units.repo.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ modules: ['units'] });
});
afterAll(() => t.close());

const QUERIES = [
  'ha noi',
  'HÀ NỘI',
  'hoà',
  'hòa',
  'ba dinh',
  'phu quoc',
  'xa tan',
  'phuong 1',
  'thanh pho',
  'dak lak',
  'quang',
  'an',
  'son la',
  'hai phong',
  'tinh',
  'nguyen hue',
  'dong',
  'bac',
  'thuy',
  'ky',
  'hoan kiem',
  'cao bang',
  'xa phuc',
  'long',
  'kien',
  'hoa binh',
  'le loi',
  'tan phu',
  'dac khu',
  'vinh',
];

describe('the in-memory public name index', () => {
  it('computes trigram similarity as pg_trgm does', async () => {
    const db = unitsDb(t.database.db);
    for (const [a, b] of [
      ['ba dinh', 'ba dinh'],
      ['hoan kiem', 'hoan kiemm'],
      ['phu quoc', 'phu'],
      ['xa 1', 'phuong 12'],
      ['dak lak', 'daklak'],
    ] as const) {
      const { rows } = await sql<{ s: number }>`SELECT similarity(${a}, ${b}) AS s`.execute(db);
      expect(trigramSimilarity(trigrams(a), trigrams(b))).toBeCloseTo(Number(rows[0]!.s), 5);
    }
  });

  it('ranks exactly like the SQL search for Central, provinces and communes', async () => {
    const db = unitsDb(t.database.db);
    const asOf = todayInVietnam();
    const index = await publicUnitIndex(db, asOf);
    expect(index.units).toHaveLength(1 + 34 + 3321);
    for (const q of QUERIES) {
      for (const within of [null, 'vn.01']) {
        const viaSql = await searchUnits(db, { q, asOf, within, villageScope: null, limit: 20 });
        const inMemory = searchPublicUnits(index, foldVietnamese(q), { within, limit: 20 });
        expect(
          inMemory.map((u) => [u.code, u.rank]),
          `${q} within ${within}`,
        ).toEqual(viaSql.map((u) => [u.code, u.rank]));
      }
    }
  });
});

describe('cached figures', () => {
  it('are recomputed after any change in their scope, and only then', async () => {
    const db = unitsDb(t.database.db);
    const asOf = todayInVietnam();
    let computed = 0;
    const counts = () =>
      cachedFigures(db, `test-counts:${asOf}`, { kind: 'province', code: '01' }, async () => {
        computed++;
        return countSubtree(db, 'vn.01', asOf);
      });
    const before = await counts();
    await counts();
    expect(computed).toBe(1);
    // A change in another province leaves Hà Nội's figures alone.
    await sql`UPDATE organisation SET valid_from = valid_from WHERE province_code = '04'`.execute(db);
    await counts();
    expect(computed).toBe(1);
    // An organisation of Hà Nội dissolved today: the next read recomputes and sees it.
    await sql`UPDATE organisation SET valid_to = ${asOf}::date
      WHERE id = (SELECT id FROM organisation WHERE province_code = '01' AND org_type = 'veterans' LIMIT 1)`.execute(
      db,
    );
    const after = await counts();
    expect(computed).toBe(2);
    expect(after.organisations.veterans).toBe(before.organisations.veterans - 1);
  });
});
