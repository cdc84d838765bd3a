import { z } from 'zod';
import { DOCUMENT_STATUSES } from './library.types.ts';
import type { SearchFilters } from './search.repo.ts';

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200).describe('the question or keywords, with or without tone marks'),
  kind: z.enum(['all', 'article', 'procedure']).optional(),
  type: z.string().max(60).optional().describe('document type, e.g. "Luật"'),
  issuer: z.string().max(120).optional(),
  field: z.string().max(200).optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  level: z.string().max(40).optional().describe('"central"/"province" (documents) or "Cấp xã"/"Cấp tỉnh"/"Cấp bộ"'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(500).default(0),
});

const segment = z.object({ t: z.string(), m: z.literal(true).optional() });

export const searchHitSchema = z.object({
  kind: z.enum(['document', 'article', 'procedure']),
  url: z.string(),
  title: z.string(),
  documentId: z.string().nullable(),
  documentNumber: z.string().nullable().describe('the document number, e.g. 02/2011/QH13'),
  documentTitle: z.string().nullable(),
  documentStatus: z.enum(DOCUMENT_STATUSES).nullable(),
  articleNo: z.string().nullable().describe('the article, e.g. "28"'),
  procedureCode: z.string().nullable(),
  field: z.string().nullable(),
  level: z.string().nullable(),
  passage: z.array(segment).describe('the matching passage; segments with m=true are the matched words'),
  score: z.number(),
});

export const searchResultSchema = z.object({ q: z.string(), hits: z.array(searchHitSchema), more: z.boolean() });

export const suggestQuery = z.object({ q: z.string().trim().max(100).default('') });
export const suggestResultSchema = z.object({
  items: z.array(z.object({ label: z.string(), url: z.string(), kind: z.enum(['document', 'article', 'procedure']) })),
});

/** Filters from a page's query string, ignoring anything not recognised. */
export function searchFiltersOf(query: Record<string, string | undefined>): SearchFilters {
  const str = (v: string | undefined, max: number) => (v && v.length <= max ? v : undefined);
  return {
    kind: query.kind === 'article' || query.kind === 'procedure' ? query.kind : undefined,
    type: str(query.type, 60),
    issuer: str(query.issuer, 120),
    field: str(query.field, 200),
    status: (DOCUMENT_STATUSES as readonly string[]).includes(query.status ?? '')
      ? (query.status as SearchFilters['status'])
      : undefined,
    level: str(query.level, 40),
  };
}
