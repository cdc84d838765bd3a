import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../core/auth/policy.ts';
import { ORG_TYPES, type Principal, ROLES } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, requestLang } from '../../core/http/errors.ts';
import { translate } from '../../core/i18n/messages.ts';
import { buildImportTemplate, IMPORT_MAX_BYTES, readAccountSheet } from './account-file.ts';
import { findAccountById } from './accounts.repo.ts';
import * as accounts from './accounts.service.ts';
import { registerClientRoutes } from './clients.routes.ts';
import { assertMayManage } from './delegation.ts';
import { identityDb } from './identity.db.ts';
import type { OidcHolder } from './provider.ts';
import type { Sealer } from './secrets.ts';
import { registerSelfServiceRoutes } from './self-service.routes.ts';

export type AccountDeps = { ctx: AppContext; oidc: OidcHolder; sealer: Sealer };

export const newAccountBody = z.object({
  displayName: z.string().trim().min(1).max(200),
  username: z.string().trim().min(3).max(64),
  email: z.email().max(200).optional().nullable(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .-]{9,15}$/)
    .optional()
    .nullable(),
  unitCode: z.string().trim().min(1).max(20),
  orgType: z.enum(ORG_TYPES),
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  password: z.string().max(1024).optional().nullable(),
});

const idParam = z.object({ id: z.uuid() });

/** Delegated administration of staff accounts (JSON API; the pages call the same services). */
export function registerAccountRoutes(scope: FastifyInstance, deps: AccountDeps): void {
  const { ctx } = deps;
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const tags = ['identity'];

  app.get(
    '/api/identity/accounts',
    {
      schema: {
        tags,
        summary: 'Danh sách tài khoản trong phạm vi quản trị',
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
      },
    },
    async (req) => {
      requireRole(req.principal, 'administer');
      return {
        items: await accounts.listAccounts(ctx.db, req.principal, {
          search: req.query.q,
          limit: req.query.limit,
          offset: req.query.offset,
        }),
      };
    },
  );

  app.get(
    '/api/identity/accounts/:id',
    { schema: { tags, summary: 'Một tài khoản', params: idParam } },
    async (req) => {
      requireRole(req.principal, 'administer');
      const a = await findAccountById(identityDb(ctx.db), req.params.id);
      if (a?.kind !== 'staff' || !a.unitPath || !a.orgType) throw new AppError('NOT_FOUND');
      // Reading needs scope only (roles: none), changing also needs the target's roles (see delegation.ts).
      assertMayManage(req.principal, { id: a.id, unitPath: a.unitPath, orgType: a.orgType, roles: [] });
      return {
        account: {
          id: a.id,
          username: a.username,
          displayName: a.displayName,
          email: a.email,
          phone: a.phone,
          unitCode: a.unitCode,
          orgType: a.orgType,
          roles: a.roles,
          status: a.status,
          mfa: a.totpEnabled,
        },
      };
    },
  );

  app.post(
    '/api/identity/accounts',
    { schema: { tags, summary: 'Tạo tài khoản cán bộ', body: newAccountBody } },
    async (req, reply) => {
      const a = await accounts.createAccount(ctx.db, ctx.config.publicUrl, req.principal, req.body);
      return reply.code(201).send({
        account: { id: a.id, username: a.username, unitCode: a.unitCode, orgType: a.orgType, roles: a.roles },
      });
    },
  );

  app.post(
    '/api/identity/accounts/:id/roles',
    {
      schema: {
        tags,
        summary: 'Đổi vai trò',
        params: idParam,
        body: z.object({ roles: z.array(z.enum(ROLES)).min(1) }),
      },
    },
    async (req) => {
      await accounts.setRoles(ctx.db, req.principal, req.params.id, req.body.roles);
      return { ok: true };
    },
  );

  for (const [path, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    app.post(
      `/api/identity/accounts/:id/${path}`,
      {
        schema: {
          tags,
          summary: status === 'disabled' ? 'Khóa tài khoản (kết thúc mọi phiên)' : 'Mở khóa tài khoản',
          params: idParam,
        },
      },
      async (req) => {
        await accounts.setStatus(ctx.db, req.principal, req.params.id, status);
        return { ok: true };
      },
    );
  }

  app.post(
    '/api/identity/accounts/:id/reset-mfa',
    { schema: { tags, summary: 'Đặt lại xác thực hai lớp', params: idParam } },
    async (req) => {
      await accounts.resetMfa(ctx.db, req.principal, req.params.id);
      return { ok: true };
    },
  );

  scope.register(async (child) => {
    await child.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });
    child
      .withTypeProvider<ZodTypeProvider>()
      .post(
        '/api/identity/accounts/import',
        { schema: { tags, summary: 'Tạo tài khoản hàng loạt từ tệp Excel (trường "file"); tất cả hoặc không' } },
        async (req, reply) => {
          requireRole(req.principal, 'administer');
          const buf = await uploadedFile(req);
          const result = await importAccounts(deps, req.principal, buf, requestLang(req));
          return reply.code(result.errors.length ? 400 : 201).send(
            result.errors.length
              ? {
                  code: 'ACCOUNT_IMPORT_INVALID',
                  message: translate('ACCOUNT_IMPORT_INVALID', requestLang(req)),
                  requestId: req.id,
                  rows: result.errors,
                }
              : { created: result.created },
          );
        },
      );
  });

  app.get(
    '/api/identity/accounts/import-template.xlsx',
    { schema: { tags, summary: 'Mẫu tệp Excel nhập tài khoản' } },
    async (_req, reply) => {
      reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      reply.header('content-disposition', 'attachment; filename="mau-nhap-tai-khoan.xlsx"');
      return reply.send(await buildImportTemplate());
    },
  );

  registerSelfServiceRoutes(scope, deps);
  registerClientRoutes(scope, deps);
}

export async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  const file = await req.file();
  if (!file) throw new AppError('VALIDATION_FAILED');
  const buf = await file.toBuffer();
  if (file.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
  return buf;
}

export async function importAccounts(deps: AccountDeps, actor: Principal, buf: Buffer, lang: 'vi' | 'en') {
  const sheet = await readAccountSheet(buf, lang);
  if (sheet.errors.length) return { created: 0, errors: sheet.errors };
  return accounts.createAccounts(deps.ctx.db, deps.ctx.config.publicUrl, actor, sheet.rows, (err, input) =>
    // In a row of the administrator's own file, "not found" means a unit outside their scope.
    err.code === 'NOT_FOUND'
      ? translate('ACCOUNT_UNIT_OUT_OF_SCOPE', lang, { code: input.unitCode })
      : translate(err.code, lang, err.params),
  );
}
