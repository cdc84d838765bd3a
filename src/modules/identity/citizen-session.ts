import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { SESSION_TTL_MS } from '../../core/auth/session.ts';
import type { Db } from '../../core/db/database.ts';

/**
 * A citizen signed in through VNeID. Citizens have no staff principal, so their app session has its own cookie
 * (`mts_citizen`), never read by the staff request hook; the row lives in `auth_session` like any app session,
 * so disabling the account, "sign out everywhere" and back-channel logout end it too. The citizen ID number is
 * read from the account (set only by the VNeID broker), never from the session or a form.
 */
export const CITIZEN_COOKIE = 'mts_citizen';

export type SignedInCitizen = { accountId: string; displayName: string; citizenId: string };

const hash = (token: string) => createHash('sha256').update(token).digest();

export async function createCitizenSession(
  db: Db,
  citizen: { accountId: string; displayName: string },
  opts: { userAgent?: string | undefined; clientId?: string; oidcSid?: string | null } = {},
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const principal = JSON.stringify({ kind: 'citizen', accountId: citizen.accountId, displayName: citizen.displayName });
  await sql`INSERT INTO auth_session (token_hash, account_id, principal, user_agent, expires_at, client_id, oidc_sid)
    VALUES (${hash(token)}, ${citizen.accountId}, ${principal}::jsonb, ${opts.userAgent?.slice(0, 300) ?? null},
      ${new Date(Date.now() + SESSION_TTL_MS)}, ${opts.clientId ?? null}, ${opts.oidcSid ?? null})`.execute(db);
  return token;
}

const SAFE = new Set(['GET', 'HEAD']);

/**
 * The citizen signed in on this request, or null. A state-changing request counts only when it comes from this
 * site (Origin or Referer), on top of the cookie's SameSite=Lax, so another site cannot file a case under
 * someone's identity.
 */
export async function citizenOfRequest(db: Db, req: FastifyRequest): Promise<SignedInCitizen | null> {
  const token = req.cookies[CITIZEN_COOKIE];
  if (!token || token.length > 100) return null;
  if (!SAFE.has(req.method)) {
    const source = req.headers.origin ?? req.headers.referer;
    try {
      // Through URL both sides drop a default port (http://x:80 and Host x:80 are the same origin).
      if (!source || new URL(source).host !== new URL(`${req.protocol}://${req.host}`).host) return null;
    } catch {
      return null;
    }
  }
  const { rows } = await sql<SignedInCitizen>`SELECT a.id::text AS "accountId", a.display_name AS "displayName",
      a.citizen_id AS "citizenId"
    FROM auth_session s JOIN account a ON a.id::text = s.account_id
    WHERE s.token_hash = ${hash(token)} AND s.revoked_at IS NULL AND s.expires_at > now()
      AND s.principal->>'kind' = 'citizen' AND a.kind = 'citizen' AND a.status = 'active'
      AND a.citizen_id IS NOT NULL`.execute(db);
  return rows[0] ?? null;
}

/** Ends the request's citizen session, if any, and clears its cookie. */
export async function endCitizenSession(db: Db, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[CITIZEN_COOKIE];
  if (token) await sql`UPDATE auth_session SET revoked_at = now() WHERE token_hash = ${hash(token)}`.execute(db);
  reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
}
