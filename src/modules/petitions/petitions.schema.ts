import { z } from 'zod';
import { STATUSES } from './state-machine.ts';

const text = (max: number) => z.string().max(max);
const optText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v?.trim() ? v : undefined));
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const bool = z
  .union([z.boolean(), z.enum(['on', 'true', '1', 'yes', 'false', '0', 'no', ''])])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1' || v === 'yes');

/** Every staff action, as JSON from the API or as fields of the case page's forms. */
export const staffActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('assign'), toId: optText(100), toName: optText(100) }),
  z.object({ action: z.literal('note'), text: text(4000) }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('classify'), category: z.string().regex(/^[a-z_]{2,40}$/), field: optText(100) }),
  z.object({
    action: z.literal('reject'),
    reason: z.enum(['out_of_scope', 'duplicate', 'abusive']),
    note: optText(2000),
    duplicateOf: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
  }),
  z.object({ action: z.literal('forward'), authorityId: id }),
  z.object({ action: z.literal('escalate'), note: optText(2000) }),
  z.object({ action: z.literal('transfer'), unitCode: z.string().regex(/^(VN|\d{2}|\d{5})$/), note: optText(2000) }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('answer'), text: text(10000), paper: bool }),
  z.object({
    action: z.literal('publish'),
    title: text(200).default(''),
    content: text(5000).default(''),
    answer: text(10000).default(''),
    showPhotos: bool,
  }),
  z.object({ action: z.literal('unpublish') }),
  z.object({ action: z.literal('close') }),
]);

export const inboxQuery = z.object({
  status: z
    .enum(STATUSES)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  category: z
    .string()
    .regex(/^[a-z_]{2,40}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  unit: z
    .string()
    .regex(/^(VN|\d{2}|\d{5})$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  overdue: bool,
  mine: bool,
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const idParams = z.object({ id: id });
