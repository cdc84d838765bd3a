import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import type { Jobs } from '../../core/jobs.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { type StaffAccountCard, staffAccountsWithRole, staffContacts } from '../identity/index.ts';
import { todayInVietnam } from '../units/index.ts';

export const OVERDUE_QUEUE = 'petitions-overdue-scan';

/**
 * Flags cases past their deadline and reminds their authority and their handler at the Front (through the
 * outbox) at most once per 20 hours per case; each reminder is a timeline event the handler sees in the inbox
 * ("quá hạn" filter). Returns how many cases were reminded.
 */
export async function remindOverdue(db: Db, publicUrl: string, today = todayInVietnam()): Promise<number> {
  return withTransaction(db, async (trx) => {
    const { rows } = await sql<{
      id: number;
      title: string;
      due: string;
      unitPath: string;
      authority: string | null;
      email: string | null;
      assignedTo: string | null;
      unitCode: string;
    }>`
      UPDATE petition p SET reminded_at = now()
      FROM petition_authority a
      WHERE a.id = p.authority_id AND p.status IN ('forwarded', 'in_progress', 'reopened') AND p.due_date < ${today}::date
        AND (p.reminded_at IS NULL OR p.reminded_at < now() - interval '20 hours')
      RETURNING p.id, p.title, p.due_date AS due, p.unit_path::text AS "unitPath", a.name AS authority, a.email,
        p.assigned_to AS "assignedTo", p.unit_code AS "unitCode"`.execute(trx);
    for (const r of rows) {
      await sql`INSERT INTO petition_event (petition_id, kind, note) VALUES (${r.id}, 'overdue', ${r.due})`.execute(
        trx,
      );
      const params = {
        id: r.id,
        title: r.title.slice(0, 80),
        due: r.due.split('-').reverse().join('/'),
        authority: r.authority ?? '',
        url: `${publicUrl}/quan-tri/phan-anh/${r.id}`,
      };
      if (r.email)
        await enqueueNotification(trx, { channel: 'email', recipient: r.email, template: 'petitions.overdue', params });
      const handlers = await handlersToRemind(trx as unknown as Db, r);
      for (const h of handlers) {
        const channel = h.email ? 'email' : 'sms';
        await enqueueNotification(trx, {
          channel,
          recipient: (h.email ?? h.phone)!,
          template: 'petitions.handler_overdue',
          params,
        });
      }
      await recordAudit(trx, {
        actor: null,
        action: 'petitions.case.remind',
        target: { type: 'petition', id: String(r.id), unitPath: r.unitPath },
        details: { authority: !!r.email, handlers: handlers.length },
      });
    }
    return rows.length;
  });
}

/**
 * Who at the Front is reminded of an overdue case: its assigned handler, or, when none is assigned (or the
 * assignee has no reachable account), the receiving unit's Front accounts with the petition handler role. Each
 * by e-mail when the account has one, else by SMS; accounts with neither are skipped.
 */
async function handlersToRemind(db: Db, r: { assignedTo: string | null; unitPath: string; unitCode: string }) {
  const reachable = (list: StaffAccountCard[]) => list.filter((a) => a.email || a.phone);
  const assigned = r.assignedTo ? reachable(await staffContacts(db, [r.assignedTo])) : [];
  if (assigned.length) return assigned;
  return reachable(
    await staffAccountsWithRole(db, {
      role: 'petition_handler',
      within: r.unitPath,
      unitCode: r.unitCode,
      orgType: 'front',
      limit: 20,
    }),
  );
}

/** Every hour, through pg-boss (one worker across processes). */
export async function scheduleOverdueScan(jobs: Jobs, db: Db, publicUrl: string): Promise<void> {
  const boss = jobs.boss;
  if (!boss) return;
  await boss.createQueue(OVERDUE_QUEUE);
  await boss.schedule(OVERDUE_QUEUE, '17 * * * *', {}, { tz: 'Asia/Ho_Chi_Minh' });
  await boss.work(OVERDUE_QUEUE, async () => {
    await remindOverdue(db, publicUrl);
  });
}
