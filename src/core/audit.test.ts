import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './testing/app.ts';
import { sessionHeaders } from './testing/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const hoanKiem = { unitCode: '00070', unitPath: 'vn.01.00070', unitLevel: 'commune' as const };

describe('the audit log', () => {
  it('records a staff change with actor, target, request id and address, in the same transaction', async () => {
    const headers = await sessionHeaders(t.database.db, { ...hoanKiem, roles: ['data_entry'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units/00070/villages',
      headers: { ...headers, 'x-request-id': 'audit-test-0001' },
      payload: { name: 'Số 1', type: 'tổ dân phố' },
    });
    expect(res.statusCode).toBeLessThan(300);
    const { rows } = await t.database.pool.query(
      "SELECT action, target_type, target_unit_path::text AS path, request_id, actor_unit_path::text AS actor, details FROM audit_log WHERE request_id = 'audit-test-0001'",
    );
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'units.village.create',
        target_type: 'unit',
        request_id: 'audit-test-0001',
        actor: 'vn.01.00070',
        details: { name: 'Số 1', type: 'tổ dân phố' },
      }),
    ]);
    expect(rows[0].path.startsWith('vn.01.00070.')).toBe(true);
  });

  it('records nothing when the change is refused', async () => {
    const headers = await sessionHeaders(t.database.db, { ...hoanKiem, roles: ['data_entry'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/units/00070/villages',
      headers: { ...headers, 'x-request-id': 'audit-test-0002' },
      payload: { name: '', type: 'tổ dân phố' },
    });
    expect(res.statusCode).toBe(400);
    const { rows } = await t.database.pool.query("SELECT 1 FROM audit_log WHERE request_id = 'audit-test-0002'");
    expect(rows).toHaveLength(0);
  });

  it('is append-only', async () => {
    await expect(t.database.pool.query('UPDATE audit_log SET action = action')).rejects.toThrow(/append-only/);
    await expect(t.database.pool.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
  });

  it('is readable by auditors within their scope only', async () => {
    const hanoiAuditor = await sessionHeaders(t.database.db, {
      unitCode: '01',
      unitPath: 'vn.01',
      unitLevel: 'province',
      roles: ['auditor'],
    });
    const mine = await t.app.inject({ url: '/api/audit?action=units.village.create', headers: hanoiAuditor });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBeGreaterThan(0);

    const otherProvince = await sessionHeaders(t.database.db, {
      unitCode: '04',
      unitPath: 'vn.04',
      unitLevel: 'province',
      roles: ['auditor'],
    });
    const theirs = await t.app.inject({ url: '/api/audit?action=units.village.create', headers: otherProvince });
    expect(theirs.json().items).toEqual([]);

    const notAuditor = await sessionHeaders(t.database.db, { ...hoanKiem, roles: ['data_entry'] });
    expect((await t.app.inject({ url: '/api/audit', headers: notAuditor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/audit' })).statusCode).toBe(401);
  });
});
