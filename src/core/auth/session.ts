import { createHash, randomBytes } from 'node:crypto';
import { type Generated, sql } from 'kysely';
import type { Database, Db } from '../db/database.ts';
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

type SessionOptions = {
  ttlMs?: number;
  userAgent?: string;
  /** The app and the provider session it was opened through (columns added by identity's migration 0021). */
  sso?: { clientId: string; oidcSid: string | null };
};

/** Starts a session for the principal and returns the token to put in the cookie. */
export async function createSession(db: Db, principal: Principal, opts: SessionOptions = {}): Promise<string> {
  const { token, insert } = sessionInsert(principal, opts);
  await insert.execute(db);
  return token;
}

/**
 * The INSERT that `createSession` runs and the token it stores the hash of, for a hot path that writes the
 * session inside a larger statement (a CTE beside its audit entry), saving round trips and commits.
 */
export function sessionInsert(principal: Principal, opts: SessionOptions = {}) {
  const token = randomBytes(32).toString('base64url');
  const insert = sql`INSERT INTO auth_session (token_hash, account_id, principal, user_agent, expires_at, client_id,
      oidc_sid)
    VALUES (${hash(token)}, ${principal.accountId}, ${JSON.stringify(principal)}::jsonb,
      ${opts.userAgent?.slice(0, 300) ?? null}, ${new Date(Date.now() + (opts.ttlMs ?? SESSION_TTL_MS))},
      ${opts.sso?.clientId ?? null}, ${opts.sso?.oidcSid ?? null})`;
  return { token, insert };
}

/** How often a session's last_seen_at is refreshed: a write per request would cost a commit per request. */
const TOUCH_INTERVAL_MS = 60_000;

type CachedSession = { principal: Principal; expiresAt: number; lastSeenAt: number };
/** `notices` counts the changes heard: a lookup that overlapped one does not store what it read (it may be stale). */
type SessionCache = { entries: Map<string, CachedSession>; notices: number };
const MAX_CACHED_SESSIONS = 10_000;
/** Per database handle: resolved sessions of a process that hears every change to them (see `cacheSessions`). */
const sessionCaches = new WeakMap<Db, SessionCache>();

/**
 * Keeps resolved sessions in memory for a database whose every session change this process hears: migration 0005
 * notifies `mts_auth_session` with the token hash of any session revoked, changed or deleted, once it commits, and
 * the entry is dropped. Used for the embedded database, which one process owns, where the lookup was a third of an
 * authenticated request's cost; several processes sharing a server each look the session up (one indexed query).
 */
export async function cacheSessions(db: Db, listen: NonNullable<Database['listen']>): Promise<void> {
  const cache: SessionCache = { entries: new Map(), notices: 0 };
  await listen('mts_auth_session', (tokenHashHex) => {
    cache.notices++;
    cache.entries.delete(tokenHashHex);
  });
  sessionCaches.set(db, cache);
}

/** The principal of a live session, or null when the token is unknown, expired or revoked. */
export async function resolveSession(db: Db, token: string): Promise<Principal | null> {
  const tokenHash = hash(token);
  const cache = sessionCaches.get(db);
  const key = cache ? tokenHash.toString('hex') : '';
  const cached = cache?.entries.get(key);
  if (cached && cached.expiresAt > Date.now()) {
    if (Date.now() - cached.lastSeenAt > TOUCH_INTERVAL_MS) {
      cached.lastSeenAt = Date.now();
      await touchSession(db, tokenHash);
    }
    return cached.principal;
  }
  const noticesBefore = cache?.notices;
  const row = await db
    .withTables<SessionTables>()
    .selectFrom('auth_session')
    .select(['principal', 'last_seen_at', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  if (!row) return null;
  let lastSeenAt = new Date(row.last_seen_at).getTime();
  if (Date.now() - lastSeenAt > TOUCH_INTERVAL_MS) {
    lastSeenAt = Date.now();
    await touchSession(db, tokenHash);
  }
  if (cache && cache.notices === noticesBefore) {
    cache.entries.set(key, { principal: row.principal, expiresAt: new Date(row.expires_at).getTime(), lastSeenAt });
    if (cache.entries.size > MAX_CACHED_SESSIONS) cache.entries.delete(cache.entries.keys().next().value as string);
  }
  return row.principal;
}

async function touchSession(db: Db, tokenHash: Buffer): Promise<void> {
  await db
    .withTables<SessionTables>()
    .updateTable('auth_session')
    .set({ last_seen_at: sql`now()` })
    .where('token_hash', '=', tokenHash)
    .execute();
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
