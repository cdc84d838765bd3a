import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, requestLang } from '../../core/http/errors.ts';
import { formatBytes } from '../../core/i18n/format.ts';
import { translate } from '../../core/i18n/messages.ts';
import { VILLAGE_TYPES } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import {
  codeParams,
  createVillageBody,
  dissolveBody,
  importResultSchema,
  reorderBody,
  unitSchema,
  updateVillageBody,
} from './units.schema.ts';
import { buildVillageTemplate, IMPORT_MAX_BYTES } from './village-file.ts';
import * as villages from './villages.service.ts';

const TAG = ['units: villages'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Room for the multipart envelope around a file at the limit.
const MULTIPART_OVERHEAD = 64 * 1024;

function tooLarge(): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { params: { limit: formatBytes(IMPORT_MAX_BYTES) } });
}

/** The uploaded file of a multipart request, refused over the limit before its bytes are read. */
async function uploadedFile(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  if (!req.isMultipart()) throw new AppError('IMPORT_FILE_REQUIRED');
  const part = await req.file();
  if (!part) throw new AppError('IMPORT_FILE_REQUIRED');
  try {
    return { buffer: await part.toBuffer(), filename: part.filename };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw err;
  }
}

/** Row errors carry their message parameters; they are put into words in the caller's language here. */
function localiseRowErrors(req: FastifyRequest, err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'IMPORT_INVALID_ROWS') return err;
  const lang = requestLang(req);
  const rows = (err.details as { rows: villages.RowError[] }).rows.map((r) => ({
    row: r.row,
    column: r.column,
    code: r.code,
    message: translate(r.code, lang, r.params),
  }));
  return new AppError(err.code, { params: err.params, details: { rows } });
}

/** Staff writes on a commune's village list; every one goes through the core policy ('edit'). */
export async function registerVillageRoutes(app: FastifyInstance, db: UnitsDb): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, parts: 5 },
  });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/units/villages/import-template.xlsx',
    {
      schema: {
        tags: TAG,
        summary: 'Excel template for importing a village list',
        querystring: z.object({
          commune: z
            .string()
            .regex(/^\d{5}$/)
            .optional(),
        }),
      },
    },
    async (req, reply) => {
      const buf = await buildVillageTemplate(req.query.commune ?? null, VILLAGE_TYPES);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="mau-danh-sach-thon.xlsx"`)
        .send(buf);
    },
  );
  r.post(
    '/api/units/:code/villages',
    {
      schema: {
        tags: TAG,
        summary: 'Create a village in a commune (with its Front Working Committee and four branches)',
        params: codeParams,
        body: createVillageBody,
        response: { 201: unitSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await villages.createVillage(db, req.principal, req.params.code, req.body)),
  );
  r.post(
    '/api/units/:code/villages/import',
    {
      schema: {
        tags: TAG,
        summary: 'Import a village list from .xlsx or .csv (multipart field "file"); all rows or none',
        params: codeParams,
        consumes: ['multipart/form-data'],
        response: { 201: importResultSchema },
      },
      onRequest: async (req) => {
        if (Number(req.headers['content-length'] ?? 0) > IMPORT_MAX_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
      },
    },
    async (req, reply) => {
      const file = await uploadedFile(req);
      try {
        const created = await villages.importVillages(db, req.principal, req.params.code, file);
        return reply.status(201).send({ created: created.length, villages: created });
      } catch (err) {
        throw localiseRowErrors(req, err);
      }
    },
  );
  r.put(
    '/api/units/:code/villages/order',
    {
      schema: {
        tags: TAG,
        summary: 'Set the display order of a commune’s villages',
        params: codeParams,
        body: reorderBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await villages.reorderVillages(db, req.principal, req.params.code, req.body.codes);
      return reply.status(204).send(null);
    },
  );
  r.patch(
    '/api/units/villages/:code',
    {
      schema: {
        tags: TAG,
        summary: 'Rename a village or change its type (effective-dated)',
        params: codeParams,
        body: updateVillageBody,
        response: { 200: unitSchema },
      },
    },
    async (req) => villages.updateVillage(db, req.principal, req.params.code, req.body),
  );
  r.post(
    '/api/units/villages/:code/dissolve',
    {
      schema: {
        tags: TAG,
        summary: 'Dissolve a village from a date (kept in history, not deleted)',
        params: codeParams,
        body: dissolveBody.nullish(),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await villages.dissolveVillage(db, req.principal, req.params.code, req.body ?? {});
      return reply.status(204).send(null);
    },
  );
}
