import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { ConfigError, testConfig } from '../../core/config.ts';
import type { Database } from '../../core/db/database.ts';
import { openTestDatabase } from '../../core/testing/database.ts';
import { GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';
import { createSealer } from './secrets.ts';
import { REGENERATE_FLAG } from './token-secret-change.ts';

// The test database template already holds a signing key sealed with the tests' default secret.
const FIRST = testConfig().tokenSecret;
const SECOND = 'second-token-secret-0123456789abcdef012';

let database: Database;
let app: FastifyInstance | null = null;
const start = async (tokenSecret: string) => {
  app = await buildApp(testConfig({ tokenSecret }), { database });
  return app;
};
const stop = async () => {
  await app?.close();
  app = null;
};
const me = async (b: TestBrowser) => JSON.parse((await b.go('GET', '/api/auth/me')).body).principal ?? null;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterEach(() => {
  delete process.env[REGENERATE_FLAG];
});
afterAll(async () => {
  await stop();
  await database.close();
});

describe('a changed TOKEN_SECRET', () => {
  it('stops the start with a clear message, and the flag regenerates the keys and ends every sign-in', async () => {
    // An installation in use: a signed-in cadre, a third-party client, all sealed with the first secret.
    const first = await start(FIRST);
    await insertAccount(database.db, { username: 'an.badinh', unitCode: '00004' });
    const before = new TestBrowser(first);
    expect((await signIn(before, 'csdl', 'an.badinh', GOOD_PASSWORD)).url).toBe('http://localhost/quan-tri');
    expect(await me(before)).toMatchObject({ unitCode: '00004' });
    await sql`INSERT INTO oidc_client (client_id, name, redirect_uris, sealed_secret, created_by)
      VALUES ('cong-thong-tin', 'Cổng thông tin', ARRAY['https://example.vn/cb'],
        ${createSealer(FIRST).seal('client secret')}, 'test')`.execute(database.db);
    await stop();

    // Another secret, no flag: the start fails with the localised explanation, and nothing was changed.
    const keysBefore = await sql<{ kid: string }>`SELECT kid FROM oidc_signing_key`.execute(database.db);
    const refused = await start(SECOND).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as Error).message;
    expect(message).toContain('không mở được khóa ký');
    expect(message).toContain('cannot be opened');
    expect(message).toContain(`${REGENERATE_FLAG}=true`);
    expect(message).toContain('everyone signs in again');
    app = null;
    const keysAfter = await sql<{ kid: string }>`SELECT kid FROM oidc_signing_key`.execute(database.db);
    expect(keysAfter.rows).toEqual(keysBefore.rows);

    // With the flag: new key, the old sign-ins and the unreadable client are gone, signing in works again.
    process.env[REGENERATE_FLAG] = 'true';
    const second = await start(SECOND);
    const keys = await sql<{ kid: string; sealed_jwk: string }>`SELECT kid, sealed_jwk FROM oidc_signing_key`.execute(
      database.db,
    );
    expect(keys.rows).toHaveLength(1);
    expect(keysBefore.rows.map((k) => k.kid)).not.toContain(keys.rows[0]!.kid);
    expect(() => createSealer(SECOND).open(keys.rows[0]!.sealed_jwk)).not.toThrow();
    const stale = new TestBrowser(second);
    stale.cookies = before.cookies;
    expect(await me(stale)).toBeNull();
    const provider = await sql<{ n: number }>`SELECT count(*)::int AS n FROM oidc_payload`.execute(database.db);
    expect(provider.rows[0]!.n).toBe(0);
    const clients = await sql`SELECT 1 FROM oidc_client`.execute(database.db);
    expect(clients.rows).toHaveLength(0);
    const audit = await sql<{ details: Record<string, unknown> }>`
      SELECT details FROM audit_log WHERE action = 'identity.keys.regenerated'`.execute(database.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.details).toMatchObject({ keysRemoved: 1, clientsRemoved: ['cong-thong-tin'] });
    expect(Number(audit.rows[0]!.details.appSessionsRevoked)).toBeGreaterThanOrEqual(1);

    const after = new TestBrowser(second);
    const again = await signIn(after, 'csdl', 'an.badinh', GOOD_PASSWORD);
    expect(again.prompted).toBe(true);
    expect(await me(after)).toMatchObject({ unitCode: '00004' });
    await stop();

    // The flag left set does nothing once the keys open: the new sign-in survives a restart.
    const third = await start(SECOND);
    const kept = new TestBrowser(third);
    kept.cookies = after.cookies;
    expect(await me(kept)).toMatchObject({ unitCode: '00004' });
    const regenerations = await sql`SELECT 1 FROM audit_log WHERE action = 'identity.keys.regenerated'`.execute(
      database.db,
    );
    expect(regenerations.rows).toHaveLength(1);
  });
});
