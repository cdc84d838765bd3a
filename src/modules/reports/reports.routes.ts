import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../core/db/database.ts';
import { AppError, requestLang } from '../../core/http/errors.ts';
import { addCadre, cadreTemplate, exportCadres, importCadres, listCadres, removeCadre, updateCadre } from './cadres.ts';
import { synthesisDocx } from './export-docx.ts';
import { synthesisXlsx } from './export-xlsx.ts';
import { listForms, publishFormVersion } from './forms.ts';
import { inbox } from './inbox.ts';
import { profileHistory, readProfile, saveProfile } from './profiles.ts';
import { progress } from './progress.ts';
import { queueReminders } from './reminders.ts';
import {
  cadreBody,
  entryBody,
  entryParams,
  exportQuery,
  formVersionBody,
  idParams,
  orgParams,
  profileBody,
  rangeQuery,
  reopenBody,
  returnBody,
  unitWeekQuery,
} from './reports.schema.ts';
import { acceptReport, entryState, reopenReport, returnReport, saveReport } from './reports.service.ts';
import { history, synthesis } from './synthesis.ts';
import { rangeSynthesis } from './synthesis-range.ts';
import { addWeeks, parseWeek, weekAt } from './weeks.ts';

const TAG = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CADRE_FILE_MAX = 5 * 1024 * 1024;

/** An ISO week from the URL, or last week (the one being reported on Monday) by default. */
export function weekParam(text: string | undefined): number {
  if (!text) return addWeeks(weekAt(new Date()), -1);
  const w = parseWeek(text);
  if (!w) throw new AppError('REPORT_WEEK_INVALID', { params: { week: text } });
  return w;
}

function download(reply: FastifyReply, type: string, name: string, buf: Buffer) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'private, no-store')
    .send(buf);
}

export async function registerReportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(multipart, { limits: { fileSize: CADRE_FILE_MAX, files: 1, fields: 4, parts: 5 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/reports/forms', { schema: { tags: TAG, summary: 'Report forms and their versions' } }, async (req) => {
    if (!req.principal) throw new AppError('UNAUTHENTICATED');
    return { items: await listForms(db) };
  });
  r.post(
    '/api/reports/forms/:code/versions',
    {
      schema: {
        tags: TAG,
        summary: 'Publish a new version of a form (Central administrators)',
        params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,31}$/) }),
        body: formVersionBody,
      },
    },
    async (req, reply) => {
      const { validFrom, ...rest } = req.body;
      const week = weekParam(validFrom);
      return reply
        .status(201)
        .send(await publishFormVersion(db, req.principal, req.params.code, { ...rest, validFromWeek: week }));
    },
  );

  // Data entry of one organisation's report for a week.
  r.get(
    '/api/reports/entry/:unit/:org/:week',
    {
      schema: {
        tags: TAG,
        summary: 'A report for data entry: form, values, deadline, lock, last week',
        params: entryParams,
      },
    },
    async (req) =>
      entryState(db, req.principal, {
        unitCode: req.params.unit,
        orgType: req.params.org,
        week: weekParam(req.params.week),
      }),
  );
  r.put(
    '/api/reports/entry/:unit/:org/:week',
    { schema: { tags: TAG, summary: 'Save a draft (autosave)', params: entryParams, body: entryBody } },
    async (req) =>
      saveReport(
        db,
        req.principal,
        { unitCode: req.params.unit, orgType: req.params.org, week: weekParam(req.params.week) },
        req.body,
        {
          submit: false,
          lang: requestLang(req),
        },
      ),
  );
  r.post(
    '/api/reports/entry/:unit/:org/:week/submit',
    {
      schema: {
        tags: TAG,
        summary: 'Submit (or resubmit) the report to the superior',
        params: entryParams,
        body: entryBody,
      },
    },
    async (req) =>
      saveReport(
        db,
        req.principal,
        { unitCode: req.params.unit, orgType: req.params.org, week: weekParam(req.params.week) },
        req.body,
        {
          submit: true,
          lang: requestLang(req),
        },
      ),
  );

  // The superior's decisions.
  r.get(
    '/api/reports/inbox',
    {
      schema: {
        tags: TAG,
        summary: "Subordinates' reports for a week (accept / return)",
        querystring: z.object({
          week: z.string().optional(),
          status: z.enum(['submitted', 'accepted', 'returned']).optional(),
        }),
      },
    },
    async (req) => ({ items: await inbox(db, req.principal, weekParam(req.query.week), req.query.status) }),
  );
  r.post(
    '/api/reports/:id/accept',
    { schema: { tags: TAG, summary: 'Accept a report (locks it)', params: idParams } },
    async (req) => acceptReport(db, req.principal, req.params.id, requestLang(req)),
  );
  r.post(
    '/api/reports/:id/return',
    { schema: { tags: TAG, summary: 'Return a report with a comment', params: idParams, body: returnBody } },
    async (req) => returnReport(db, req.principal, req.params.id, req.body.comment, requestLang(req)),
  );
  r.post(
    '/api/reports/reopen',
    { schema: { tags: TAG, summary: 'Reopen a locked report (superior)', body: reopenBody } },
    async (req) =>
      reopenReport(
        db,
        req.principal,
        { unitCode: req.body.unit, orgType: req.body.org, week: weekParam(req.body.week) },
        requestLang(req),
      ),
  );

  // Synthesis, completeness, history, reminders.
  const unitParams = z.object({ unit: z.string().regex(/^(VN|\d{2}|\d{5}|\d{9})$/) });
  r.get(
    '/api/reports/synthesis/:unit',
    {
      schema: { tags: TAG, summary: 'Synthesis of a unit for a week', params: unitParams, querystring: unitWeekQuery },
    },
    async (req) =>
      synthesis(db, req.principal, req.params.unit, weekParam(req.query.week), { orgType: req.query.org ?? null }),
  );
  r.get(
    '/api/reports/history/:unit',
    {
      schema: {
        tags: TAG,
        summary: 'Reporting rates and totals week by week',
        params: unitParams,
        querystring: rangeQuery,
      },
    },
    async (req) => {
      const to = weekParam(req.query.to);
      const from = req.query.from ? weekParam(req.query.from) : addWeeks(to, -11);
      const weeks: number[] = [];
      for (let w = from; w <= to && weeks.length < 53; w = addWeeks(w, 1)) weeks.push(w);
      if (!weeks.length) throw new AppError('REPORT_WEEK_INVALID', { params: { week: req.query.from ?? '' } });
      return history(db, req.principal, req.params.unit, weeks, { orgType: req.query.org ?? null });
    },
  );
  r.post(
    '/api/reports/reminders/:unit',
    {
      schema: {
        tags: TAG,
        summary: 'Queue reminders to subordinates that have not reported',
        params: unitParams,
        querystring: unitWeekQuery,
      },
    },
    async (req) => queueReminders(db, req.principal, req.params.unit, weekParam(req.query.week), req.query.org ?? null),
  );
  r.get(
    '/api/reports/progress',
    { schema: { tags: TAG, summary: 'Digital transformation progress in scope' } },
    async (req) => progress(db, req.principal),
  );

  // Exports.
  const exportRange = async (
    req: FastifyRequest<{ Params: { unit: string }; Querystring: z.infer<typeof exportQuery> }>,
  ) => {
    const to = weekParam(req.query.to ?? req.query.week);
    const from = req.query.from ? weekParam(req.query.from) : to;
    return rangeSynthesis(db, req.principal, req.params.unit, from, to, req.query.org ?? null);
  };
  r.get(
    '/api/reports/export/:unit/synthesis.docx',
    {
      schema: {
        tags: TAG,
        summary: 'Synthesis report as Word (Decree 30/2020 layout)',
        params: unitParams,
        querystring: exportQuery,
      },
    },
    async (req, reply) => {
      const s = await exportRange(req);
      return download(reply, DOCX, `bao-cao-tong-hop-${req.params.unit}-${s.last.week}.docx`, await synthesisDocx(s));
    },
  );
  r.get(
    '/api/reports/export/:unit/synthesis.xlsx',
    { schema: { tags: TAG, summary: 'Synthesis report as Excel', params: unitParams, querystring: exportQuery } },
    async (req, reply) => {
      const s = await exportRange(req);
      return download(reply, XLSX, `bao-cao-tong-hop-${req.params.unit}-${s.last.week}.xlsx`, await synthesisXlsx(s));
    },
  );

  // Organisation profiles.
  r.get(
    '/api/reports/organisations/:unit/:org/profile',
    {
      schema: {
        tags: TAG,
        summary: 'Organisation profile (as of an instant)',
        params: orgParams,
        querystring: z.object({ asOf: z.string().optional() }),
      },
    },
    async (req) => {
      let asOf: Date | undefined;
      if (req.query.asOf) {
        asOf = new Date(
          /^\d{4}-\d{2}-\d{2}$/.test(req.query.asOf) ? `${req.query.asOf}T23:59:59.999+07:00` : req.query.asOf,
        );
        if (Number.isNaN(asOf.getTime())) throw new AppError('BAD_REQUEST');
      }
      return readProfile(db, req.principal, req.params.unit, req.params.org, asOf);
    },
  );
  r.get(
    '/api/reports/organisations/:unit/:org/profile/history',
    { schema: { tags: TAG, summary: 'Every version of a profile (who, when)', params: orgParams } },
    async (req) => profileHistory(db, req.principal, req.params.unit, req.params.org),
  );
  r.put(
    '/api/reports/organisations/:unit/:org/profile',
    {
      schema: {
        tags: TAG,
        summary: 'Save an organisation profile (new version)',
        params: orgParams,
        body: profileBody,
      },
    },
    async (req) => saveProfile(db, req.principal, req.params.unit, req.params.org, req.body, requestLang(req)),
  );

  // Cadre lists.
  r.get(
    '/api/reports/organisations/:unit/:org/cadres',
    {
      schema: {
        tags: TAG,
        summary: 'Cadre list (personal data; audited)',
        params: orgParams,
        querystring: z.object({ q: z.string().max(100).optional() }),
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return listCadres(db, req.principal, req.params.unit, req.params.org, req.query.q);
    },
  );
  r.post(
    '/api/reports/organisations/:unit/:org/cadres',
    { schema: { tags: TAG, summary: 'Add a cadre', params: orgParams, body: cadreBody } },
    async (req, reply) => {
      await addCadre(db, req.principal, req.params.unit, req.params.org, req.body, requestLang(req));
      return reply.status(201).send({ ok: true });
    },
  );
  r.put(
    '/api/reports/cadres/:id',
    { schema: { tags: TAG, summary: 'Update a cadre', params: idParams, body: cadreBody } },
    async (req) => {
      await updateCadre(db, req.principal, req.params.id, req.body, requestLang(req));
      return { ok: true };
    },
  );
  r.delete(
    '/api/reports/cadres/:id',
    { schema: { tags: TAG, summary: 'Remove a cadre from the list', params: idParams } },
    async (req, reply) => {
      await removeCadre(db, req.principal, req.params.id);
      return reply.status(204).send();
    },
  );
  r.get(
    '/api/reports/cadres/import-template.xlsx',
    { schema: { tags: TAG, summary: 'Excel template for cadre lists' } },
    async (_req, reply) => download(reply, XLSX, 'mau-danh-sach-can-bo.xlsx', await cadreTemplate()),
  );
  r.get(
    '/api/reports/organisations/:unit/:org/cadres.xlsx',
    { schema: { tags: TAG, summary: 'Export the cadre list to Excel (audited)', params: orgParams } },
    async (req, reply) =>
      download(
        reply,
        XLSX,
        `danh-sach-can-bo-${req.params.unit}-${req.params.org}.xlsx`,
        await exportCadres(db, req.principal, req.params.unit, req.params.org),
      ),
  );
  r.post(
    '/api/reports/organisations/:unit/:org/cadres/import',
    {
      schema: {
        tags: TAG,
        summary: 'Import a cadre list from .xlsx (multipart field "file"); all rows or none',
        params: orgParams,
        querystring: z.object({ replace: z.enum(['true', 'false']).optional() }),
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('CADRE_IMPORT_NOT_XLSX');
      const part = await req.file();
      if (!part) throw new AppError('CADRE_IMPORT_NOT_XLSX');
      let buf: Buffer;
      try {
        buf = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new AppError('PAYLOAD_TOO_LARGE', { params: { limit: '5 MB' } });
        throw err;
      }
      // Row errors come back already in the caller's language (details.rows).
      const out = await importCadres(db, req.principal, req.params.unit, req.params.org, buf, {
        replace: req.query.replace === 'true',
        lang: requestLang(req),
      });
      return reply.status(201).send(out);
    },
  );
}
