import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { sessionHeaders } from '../testing/auth.ts';
import { createSession, resolveSession, revokeAccountSessions, revokeSession } from './session.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, (app) => {
    app.get('/api/whoami', { schema: { hide: true } }, async (req) => ({ principal: req.principal }));
    app.post('/api/change', { schema: { hide: true } }, async () => ({ changed: true }));
  });
});
afterAll(() => t.close());

const principal = {
  accountId: 'acc-1',
  displayName: 'Nguyễn Văn A',
  unitCode: '01',
  unitPath: 'vn.01',
  unitLevel: 'province' as const,
  orgType: 'front' as const,
  roles: ['admin' as const],
};

describe('sessions', () => {
  it('resolves a live session and forgets a revoked one', async () => {
    const token = await createSession(t.database.db, principal);
    expect(await resolveSession(t.database.db, token)).toEqual(principal);
    await revokeSession(t.database.db, token);
    expect(await resolveSession(t.database.db, token)).toBeNull();
  });

  it('ends every session of an account at once', async () => {
    const a = await createSession(t.database.db, principal);
    const b = await createSession(t.database.db, principal);
    expect(await revokeAccountSessions(t.database.db, 'acc-1')).toBeGreaterThanOrEqual(2);
    expect(await resolveSession(t.database.db, a)).toBeNull();
    expect(await resolveSession(t.database.db, b)).toBeNull();
  });

  it('forgets a session changed by any statement, at once (the embedded database keeps sessions in memory)', async () => {
    const db = t.database.db;
    const token = await createSession(db, principal);
    expect(await resolveSession(db, token)).toEqual(principal);
    expect(await resolveSession(db, token)).toEqual(principal); // from memory on the embedded database
    const tokenHash = createHash('sha256').update(token).digest();
    await sql`UPDATE auth_session SET principal = ${JSON.stringify({ ...principal, roles: ['viewer'] })}::jsonb
      WHERE token_hash = ${tokenHash}`.execute(db);
    expect((await resolveSession(db, token))?.roles).toEqual(['viewer']);
    await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${principal.accountId}`.execute(db);
    expect(await resolveSession(db, token)).toBeNull();
    const other = await createSession(db, principal);
    expect(await resolveSession(db, other)).toEqual(principal);
    await sql`DELETE FROM auth_session WHERE token_hash = ${createHash('sha256').update(other).digest()}`.execute(db);
    expect(await resolveSession(db, other)).toBeNull();
  });

  it('does not keep a session read while it was being revoked', async () => {
    const db = t.database.db;
    const token = await createSession(db, principal);
    const [read] = await Promise.all([resolveSession(db, token), revokeSession(db, token)]);
    // Whichever ran first, the revocation wins from now on.
    expect([null, principal]).toContainEqual(read);
    expect(await resolveSession(db, token)).toBeNull();
  });

  it('refuses an expired session', async () => {
    const token = await createSession(t.database.db, principal, { ttlMs: -1000 });
    expect(await resolveSession(t.database.db, token)).toBeNull();
  });

  it('puts the principal on the request from the cookie', async () => {
    const headers = await sessionHeaders(t.database.db, { unitPath: 'vn.01', unitCode: '01', unitLevel: 'province' });
    const res = await t.app.inject({ url: '/api/whoami', headers });
    expect(res.json().principal.unitPath).toBe('vn.01');
    const anon = await t.app.inject({ url: '/api/whoami' });
    expect(anon.json().principal).toBeNull();
  });

  it('refuses a cookie-authenticated state change from another origin', async () => {
    const headers = await sessionHeaders(t.database.db, { unitPath: 'vn.01', unitCode: '01', unitLevel: 'province' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/change', headers });
    expect(ok.statusCode).toBe(200);
    const cross = await t.app.inject({
      method: 'POST',
      url: '/api/change',
      headers: { ...headers, origin: 'https://evil.example' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().code).toBe('FORBIDDEN');
    const noOrigin = await t.app.inject({ method: 'POST', url: '/api/change', headers: { cookie: headers.cookie } });
    expect(noOrigin.statusCode).toBe(403);
  });
});
