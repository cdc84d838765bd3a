import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { currentUnitFor, successorsOf } from './reorganisation.ts';
import { unitsDb } from './units.db.ts';
import { findUnitByCode } from './units.repo.ts';
import { centralAdmin, communeFront, signIn } from './units.test-helpers.ts';

let t: TestApp;
let central: Awaited<ReturnType<typeof signIn>>;
let hanoiAdmin: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  t = await createTestApp();
  central = await signIn(t, centralAdmin);
  hanoiAdmin = await signIn(t, { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', roles: ['admin'] });
});
afterAll(() => t.close());

const db = () => unitsDb(t.database.db);
const BASIS = 'Nghị quyết 999/NQ-UBTVQH16';

async function post(url: string, payload: object, headers = hanoiAdmin) {
  return t.app.inject({ method: 'POST', url: `/api/units/reorganisations/${url}`, headers, payload });
}
async function addVillages(commune: string, names: string[]) {
  const h = await signIn(t, communeFront(commune, '01'));
  for (const name of names) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/units/${commune}/villages`,
      headers: h,
      payload: { name, type: 'tổ dân phố' },
    });
    expect(res.statusCode).toBe(201);
  }
  // As if the list had been created at the start of the year, so that history before the change shows it.
  for (const table of ['unit_version', 'organisation'] as const) {
    await sql`UPDATE ${sql.table(table)} SET valid_from = '2026-01-01'
      WHERE unit_id IN (SELECT unit_id FROM unit_version WHERE level = 'village')`.execute(db());
  }
}

describe('reorganisation', () => {
  it('merges B into A: B ends, its villages move under A with new paths, history and succession stay', async () => {
    await addVillages('00082', ['1', '2']);
    await addVillages('00070', ['1']);
    const b = (await findUnitByCode(db(), '00082', '2026-11-01'))!;
    const res = await post('merge', {
      sources: ['00070', '00082'],
      into: { code: '00070' },
      effective: '2026-11-10',
      legalBasis: BASIS,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await findUnitByCode(db(), '00082', '2026-11-09')).not.toBeNull();
    expect(await findUnitByCode(db(), '00082', '2026-11-10')).toBeNull();
    const children = (
      await t.app.inject({ method: 'GET', url: '/api/units/00070/children?asOf=2026-11-10', headers: central })
    ).json();
    expect(children.items.map((v: { path: string }) => v.path)).toEqual([
      'vn.01.00070.0001',
      'vn.01.00070.0002',
      'vn.01.00070.0003',
    ]);
    const before = (
      await t.app.inject({ method: 'GET', url: '/api/units/00082/children?asOf=2026-11-09', headers: central })
    ).json();
    expect(before.total).toBe(2);
    expect((await successorsOf(db(), b.id, '2026-11-10')).map((u) => u.code)).toEqual(['00070']);
    expect((await successorsOf(db(), b.id, '2026-11-09')).map((u) => u.code)).toEqual(['00082']);
    expect((await currentUnitFor(db(), b.id))?.code).toBe('00070');
    const { rows } = await sql<{ kind: string; legal_basis: string }>`SELECT kind, legal_basis FROM unit_succession
      WHERE predecessor_id = ${b.id}`.execute(db());
    expect(rows).toEqual([{ kind: 'merge', legal_basis: BASIS }]);
    const orgs = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisation
      WHERE unit_id = ${b.id} AND valid_to = '2026-11-10'`.execute(db());
    expect(orgs.rows[0]!.n).toBe(6);
  });

  it('merges two communes into a new one and splits a commune, with successor links', async () => {
    const merged = await post('merge', {
      sources: ['00091', '00097'],
      into: { newUnit: { code: '99001', name: 'Hồng Phú', type: 'phường' } },
      effective: '2026-11-10',
      legalBasis: BASIS,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().items[0]).toMatchObject({ code: '99001', fullName: 'Phường Hồng Phú', path: 'vn.01.99001' });
    const orgs = (await t.app.inject({ method: 'GET', url: '/api/units/99001/organisations' })).json().items;
    expect(orgs[0].name).toBe('Ủy ban Mặt trận Tổ quốc Việt Nam phường Hồng Phú');
    await addVillages('00103', ['A', 'B', 'C']);
    const villages = (await t.app.inject({ method: 'GET', url: '/api/units/00103/children', headers: central })).json();
    const split = await post('split', {
      source: '00103',
      parts: [
        { code: '99002', name: 'Tây Hồ Bắc', type: 'phường', children: [] },
        { code: '99003', name: 'Tây Hồ Nam', type: 'phường', children: [villages.items[2].code] },
      ],
      effective: '2026-11-10',
      legalBasis: BASIS,
    });
    expect(split.statusCode, split.body).toBe(200);
    const old = (await findUnitByCode(db(), '00103', '2026-11-01'))!;
    expect((await successorsOf(db(), old.id, '2026-11-10')).map((u) => u.code).sort()).toEqual(['99002', '99003']);
    expect((await currentUnitFor(db(), old.id))?.code).toBe('01');
    const north = (await t.app.inject({ method: 'GET', url: '/api/units/99002/counts' })).json();
    const south = (await t.app.inject({ method: 'GET', url: '/api/units/99003/counts' })).json();
    expect([north.villages, south.villages]).toEqual([2, 1]);
    expect((await t.app.inject({ method: 'GET', url: '/api/units/00103?asOf=2026-11-09' })).statusCode).toBe(200);
  });

  it('moves a commune to another province (Central only) rewriting its subtree, and changes a type', async () => {
    expect(
      (await post('move', { unit: '00004', newParent: '04', effective: '2026-11-10', legalBasis: BASIS })).statusCode,
    ).toBe(404);
    await addVillages('00004', ['Một']);
    const moved = await post(
      'move',
      { unit: '00004', newParent: '04', effective: '2026-11-10', legalBasis: BASIS },
      central,
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().items[0]).toMatchObject({ path: 'vn.04.00004', provinceCode: '04', parentCode: '04' });
    const v = (await t.app.inject({ method: 'GET', url: '/api/units/00004/children', headers: central })).json();
    expect(v.items[0].path).toBe('vn.04.00004.0001');
    const old = (await t.app.inject({ method: 'GET', url: '/api/units/00004?asOf=2026-11-09' })).json();
    expect(old.path).toBe('vn.01.00004');
    const retyped = await post('change-type', {
      unit: '00008',
      type: 'xã',
      effective: '2026-11-10',
      legalBasis: BASIS,
    });
    expect(retyped.json().items[0].fullName).toBe('Xã Ngọc Hà');
    const before = (await t.app.inject({ method: 'GET', url: '/api/units/00008?asOf=2026-11-09' })).json();
    expect(before.fullName).toBe('Phường Ngọc Hà');
  });

  it('requires a legal basis and refuses admins outside their subtree or of the unit itself', async () => {
    const noBasis = await post('change-type', { unit: '00025', type: 'xã', effective: '2026-11-10' });
    expect(noBasis.statusCode).toBe(400);
    expect(
      (await post('change-type', { unit: '01273', type: 'xã', effective: '2026-11-10', legalBasis: BASIS })).statusCode,
    ).toBe(404);
    const communeAdmin = await signIn(t, communeFront('00025', '01', { roles: ['admin'] }));
    expect(
      (
        await post(
          'change-type',
          { unit: '00025', type: 'xã', effective: '2026-11-10', legalBasis: BASIS },
          communeAdmin,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await post('change-type', { unit: '00025', type: 'thôn', effective: '2026-11-10', legalBasis: BASIS })).json()
        .code,
    ).toBe('UNIT_TYPE_INVALID');
    const wrongLevel = await post('merge', {
      sources: ['00118', '00127'],
      into: { newUnit: { code: '77', name: 'Mới', type: 'phường' } },
      effective: '2026-11-10',
      legalBasis: BASIS,
    });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json()).toMatchObject({
      code: 'REORG_INVALID',
      details: { reason: 'code_level', field: 'code', value: '77' },
    });
  });
});
