import { type QueryExecutorProvider, sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import { ORG_TYPES, type OrgType, type Principal, type UnitLevel } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { CENTRAL_PATH } from '../units/index.ts';

export type FormField = {
  key: string;
  kind: 'number' | 'text';
  labelVi: string;
  labelEn: string;
  required: boolean;
  minValue: number | null;
  maxValue: number | null;
  maxLength: number | null;
  overTime: 'sum' | 'last';
  notAbove: string | null;
};

export type ReportForm = {
  id: number;
  code: string;
  version: number;
  title: string;
  orgTypes: OrgType[];
  levels: UnitLevel[];
  validFromWeek: number;
  deadlineMinutes: number;
  lockMinutes: number;
  fields: FormField[];
};

export const WEEKLY_FORM = 'BC_TUAN';
const NARRATIVE_MAX = 4000;
const BIG = 10_000_000;

const num = (key: string, labelVi: string, labelEn: string, extra: Partial<FormField> = {}): FormField => ({
  key,
  kind: 'number',
  labelVi,
  labelEn,
  required: false,
  minValue: 0,
  maxValue: BIG,
  maxLength: null,
  overTime: 'sum',
  notAbove: null,
  ...extra,
});
const text = (key: string, labelVi: string, labelEn: string): FormField => ({
  key,
  kind: 'text',
  labelVi,
  labelEn,
  required: false,
  minValue: null,
  maxValue: null,
  maxLength: NARRATIVE_MAX,
  overTime: 'sum',
  notAbove: null,
});

/**
 * The default weekly report of the Front and the five organisations, from the seed articles: membership, new
 * members, activities and participants, people's opinions received and forwarded, and the three narratives.
 */
export const DEFAULT_WEEKLY_FORM: Omit<ReportForm, 'id'> = {
  code: WEEKLY_FORM,
  version: 1,
  title: 'Báo cáo tuần',
  orgTypes: [...ORG_TYPES],
  levels: ['province', 'commune', 'village'],
  validFromWeek: 202527,
  deadlineMinutes: 720,
  lockMinutes: 720 + 3 * 1440,
  fields: [
    num('members', 'Số hội viên, đoàn viên', 'Members', { required: true, overTime: 'last' }),
    num('new_members', 'Số hội viên, đoàn viên kết nạp mới', 'New members', { notAbove: 'members' }),
    num('activities_held', 'Số hoạt động, phong trào đã tổ chức', 'Activities held', {
      required: true,
      maxValue: 100_000,
    }),
    num('participants', 'Số lượt người tham gia', 'Participants'),
    num('petitions_received', 'Số ý kiến, kiến nghị của Nhân dân tiếp nhận', 'Opinions and petitions received'),
    num('petitions_forwarded', 'Số ý kiến, kiến nghị đã chuyển cơ quan có thẩm quyền', 'Petitions forwarded', {
      notAbove: 'petitions_received',
    }),
    num('supervisions', 'Số cuộc giám sát, phản biện xã hội', 'Supervision and social criticism sessions', {
      maxValue: 100_000,
    }),
    text('typical_activities', 'Hoạt động tiêu biểu', 'Typical activities'),
    text('difficulties', 'Khó khăn, hạn chế', 'Difficulties and shortcomings'),
    text('recommendations', 'Kiến nghị, đề xuất', 'Recommendations and proposals'),
  ],
};

type FormRow = Omit<ReportForm, 'fields'>;
const FORM_COLUMNS = sql`id, code, version, title, org_types AS "orgTypes", levels, valid_from_week AS "validFromWeek",
  deadline_minutes AS "deadlineMinutes", lock_minutes AS "lockMinutes"`;

async function withFields(db: QueryExecutorProvider, rows: FormRow[]): Promise<ReportForm[]> {
  if (!rows.length) return [];
  const { rows: fields } = await sql<FormField & { formId: number }>`SELECT form_id AS "formId", key, kind,
      label_vi AS "labelVi", label_en AS "labelEn", required, min_value AS "minValue", max_value AS "maxValue",
      max_length AS "maxLength", over_time AS "overTime", not_above AS "notAbove"
    FROM report_form_field WHERE form_id = ANY(${rows.map((r) => r.id)}::bigint[]) ORDER BY form_id, sort_order`.execute(
    db,
  );
  return rows.map((r) => ({
    ...r,
    fields: fields.filter((f) => f.formId === r.id).map(({ formId: _f, ...f }) => f),
  }));
}

// Forms change rarely; another process that publishes a version is seen within a minute.
const CACHE_MS = 60_000;
const cache = new Map<string, ReportForm & { cachedAt: number }>();

/** The version of a form in force for a week (the latest version whose first week is not after it). */
export async function formForWeek(db: QueryExecutorProvider, code: string, week: number): Promise<ReportForm | null> {
  const key = `${code}:${week}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.cachedAt < CACHE_MS) return hit;
  const { rows } = await sql<FormRow>`SELECT ${FORM_COLUMNS} FROM report_form
    WHERE code = ${code} AND valid_from_week <= ${week} ORDER BY version DESC LIMIT 1`.execute(db);
  const [form] = await withFields(db, rows);
  if (form) cache.set(key, { ...form, cachedAt: Date.now() });
  return form ?? null;
}

export async function formById(db: QueryExecutorProvider, id: number): Promise<ReportForm | null> {
  const { rows } = await sql<FormRow>`SELECT ${FORM_COLUMNS} FROM report_form WHERE id = ${id}`.execute(db);
  return (await withFields(db, rows))[0] ?? null;
}

export async function listForms(db: QueryExecutorProvider): Promise<ReportForm[]> {
  const { rows } = await sql<FormRow>`SELECT ${FORM_COLUMNS} FROM report_form ORDER BY code, version`.execute(db);
  return withFields(db, rows);
}

async function insertForm(trx: QueryExecutorProvider, f: Omit<ReportForm, 'id'>, by: string | null): Promise<number> {
  const { rows } = await sql<{ id: number }>`INSERT INTO report_form (code, version, title, org_types, levels,
      valid_from_week, deadline_minutes, lock_minutes, created_by)
    VALUES (${f.code}, ${f.version}, ${f.title}, ${f.orgTypes}::text[], ${f.levels}::text[], ${f.validFromWeek},
      ${f.deadlineMinutes}, ${f.lockMinutes}, ${by}) RETURNING id`.execute(trx);
  const id = Number(rows[0]!.id);
  for (const [i, x] of f.fields.entries()) {
    await sql`INSERT INTO report_form_field (form_id, key, kind, label_vi, label_en, required, min_value, max_value,
        max_length, over_time, not_above, sort_order)
      VALUES (${id}, ${x.key}, ${x.kind}, ${x.labelVi}, ${x.labelEn}, ${x.required}, ${x.minValue}, ${x.maxValue},
        ${x.maxLength}, ${x.overTime}, ${x.notAbove}, ${i})`.execute(trx);
  }
  return id;
}

/** Seeds the default weekly form once (at start). */
export async function ensureDefaultForm(db: Db): Promise<void> {
  await withTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7231941030)`.execute(trx);
    const { rows } = await sql`SELECT 1 FROM report_form WHERE code = ${WEEKLY_FORM}`.execute(trx);
    if (!rows.length) await insertForm(trx, DEFAULT_WEEKLY_FORM, null);
  });
}

export type NewFormVersion = Omit<ReportForm, 'id' | 'version' | 'code'>;

/**
 * Central publishes a new version of a form from a week on. Indicator keys keep their meaning across versions
 * (roll-ups are kept per form code and key). Reports already started keep the version they were started with.
 */
export async function publishFormVersion(
  db: Db,
  p: Principal | null,
  code: string,
  body: NewFormVersion,
): Promise<ReportForm> {
  authorize(p, 'administer', { unitPath: CENTRAL_PATH });
  const keys = body.fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length)
    throw new AppError('REPORT_FORM_INVALID', { params: { reason: 'duplicate key' } });
  for (const f of body.fields) {
    if (f.notAbove && !body.fields.some((g) => g.key === f.notAbove && g.kind === 'number'))
      throw new AppError('REPORT_FORM_INVALID', { params: { reason: `${f.key}: notAbove` } });
  }
  const id = await withTransaction(db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7231941030)`.execute(trx);
    const { rows } = await sql<{ v: number | null }>`SELECT max(version) AS v FROM report_form
      WHERE code = ${code}`.execute(trx);
    const version = (rows[0]?.v ?? 0) + 1;
    const newId = await insertForm(trx, { ...body, code, version }, p.accountId);
    await recordAudit(trx, {
      actor: p,
      action: 'reports.form.publish',
      target: { type: 'report_form', id: `${code}/${version}`, unitPath: CENTRAL_PATH },
      details: { validFromWeek: body.validFromWeek, fields: keys },
    });
    return newId;
  });
  cache.clear();
  return (await formById(db, id))!;
}
