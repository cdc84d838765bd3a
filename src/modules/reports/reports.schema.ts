import { z } from 'zod';
import { ORG_TYPES } from '../../core/auth/principal.ts';

export const unitCode = z.string().regex(/^(VN|\d{2}|\d{5}|\d{9})$/, 'unit code');
export const orgType = z.enum(ORG_TYPES);
export const weekText = z.string().regex(/^\d{4}-W\d{2}$/, 'ISO week, e.g. 2026-W47');

export const entryParams = z.object({ unit: unitCode, org: orgType, week: weekText });
export const entryBody = z.object({
  values: z.record(z.string(), z.union([z.number(), z.string(), z.null()])).default({}),
  narratives: z.record(z.string(), z.union([z.string(), z.null()])).default({}),
  revision: z.number().int().optional(),
});
export const idParams = z.object({ id: z.coerce.number().int().positive() });
export const returnBody = z.object({ comment: z.string().max(2000) });
export const reopenBody = z.object({ unit: unitCode, org: orgType, week: weekText });
export const unitWeekQuery = z.object({
  week: weekText.optional(),
  org: orgType.optional(),
});
export const rangeQuery = z.object({ from: weekText.optional(), to: weekText.optional(), org: orgType.optional() });
export const exportQuery = z.object({
  from: weekText.optional(),
  to: weekText.optional(),
  week: weekText.optional(),
  org: orgType.optional(),
  lang: z.enum(['vi', 'en']).optional(),
});
export const orgParams = z.object({ unit: unitCode, org: orgType });
export const profileBody = z.object({
  members: z.number().int(),
  fullTimeStaff: z.number().int(),
  committeeMembers: z.number().int(),
  executiveMembers: z.number().int(),
  typicalActivities: z.string().max(10_000).optional(),
  difficulties: z.string().max(10_000).optional(),
  recommendations: z.string().max(10_000).optional(),
  confirm: z.boolean().optional(),
});
export const cadreBody = z.object({
  fullName: z.string().max(500),
  gender: z.string().max(20),
  birthYear: z.union([z.number(), z.string().max(10)]),
  ethnicity: z.string().max(60).nullish(),
  position: z.string().max(200),
  fullTime: z.union([z.boolean(), z.string().max(10)]).nullish(),
  phone: z.string().max(30).nullish(),
  partyMember: z.union([z.boolean(), z.string().max(10)]).nullish(),
  term: z.string().max(40).nullish(),
});
export const formFieldBody = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  kind: z.enum(['number', 'text']),
  labelVi: z.string().min(1).max(200),
  labelEn: z.string().min(1).max(200),
  required: z.boolean().default(false),
  minValue: z.number().int().nullable().default(0),
  maxValue: z.number().int().nullable().default(10_000_000),
  maxLength: z.number().int().positive().nullable().default(null),
  overTime: z.enum(['sum', 'last']).default('sum'),
  notAbove: z.string().nullable().default(null),
});
export const formVersionBody = z.object({
  title: z.string().min(1).max(200),
  orgTypes: z.array(orgType).min(1),
  levels: z.array(z.enum(['province', 'commune', 'village'])).min(1),
  validFrom: weekText,
  deadlineMinutes: z.number().int().min(0).max(43_200).default(720),
  lockMinutes: z
    .number()
    .int()
    .min(0)
    .max(86_400)
    .default(720 + 3 * 1440),
  fields: z.array(formFieldBody).min(1).max(60),
});
