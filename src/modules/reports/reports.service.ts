import type { RawBuilder, Transaction } from 'kysely';
import { sql } from 'kysely';
import { auditInsert, recordAudit } from '../../core/audit.ts';
import { authorize, isWithinPath } from '../../core/auth/policy.ts';
import type { OrgType, Principal } from '../../core/auth/principal.ts';
import type { CoreTables, Db } from '../../core/db/database.ts';
import { prepared } from '../../core/db/prepared.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { formById, formForWeek, type ReportForm, WEEKLY_FORM } from './forms.ts';
import { type ReportInput, validateReport } from './report-rules.ts';
import {
  eventInsert,
  findOrgAtUnit,
  findOrgWithReport,
  findReport,
  findReportById,
  fix,
  type OrgAtUnit,
  REPORT_COLUMNS,
  type ReportRow,
  type ReportStatus,
  recordEvent,
  reportEvents,
  reportUnitPathColumn,
  reportValues,
  valuesWrite,
} from './reports.repo.ts';
import { applyContribution, type ContributionState, transitionRollupCtes } from './rollups.ts';
import { addWeeks, deadlineOf, formatInstantVn, formatWeek, weekAt } from './weeks.ts';

type Trx = Transaction<CoreTables>;
export type ReportKey = { unitCode: string; orgType: OrgType; week: number; form?: string };

export type EntryState = {
  organisation: OrgAtUnit;
  form: ReportForm;
  week: string;
  deadline: string;
  lockAt: string;
  locked: boolean;
  late: boolean;
  report: (ReportRow & { values: Record<string, number> }) | null;
  previous: { week: string; values: Record<string, number>; narratives: Record<string, string> } | null;
  canEdit: boolean;
  events: Awaited<ReturnType<typeof reportEvents>>;
};

function lockAt(form: ReportForm, week: number) {
  return deadlineOf(week, form.lockMinutes);
}

/** Locked: past the lock instant, unless a superior reopened or returned it; accepted reports are always locked. */
export function isLocked(
  form: ReportForm,
  week: number,
  report: Pick<ReportRow, 'status' | 'reopened'> | null,
  now: Date,
) {
  if (report?.status === 'accepted') return true;
  if (report?.reopened) return false;
  return now.getTime() >= lockAt(form, week).getTime();
}

async function locate<O extends OrgAtUnit = OrgAtUnit>(
  db: Db | Trx,
  p: Principal | null,
  key: ReportKey,
  action: 'view' | 'edit',
  find: (db: Db | Trx, unitCode: string, orgType: OrgType) => Promise<O | null> = findOrgAtUnit as never,
) {
  const org = await find(db, key.unitCode, key.orgType);
  if (!org) {
    if (!p) throw new AppError('UNAUTHENTICATED');
    throw new AppError('NOT_FOUND');
  }
  authorize(p, action, { unitPath: org.path, orgType: org.orgType });
  const form = await formForWeek(db, key.form ?? WEEKLY_FORM, key.week);
  if (!form) throw new AppError('NOT_FOUND');
  if (!form.orgTypes.includes(org.orgType) || !form.levels.includes(org.level))
    throw new AppError('REPORT_NOT_EXPECTED', { params: { form: form.code } });
  // An organisation reports from the week it came into being.
  if (key.week < org.sinceWeek) throw new AppError('REPORT_NOT_EXPECTED', { params: { form: form.code } });
  return { org, form };
}

function assertWeekOpen(week: number, now: Date) {
  if (week > weekAt(now)) throw new AppError('REPORT_FUTURE_WEEK', { params: { week: formatWeek(week) } });
}

/** What the data entry page needs: the form, the report so far, the deadline and lock, last week's figures. */
export async function entryState(db: Db, p: Principal | null, key: ReportKey, now = new Date()): Promise<EntryState> {
  const { org, form } = await locate(db, p, key, 'view');
  const report = await findReport(db, org.organisationId, form.code, key.week);
  const prev = await findReport(db, org.organisationId, form.code, addWeeks(key.week, -1));
  const locked = isLocked(form, key.week, report, now);
  const deadline = deadlineOf(key.week, form.deadlineMinutes);
  return {
    organisation: org,
    form: report && report.formId !== form.id ? ((await formById(db, report.formId)) ?? form) : form,
    week: formatWeek(key.week),
    deadline: deadline.toISOString(),
    lockAt: lockAt(form, key.week).toISOString(),
    locked,
    late: now > deadline && !report?.firstSubmittedAt,
    report: report ? { ...report, values: await reportValues(db, report.id) } : null,
    previous:
      prev && prev.status !== 'draft'
        ? { week: formatWeek(prev.week), values: await reportValues(db, prev.id), narratives: prev.narratives }
        : null,
    canEdit:
      !!p &&
      p.unitPath === org.path &&
      !locked &&
      (!report || report.status === 'draft' || report.status === 'returned') &&
      p.roles.some((r) => r === 'data_entry' || r === 'admin') &&
      key.week <= weekAt(now),
    events: report ? await reportEvents(db, report.id) : [],
  };
}

/** The reporting unit itself enters its own report (its data entry cadres). */
function assertOwnUnit(p: Principal, org: OrgAtUnit) {
  if (p.unitPath !== org.path) throw new AppError('NOT_FOUND');
}

/** Removes a report's contribution to the roll-ups, runs `change`, and adds the new one: same transaction. */
async function transition(trx: Trx, before: ReportRow, change: () => Promise<void>, after?: ReportStatus) {
  // Values count only while accepted: when neither state is 'accepted' only the counters change.
  const values = before.status === 'accepted' || after === undefined || after === 'accepted';
  if (before.status !== 'draft' && before.rollupUnitIds)
    await applyContribution(trx, sql`r.id = ${before.id}`, -1, { values });
  await change();
  await applyContribution(trx, sql`r.id = ${before.id} AND r.rollup_unit_ids IS NOT NULL`, 1, { values });
}

type SaveResult = { id: number; status: ReportStatus; revision: number; onTime: boolean | null };

/**
 * Writes are optimistic: the state is read without a lock, checked, and written by one statement (atomic on its
 * own, no BEGIN/COMMIT) whose driving change applies only if the report is still as it was read — a new report
 * `ON CONFLICT DO NOTHING`, an existing one `WHERE revision = … AND status = … AND rollup_unit_ids = …` (a tree
 * reconciliation moves roll-up ids without a new revision). If another write came first, the guard's
 * `1 / count(*)` over the changed rows divides by zero: the whole statement, roll-ups included, is undone and the
 * write starts again from a fresh read. Two round trips instead of five, and no row lock held between them.
 */
const WRITE_CONFLICT = '22012';
const ATTEMPTS = 3;
const changedOne = (cte: string) => sql`(SELECT 1 / count(*)::int FROM ${sql.raw(cte)})`;
const isWriteConflict = (err: unknown) => (err as { code?: string } | null)?.code === WRITE_CONFLICT;

async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isWriteConflict(err)) throw err;
      if (attempt === ATTEMPTS) throw new AppError('REPORT_STALE');
    }
  }
}

/** The driving change of a report write applies only to the report as it was read (see `changedOne`). */
function unchangedSince(r: Pick<ReportRow, 'revision' | 'status' | 'rollupUnitIds'>) {
  return sql`revision = ${r.revision} AND status = ${r.status}
    AND rollup_unit_ids IS NOT DISTINCT FROM ${r.rollupUnitIds}::bigint[]`;
}

/**
 * Saves a draft (autosave; required fields may still be empty) or submits (`submit`: every rule). Invalid values
 * are refused with field-level messages and nothing is saved. Two round trips: the organisation with its
 * ancestors (the roll-up rows) and its report, then one statement with the report, its values, history, audit
 * entry and roll-up counters.
 */
export function saveReport(
  db: Db,
  p: Principal | null,
  key: ReportKey,
  input: ReportInput & { revision?: number | undefined },
  o: { submit: boolean; lang: Lang; now?: Date },
): Promise<SaveResult> {
  return retryOnConflict(() => saveOnce(db, p, key, input, o));
}

async function saveOnce(
  db: Db,
  p: Principal | null,
  key: ReportKey,
  input: ReportInput & { revision?: number | undefined },
  o: { submit: boolean; lang: Lang; now?: Date },
): Promise<SaveResult> {
  const now = o.now ?? new Date();
  const formCode = key.form ?? WEEKLY_FORM;
  const { org, form } = await locate(db, p, key, 'edit', (d, unitCode, orgType) =>
    findOrgWithReport(d, unitCode, orgType, formCode, key.week),
  );
  authorize(p, 'edit', { unitPath: org.path, orgType: org.orgType });
  assertOwnUnit(p, org);
  assertWeekOpen(key.week, now);
  const existing = org.report;
  const useForm = existing && existing.formId !== form.id ? ((await formById(db, existing.formId)) ?? form) : form;
  if (existing && existing.status !== 'draft' && existing.status !== 'returned')
    throw new AppError('REPORT_WRONG_STATE', { params: { status: statusLabel(existing.status, o.lang) } });
  if (isLocked(useForm, key.week, existing, now))
    throw new AppError('REPORT_LOCKED', {
      params: { week: formatWeek(key.week), lockedAt: formatInstantVn(lockAt(useForm, key.week), o.lang) },
    });
  if (existing && input.revision !== undefined && input.revision !== existing.revision)
    throw new AppError('REPORT_STALE');
  const { clean, errors } = validateReport(useForm, input, o.submit, o.lang);
  if (errors.length) throw new AppError('REPORT_INVALID', { params: { count: errors.length }, fields: errors });
  const id = existing?.id ?? org.newId!;
  const before = existing ?? { status: 'draft' as const, onTime: null, rollupUnitIds: null, revision: 0 };
  const firstSubmittedAt = existing?.firstSubmittedAt ?? null;
  const narratives = JSON.stringify(clean.narratives);
  const figures = JSON.stringify(Object.fromEntries(clean.values));
  const newReport = (status: RawBuilder<unknown>, submitted: RawBuilder<unknown>) =>
    sql`ru AS (INSERT INTO report (id, form_id, form_code, organisation_id, unit_id, org_type, level, province_code,
        week, status, narratives, figures, first_submitted_at, submitted_at, on_time, rollup_unit_ids, revision,
        created_by, updated_by, updated_at) OVERRIDING SYSTEM VALUE
      VALUES (${id}, ${useForm.id}, ${useForm.code}, ${org.organisationId}, ${org.unitId}, ${org.orgType},
        ${org.level}, ${org.provinceCode}, ${key.week}, ${status}, ${narratives}::jsonb, ${figures}::jsonb,
        ${submitted}, 1,
        ${p.accountId}, ${p.accountId}, ${now})
      ON CONFLICT (organisation_id, form_code, week) DO NOTHING RETURNING id)`;
  let after: ContributionState = before;
  const parts: RawBuilder<unknown>[] = [];
  if (o.submit) {
    const first = firstSubmittedAt ?? now;
    const onTime = first.getTime() <= deadlineOf(key.week, useForm.deadlineMinutes).getTime();
    after = { status: 'submitted', onTime, rollupUnitIds: before.rollupUnitIds ?? org.ancestorIds };
    const action = before.status === 'returned' ? 'resubmit' : 'submit';
    parts.push(
      existing
        ? sql`ru AS (UPDATE report SET status = 'submitted', narratives = ${narratives}::jsonb,
            figures = ${figures}::jsonb, first_submitted_at = ${first}, submitted_at = ${now}, on_time = ${onTime},
            rollup_unit_ids = ${after.rollupUnitIds}::bigint[], revision = revision + 1, updated_by = ${p.accountId},
            updated_at = ${now} WHERE id = ${id} AND ${unchangedSince(existing)} RETURNING id)`
        : newReport(sql`'submitted'`, sql`${first}, ${now}, ${onTime}, ${after.rollupUnitIds}::bigint[]`),
      sql`ev AS (${eventInsert(id, p, action)})`,
      sql`au AS (${auditInsert({
        actor: p,
        action: `reports.report.${action}`,
        target: { type: 'report', id: String(id), unitPath: org.path },
        details: { week: formatWeek(key.week), orgType: org.orgType, onTime },
      })})`,
    );
  } else
    parts.push(
      existing
        ? sql`ru AS (UPDATE report SET narratives = ${narratives}::jsonb, figures = ${figures}::jsonb,
            revision = revision + 1,
            updated_by = ${p.accountId}, updated_at = ${now} WHERE id = ${id} AND ${unchangedSince(existing)}
            RETURNING id)`
        : newReport(sql`'draft'`, sql`NULL, NULL, NULL, NULL`),
    );
  parts.push(...valuesWrite(id, clean.values, !existing));
  // The roll-up rows (shared with every other report of the week) come last in the statement, which commits at
  // once: they stay locked for as short a time as possible.
  parts.push(
    ...transitionRollupCtes(
      { id, week: key.week, formCode: useForm.code, orgType: org.orgType, level: existing?.level ?? org.level },
      before,
      after,
    ),
  );
  await prepared(sql`WITH ${sql.join(parts, sql`, `)} SELECT ${changedOne('ru')} AS changed`).execute(db);
  return { id, status: after.status as ReportStatus, revision: before.revision + 1, onTime: after.onTime };
}

export function statusLabel(s: ReportStatus, lang: Lang): string {
  const vi = { draft: 'nháp', submitted: 'đã gửi', accepted: 'đã tiếp nhận', returned: 'bị trả lại' };
  const en = { draft: 'draft', submitted: 'submitted', accepted: 'accepted', returned: 'returned' };
  return (lang === 'vi' ? vi : en)[s];
}

/**
 * A superior (approver of a unit strictly above the report's unit, in the same organisation) decides. Two round
 * trips, written like `saveReport`: the report with the path of the unit it counts under, then one statement with
 * the change (if the report is still as read), its history, audit entry and roll-ups.
 */
function decide(
  db: Db,
  p: Principal | null,
  reportId: number,
  lang: Lang,
  allowed: ReportStatus[],
  action: 'accept' | 'return',
  change: (r: ReportRow) => { set: RawBuilder<unknown>; status: ReportStatus; comment: string | null },
): Promise<ReportRow> {
  return retryOnConflict(async () => {
    const { rows } = await prepared(sql<ReportRow & { unitPath: string | null }>`SELECT ${REPORT_COLUMNS},
        ${reportUnitPathColumn()} AS "unitPath"
      FROM report r WHERE r.id = ${reportId}`).execute(db);
    if (!rows[0]) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
    const r = fix(rows[0]);
    const path = rows[0].unitPath;
    if (!path) throw new AppError('NOT_FOUND');
    authorize(p, 'approve', { unitPath: path, orgType: r.orgType });
    if (path === p.unitPath || !isWithinPath(path, p.unitPath)) throw new AppError('NOT_FOUND');
    if (!allowed.includes(r.status))
      throw new AppError('REPORT_WRONG_STATE', { params: { status: statusLabel(r.status, lang) } });
    const c = change(r);
    const { rows: updated } = await prepared(sql<ReportRow>`WITH
      au AS (${auditInsert({
        actor: p,
        action: `reports.report.${action}`,
        target: { type: 'report', id: String(r.id), unitPath: path },
        details: { week: formatWeek(r.week), orgType: r.orgType },
      })}),
      ev AS (${eventInsert(r.id, p, action, c.comment)}),
      ${sql.join(
        [
          sql`ru AS (UPDATE report AS r SET ${c.set} WHERE r.id = ${r.id} AND ${unchangedSince(r)}
            RETURNING ${REPORT_COLUMNS})`,
          ...transitionRollupCtes(r, r, { ...r, status: c.status }),
        ],
        sql`, `,
      )}
      SELECT ru.*, guard.changed FROM ru RIGHT JOIN (SELECT ${changedOne('ru')} AS changed) AS guard ON true`).execute(
      db,
    );
    const { changed: _, ...row } = updated[0] as ReportRow & { changed: number };
    return fix(row);
  });
}

export function acceptReport(db: Db, p: Principal | null, id: number, lang: Lang, now = new Date()) {
  return decide(db, p, id, lang, ['submitted'], 'accept', () => ({
    set: sql`status = 'accepted', decided_at = ${now}, decided_by = ${p!.accountId}, return_comment = NULL,
      reopened = false, revision = revision + 1`,
    status: 'accepted',
    comment: null,
  }));
}

export function returnReport(db: Db, p: Principal | null, id: number, comment: string, lang: Lang, now = new Date()) {
  const text = comment.normalize('NFC').trim();
  if (!text) throw new AppError('REPORT_RETURN_COMMENT_REQUIRED');
  return decide(db, p, id, lang, ['submitted', 'accepted'], 'return', () => ({
    set: sql`status = 'returned', decided_at = ${now}, decided_by = ${p!.accountId},
      return_comment = ${text.slice(0, 2000)}, reopened = true, revision = revision + 1`,
    status: 'returned',
    comment: text.slice(0, 2000),
  }));
}

/**
 * A superior reopens a locked report (or the missing report of a locked week) so that the unit can edit and
 * submit it again. An accepted report leaves the roll-ups until it is accepted again.
 */
export async function reopenReport(db: Db, p: Principal | null, key: ReportKey, lang: Lang, now = new Date()) {
  const org = await findOrgAtUnit(db, key.unitCode, key.orgType);
  if (!org) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  authorize(p, 'approve', { unitPath: org.path, orgType: org.orgType });
  if (org.path === p.unitPath || !isWithinPath(org.path, p.unitPath)) throw new AppError('NOT_FOUND');
  const form = await formForWeek(db, key.form ?? WEEKLY_FORM, key.week);
  if (!form) throw new AppError('NOT_FOUND');
  assertWeekOpen(key.week, now);
  return withTransaction(db, async (trx) => {
    let r = await findReport(trx, org.organisationId, form.code, key.week, true);
    if (!r) {
      const { rows } = await sql<{ id: number }>`INSERT INTO report (form_id, form_code, organisation_id, unit_id,
          org_type, level, province_code, week, created_by, reopened)
        VALUES (${form.id}, ${form.code}, ${org.organisationId}, ${org.unitId}, ${org.orgType}, ${org.level},
          ${org.provinceCode}, ${key.week}, ${p.accountId}, true) RETURNING id`.execute(trx);
      r = (await findReportById(trx, Number(rows[0]!.id)))!;
    } else {
      const before = r;
      await transition(trx, before, async () => {
        await sql`UPDATE report SET status = CASE WHEN status = 'accepted' THEN 'returned' ELSE status END,
            reopened = true, revision = revision + 1 WHERE id = ${before.id}`.execute(trx);
      });
    }
    await recordEvent(trx, r.id, p, 'reopen');
    await recordAudit(trx, {
      actor: p,
      action: 'reports.report.reopen',
      target: { type: 'report', id: String(r.id), unitPath: org.path },
      details: { week: formatWeek(key.week), orgType: org.orgType, lang },
    });
    return (await findReportById(trx, r.id))!;
  });
}
