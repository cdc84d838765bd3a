import { sql } from 'kysely';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { OrgType, Principal } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError, type FieldError } from '../../core/http/errors.ts';
import { formatNumber } from '../../core/i18n/format.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { findOrgAtUnit } from './reports.repo.ts';

export const PROFILE_NUMBERS = ['members', 'fullTimeStaff', 'committeeMembers', 'executiveMembers'] as const;
export const PROFILE_TEXTS = ['typicalActivities', 'difficulties', 'recommendations'] as const;
type NumKey = (typeof PROFILE_NUMBERS)[number];
type TextKey = (typeof PROFILE_TEXTS)[number];

export type Profile = Record<NumKey, number> &
  Record<TextKey, string> & { changedAt: Date; changedByName: string | null };
export type ProfileInput = Record<NumKey, number> & Partial<Record<TextKey, string>> & { confirm?: boolean };

const LABELS: Record<NumKey, { vi: string; en: string }> = {
  members: { vi: 'Số hội viên, đoàn viên', en: 'Members' },
  fullTimeStaff: { vi: 'Số cán bộ chuyên trách', en: 'Full-time staff' },
  committeeMembers: { vi: 'Số ủy viên Ủy ban', en: 'Committee members' },
  executiveMembers: { vi: 'Số ủy viên Ban Chấp hành', en: 'Executive committee members' },
};

const COLUMNS = sql`members, full_time_staff AS "fullTimeStaff", committee_members AS "committeeMembers",
  executive_members AS "executiveMembers", typical_activities AS "typicalActivities", difficulties, recommendations,
  changed_at AS "changedAt", changed_by_name AS "changedByName"`;

async function locate(db: Db, p: Principal | null, unitCode: string, orgType: OrgType, action: 'view' | 'edit') {
  const org = await findOrgAtUnit(db, unitCode, orgType);
  if (!org) throw new AppError(p ? 'NOT_FOUND' : 'UNAUTHENTICATED');
  authorize(p, action, { unitPath: org.path, orgType });
  return org;
}

/** The profile as it stood at an instant (default now): the latest version not after it. */
export async function readProfile(db: Db, p: Principal | null, unitCode: string, orgType: OrgType, asOf?: Date) {
  const org = await locate(db, p, unitCode, orgType, 'view');
  const { rows } = await sql<Profile>`SELECT ${COLUMNS} FROM org_profile_version
    WHERE organisation_id = ${org.organisationId} AND changed_at <= ${asOf ?? new Date()}
    ORDER BY changed_at DESC, id DESC LIMIT 1`.execute(db);
  return { organisation: org, profile: rows[0] ?? null };
}

export async function profileHistory(db: Db, p: Principal | null, unitCode: string, orgType: OrgType) {
  const org = await locate(db, p, unitCode, orgType, 'view');
  const { rows } = await sql<Profile>`SELECT ${COLUMNS} FROM org_profile_version
    WHERE organisation_id = ${org.organisationId} ORDER BY changed_at DESC, id DESC LIMIT 200`.execute(db);
  return { organisation: org, items: rows };
}

/**
 * Saves a new version. Rules: no negative numbers; the executive committee not larger than the membership; a
 * number that moves by more than half against the previous version needs `confirm: true` (409 otherwise, listing
 * which). Nothing is saved unless every rule passes.
 */
export async function saveProfile(
  db: Db,
  p: Principal | null,
  unitCode: string,
  orgType: OrgType,
  input: ProfileInput,
  lang: Lang,
) {
  const org = await locate(db, p, unitCode, orgType, 'edit');
  const errors: FieldError[] = [];
  for (const k of PROFILE_NUMBERS) {
    const v = input[k];
    if (!Number.isInteger(v) || v < 0)
      errors.push({
        field: k,
        code: 'PROFILE_NEGATIVE',
        message: translate('PROFILE_NEGATIVE', lang, { label: LABELS[k][lang] }),
      });
  }
  if (!errors.length && input.executiveMembers > input.members)
    errors.push({
      field: 'executiveMembers',
      code: 'PROFILE_EXECUTIVE_ABOVE_MEMBERS',
      message: translate('PROFILE_EXECUTIVE_ABOVE_MEMBERS', lang, {
        executive: formatNumber(input.executiveMembers, lang),
        members: formatNumber(input.members, lang),
      }),
    });
  const texts = Object.fromEntries(PROFILE_TEXTS.map((k) => [k, (input[k] ?? '').normalize('NFC').trim()])) as Record<
    TextKey,
    string
  >;
  for (const k of PROFILE_TEXTS)
    if (texts[k].length > 4000)
      errors.push({
        field: k,
        code: 'REPORT_FIELD_TOO_LONG',
        message: translate('REPORT_FIELD_TOO_LONG', lang, {
          label: k,
          max: '4.000',
          length: formatNumber(texts[k].length, lang),
        }),
      });
  if (errors.length) throw new AppError('PROFILE_INVALID', { params: { count: errors.length }, fields: errors });
  return withTransaction(db, async (trx) => {
    await sql`SELECT id FROM organisation WHERE id = ${org.organisationId} FOR UPDATE`.execute(trx);
    const { rows: prev } = await sql<Profile>`SELECT ${COLUMNS} FROM org_profile_version
      WHERE organisation_id = ${org.organisationId} ORDER BY changed_at DESC, id DESC LIMIT 1`.execute(trx);
    const before = prev[0];
    if (before && !input.confirm) {
      const large = PROFILE_NUMBERS.filter((k) => {
        const a = before[k];
        const b = input[k];
        return a > 0 ? Math.abs(b - a) > a / 2 : false;
      });
      if (large.length)
        throw new AppError('PROFILE_CONFIRM_LARGE_CHANGE', {
          params: { fields: large.map((k) => LABELS[k][lang]).join(', ') },
          fields: large.map((k) => ({
            field: k,
            code: 'PROFILE_LARGE_CHANGE',
            message: translate('PROFILE_LARGE_CHANGE', lang, {
              label: LABELS[k][lang],
              from: formatNumber(before[k], lang),
              to: formatNumber(input[k], lang),
            }),
          })),
        });
    }
    await sql`INSERT INTO org_profile_version (organisation_id, unit_path, org_type, members, full_time_staff,
        committee_members, executive_members, typical_activities, difficulties, recommendations, changed_by,
        changed_by_name)
      VALUES (${org.organisationId}, ${org.path}::ltree, ${orgType}, ${input.members}, ${input.fullTimeStaff},
        ${input.committeeMembers}, ${input.executiveMembers}, ${texts.typicalActivities}, ${texts.difficulties},
        ${texts.recommendations}, ${p!.accountId}, ${p!.displayName})`.execute(trx);
    await recordAudit(trx, {
      actor: p,
      action: 'reports.profile.update',
      target: { type: 'organisation', id: String(org.organisationId), unitPath: org.path },
      details: {
        before: before ? Object.fromEntries(PROFILE_NUMBERS.map((k) => [k, before[k]])) : null,
        after: Object.fromEntries(PROFILE_NUMBERS.map((k) => [k, input[k]])),
        confirmed: !!input.confirm,
      },
    });
    const { rows } = await sql<Profile>`SELECT ${COLUMNS} FROM org_profile_version
      WHERE organisation_id = ${org.organisationId} ORDER BY changed_at DESC, id DESC LIMIT 1`.execute(trx);
    return rows[0]!;
  });
}
