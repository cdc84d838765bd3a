import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../core/audit.ts';
import { requireRole, scopeFilter } from '../../core/auth/policy.ts';
import type { AppContext } from '../../core/context.ts';

const auditQuery = z.object({
  action: z
    .string()
    .regex(/^[a-z_.]{3,80}$/)
    .optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The audit log for auditors: entries about targets in their own subtree, newest first. */
export function registerAuditRoutes(scope: FastifyInstance, ctx: AppContext): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['identity'],
        summary: 'Nhật ký thao tác trong phạm vi của kiểm soát viên',
        querystring: auditQuery,
      },
    },
    async (req) => {
      requireRole(req.principal, 'audit');
      const { pathPrefix, orgType } = scopeFilter(req.principal);
      const items = await listAudit(ctx.db, {
        pathPrefix,
        actorOrgType: orgType,
        action: req.query.action,
        beforeId: req.query.before,
        limit: req.query.limit,
      });
      return { items, next: items.length === req.query.limit ? items.at(-1)!.id : null };
    },
  );
}
