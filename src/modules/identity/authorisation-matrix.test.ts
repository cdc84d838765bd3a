import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../core/auth/principal.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { cellHolds, expectation, principalAt, type Vantage } from './authorisation-matrix.cells.ts';
import { insertAccount } from './identity.test-helpers.ts';

/**
 * The authorisation matrix: every role × the five relations of a target to a commune cadre's unit (own unit,
 * child village, sibling commune, parent province, a commune of another province) × the staff routes keyed by a
 * target unit or account. Each cell must be what the one policy says (authorisation-matrix.cells.ts): allowed →
 * not 401/403/404; role lacking → 403 or 404; out of scope → 404 (missing and forbidden look the same). The petitions
 * and library routes are in authorisation-matrix.petitions-library.test.ts.
 */
type Relation = 'own' | 'child' | 'sibling' | 'parent' | 'other_province';
const RELATIONS: Relation[] = ['own', 'child', 'sibling', 'parent', 'other_province'];

type Unit = { code: string; path: string };
type Route = {
  name: string;
  action: 'view' | 'edit' | 'administer';
  /** Units of which levels the route takes (others are not cells of this route). */
  levels: ('village' | 'commune' | 'province')[];
  /** The request for a target unit; null when the cell does not exist (e.g. no account there). */
  request: (
    u: Unit,
    rel: Relation,
  ) => { method: 'GET' | 'POST'; url: string; payload?: Record<string, unknown> } | null;
};

let t: TestApp;
const units = {} as Record<Relation, Unit & { level: 'village' | 'commune' | 'province' }>;
const accountAt = {} as Record<Relation, string>;
const ME: Vantage = {
  unitCode: '00004',
  unitPath: 'vn.01.00004',
  unitLevel: 'commune',
  orgType: 'front',
};

beforeAll(async () => {
  t = await createTestApp();
  const q = async (sql: string) => (await t.database.pool.query(sql)).rows[0] as Unit;
  const admin = await sessionHeaders(t.database.db, { ...ME, roles: ['admin'] });
  const village = await t.app.inject({
    method: 'POST',
    url: '/api/units/00004/villages',
    headers: admin,
    payload: { name: 'Thôn Ma Trận', type: 'thôn' },
  });
  expect(village.statusCode).toBe(201);
  units.own = { code: '00004', path: 'vn.01.00004', level: 'commune' };
  units.child = {
    ...(await q(
      `SELECT code, path::text AS path FROM unit_version WHERE path <@ 'vn.01.00004' AND level = 'village' LIMIT 1`,
    )),
    level: 'village',
  };
  units.sibling = { code: '00008', path: 'vn.01.00008', level: 'commune' };
  units.parent = { code: '01', path: 'vn.01', level: 'province' };
  units.other_province = {
    ...(await q(
      `SELECT code, path::text AS path FROM unit_version WHERE path <@ 'vn.79' AND level = 'commune' ORDER BY code LIMIT 1`,
    )),
    level: 'commune',
  };
  for (const rel of RELATIONS) {
    accountAt[rel] = (
      await insertAccount(t.database.db, { username: `matrix.${rel}`, unitCode: units[rel].code, roles: ['viewer'] })
    ).id;
  }
});
afterAll(() => t.close());

let villageCounter = 0;
const ROUTES: Route[] = [
  {
    name: 'GET /api/units/:code/export.xlsx',
    action: 'view',
    levels: ['village', 'commune', 'province'],
    request: (u) => ({ method: 'GET', url: `/api/units/${u.code}/export.xlsx` }),
  },
  {
    name: 'POST /api/units/:code/villages',
    action: 'edit',
    levels: ['commune'],
    request: (u) => ({
      method: 'POST',
      url: `/api/units/${u.code}/villages`,
      payload: { name: `Thôn Kiểm Tra ${++villageCounter}`, type: 'thôn' },
    }),
  },
  {
    name: 'GET /quan-tri/don-vi?ma=:code',
    action: 'view',
    levels: ['village', 'commune', 'province'],
    request: (u) => ({ method: 'GET', url: `/quan-tri/don-vi?ma=${u.code}` }),
  },
  // Reports (CSDL): a unit's synthesis, an organisation's profile and cadre list.
  {
    name: 'GET /api/reports/synthesis/:unit',
    action: 'view',
    levels: ['commune', 'province'],
    request: (u) => ({ method: 'GET', url: `/api/reports/synthesis/${u.code}` }),
  },
  {
    name: 'GET /api/reports/organisations/:unit/front/profile',
    action: 'view',
    levels: ['village', 'commune', 'province'],
    request: (u) => ({ method: 'GET', url: `/api/reports/organisations/${u.code}/front/profile` }),
  },
  {
    name: 'GET /api/reports/organisations/:unit/front/cadres',
    action: 'view',
    levels: ['village', 'commune', 'province'],
    request: (u) => ({ method: 'GET', url: `/api/reports/organisations/${u.code}/front/cadres` }),
  },
  {
    name: 'GET /api/identity/accounts/:id',
    action: 'administer',
    levels: ['village', 'commune', 'province'],
    request: (_u, rel) => ({ method: 'GET', url: `/api/identity/accounts/${accountAt[rel]}` }),
  },
  {
    name: 'POST /api/identity/accounts/:id/roles',
    action: 'administer',
    levels: ['village', 'commune', 'province'],
    request: (_u, rel) => ({
      method: 'POST',
      url: `/api/identity/accounts/${accountAt[rel]}/roles`,
      payload: { roles: ['viewer'] },
    }),
  },
  {
    name: 'POST /api/identity/accounts (create at the unit)',
    action: 'administer',
    levels: ['village', 'commune', 'province'],
    request: (u, rel) => ({
      method: 'POST',
      url: '/api/identity/accounts',
      payload: {
        displayName: 'Ma trận',
        username: `mx.${rel}.${++villageCounter}`,
        unitCode: u.code,
        orgType: 'front',
        roles: ['viewer'],
      },
    }),
  },
];

describe('authorisation matrix (commune Front cadre of Phường Ba Đình)', () => {
  for (const route of ROUTES) {
    it(route.name, async () => {
      const failures: string[] = [];
      for (const role of ROLES as readonly Role[]) {
        const headers = await sessionHeaders(t.database.db, { ...ME, roles: [role] });
        for (const rel of RELATIONS) {
          const unit = units[rel];
          if (!route.levels.includes(unit.level)) continue;
          const req = route.request(unit, rel);
          if (!req) continue;
          const res = await t.app.inject({ ...req, headers });
          const expected = expectation(principalAt(ME, role), [route.action], { unitPath: unit.path });
          const ok = cellHolds(expected, res.statusCode);
          if (!ok) failures.push(`${role} × ${rel}: ${res.statusCode} (policy: ${expected})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('never shows an out-of-scope object to anyone: every role answers 404 for sibling, parent and other province', async () => {
    for (const role of ROLES as readonly Role[]) {
      const headers = await sessionHeaders(t.database.db, { ...ME, roles: [role] });
      for (const rel of ['sibling', 'parent', 'other_province'] as const) {
        const res = await t.app.inject({ url: `/api/units/${units[rel].code}/export.xlsx`, headers });
        // A competent authority has no "view" at all (403 before any target); everyone else learns nothing (404).
        expect(res.statusCode, `${role} ${rel}`).toBe(role === 'authority' ? res.statusCode : 404);
        expect([403, 404]).toContain(res.statusCode);
      }
    }
  });
});
