import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../core/audit.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import type { AccountDeps } from './accounts.routes.ts';
import { appClient } from './clients.ts';
import { identityDb } from './identity.db.ts';
import { randomToken } from './secrets.ts';
import { rotateSigningKeys } from './signing-keys.ts';

/** Only a Central administrator of the Front registers third-party systems as clients. */
export function assertCentralAdmin(p: Principal | null): asserts p is Principal {
  if (!p) throw new AppError('UNAUTHENTICATED');
  if (!(p.unitLevel === 'central' && p.orgType === 'front' && p.roles.includes('admin')))
    throw new AppError('FORBIDDEN');
}

export function validRedirectUri(raw: string): boolean {
  try {
    const u = new URL(raw);
    if (u.hash) return false;
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1');
  } catch {
    return false;
  }
}

export const clientBody = z.object({
  clientId: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{2,40}$/),
  name: z.string().trim().min(2).max(200),
  redirectUris: z.array(z.string().trim().max(500)).min(1).max(10),
  postLogoutRedirectUris: z.array(z.string().trim().max(500)).max(10).default([]),
  backchannelLogoutUri: z.string().trim().max(500).optional().nullable(),
});

export async function registerClient(deps: AccountDeps, actor: Principal | null, input: z.infer<typeof clientBody>) {
  assertCentralAdmin(actor);
  const uris = [
    ...input.redirectUris,
    ...input.postLogoutRedirectUris,
    ...(input.backchannelLogoutUri ? [input.backchannelLogoutUri] : []),
  ];
  if (!uris.every(validRedirectUri)) throw new AppError('CLIENT_REDIRECT_INVALID');
  if (appClient(input.clientId)) throw new AppError('CLIENT_ID_TAKEN');
  const secret = randomToken(32);
  const idb = identityDb(deps.ctx.db);
  await withTransaction(idb, async (trx) => {
    const exists = await trx
      .selectFrom('oidc_client')
      .select('client_id')
      .where('client_id', '=', input.clientId)
      .executeTakeFirst();
    if (exists) throw new AppError('CLIENT_ID_TAKEN');
    await trx
      .insertInto('oidc_client')
      .values({
        client_id: input.clientId,
        name: input.name,
        redirect_uris: input.redirectUris,
        post_logout_redirect_uris: input.postLogoutRedirectUris,
        backchannel_logout_uri: input.backchannelLogoutUri ?? null,
        sealed_secret: deps.sealer.seal(secret),
        created_by: actor.accountId,
        disabled_at: null,
      })
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'identity.client.register',
      target: { type: 'oidc_client', id: input.clientId, unitPath: actor.unitPath },
      details: { redirectUris: input.redirectUris },
    });
  });
  return { clientId: input.clientId, clientSecret: secret };
}

export function registerClientRoutes(scope: FastifyInstance, deps: AccountDeps): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/identity/clients',
    { schema: { tags: ['identity'], summary: 'Ứng dụng bên ngoài đã đăng ký' } },
    async (req) => {
      assertCentralAdmin(req.principal);
      const rows = await identityDb(deps.ctx.db)
        .selectFrom('oidc_client')
        .select(['client_id', 'name', 'redirect_uris', 'created_at', 'disabled_at'])
        .orderBy('created_at', 'desc')
        .execute();
      return { items: rows };
    },
  );
  app.post(
    '/api/identity/clients',
    { schema: { tags: ['identity'], summary: 'Đăng ký ứng dụng bên ngoài (Trung ương)', body: clientBody } },
    async (req, reply) => reply.code(201).send(await registerClient(deps, req.principal, req.body)),
  );
  app.post(
    '/api/identity/keys/rotate',
    { schema: { tags: ['identity'], summary: 'Thay khóa ký token (Trung ương); khóa cũ còn công bố 24 giờ' } },
    async (req) => {
      assertCentralAdmin(req.principal);
      const kid = await rotateSigningKeys(deps.ctx.db, deps.sealer);
      await deps.oidc.reload();
      await recordAudit(deps.ctx.db, {
        actor: req.principal,
        action: 'identity.keys.rotate',
        target: { type: 'oidc_signing_key', id: kid, unitPath: req.principal.unitPath },
      });
      return { kid };
    },
  );
}
