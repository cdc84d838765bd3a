import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../core/audit.ts';
import { ORG_TYPES, type Principal, ROLES } from '../../core/auth/principal.ts';
import { sessionCookieOptions } from '../../core/auth/request-auth.ts';
import { createSession, revokeSession, SESSION_COOKIE } from '../../core/auth/session.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { findUnitByCode, orgTypesAt, todayInVietnam, unitsDb } from '../units/index.ts';

export const devLoginBody = z.object({
  unitCode: z.string().trim().min(1).max(20),
  orgType: z.enum(ORG_TYPES).default('front'),
  roles: z.array(z.enum(ROLES)).min(1).default(['admin']),
  displayName: z.string().trim().min(1).max(100).optional(),
});

/**
 * Signs in as a staff member of any unit, organisation and roles. A development and test aid until single
 * sign-on lands: refused unless DEV_LOGIN is on, which the configuration forbids in production.
 */
export async function devLoginPrincipal(ctx: AppContext, input: z.infer<typeof devLoginBody>): Promise<Principal> {
  if (!ctx.config.devLogin) throw new AppError('DEV_LOGIN_DISABLED');
  const unit = await findUnitByCode(unitsDb(ctx.db), input.unitCode, todayInVietnam());
  if (!unit) throw new AppError('DEV_LOGIN_UNKNOWN_UNIT', { params: { code: input.unitCode } });
  if (!orgTypesAt(unit.level).includes(input.orgType)) throw new AppError('DEV_LOGIN_ORG_ABSENT');
  return {
    accountId: `dev:${randomUUID()}`,
    displayName: input.displayName ?? `Cán bộ thử nghiệm — ${unit.fullName}`,
    unitCode: unit.code,
    unitPath: unit.path,
    unitLevel: unit.level,
    orgType: input.orgType,
    roles: input.roles,
  };
}

/** Development sign-in shared by the API and the /dang-nhap form: principal, session, cookie. */
export async function startDevSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  input: z.infer<typeof devLoginBody>,
): Promise<Principal> {
  const principal = await devLoginPrincipal(ctx, input);
  const token = await createSession(ctx.db, principal, { userAgent: req.headers['user-agent'] });
  await recordAudit(ctx.db, {
    actor: principal,
    action: 'identity.session.dev_login',
    target: { type: 'account', id: principal.accountId, unitPath: principal.unitPath },
    details: { orgType: principal.orgType, roles: principal.roles },
  });
  reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(ctx.config.publicUrl.startsWith('https:')));
  return principal;
}

/** Ends the request's session (if any) and clears its cookie. */
export async function endSession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await revokeSession(ctx.db, token);
  if (req.principal) {
    await recordAudit(ctx.db, {
      actor: req.principal,
      action: 'identity.session.logout',
      target: { type: 'account', id: req.principal.accountId, unitPath: req.principal.unitPath },
    });
  }
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function registerDevLoginRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/api/auth/dev-login',
    { schema: { tags: ['identity'], summary: 'Đăng nhập thử nghiệm (chỉ môi trường phát triển)', body: devLoginBody } },
    async (req, reply) => ({ principal: await startDevSession(ctx, req, reply, req.body) }),
  );
  app.post('/api/auth/logout', { schema: { tags: ['identity'], summary: 'Đăng xuất' } }, async (req, reply) => {
    await endSession(ctx, req, reply);
    return { signedOut: true };
  });
  app.get('/api/auth/me', { schema: { tags: ['identity'], summary: 'Tài khoản đang đăng nhập' } }, async (req) => {
    if (!req.principal) throw new AppError('UNAUTHENTICATED');
    return { principal: req.principal };
  });
}
