import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import { type QueryExecutorProvider, sql } from 'kysely';
import type { Principal } from './auth/principal.ts';

type RequestOrigin = { requestId: string; ip: string };
const requestOrigin = new AsyncLocalStorage<RequestOrigin>();

/** Remembers each request's id and client address for the audit entries written while serving it. */
export function installAuditContext(app: FastifyInstance): void {
  app.addHook('onRequest', async (req) => {
    requestOrigin.enterWith({ requestId: req.id, ip: req.ip });
  });
}

export type AuditEntry = {
  actor: Principal | null;
  /** `<module>.<object>.<verb>`, e.g. `units.village.create`. */
  action: string;
  target: { type: string; id?: string | null; unitPath?: string | null };
  /** References and changed values; never passwords, tokens, OTPs or a citizen's contact details. */
  details?: Record<string, unknown>;
};

/**
 * Writes one audit entry. Call it with the transaction that makes the change, so the change and its record
 * are committed together or not at all.
 */
export async function recordAudit(db: QueryExecutorProvider, e: AuditEntry): Promise<void> {
  await auditInsert(e).execute(db);
}

/**
 * The INSERT that `recordAudit` runs, for a hot path that writes it as part of a larger statement (a CTE of
 * the change itself), saving a round trip. Same columns, same request origin.
 */
export function auditInsert(e: AuditEntry) {
  const origin = requestOrigin.getStore();
  return sql`INSERT INTO audit_log (actor_id, actor_name, actor_unit_path, actor_org_type, action, target_type,
      target_id, target_unit_path, request_id, ip, details)
    VALUES (${e.actor?.accountId ?? null}, ${e.actor?.displayName ?? null}, ${e.actor?.unitPath ?? null}::ltree,
      ${e.actor?.orgType ?? null}, ${e.action}, ${e.target.type}, ${e.target.id ?? null},
      ${e.target.unitPath ?? null}::ltree, ${origin?.requestId ?? null}, ${origin?.ip ?? null}::inet,
      ${JSON.stringify(e.details ?? {})}::jsonb)`;
}

export type AuditRow = {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorUnitPath: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  targetUnitPath: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** Entries whose target lies in a subtree, newest first (keyset paging by id). */
export async function listAudit(
  db: QueryExecutorProvider,
  o: {
    pathPrefix: string;
    /** Outside the Front, an auditor reads the actions of their own organisation only. */
    actorOrgType?: string | null;
    action?: string | undefined;
    beforeId?: number | undefined;
    limit: number;
  },
): Promise<AuditRow[]> {
  const { rows } = await sql<AuditRow>`SELECT id, at, actor_id AS "actorId", actor_name AS "actorName",
      actor_unit_path::text AS "actorUnitPath", action, target_type AS "targetType", target_id AS "targetId",
      target_unit_path::text AS "targetUnitPath", request_id AS "requestId", host(ip) AS ip, details
    FROM audit_log
    WHERE target_unit_path <@ ${o.pathPrefix}::ltree
      ${o.actorOrgType ? sql`AND actor_org_type = ${o.actorOrgType}` : sql``}
      ${o.action ? sql`AND action = ${o.action}` : sql``}
      ${o.beforeId ? sql`AND id < ${o.beforeId}` : sql``}
    ORDER BY id DESC LIMIT ${o.limit}`.execute(db);
  return rows;
}
