import { createHash, randomBytes } from 'node:crypto';
import { type Generated, sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'mts_session';
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

type SessionTables = {
  auth_session: {
    token_hash: Buffer;
    account_id: string;
    principal: Principal;
    user_agent: string | null;
    created_at: Generated<Date>;
    last_seen_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
  };
};

const hash = (token: string) => createHash('sha256').update(token).digest();

/** Starts a session for the principal and returns the token to put in the cookie. */
export async function createSession(
  db: Db,
  principal: Principal,
  opts: { ttlMs?: number; userAgent?: string } = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .withTables<SessionTables>()
    .insertInto('auth_session')
    .values({
      token_hash: hash(token),
      account_id: principal.accountId,
      principal: JSON.stringify(principal) as unknown as Principal,
      user_agent: opts.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + (opts.ttlMs ?? SESSION_TTL_MS)),
    })
    .execute();
  return token;
}

/** How often a session's last_seen_at is refreshed: a write per request would cost a commit per request. */
const TOUCH_INTERVAL_MS = 60_000;

/** The principal of a live session, or null when the token is unknown, expired or revoked. */
export async function resolveSession(db: Db, token: string): Promise<Principal | null> {
  const sessions = db.withTables<SessionTables>();
  const tokenHash = hash(token);
  const row = await sessions
    .selectFrom('auth_session')
    .select(['principal', 'last_seen_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
    await sessions
      .updateTable('auth_session')
      .set({ last_seen_at: sql`now()` })
      .where('token_hash', '=', tokenHash)
      .execute();
  }
  return row.principal;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db
    .withTables<SessionTables>()
    .updateTable('auth_session')
    .set({ revoked_at: sql`now()` })
    .where('token_hash', '=', hash(token))
    .execute();
}

/** Ends every session of an account at once (account disabled, password changed). */
export async function revokeAccountSessions(db: Db, accountId: string): Promise<number> {
  const res = await db
    .withTables<SessionTables>()
    .updateTable('auth_session')
    .set({ revoked_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
