import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'kysely';
import { errors } from 'oidc-provider';
import type { Db } from '../../core/db/database.ts';
import { type Account, accountFromJson } from './accounts.repo.ts';
import { appClient } from './clients.ts';
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
 * What one request to the provider read ahead, each taken once: when it reads an authorization code, a refresh
 * or access token, it next asks for the provider session the token is bound to, its grant and its account (in
 * that order, one round trip each); when it reads an interaction at the resume, the account that signed in. The
 * first read fetches them in the same statement, and the provider's next reads are answered from here. Scoped to
 * one request (`withProviderRequest`), never shared between requests, so nothing is cached beyond the instant of
 * that one statement: a revocation committed before it is seen, as with separate reads.
 */
class ReadAhead {
  rows = new Map<string, Payload | undefined>();
  accounts = new Map<string, Account | null>();
  /** Codes of the platform's own apps read in this request (their consumption, see `consume`). */
  firstPartyCodes = new Set<string>();
  /** An insert to make in the same statement as the next write of the provider (`saveAlongWith`). */
  alongside: ReturnType<typeof sql> | null = null;
}
const readAhead = new AsyncLocalStorage<ReadAhead>();

/**
 * Runs `save` (one write of the provider, e.g. an interaction's result) so that its statement also makes `insert`
 * (a data-modifying CTE: one round trip, one commit, the provider's asynchronous one). Throws if `save` made no
 * write. For an audit entry this is safe because nothing that grants access leaves the server before a later
 * synchronous commit, which flushes the WAL up to it: see `recordSignIn` in interactions.ts.
 */
export async function saveAlongWith<T>(insert: ReturnType<typeof sql>, save: () => Promise<T>): Promise<T> {
  const scope = new ReadAhead();
  scope.alongside = insert;
  const result = await readAhead.run(scope, save);
  if (scope.alongside) throw new Error('saveAlongWith: the provider made no write');
  return result;
}

/** Runs one provider request with its read-ahead scope (mountOidc wraps each request in it). */
export function withProviderRequest<T>(fn: () => T): T {
  return readAhead.run(new ReadAhead(), fn);
}

/**
 * The account `findAccount` asks for, if this request read it ahead: the account (or null: read, and absent), or
 * undefined when it was not read ahead. Taken once.
 */
export function takeReadAheadAccount(id: string): Account | null | undefined {
  const scope = readAhead.getStore();
  if (!scope?.accounts.has(id)) return undefined;
  const a = scope.accounts.get(id)!;
  scope.accounts.delete(id);
  return a;
}

/** Any write of the provider in this request drops what was read ahead: a later read goes to the database. */
function forgetReadAhead(): void {
  readAhead.getStore()?.rows.clear();
}

function take(key: string): { hit: true; value: Payload | undefined } | { hit: false } {
  const scope = readAhead.getStore();
  if (!scope?.rows.has(key)) return { hit: false };
  const value = scope.rows.get(key);
  scope.rows.delete(key);
  return { hit: true, value };
}

const TOKEN_MODELS = new Set(['AuthorizationCode', 'RefreshToken', 'AccessToken']);
const live = (alias: string) => sql.raw(`(${alias}.expires_at IS NULL OR ${alias}.expires_at > now())`);
/** The account id in a payload, as a uuid (null when it is not one: an id never matches then). */
const accountIdOf = (expr: ReturnType<typeof sql>) =>
  sql`CASE WHEN ${expr} ~ '^[0-9a-fA-F-]{36}$' THEN (${expr})::uuid END`;

type Row = { kind: string; payload: Payload | null; consumed_at: Date | null; account: Record<string, unknown> | null };
const payloadOf = (r: Pick<Row, 'payload' | 'consumed_at'>): Payload =>
  r.consumed_at ? { ...r.payload!, consumed: Math.floor(r.consumed_at.getTime() / 1000) } : r.payload!;

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
     * but never leaves anything inconsistent. This saves a WAL flush on each of the provider's writes of a sign-in.
     * Revocations (destroy, revokeByGrantId, consume) stay synchronous: a lost revocation would revive a token
     * (one exception, the consumption of a code of the platform's own apps: see `consume`).
     */
    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      forgetReadAhead();
      const scope = readAhead.getStore();
      const along = scope?.alongside ?? null;
      if (scope) scope.alongside = null;
      const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
      await sql`
        ${along ? sql`WITH alongside AS (${along})` : sql``}
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
      const ahead = take(`${this.name}:${id}`);
      if (ahead.hit) return ahead.value;
      const scope = readAhead.getStore();
      if (scope && TOKEN_MODELS.has(this.name)) return this.findTokenReadingAhead(id, scope);
      if (scope && this.name === 'Interaction') return this.findInteractionReadingAhead(id, scope);
      return this.findWhere(sql`id = ${id}`);
    }

    findByUid(uid: string): Promise<Payload | undefined> {
      const ahead = take(`${this.name}:uid:${uid}`);
      if (ahead.hit) return Promise.resolve(ahead.value);
      return this.findWhere(sql`uid = ${uid}`);
    }

    /**
     * A code or token with, in the same statement, the provider session it is bound to (by uid), its grant and
     * its account: what the token endpoint (or userinfo) reads next. Absent ones are remembered as absent.
     */
    private async findTokenReadingAhead(id: string, scope: ReadAhead): Promise<Payload | undefined> {
      const { rows } = await sql<Row>`
        WITH hit AS (
          SELECT payload, consumed_at FROM oidc_payload AS h
          WHERE model = ${this.name} AND id = ${id} AND ${live('h')})
        SELECT 'hit' AS kind, payload, consumed_at, NULL::jsonb AS account FROM hit
        UNION ALL
        SELECT 'Session', s.payload, s.consumed_at, NULL FROM hit
          JOIN oidc_payload AS s ON s.model = 'Session' AND s.uid = hit.payload->>'sessionUid' AND ${live('s')}
        UNION ALL
        SELECT 'Grant', g.payload, g.consumed_at, NULL FROM hit
          JOIN oidc_payload AS g ON g.model = 'Grant' AND g.id = hit.payload->>'grantId' AND ${live('g')}
        UNION ALL
        SELECT 'Account', NULL, NULL, to_jsonb(a) FROM hit
          JOIN account AS a ON a.id = ${accountIdOf(sql`hit.payload->>'accountId'`)}`.execute(db);
      const hit = rows.find((r) => r.kind === 'hit');
      if (!hit) return undefined;
      const payload = payloadOf(hit);
      const session = rows.find((r) => r.kind === 'Session');
      const grant = rows.find((r) => r.kind === 'Grant');
      const account = rows.find((r) => r.kind === 'Account');
      if (typeof payload.sessionUid === 'string')
        scope.rows.set(`Session:uid:${payload.sessionUid}`, session ? payloadOf(session) : undefined);
      if (payload.grantId) scope.rows.set(`Grant:${payload.grantId}`, grant ? payloadOf(grant) : undefined);
      if (payload.accountId)
        scope.accounts.set(payload.accountId, account?.account ? accountFromJson(account.account) : null);
      if (this.name === 'AuthorizationCode' && typeof payload.clientId === 'string' && appClient(payload.clientId))
        scope.firstPartyCodes.add(id);
      return payload;
    }

    /** An interaction with, in the same statement, the account that signed in (the resume reads it next). */
    private async findInteractionReadingAhead(id: string, scope: ReadAhead): Promise<Payload | undefined> {
      const { rows } = await sql<Row>`
        SELECT 'hit' AS kind, h.payload, h.consumed_at, to_jsonb(a) AS account FROM oidc_payload AS h
        LEFT JOIN account AS a ON a.id = ${accountIdOf(sql`h.payload #>> '{result,login,accountId}'`)}
        WHERE h.model = 'Interaction' AND h.id = ${id} AND ${live('h')}`.execute(db);
      const hit = rows[0];
      if (!hit) return undefined;
      const payload = payloadOf(hit);
      const accountId = (payload.result as { login?: { accountId?: unknown } } | undefined)?.login?.accountId;
      if (typeof accountId === 'string')
        scope.accounts.set(accountId, hit.account ? accountFromJson(hit.account) : null);
      return payload;
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
      return r ? payloadOf(r) : undefined;
    }

    /**
     * A consumption is a revocation and commits synchronously — except a code of the platform's own apps, read
     * in this same request: their exchange runs inside the app's callback, which answers nobody before it opens
     * the app session with a synchronous commit, and that commit flushes the WAL up to it, this consumption
     * included. (Had the callback failed, the code is still useless without the app's PKCE verifier and secret.)
     */
    async consume(id: string): Promise<void> {
      forgetReadAhead();
      const firstPartyCode = this.name === 'AuthorizationCode' && readAhead.getStore()?.firstPartyCodes.has(id);
      // Only an unconsumed row is consumed: of two exchanges racing with one code (or one refresh token), both
      // read it unconsumed, but the second UPDATE waits for the first and then finds nothing to consume.
      const { rows } = await sql`UPDATE oidc_payload SET consumed_at = now()
        WHERE model = ${this.name} AND id = ${id} AND consumed_at IS NULL
        ${firstPartyCode ? sql`AND set_config('synchronous_commit', 'off', true) = 'off'` : sql``}
        RETURNING 1 AS consumed`.execute(db);
      if (rows.length > 0) return;
      // Used twice: what the first use issued is revoked too (RFC 6749 §4.1.2), and this one is refused.
      const { rows: used } = await sql<{ grantId: string | null }>`SELECT grant_id AS "grantId" FROM oidc_payload
        WHERE model = ${this.name} AND id = ${id}`.execute(db);
      const grantId = used[0]?.grantId;
      if (grantId)
        await sql`DELETE FROM oidc_payload WHERE grant_id = ${grantId} OR (model = 'Grant' AND id = ${grantId})`.execute(
          db,
        );
      throw new errors.InvalidGrant(
        `${this.name === 'RefreshToken' ? 'refresh token' : 'authorization code'} already consumed`,
      );
    }

    async destroy(id: string): Promise<void> {
      forgetReadAhead();
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
      forgetReadAhead();
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
