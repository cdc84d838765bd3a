import { z } from 'zod';
import { ORG_TYPES } from '../../core/auth/principal.ts';
import { VILLAGE_NAME_MAX, VILLAGE_TYPES } from './unit-naming.ts';

export const LEVELS = ['central', 'province', 'commune', 'village'] as const;

export const isoDate = z.iso.date().describe('YYYY-MM-DD');
export const unitCode = z
  .string()
  .regex(/^(VN|\d{2}|\d{5}|\d{9})$/, 'unit code: VN, 2 digits (province), 5 (commune) or 9 (village)');

export const codeParams = z.object({ code: unitCode });
export const asOfQuery = z.object({ asOf: isoDate.optional().describe('the tree as of this date; default today') });
export const pageQuery = asOfQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const unitSchema = z.object({
  id: z.number(),
  code: z.string(),
  level: z.enum(LEVELS),
  type: z.string(),
  name: z.string(),
  fullName: z.string(),
  path: z.string(),
  parentCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  sortOrder: z.number(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  legalBasis: z.string().nullable(),
});

export const unitListSchema = z.object({ items: z.array(unitSchema), total: z.number() });

export const organisationSchema = z.object({
  id: z.number().nullable(),
  orgType: z.enum(ORG_TYPES),
  name: z.string().nullable(),
  /** false for the Trade Union at village level: not organised there, by rule. */
  organised: z.boolean(),
  note: z.string().nullable(),
});

export const countsSchema = z.object({
  provinces: z.number(),
  communes: z.number(),
  villages: z.number(),
  organisations: z.record(z.enum(ORG_TYPES), z.number()),
});

export const searchQuery = asOfQuery.extend({
  q: z.string().trim().min(1).max(100),
  within: unitCode.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const villageName = z.string().max(VILLAGE_NAME_MAX * 2);
export const villageType = z.enum(VILLAGE_TYPES);
export const createVillageBody = z.object({
  name: villageName,
  type: villageType,
  sortOrder: z.number().int().min(0).max(99_999).optional(),
});
export const updateVillageBody = z.object({
  name: villageName.optional(),
  type: villageType.optional(),
  effective: isoDate.optional(),
  legalBasis: z.string().trim().min(1).max(300).optional(),
});
export const reorderBody = z.object({ codes: z.array(unitCode).min(1).max(10_000) });
export const dissolveBody = z.object({
  effective: isoDate.optional(),
  legalBasis: z.string().trim().min(1).max(300).optional(),
});

export const reorgBase = z.object({
  effective: isoDate,
  legalBasis: z.string().trim().min(3).max(300).describe('e.g. "Nghị quyết 237/NQ-UBTVQH16"'),
});
const newUnit = z.object({
  code: unitCode,
  name: z.string().trim().min(1).max(VILLAGE_NAME_MAX),
  type: z.string().trim().min(1).max(30),
});
export const mergeBody = reorgBase.extend({
  sources: z.array(unitCode).min(2).max(50),
  into: z.union([z.object({ code: unitCode }), z.object({ newUnit })]),
});
export const splitBody = reorgBase.extend({
  source: unitCode,
  parts: z
    .array(newUnit.extend({ children: z.array(unitCode).default([]) }))
    .min(2)
    .max(20),
});
export const moveBody = reorgBase.extend({ unit: unitCode, newParent: unitCode });
export const changeTypeBody = reorgBase.extend({ unit: unitCode, type: z.string().trim().min(1).max(30) });

export const rowErrorSchema = z.object({
  row: z.number(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export const importResultSchema = z.object({ created: z.number(), villages: z.array(unitSchema) });

export const adoptionRowSchema = z.object({
  provinceCode: z.string(),
  provinceName: z.string(),
  communes: z.number(),
  communesStarted: z.number(),
  villages: z.number(),
  ratio: z.number(),
  formatted: z.string(),
});
export const adoptionSchema = z.object({
  asOf: z.string(),
  total: adoptionRowSchema.omit({ provinceCode: true, provinceName: true }),
  provinces: z.array(adoptionRowSchema),
});
