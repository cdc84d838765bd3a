import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Action } from '../../core/auth/policy.ts';
import { type OrgType, ROLES, type Role } from '../../core/auth/principal.ts';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { sessionHeaders } from '../../core/testing/auth.ts';
import { centralLibrarian, multipartFile, provinceLibrarian } from '../library/library.test-helpers.ts';
import { jpegWithGps, seededAuthority, staffAccount, submitCase } from '../petitions/petitions.test-helpers.ts';
import { cellHolds, expectation, principalAt, type Vantage } from './authorisation-matrix.cells.ts';

/**
 * The authorisation matrix of the petitions and library staff routes: every role × the relations of a target
 * (a case or directory entry of the own unit, a child, the sibling commune, the parent province, a commune of another
 * province; a library document kept by Central, the own province, another province) × every staff route keyed by
 * such a target, seen from a commune and a province cadre (and, for the library, a Central one). Each cell must be
 * what the one policy says (see authorisation-matrix.cells.ts).
 */
type Req = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
};
type Route<T> = {
  name: string;
  actions: readonly Action[];
  /** The organisation the target's data belongs to: petitions are the Front's; library documents belong to none. */
  orgType?: OrgType | null;
  request: (target: T) => Req | Promise<Req>;
};

/** A unit that receives cases and keeps a directory: its case (with one photo), its entry, an authority account. */
type PetitionTarget = {
  code: string;
  path: string;
  caseId: number;
  fileId: number;
  entryId: number;
  authority: string;
};
/** A library document and another one a relation may point to. */
type DocumentTarget = { id: string; path: string; other: string };

let t: TestApp;
const unitsByCode = {} as Record<string, PetitionTarget>;
const docs = {} as Record<'vn' | 'vn.01' | 'vn.79', DocumentTarget>;
let cells = 0;

const COMMUNE: Vantage = { unitCode: '00004', unitPath: 'vn.01.00004', unitLevel: 'commune', orgType: 'front' };
const PROVINCE: Vantage = { unitCode: '01', unitPath: 'vn.01', unitLevel: 'province', orgType: 'front' };
const CENTRAL: Vantage = { unitCode: 'VN', unitPath: 'vn', unitLevel: 'central', orgType: 'front' };
/** A cadre of another organisation (the Youth Union) at the same units: petitions and the library are not theirs. */
const COMMUNE_YOUTH: Vantage = { ...COMMUNE, orgType: 'youth_union' };
const PROVINCE_YOUTH: Vantage = { ...PROVINCE, orgType: 'youth_union' };
let otherCommune = '';

const form = (method: 'POST', url: string, fields: Record<string, string>): Req => ({
  method,
  url,
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.pool;
  otherCommune = (
    await db.query(`SELECT code FROM unit_version WHERE path <@ 'vn.79' AND level = 'commune' ORDER BY code LIMIT 1`)
  ).rows[0].code;
  const photo = await jpegWithGps(64, 48);
  const units: [string, string, 'commune' | 'province'][] = [
    ['00004', 'vn.01.00004', 'commune'],
    ['00008', 'vn.01.00008', 'commune'],
    ['01', 'vn.01', 'province'],
    [otherCommune, `vn.79.${otherCommune}`, 'commune'],
  ];
  for (const [code, path, level] of units) {
    const { id } = await submitCase(t, { unit: code }, [{ filename: 'anh.jpg', content: photo, type: 'image/jpeg' }]);
    const file = await db.query('SELECT id FROM petition_attachment WHERE petition_id = $1 ORDER BY id LIMIT 1', [id]);
    const authority = await staffAccount(t, {
      unitCode: code,
      unitPath: path,
      unitLevel: level,
      orgType: 'front',
      roles: ['authority'],
      displayName: `Cơ quan ${code}`,
    });
    unitsByCode[code] = {
      code,
      path,
      caseId: id,
      fileId: Number(file.rows[0].id),
      entryId: await seededAuthority(t, code),
      authority: authority.id,
    };
  }
  // One document per keeper, each saved by a librarian of that keeper (as the library keeps them).
  const keepers = [
    ['vn', centralLibrarian],
    ['vn.01', provinceLibrarian('01')],
    ['vn.79', provinceLibrarian('79')],
  ] as const;
  for (const [keeper, who] of keepers) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/library/documents',
      headers: await sessionHeaders(t.database.db, who),
      payload: newDocument(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().unitPath).toBe(keeper);
    docs[keeper] = { id: res.json().id, path: keeper, other: '' };
  }
  docs.vn.other = docs['vn.01'].id;
  docs['vn.01'].other = docs.vn.id;
  docs['vn.79'].other = docs.vn.id;
}, 60_000);
afterAll(async () => {
  // The count of cells checked, so that the report can say it.
  console.info(`authorisation matrix (petitions, library): ${cells} cells`);
  await t.close();
});

let seq = 0;
function newDocument() {
  seq++;
  return {
    number: `${900 + seq}/2025/NQ-HĐND`,
    title: `Nghị quyết ma trận phân quyền số ${seq}`,
    docType: 'Nghị quyết',
    issuer: 'Hội đồng nhân dân',
    issuedDate: '2025-08-01',
    articles: [{ articleNo: '1', heading: 'Điều 1. Phạm vi', body: 'Nghị quyết này quy định phạm vi kiểm thử.' }],
  };
}

/** Links an authority account to an entry directly (so that an unlink cell has something to remove). */
async function linked(u: PetitionTarget) {
  await t.database.pool.query(
    `INSERT INTO petition_authority_account (authority_id, account_id, account_name, linked_by)
     VALUES ($1, $2, 'Cơ quan', $2) ON CONFLICT DO NOTHING`,
    [u.entryId, u.authority],
  );
}

const CASE_ACTION = ['handle_petition'] as const;
const DIRECTORY = ['handle_petition', 'administer'] as const;
const PETITION_ROUTES: Route<PetitionTarget>[] = [
  {
    name: 'GET /quan-tri/phan-anh/:id',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'GET', url: `/quan-tri/phan-anh/${u.caseId}` }),
  },
  {
    name: 'GET /quan-tri/phan-anh/:id/tep/:file',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'GET', url: `/quan-tri/phan-anh/${u.caseId}/tep/${u.fileId}` }),
  },
  {
    name: 'POST /quan-tri/phan-anh/:id/lien-he',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'POST', url: `/quan-tri/phan-anh/${u.caseId}/lien-he` }),
  },
  {
    name: 'POST /quan-tri/phan-anh/:id/thao-tac (note)',
    actions: CASE_ACTION,
    request: (u) =>
      form('POST', `/quan-tri/phan-anh/${u.caseId}/thao-tac`, { action: 'note', text: 'Ghi chú ma trận' }),
  },
  {
    name: 'GET /api/petitions/:id',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'GET', url: `/api/petitions/${u.caseId}` }),
  },
  {
    name: 'GET /api/petitions/:id/suggestions',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'GET', url: `/api/petitions/${u.caseId}/suggestions` }),
  },
  {
    name: 'POST /api/petitions/:id/contact',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'POST', url: `/api/petitions/${u.caseId}/contact` }),
  },
  {
    name: 'POST /api/petitions/:id/actions (note)',
    actions: CASE_ACTION,
    request: (u) => ({
      method: 'POST',
      url: `/api/petitions/${u.caseId}/actions`,
      payload: { action: 'note', text: 'Ghi chú ma trận' },
    }),
  },
  {
    name: 'GET /api/petitions/authorities?unit=',
    actions: CASE_ACTION,
    request: (u) => ({ method: 'GET', url: `/api/petitions/authorities?unit=${u.code}` }),
  },
  {
    name: 'GET /api/petitions/directory?unit=',
    actions: DIRECTORY,
    request: (u) => ({ method: 'GET', url: `/api/petitions/directory?unit=${u.code}` }),
  },
  {
    name: 'POST /api/petitions/authorities',
    actions: DIRECTORY,
    request: (u) => ({
      method: 'POST',
      url: '/api/petitions/authorities',
      payload: { unit: u.code, name: `Cơ quan ma trận ${++seq}` },
    }),
  },
  {
    name: 'PATCH /api/petitions/authorities/:id',
    actions: DIRECTORY,
    request: (u) => ({ method: 'PATCH', url: `/api/petitions/authorities/${u.entryId}`, payload: { active: true } }),
  },
  {
    name: 'POST /api/petitions/authorities/:id/accounts',
    actions: DIRECTORY,
    request: (u) => ({
      method: 'POST',
      url: `/api/petitions/authorities/${u.entryId}/accounts`,
      payload: { accountId: u.authority },
    }),
  },
  {
    name: 'DELETE /api/petitions/authorities/:id/accounts/:accountId',
    actions: DIRECTORY,
    request: async (u) => {
      await linked(u);
      return { method: 'DELETE', url: `/api/petitions/authorities/${u.entryId}/accounts/${u.authority}` };
    },
  },
  {
    name: 'GET /quan-tri/phan-anh/co-quan?don-vi=',
    actions: DIRECTORY,
    request: (u) => ({ method: 'GET', url: `/quan-tri/phan-anh/co-quan?don-vi=${u.code}` }),
  },
  {
    name: 'POST /quan-tri/phan-anh/co-quan/them',
    actions: DIRECTORY,
    request: (u) =>
      form('POST', '/quan-tri/phan-anh/co-quan/them', { unit: u.code, name: `Cơ quan biểu mẫu ${++seq}` }),
  },
  {
    name: 'POST /quan-tri/phan-anh/co-quan/:id/sua',
    actions: DIRECTORY,
    request: (u) =>
      form('POST', `/quan-tri/phan-anh/co-quan/${u.entryId}/sua`, { unit: u.code, name: `Ủy ban nhân dân ${u.code}` }),
  },
  {
    name: 'POST /quan-tri/phan-anh/co-quan/:id/trang-thai',
    actions: DIRECTORY,
    request: (u) => form('POST', `/quan-tri/phan-anh/co-quan/${u.entryId}/trang-thai`, { unit: u.code, active: 'on' }),
  },
  {
    name: 'POST /quan-tri/phan-anh/co-quan/:id/lien-ket',
    actions: DIRECTORY,
    request: (u) =>
      form('POST', `/quan-tri/phan-anh/co-quan/${u.entryId}/lien-ket`, { unit: u.code, accountId: u.authority }),
  },
  {
    name: 'POST /quan-tri/phan-anh/co-quan/:id/bo-lien-ket',
    actions: DIRECTORY,
    request: async (u) => {
      await linked(u);
      return form('POST', `/quan-tri/phan-anh/co-quan/${u.entryId}/bo-lien-ket`, {
        unit: u.code,
        accountId: u.authority,
      });
    },
  },
];

const LIBRARY = ['manage_library'] as const;
const LIBRARY_ROUTES: Route<DocumentTarget>[] = (
  [
    {
      name: 'PATCH /api/library/documents/:id',
      actions: LIBRARY,
      request: (d) => ({ method: 'PATCH', url: `/api/library/documents/${d.id}`, payload: { statusNote: 'Ma trận' } }),
    },
    {
      name: 'POST /api/library/documents/:id/relations',
      actions: LIBRARY,
      request: (d) => ({
        method: 'POST',
        url: `/api/library/documents/${d.id}/relations`,
        payload: { kind: 'guides', targetId: d.other },
      }),
    },
    {
      name: 'DELETE /api/library/documents/:id/relations/:relationId',
      actions: LIBRARY,
      request: async (d) => {
        const db = t.database.pool;
        await db.query(
          `INSERT INTO library_relation (source_document_id, kind, target_document_id, target_label, origin)
         VALUES ($1, 'guides', $2, 'ma trận', 'librarian') ON CONFLICT DO NOTHING`,
          [d.id, d.other],
        );
        const { rows } = await db.query(
          `SELECT id FROM library_relation WHERE source_document_id = $1 AND target_document_id = $2 AND kind = 'guides'`,
          [d.id, d.other],
        );
        return { method: 'DELETE', url: `/api/library/documents/${d.id}/relations/${rows[0].id}` };
      },
    },
    {
      name: 'POST /quan-tri/thu-vien/trang-thai',
      actions: LIBRARY,
      request: (d) => form('POST', '/quan-tri/thu-vien/trang-thai', { id: d.id, status: 'in_force' }),
    },
  ] as Route<DocumentTarget>[]
).map((r) => ({ ...r, orgType: null }));

/** Routes whose target is the asker's own keeper (a new document) or no object at all (role only). */
const OWN_KEEPER = (v: Vantage) => (v.unitLevel === 'central' ? 'vn' : v.unitPath.split('.').slice(0, 2).join('.'));
const LIBRARY_OWN_ROUTES: (Route<Vantage> & { roleOnly?: boolean })[] = (
  [
    {
      name: 'POST /api/library/documents',
      actions: LIBRARY,
      request: () => ({ method: 'POST', url: '/api/library/documents', payload: newDocument() }),
    },
    {
      name: 'POST /quan-tri/thu-vien/luu',
      actions: LIBRARY,
      request: () => {
        const d = newDocument();
        return form('POST', '/quan-tri/thu-vien/luu', {
          number: d.number,
          title: d.title,
          docType: d.docType,
          issuer: d.issuer,
          issuedDate: d.issuedDate,
          articles: JSON.stringify(d.articles),
        });
      },
    },
    {
      name: 'GET /quan-tri/thu-vien',
      actions: LIBRARY,
      roleOnly: true,
      request: () => ({ method: 'GET', url: '/quan-tri/thu-vien' }),
    },
    {
      name: 'POST /api/library/uploads/preview',
      actions: LIBRARY,
      roleOnly: true,
      request: async () => ({ method: 'POST', url: '/api/library/uploads/preview', ...(await upload()) }),
    },
    {
      name: 'POST /quan-tri/thu-vien/xem-truoc',
      actions: LIBRARY,
      roleOnly: true,
      request: async () => ({ method: 'POST', url: '/quan-tri/thu-vien/xem-truoc', ...(await upload()) }),
    },
  ] as (Route<Vantage> & { roleOnly?: boolean })[]
).map((r) => ({ ...r, orgType: null }));
const upload = () => multipartFile('Điều 1. Phạm vi\nNội dung.', 'van-ban.txt', 'text/plain');

/** Runs a route's cells for every role from one vantage; returns the cells that are not as the policy says. */
async function runCells<T extends { path: string }>(
  vantage: Vantage,
  route: Route<T>,
  targets: [string, T][],
  roleOnly = false,
): Promise<string[]> {
  const failures: string[] = [];
  for (const role of ROLES as readonly Role[]) {
    const session = await sessionHeaders(t.database.db, { ...vantage, roles: [role] });
    for (const [rel, target] of targets) {
      const req = await route.request(target);
      const res = await t.app.inject({ ...req, headers: { ...session, ...req.headers } } as never);
      const p = principalAt(vantage, role);
      const expected = roleOnly
        ? expectation(p, route.actions, { unitPath: p.unitPath })
        : expectation(p, route.actions, {
            unitPath: target.path,
            orgType: route.orgType === undefined ? 'front' : route.orgType,
          });
      cells++;
      if (!cellHolds(expected, res.statusCode))
        failures.push(
          `${vantage.unitCode} ${role} × ${rel}: ${res.statusCode} (policy: ${expected}) ${res.body.slice(0, 120)}`,
        );
    }
  }
  return failures;
}

const petitionTargets = (v: Vantage): [string, PetitionTarget][] =>
  v === COMMUNE
    ? [
        ['own', unitsByCode['00004']!],
        ['sibling', unitsByCode['00008']!],
        ['parent', unitsByCode['01']!],
        ['other_province', unitsByCode[otherCommune]!],
      ]
    : [
        ['own', unitsByCode['01']!],
        ['child', unitsByCode['00004']!],
        ['other_province', unitsByCode[otherCommune]!],
      ];

describe('authorisation matrix: petitions staff routes (commune and province Front cadres)', () => {
  for (const route of PETITION_ROUTES) {
    it(route.name, async () => {
      const failures = [
        ...(await runCells(COMMUNE, route, petitionTargets(COMMUNE))),
        ...(await runCells(PROVINCE, route, petitionTargets(PROVINCE))),
        ...(await runCells(COMMUNE_YOUTH, route, [['own (Youth Union account)', unitsByCode['00004']!]])),
      ];
      expect(failures).toEqual([]);
    });
  }

  /** Lists (scope applied by filtering: role only) and the deadlines, which only Central's administrators set. */
  const deadlineNow = async () =>
    String(
      (await t.database.pool.query(`SELECT deadline_days FROM petition_category WHERE code = 'moi_truong'`)).rows[0]
        .deadline_days,
    );
  const OTHER_ROUTES: (Route<Vantage> & { target: 'role only' | 'Central (vn)' })[] = [
    {
      name: 'GET /quan-tri/phan-anh',
      actions: ['handle_petition', 'answer_petition'],
      target: 'role only',
      request: () => ({ method: 'GET', url: '/quan-tri/phan-anh' }),
    },
    {
      name: 'GET /api/petitions/inbox',
      actions: ['handle_petition', 'answer_petition'],
      target: 'role only',
      request: () => ({ method: 'GET', url: '/api/petitions/inbox' }),
    },
    {
      name: 'GET /quan-tri/phan-anh/xuat.xlsx',
      actions: ['handle_petition'],
      target: 'role only',
      request: () => ({ method: 'GET', url: '/quan-tri/phan-anh/xuat.xlsx' }),
    },
    {
      name: 'GET /quan-tri/phan-anh/thoi-han',
      actions: ['administer'],
      target: 'Central (vn)',
      request: () => ({ method: 'GET', url: '/quan-tri/phan-anh/thoi-han' }),
    },
    {
      name: 'POST /quan-tri/phan-anh/thoi-han',
      actions: ['administer'],
      target: 'Central (vn)',
      request: async () => form('POST', '/quan-tri/phan-anh/thoi-han', { days_moi_truong: await deadlineNow() }),
    },
    {
      name: 'PUT /api/petitions/categories/:code',
      actions: ['administer'],
      target: 'Central (vn)',
      request: async () => ({
        method: 'PUT',
        url: '/api/petitions/categories/moi_truong',
        payload: { deadlineDays: Number(await deadlineNow()) },
      }),
    },
  ];
  for (const route of OTHER_ROUTES) {
    it(`${route.name} (${route.target})`, async () => {
      const failures: string[] = [];
      for (const v of [COMMUNE, PROVINCE, CENTRAL])
        failures.push(
          ...(await runCells(
            v,
            route,
            [[route.target, { ...v, path: route.target === 'role only' ? v.unitPath : 'vn' }]],
            route.target === 'role only',
          )),
        );
      expect(failures).toEqual([]);
    });
  }

  it('the inbox lists exactly the cases in scope (own unit and below)', async () => {
    const listed = async (v: Vantage) => {
      const res = await t.app.inject({
        url: '/api/petitions/inbox?pageSize=100',
        headers: await sessionHeaders(t.database.db, { ...v, roles: ['petition_handler'] }),
      });
      expect(res.statusCode).toBe(200);
      return new Set(res.json().items.map((i: { id: number }) => i.id));
    };
    const commune = await listed(COMMUNE);
    const province = await listed(PROVINCE);
    const id = (code: string) => unitsByCode[code]!.caseId;
    expect([
      commune.has(id('00004')),
      commune.has(id('00008')),
      commune.has(id('01')),
      commune.has(id(otherCommune)),
    ]).toEqual([true, false, false, false]);
    expect([
      province.has(id('00004')),
      province.has(id('00008')),
      province.has(id('01')),
      province.has(id(otherCommune)),
    ]).toEqual([true, true, true, false]);
  });
});

describe('authorisation matrix: library librarian routes (keeper Central, own province, other province)', () => {
  const documentTargets = (): [string, DocumentTarget][] => [
    ['kept by Central (vn)', docs.vn],
    ['kept by the own province (vn.01)', docs['vn.01']],
    ['kept by another province (vn.79)', docs['vn.79']],
  ];
  for (const route of LIBRARY_ROUTES) {
    it(route.name, async () => {
      const failures: string[] = [];
      for (const v of [COMMUNE, PROVINCE, CENTRAL, PROVINCE_YOUTH])
        failures.push(...(await runCells(v, route, documentTargets())));
      expect(failures).toEqual([]);
    });
  }
  for (const route of LIBRARY_OWN_ROUTES) {
    it(`${route.name} (the asker's own keeper)`, async () => {
      const failures: string[] = [];
      for (const v of [COMMUNE, PROVINCE, CENTRAL])
        failures.push(
          ...(await runCells(v, route, [['own keeper', { ...v, path: OWN_KEEPER(v) }]], route.roleOnly ?? false)),
        );
      expect(failures).toEqual([]);
    });
  }
});

/**
 * The authority's cells: a real authority account (commune 00004, province 01) linked to the directory entry of each
 * relation's unit, that unit's case forwarded to that entry. The policy lets it answer only entries within its own
 * unit: a link reaching outside (made behind the directory's back) still shows nothing.
 */
describe('authorisation matrix: the competent authority on forwarded cases', () => {
  const forwardedCase = {} as Record<string, number>;
  const sessions = new Map<Vantage, Record<string, string>>();
  beforeAll(async () => {
    for (const u of Object.values(unitsByCode)) {
      const [, province] = u.path.split('.');
      const handler = await sessionHeaders(t.database.db, {
        unitCode: u.code,
        unitPath: u.path,
        unitLevel: u.code.length === 2 ? 'province' : 'commune',
        roles: ['petition_handler'],
      });
      const { id } = await submitCase(t, { unit: u.code });
      for (const payload of [{ action: 'accept' }, { action: 'forward', authorityId: u.entryId }]) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/petitions/${id}/actions`,
          headers: handler,
          payload,
        });
        expect(res.statusCode, `${u.code} ${province} ${res.body}`).toBe(200);
      }
      forwardedCase[u.code] = id;
    }
    for (const v of [COMMUNE, PROVINCE]) {
      const account = await staffAccount(t, { ...v, roles: ['authority'], displayName: `Cơ quan ${v.unitCode}` });
      for (const u of Object.values(unitsByCode))
        await t.database.pool.query(
          `INSERT INTO petition_authority_account (authority_id, account_id, account_name, linked_by)
           VALUES ($1, $2, 'Cơ quan', $2) ON CONFLICT DO NOTHING`,
          [u.entryId, account.id],
        );
      sessions.set(v, account.headers);
    }
  });

  const AUTHORITY_ROUTES: Route<number>[] = [
    {
      name: 'GET /api/petitions/:id',
      actions: ['answer_petition'],
      request: (id) => ({ method: 'GET', url: `/api/petitions/${id}` }),
    },
    {
      name: 'GET /quan-tri/phan-anh/:id',
      actions: ['answer_petition'],
      request: (id) => ({ method: 'GET', url: `/quan-tri/phan-anh/${id}` }),
    },
    {
      name: 'POST /api/petitions/:id/actions (note)',
      actions: ['answer_petition'],
      request: (id) => ({
        method: 'POST',
        url: `/api/petitions/${id}/actions`,
        payload: { action: 'note', text: 'Đang xử lý' },
      }),
    },
    {
      name: 'POST /quan-tri/phan-anh/:id/thao-tac (note)',
      actions: ['answer_petition'],
      request: (id) => form('POST', `/quan-tri/phan-anh/${id}/thao-tac`, { action: 'note', text: 'Đang xử lý' }),
    },
  ];
  for (const route of AUTHORITY_ROUTES) {
    it(route.name, async () => {
      const failures: string[] = [];
      for (const v of [COMMUNE, PROVINCE]) {
        for (const [rel, u] of petitionTargets(v)) {
          const req = await route.request(forwardedCase[u.code]!);
          const res = await t.app.inject({ ...req, headers: { ...sessions.get(v), ...req.headers } } as never);
          const expected = expectation(principalAt(v, 'authority'), route.actions, { unitPath: u.path });
          cells++;
          if (!cellHolds(expected, res.statusCode))
            failures.push(`${v.unitCode} authority × ${rel}: ${res.statusCode} (policy: ${expected})`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
