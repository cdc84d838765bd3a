import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { OrgType, Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { enqueueNotification, registerNotificationTemplates } from '../../core/notifications/index.ts';
import { formForWeek, WEEKLY_FORM } from './forms.ts';
import { childUnits, missingChildren, orgTypesFor, viewableUnit } from './synthesis.ts';
import { deadlineOf, formatInstantVn, weekLabel } from './weeks.ts';

const ORG_VI: Record<OrgType, string> = {
  front: 'Mặt trận',
  trade_union: 'Công đoàn',
  youth_union: 'Đoàn Thanh niên',
  womens_union: 'Hội Phụ nữ',
  farmers_union: 'Hội Nông dân',
  veterans: 'Hội Cựu chiến binh',
};

export function registerReminderTemplates(): void {
  registerNotificationTemplates({
    'reports.reminder': {
      vi: (p) => ({
        subject: `Nhắc nộp báo cáo ${p.week}`,
        body: `${p.unit} (${p.org}) chưa gửi báo cáo ${p.week}. Hạn nộp: ${p.deadline}. Đề nghị gửi báo cáo trên phần mềm CSDL Mặt trận số. — ${p.from}`,
      }),
      en: (p) => ({
        subject: `Reminder: report for ${p.week}`,
        body: `${p.unit} (${p.org}) has not sent its report for ${p.week}. Deadline: ${p.deadline}. Please send it in the Mặt trận số CSDL. — ${p.from}`,
      }),
    },
  });
}

/** Contacts of an organisation: staff accounts' e-mails when accounts exist, else its cadres' phones (SMS). */
async function contactsOf(trx: Db, organisationId: number, unitCode: string, orgType: OrgType) {
  const { rows: hasAccounts } = await sql<{ t: string | null }>`SELECT to_regclass('account')::text AS t`.execute(trx);
  if (hasAccounts[0]?.t) {
    const { rows } = await sql<{ email: string }>`SELECT email FROM account WHERE kind = 'staff' AND status = 'active'
        AND unit_code = ${unitCode} AND org_type = ${orgType} AND email IS NOT NULL
        AND roles && ARRAY['data_entry', 'admin']::text[] ORDER BY email LIMIT 5`.execute(trx);
    if (rows.length) return rows.map((r) => ({ channel: 'email' as const, recipient: r.email }));
  }
  const { rows } = await sql<{ phone: string }>`SELECT phone FROM cadre WHERE organisation_id = ${organisationId}
      AND removed_at IS NULL AND phone IS NOT NULL ORDER BY full_time DESC, id LIMIT 2`.execute(trx);
  return rows.map((r) => ({ channel: 'sms' as const, recipient: r.phone }));
}

/**
 * Queues reminders to the direct subordinates of a unit that have not reported for a week (notification outbox,
 * same transaction as the record of it); an organisation reminded in the last 12 hours is skipped.
 */
export async function queueReminders(
  db: Db,
  p: Principal | null,
  code: string,
  week: number,
  orgType?: OrgType | null,
) {
  const unit = await viewableUnit(db, p, code, orgType);
  authorize(p, 'approve', { unitPath: unit.path, orgType: orgType ?? (p!.orgType === 'front' ? null : p!.orgType) });
  const form = await formForWeek(db, WEEKLY_FORM, week);
  if (!form) throw new AppError('NOT_FOUND');
  const missing = await missingChildren(db, await childUnits(db, unit.id), week, form, orgTypesFor(p!, orgType));
  const deadline = formatInstantVn(deadlineOf(week, form.deadlineMinutes));
  return withTransaction(db, async (trx) => {
    let queued = 0;
    let skipped = 0;
    const noContact: { code: string; name: string; orgType: OrgType }[] = [];
    for (const m of missing) {
      const { rows: recent } = await sql`SELECT 1 FROM report_reminder WHERE organisation_id = ${m.organisationId}
          AND form_code = ${form.code} AND week = ${week} AND queued_at > now() - interval '12 hours'`.execute(trx);
      if (recent.length) {
        skipped++;
        continue;
      }
      const contacts = await contactsOf(trx as unknown as Db, m.organisationId, m.code, m.orgType);
      if (!contacts.length) {
        noContact.push({ code: m.code, name: m.name, orgType: m.orgType });
        continue;
      }
      for (const c of contacts) {
        await enqueueNotification(trx, {
          ...c,
          template: 'reports.reminder',
          params: { unit: m.name, org: ORG_VI[m.orgType], week: weekLabel(week), deadline, from: unit.name },
        });
        queued++;
      }
      await sql`INSERT INTO report_reminder (organisation_id, form_code, week, queued_by, recipients)
        VALUES (${m.organisationId}, ${form.code}, ${week}, ${p!.accountId}, ${contacts.length})`.execute(trx);
    }
    await recordAudit(trx, {
      actor: p,
      action: 'reports.reminder.queue',
      target: { type: 'unit', id: unit.code, unitPath: unit.path },
      details: { week, missing: missing.length, queued, skipped, noContact: noContact.length },
    });
    return { missing: missing.length, queued, skipped, noContact };
  });
}
