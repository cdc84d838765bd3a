import { sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import { identityDb } from './identity.db.ts';
import type { Sealer } from './secrets.ts';

type Payload = Record<string, unknown> & {
  grantId?: string;
  uid?: string;
  userCode?: string;
  accountId?: string;
  consumed?: number;
};

/**
 * oidc-provider's storage on the platform database: one table keyed by (model, id), with the grant, uid and
 * user-code lookups it needs and the account id (so an account's sessions, grants and tokens end together).
 * The "Client" model reads the third-party clients a Central administrator registered.
 */
export function createOidcAdapter(db: Db, sealer: Sealer) {
  return class DbAdapter {
    name: string;
    constructor(name: string) {
      this.name = name;
    }

    /**
     * Written with asynchronous commit (PostgreSQL's synchronous_commit = off, for this statement only): the
     * provider's rows — interactions, provider sessions, grants, codes, tokens — are short-lived and a sign-in
     * recreates them, so a database crash may lose the last fraction of a second of them (someone signs in again)
     * but never leaves anything inconsistent. This saves a WAL flush on each of the 7 writes of a sign-in.
     * Revocations (destroy, revokeByGrantId, consume) stay synchronous: a lost revocation would revive a token.
     */
    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await sql`
        INSERT INTO oidc_payload (model, id, payload, grant_id, uid, user_code, account_id, expires_at)
        SELECT ${this.name}, ${id}, ${JSON.stringify(payload)}::jsonb, ${payload.grantId ?? null}::text,
          ${payload.uid ?? null}::text, ${payload.userCode ?? null}::text, ${payload.accountId ?? null}::text,
          ${expiresAt}::timestamptz
        FROM (SELECT set_config('synchronous_commit', 'off', true)) AS asynchronous_commit
        ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
          uid = excluded.uid, user_code = excluded.user_code, account_id = excluded.account_id,
          expires_at = excluded.expires_at`.execute(db);
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.name === 'Client') return findThirdPartyClient(db, sealer, id);
      return this.findWhere(sql`id = ${id}`);
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      return this.findWhere(sql`uid = ${uid}`);
    }

    findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.findWhere(sql`user_code = ${userCode}`);
    }

    private async findWhere(cond: ReturnType<typeof sql>): Promise<Payload | undefined> {
      const { rows } = await sql<{ payload: Payload; consumed_at: Date | null }>`
        SELECT payload, consumed_at FROM oidc_payload
        WHERE model = ${this.name} AND ${cond} AND (expires_at IS NULL OR expires_at > now())
        LIMIT 1`.execute(db);
      const r = rows[0];
      if (!r) return undefined;
      return r.consumed_at ? { ...r.payload, consumed: Math.floor(r.consumed_at.getTime() / 1000) } : r.payload;
    }

    async consume(id: string): Promise<void> {
      await sql`UPDATE oidc_payload SET consumed_at = now() WHERE model = ${this.name} AND id = ${id}`.execute(db);
    }

    async destroy(id: string): Promise<void> {
      // A finished interaction is removed with asynchronous commit too (it expires by itself within 10 minutes);
      // every other model's removal is a revocation and waits for the flush.
      if (this.name === 'Interaction') {
        await sql`DELETE FROM oidc_payload WHERE model = 'Interaction' AND id = ${id}
          AND set_config('synchronous_commit', 'off', true) = 'off'`.execute(db);
        return;
      }
      await sql`DELETE FROM oidc_payload WHERE model = ${this.name} AND id = ${id}`.execute(db);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await sql`DELETE FROM oidc_payload WHERE grant_id = ${grantId}`.execute(db);
    }
  };
}

async function findThirdPartyClient(db: Db, sealer: Sealer, id: string): Promise<Payload | undefined> {
  const row = await identityDb(db)
    .selectFrom('oidc_client')
    .selectAll()
    .where('client_id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  let clientSecret: string;
  try {
    clientSecret = sealer.open(row.sealed_secret);
  } catch {
    return undefined; // sealed under a previous TOKEN_SECRET: unknown until registered again
  }
  return {
    client_id: row.client_id,
    client_name: row.name,
    client_secret: clientSecret,
    redirect_uris: row.redirect_uris,
    post_logout_redirect_uris: row.post_logout_redirect_uris,
    ...(row.backchannel_logout_uri
      ? { backchannel_logout_uri: row.backchannel_logout_uri, backchannel_logout_session_required: true }
      : {}),
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

/** Ends everything the provider holds for an account: its provider sessions, grants, codes and tokens. */
export async function revokeAccountOidc(db: Db, accountId: string): Promise<number> {
  const { rows } = await sql<{ grant_id: string | null }>`
    DELETE FROM oidc_payload WHERE account_id = ${accountId} RETURNING grant_id`.execute(db);
  const grants = [...new Set(rows.map((r) => r.grant_id).filter((g): g is string => !!g))];
  if (grants.length) await sql`DELETE FROM oidc_payload WHERE grant_id = ANY(${grants})`.execute(db);
  return rows.length;
}

/** Housekeeping: expired rows are invisible already; this only frees the space. */
export async function purgeExpiredOidc(db: Db): Promise<number> {
  const res = await sql`DELETE FROM oidc_payload WHERE expires_at < now() - interval '1 hour'`.execute(db);
  return Number(res.numAffectedRows ?? 0);
}
