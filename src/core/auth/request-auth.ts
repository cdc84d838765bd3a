import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import type { Principal } from './principal.ts';
import { resolveSession, SESSION_COOKIE } from './session.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff principal, or null for anonymous requests (citizens, public pages). */
    principal: Principal | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the session cookie to a principal on every request, and protects cookie-authenticated
 * state changes against cross-site requests: the Origin (or Referer) must be this site.
 */
export function installRequestAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req)) throw new AppError('FORBIDDEN');
    req.principal = await resolveSession(db, token);
  });
}

function isSameOrigin(req: FastifyRequest): boolean {
  const source = req.headers.origin ?? req.headers.referer;
  if (!source) return false;
  try {
    // Through URL both sides drop a default port (http://x:80 and Host x:80 are the same origin).
    return new URL(source).host === new URL(`${req.protocol}://${req.host}`).host;
  } catch {
    return false;
  }
}

export function sessionCookieOptions(secure: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, maxAge: 8 * 60 * 60 };
}
