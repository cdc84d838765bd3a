import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HomeProps } from '../../../web/petitions/home-page.tsx';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { detectLang, type PublicPages } from '../portal/index.ts';
import { listProvinces, todayInVietnam, unitsDb } from '../units/index.ts';
import { listCategories, readAttachment } from './cases.repo.ts';
import { findPublished, listPublished, type PublicCase, provinceStats, publicPhotoIds } from './public.repo.ts';
import { categoryOptions } from './public.routes.ts';
import { createPageCache } from './published-pages.ts';
import { statsChartSvg } from './stats-chart.ts';
import { STATUSES, statusLabelFor } from './status-export.ts';

const PUBLIC_CACHE = 'public, max-age=120';
const PAGE_SIZE = 20;

async function publicCache(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 200 && !req.principal && !reply.hasHeader('set-cookie'))
    reply.header('cache-control', PUBLIC_CACHE);
  return payload;
}

const one = (v: unknown, re: RegExp) => {
  const s = String(v ?? '').trim();
  return re.test(s) ? s : undefined;
};

export function caseView(
  c: PublicCase,
  lang: Lang,
  categoryName: string,
  photos: { id: number; width: number | null; height: number | null }[],
) {
  return {
    id: c.id,
    href: `/phan-anh/vu-viec/${c.id}`,
    title: c.title,
    content: c.content,
    answer: c.answer,
    status: c.status,
    statusLabel: statusLabelFor(c.status, lang),
    category: categoryName,
    unitName: c.unitName,
    provinceName: c.provinceName,
    senderName: c.senderName,
    receivedAt: c.receivedAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    answeredBy: c.answeredBy,
    rating: c.rating,
    photos: photos.map((p) => ({ src: `/phan-anh/vu-viec/${c.id}/anh/${p.id}`, width: p.width, height: p.height })),
  };
}

/** The public face: published cases, one page per case, statistics, open data. */
export async function registerPublishedRoutes(app: FastifyInstance, ctx: AppContext, pages: PublicPages) {
  const db: Db = ctx.db;
  const opts = { schema: { hide: true }, onSend: publicCache };

  // The portal's app catalogue links the short name.
  app.get('/pakn', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/phan-anh', 301));

  app.get('/phan-anh', opts, async (req, reply) => {
    const lang = detectLang(req);
    const q = req.query as Record<string, string>;
    const cats = await listCategories(db);
    const filter = {
      q:
        String(q.q ?? '')
          .trim()
          .slice(0, 100) || undefined,
      province: one(q.tinh, /^\d{2}$/),
      unit: one(q.xa, /^\d{5}$/),
      category: cats.some((c) => c.code === q.linh_vuc) ? q.linh_vuc : undefined,
      status: (STATUSES as readonly string[]).includes(q.trang_thai ?? '') ? q.trang_thai : undefined,
      page: Math.max(1, Math.min(500, Number.parseInt(q.trang ?? '1', 10) || 1)),
      pageSize: PAGE_SIZE,
    };
    const { items, total } = await listPublished(db, filter);
    const names = new Map(cats.map((c) => [c.code, lang === 'vi' ? c.nameVi : c.nameEn]));
    const provinces = await listProvinces(unitsDb(db), todayInVietnam());
    const stats = await provinceStats(db);
    const props: HomeProps = {
      filter: {
        q: filter.q ?? '',
        province: filter.province ?? '',
        unit: filter.unit ?? '',
        category: filter.category ?? '',
        status: filter.status ?? '',
      },
      provinces: provinces.map((p) => ({ code: p.code, name: p.fullName })),
      categories: categoryOptions(cats, lang),
      statuses: ['answered', 'closed'].map((s) => ({ code: s, label: statusLabelFor(s, lang) })),
      items: items.map((c) => caseView(c, lang, names.get(c.category) ?? c.category, [])),
      total,
      page: filter.page,
      pages: Math.max(1, Math.ceil(Math.min(total, 10_000) / PAGE_SIZE)),
      totals: {
        received: stats.reduce((a, r) => a + r.received, 0),
        answered: stats.reduce((a, r) => a + r.answered, 0),
      },
    };
    return pages.render(req, reply, { page: 'petitions/home', props });
  });

  // A case page is the same for every visitor of one language: rendered once, kept until a change to that case,
  // the categories or the unit names is heard, or moves the counters while nothing is heard (published-pages.ts).
  // Only the plain address is kept; `?lang=` (which also sets the language cookie) and any other query are
  // rendered each time.
  const kept = await createPageCache(ctx.database, ctx.log);
  app.addHook('onClose', () => kept.close());
  app.get('/phan-anh/vu-viec/:id', opts, async (req, reply) => {
    const lang = detectLang(req);
    const raw = (req.params as { id: string }).id;
    if (!/^\d{1,15}$/.test(raw)) return reply.callNotFound();
    const id = Number(raw);
    const key = req.url === `/phan-anh/vu-viec/${raw}` ? `${lang}:${id}` : null;
    const view = key ? await kept.begin() : null;
    const hit = key && view ? kept.get(key, view) : undefined;
    if (hit) return pages.sendHtml(req, reply, hit);
    const c = await findPublished(db, id);
    if (!c) return reply.callNotFound();
    const cats = await listCategories(db);
    const cat = cats.find((x) => x.code === c.category);
    const photos = c.showPhotos ? await publicPhotoIds(db, c.id) : [];
    const page = caseView(c, lang, cat ? (lang === 'vi' ? cat.nameVi : cat.nameEn) : c.category, photos);
    const description = `${page.unitName} — ${page.category}: ${c.content.slice(0, 150)}`;
    const html = await pages.html(req, reply, {
      page: 'petitions/case',
      props: { case: page },
      title: `${c.title} — ${lang === 'vi' ? 'Phản ánh, kiến nghị' : 'Feedback'}`,
      description,
    });
    if (!key || !view) return pages.sendHtml(req, reply, html);
    const bytes = Buffer.from(html);
    kept.set(key, view, bytes);
    return pages.sendHtml(req, reply, bytes);
  });

  // Photos of a published case, only when the citizen allowed and the reviewer chose to show them.
  app.get('/phan-anh/vu-viec/:id/anh/:file', opts, async (req, reply) => {
    const { id, file } = req.params as { id: string; file: string };
    if (!/^\d{1,15}$/.test(id) || !/^\d{1,15}$/.test(file)) return reply.callNotFound();
    const allowed = await publicPhotoIds(db, Number(id));
    if (!allowed.some((p) => p.id === Number(file))) return reply.callNotFound();
    const a = await readAttachment(db, Number(id), Number(file));
    if (!a) return reply.callNotFound();
    return reply.type(a.mime).header('x-content-type-options', 'nosniff').send(a.bytes);
  });

  app.get('/phan-anh/thong-ke', opts, async (req, reply) => {
    const lang = detectLang(req);
    const rows = await provinceStats(db);
    return pages.render(req, reply, {
      page: 'petitions/stats',
      props: { rows, chartSvg: statsChartSvg(rows, lang) },
    });
  });

  app.get('/phan-anh/thong-ke.csv', opts, async (_req, reply) => {
    const rows = await provinceStats(db);
    const header =
      'ma_tinh,tinh,da_tiep_nhan,da_tra_loi,ty_le_dung_han,so_ngay_tra_loi_trung_binh,muc_hai_long_trung_binh,so_danh_gia';
    const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = rows.map((r) =>
      [
        r.provinceCode,
        csvCell(r.provinceName),
        r.received,
        r.answered,
        r.withDeadline ? (r.onTime / r.withDeadline).toFixed(4) : '',
        r.avgDaysToAnswer == null ? '' : r.avgDaysToAnswer.toFixed(2),
        r.avgRating == null ? '' : r.avgRating.toFixed(2),
        r.ratings,
      ].join(','),
    );
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="thong-ke-phan-anh-kien-nghi.csv"')
      .send(`\uFEFF${[header, ...lines].join('\r\n')}\r\n`);
  });
}
