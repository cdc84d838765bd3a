import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { listCategories } from './cases.repo.ts';
import { findPublished, listPublished, type PublicCase } from './public.repo.ts';

/**
 * Open311 GeoReport v2, read-only: services are the categories, requests the published cases (already redacted;
 * no contact details, no tracking code). JSON only; `.xml` answers 400 with the usual envelope.
 */
export function registerOpen311Routes(app: FastifyInstance, ctx: AppContext) {
  const db = ctx.db;
  const base = ctx.config.publicUrl;
  const cache = {
    onSend: async (_r: unknown, reply: { header(k: string, v: string): unknown }, p: unknown) => {
      reply.header('cache-control', 'public, max-age=300');
      reply.header('access-control-allow-origin', '*');
      return p;
    },
  };
  const json = (format: string) => {
    if (format !== 'json') throw new AppError('BAD_REQUEST');
  };

  const toRequest = (c: PublicCase, names: Map<string, string>) => ({
    service_request_id: String(c.id),
    status: 'closed',
    status_notes: c.answer,
    service_name: names.get(c.category) ?? c.category,
    service_code: c.category,
    description: c.content,
    agency_responsible: c.answeredBy ?? c.unitName,
    service_notice: null,
    requested_datetime: c.receivedAt.toISOString(),
    updated_datetime: (c.answeredAt ?? c.publishedAt).toISOString(),
    expected_datetime: null,
    address: c.unitName + (c.provinceName && c.provinceName !== c.unitName ? `, ${c.provinceName}` : ''),
    address_id: c.unitCode,
    zipcode: null,
    lat: c.latitude,
    long: c.longitude,
    media_url: null,
    url: `${base}/phan-anh/vu-viec/${c.id}`,
  });

  app.get(
    '/open311/v2/discovery.json',
    { schema: { tags: ['open311'], summary: 'GeoReport v2 discovery' }, ...cache },
    async () => ({
      changeset: '2026-11-25T00:00:00Z',
      contact: 'Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam',
      key_service: '',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: `${base}/open311/v2`,
          changeset: '2026-11-25T00:00:00Z',
          type: 'production',
          formats: ['application/json'],
        },
      ],
    }),
  );

  app.get(
    '/open311/v2/services.:format',
    { schema: { tags: ['open311'], summary: 'Services (categories)' }, ...cache },
    async (req) => {
      json((req.params as { format: string }).format);
      const lang = String((req.query as { locale?: string }).locale ?? 'vi').startsWith('en') ? 'en' : 'vi';
      return (await listCategories(db)).map((c) => ({
        service_code: c.code,
        service_name: lang === 'vi' ? c.nameVi : c.nameEn,
        description: lang === 'vi' ? c.hintVi : c.hintEn,
        metadata: false,
        type: 'realtime',
        keywords: '',
        group: lang === 'vi' ? 'Phản ánh, kiến nghị' : 'Feedback',
      }));
    },
  );

  app.get(
    '/open311/v2/requests.:format',
    { schema: { tags: ['open311'], summary: 'Requests (published cases)' }, ...cache },
    async (req) => {
      json((req.params as { format: string }).format);
      const q = req.query as Record<string, string>;
      const cats = await listCategories(db);
      const names = new Map(cats.map((c) => [c.code, c.nameVi]));
      const ids = q.service_request_id
        ? q.service_request_id
            .split(',')
            .filter((s) => /^\d{1,15}$/.test(s))
            .slice(0, 50)
        : null;
      if (ids) {
        const found = await Promise.all(ids.map((id) => findPublished(db, Number(id))));
        return found.filter((c): c is PublicCase => !!c).map((c) => toRequest(c, names));
      }
      const service = q.service_code && names.has(q.service_code) ? q.service_code : undefined;
      if (q.service_code && !service) return [];
      // Published cases are answered or closed, "closed" in Open311 terms: asking for open ones finds none.
      if (q.status === 'open') return [];
      const pageSize = Math.min(1000, Math.max(1, Number.parseInt(q.page_size ?? '50', 10) || 50));
      const page = Math.max(1, Math.min(10_000, Number.parseInt(q.page ?? '1', 10) || 1));
      const date = (v: string | undefined) => {
        const t = v ? Date.parse(v) : Number.NaN;
        return Number.isNaN(t) ? undefined : new Date(t);
      };
      const { items } = await listPublished(db, {
        category: service,
        from: date(q.start_date),
        to: date(q.end_date),
        page,
        pageSize,
      });
      return items.map((c) => toRequest(c, names));
    },
  );

  app.get(
    '/open311/v2/requests/:id',
    { schema: { tags: ['open311'], summary: 'One request' }, ...cache },
    async (req) => {
      const m = /^(\d{1,15})\.(json|xml)$/.exec((req.params as { id: string }).id);
      if (!m) throw new AppError('NOT_FOUND');
      json(m[2]!);
      const c = await findPublished(db, Number(m[1]));
      if (!c) throw new AppError('NOT_FOUND');
      const names = new Map((await listCategories(db)).map((x) => [x.code, x.nameVi]));
      return [toRequest(c, names)];
    },
  );
}
