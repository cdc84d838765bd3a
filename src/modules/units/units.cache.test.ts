import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import type { UnitsDb } from './units.db.ts';
import { listChildrenOf } from './units.service.ts';
import { centralAdmin, signIn } from './units.test-helpers.ts';

let t: TestApp;
let central: Awaited<ReturnType<typeof signIn>>;
beforeAll(async () => {
  t = await createTestApp();
  central = await signIn(t, centralAdmin);
});
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: central });
  expect(res.statusCode).toBe(200);
  return res.json();
};
const send = async (method: 'POST' | 'PATCH', url: string, payload: object) => {
  const res = await t.app.inject({ method, url, headers: central, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
};
const names = (list: { items: { name: string }[] }) => list.items.map((u) => u.name);

describe('children and breadcrumbs kept under the change counters', () => {
  it('are read afresh after every change to the commune’s villages', async () => {
    const commune = '00008';
    const village = await send('POST', `/api/units/${commune}/villages`, { name: 'Đông', type: 'thôn' });
    // Read three times: the first learns the unit's scope, the second keeps the list, the third reuses it.
    for (let i = 0; i < 3; i++) expect(names(await get(`/api/units/${commune}/children`))).toEqual(['Đông']);
    await send('POST', `/api/units/${commune}/villages`, { name: 'Tây', type: 'thôn' });
    expect(names(await get(`/api/units/${commune}/children`))).toEqual(['Đông', 'Tây']);
    for (let i = 0; i < 3; i++) await get(`/api/units/${village.code}/ancestors`);
    await send('PATCH', `/api/units/villages/${village.code}`, { name: 'Đông Mới' });
    expect(names(await get(`/api/units/${commune}/children`))).toEqual(['Đông Mới', 'Tây']);
    const chain = (await get(`/api/units/${village.code}/ancestors`)).items;
    expect(chain.at(-1)).toMatchObject({ name: 'Đông Mới', path: `vn.01.${commune}.${village.code.slice(5)}` });
  });

  it('follow a commune moved to another province (its scope changes with it)', async () => {
    const commune = '00004';
    const village = await send('POST', `/api/units/${commune}/villages`, { name: 'Bắc', type: 'thôn' });
    for (let i = 0; i < 3; i++) {
      const chain = (await get(`/api/units/${village.code}/ancestors`)).items;
      expect(chain.map((u: { code: string }) => u.code)).toEqual(['VN', '01', commune, village.code]);
    }
    await send('POST', '/api/units/reorganisations/move', {
      unit: commune,
      newParent: '04',
      effective: '2026-11-10',
      legalBasis: 'Nghị quyết 999/NQ-UBTVQH16',
    });
    for (let i = 0; i < 3; i++) {
      const chain = (await get(`/api/units/${village.code}/ancestors`)).items;
      expect(chain.map((u: { code: string }) => u.code)).toEqual(['VN', '04', commune, village.code]);
    }
    // A change in the new province is seen too (the reads are now kept under its counters).
    await send('PATCH', `/api/units/villages/${village.code}`, { name: 'Bắc Mới' });
    expect((await get(`/api/units/${village.code}/ancestors`)).items.at(-1).name).toBe('Bắc Mới');
    expect(names(await get(`/api/units/${commune}/children`))).toContain('Bắc Mới');
  });

  it('give every caller its own list (reordering one does not reorder the kept one)', async () => {
    const read = () => listChildrenOf(t.database.db as UnitsDb, null, '01', { limit: 500, offset: 0 });
    await read();
    const first = (await read()).items.map((u) => u.code);
    (await read()).items.reverse();
    expect((await read()).items.map((u) => u.code)).toEqual(first);
  });
});
