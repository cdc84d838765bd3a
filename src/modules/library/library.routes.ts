import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { requireRole } from '../../core/auth/policy.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { extractText, splitIntoArticles } from './document-upload.ts';
import { addRelation, createDocument, removeRelation, updateDocument } from './librarian.service.ts';
import { getDocument, listArticles } from './library.repo.ts';
import { DOCUMENT_STATUSES, RELATION_KINDS } from './library.types.ts';
import { relationsOf } from './relations.repo.ts';
import { searchLibrary, suggest } from './search.repo.ts';
import { searchQuery, searchResultSchema, suggestQuery, suggestResultSchema } from './search.schema.ts';

const TAG = ['library'];

/** Set while the first-start import runs in the background. */
export const libraryLoading = { active: false };
const UPLOAD_MAX_BYTES = 20 * 1024 * 1024;
const isoDate = z.iso.date().nullable().optional();

async function uploadedFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('LIBRARY_UPLOAD_REQUIRED');
  const part = await req.file();
  if (!part) throw new AppError('LIBRARY_UPLOAD_REQUIRED');
  try {
    const buffer = await part.toBuffer();
    if (!buffer.length) throw new AppError('LIBRARY_UPLOAD_UNREADABLE');
    return buffer;
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('PAYLOAD_TOO_LARGE', { params: { limit: '20 MB' } });
    throw err;
  }
}

/**
 * Search and suggestions answer with objects built by this module to their response schema (typed by it), so they
 * are written with JSON.stringify, without the Zod encoding pass the app's serializer makes over every hit and
 * passage segment first (it copies the whole answer). The schema still documents the route in OpenAPI.
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);

const articleInput = z.object({
  articleNo: z.string().regex(/^\d{1,4}[a-zđ]?$/),
  heading: z.string().min(1).max(500),
  body: z.string().max(200_000),
  part: z.string().max(300).nullable().optional(),
  chapter: z.string().max(300).nullable().optional(),
  section: z.string().max(300).nullable().optional(),
});

export async function registerLibraryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.db as unknown as Kysely<unknown>;
  await app.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 4, parts: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/library/search',
    {
      schema: {
        tags: TAG,
        summary: 'Search articles of law and administrative procedures (with or without tone marks)',
        description:
          'One box: words ("thoi han giai quyet khieu nai"), document numbers ("85/2016", "luật số 75"), ' +
          'articles ("điều 10 luật mặt trận"), abbreviations (BHXH, UBND, MTTQ). Hits at article level name the ' +
          'document number and the article; expired documents rank below those in force.',
        querystring: searchQuery,
        response: { 200: searchResultSchema },
      },
      serializerCompiler: plainJson,
    },
    async (req) => {
      const { q, limit, offset, ...filters } = req.query;
      const result = await searchLibrary(db, q, { ...filters, kind: filters.kind }, { limit, offset });
      return { q: result.q, hits: result.hits, more: result.more };
    },
  );

  r.get(
    '/api/library/status',
    {
      schema: {
        tags: TAG,
        summary: 'What the library holds, and whether the first import is still running',
        response: {
          200: z.object({
            importing: z.boolean(),
            documents: z.number(),
            articles: z.number(),
            procedures: z.number(),
            relations: z.number(),
          }),
        },
      },
    },
    async () => {
      const row = (
        await sql<{ d: number; a: number; p: number; r: number }>`SELECT
          (SELECT count(*) FROM library_document) AS d, (SELECT count(*) FROM library_article) AS a,
          (SELECT count(*) FROM library_procedure) AS p, (SELECT count(*) FROM library_relation) AS r`.execute(db)
      ).rows[0]!;
      return {
        importing: libraryLoading.active,
        documents: row.d,
        articles: row.a,
        procedures: row.p,
        relations: row.r,
      };
    },
  );

  r.get(
    '/api/library/suggest',
    {
      schema: {
        tags: TAG,
        summary: 'Suggestions as one types: law titles, article headings, procedure names',
        querystring: suggestQuery,
        response: { 200: suggestResultSchema },
      },
      serializerCompiler: plainJson,
    },
    async (req) => ({ items: await suggest(db, req.query.q) }),
  );

  r.get(
    '/api/library/documents/:id',
    {
      schema: {
        tags: TAG,
        summary: 'One document with its articles and relations (open data)',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) }),
      },
    },
    async (req) => {
      const doc = await getDocument(db, req.params.id);
      if (!doc) throw new AppError('NOT_FOUND');
      const [articles, relations] = await Promise.all([listArticles(db, doc.id), relationsOf(db, doc.id)]);
      return { ...doc, articles, relations };
    },
  );

  /** The whole library as one JSON document, streamed document by document. */
  app.get('/thu-vien/du-lieu/thu-vien.json', { schema: { hide: true } }, async (_req, reply) => {
    const docs = (await sql<{ id: string }>`SELECT id FROM library_document ORDER BY id`.execute(db)).rows;
    reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=3600');
    reply.header('content-disposition', 'inline; filename="thu-vien.json"');
    async function* body() {
      yield `{"attribution":"underthesea VLC, text from thuvienphapluat.vn; procedures: dichvucong.gov.vn","generatedAt":"${new Date().toISOString()}","documents":[`;
      for (const [i, { id }] of docs.entries()) {
        const doc = await getDocument(db, id);
        const [articles, relations] = await Promise.all([listArticles(db, id), relationsOf(db, id)]);
        yield `${i ? ',' : ''}${JSON.stringify({ ...doc, articles, relations: relations.outgoing })}`;
      }
      yield '],"procedures":[';
      let first = true;
      for (let offset = 0; ; offset += 500) {
        const rows = (
          await sql<
            Record<string, unknown>
          >`SELECT code, name, ministry, implementing_agency, competent_authority, level,
              field, procedure_type, applicants, steps, channels, processing_time, fees, documents, conditions, result,
              legal_basis_codes, url FROM library_procedure ORDER BY code LIMIT 500 OFFSET ${offset}`.execute(db)
        ).rows;
        if (!rows.length) break;
        for (const row of rows) {
          yield `${first ? '' : ','}${JSON.stringify(row)}`;
          first = false;
        }
      }
      yield ']}';
    }
    const { Readable } = await import('node:stream');
    return reply.send(Readable.from(body()));
  });

  app.get('/thu-vien/sitemap.xml', { schema: { hide: true } }, async (_req, reply) => {
    const base = ctx.config.publicUrl;
    const [docs, arts, procs] = await Promise.all([
      sql<{ id: string; updated: string }>`SELECT id, updated_at::date::text AS updated FROM library_document`.execute(
        db,
      ),
      sql<{
        d: string;
        a: string;
      }>`SELECT document_id AS d, article_no AS a FROM library_article ORDER BY document_id, ordinal`.execute(db),
      sql<{ code: string }>`SELECT code FROM library_procedure ORDER BY code`.execute(db),
    ]);
    const url = (loc: string, lastmod?: string) =>
      `<url><loc>${base}${loc}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`;
    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
      url('/thu-vien'),
      url('/thu-vien/thu-tuc'),
      ...docs.rows.map((d) => url(`/thu-vien/luat/${d.id}`, d.updated)),
      ...arts.rows.map((a) => url(`/thu-vien/luat/${a.d}/dieu-${a.a}`)),
      ...procs.rows.map((p) => url(`/thu-vien/thu-tuc/${p.code}`)),
      '</urlset>',
    ].join('\n');
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  });

  // Librarians.
  r.post(
    '/api/library/uploads/preview',
    {
      schema: {
        tags: TAG,
        summary: 'Split an uploaded .docx or PDF into articles for review (nothing is saved)',
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      requireRole(req.principal, 'manage_library');
      const text = await extractText(await uploadedFile(req));
      if (!text.trim()) throw new AppError('LIBRARY_UPLOAD_UNREADABLE');
      return splitIntoArticles(text);
    },
  );

  r.post(
    '/api/library/documents',
    {
      schema: {
        tags: TAG,
        summary: 'Save a new document (the reviewed preview); audited',
        body: z.object({
          number: z.string().max(60).nullable(),
          title: z.string().min(3).max(500),
          docType: z.string().min(1).max(60),
          issuer: z.string().min(1).max(200),
          issuedDate: isoDate,
          effectiveDate: isoDate,
          field: z.string().max(200).nullable().optional(),
          preamble: z.string().max(20_000).default(''),
          articles: z.array(articleInput).min(1).max(2000),
        }),
      },
    },
    async (req, reply) => {
      const b = req.body;
      const doc = await createDocument(db, req.principal, {
        ...b,
        issuedDate: b.issuedDate ?? null,
        effectiveDate: b.effectiveDate ?? null,
        field: b.field ?? null,
      });
      return reply.status(201).send(doc);
    },
  );

  r.patch(
    '/api/library/documents/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Edit a document’s metadata and status (Central, or the province keeping it); audited',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) }),
        body: z
          .object({
            title: z.string().min(3).max(500).optional(),
            docType: z.string().min(1).max(60).optional(),
            issuer: z.string().min(1).max(200).optional(),
            field: z.string().max(200).nullable().optional(),
            issuedDate: isoDate,
            effectiveDate: isoDate,
            status: z.enum(DOCUMENT_STATUSES).optional(),
            statusDate: isoDate,
            statusNote: z.string().max(1000).nullable().optional(),
            replacedById: z
              .string()
              .regex(/^[a-z0-9-]{1,80}$/)
              .nullable()
              .optional(),
          })
          .strict(),
      },
    },
    async (req) => updateDocument(db, req.principal, req.params.id, req.body),
  );

  r.post(
    '/api/library/documents/:id/relations',
    {
      schema: {
        tags: TAG,
        summary: 'Add a relation (guides, amends, replaces, repeals…) to another document; audited',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/) }),
        body: z.object({
          kind: z.enum(RELATION_KINDS),
          targetId: z.string().regex(/^[a-z0-9-]{1,80}$/),
          sourceArticleNo: z.string().max(8).nullable().optional(),
          targetArticleNo: z.string().max(8).nullable().optional(),
        }),
      },
    },
    async (req, reply) => reply.status(201).send({ id: await addRelation(db, req.principal, req.params.id, req.body) }),
  );

  r.delete(
    '/api/library/documents/:id/relations/:relationId',
    {
      schema: {
        tags: TAG,
        summary: 'Remove a relation a librarian added; audited',
        params: z.object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), relationId: z.coerce.number().int().positive() }),
      },
    },
    async (req, reply) => {
      await removeRelation(db, req.principal, req.params.id, req.params.relationId);
      return reply.status(204).send();
    },
  );
}
