import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { LibrarianProps } from '../../../web/library/librarian-page.tsx';
import { requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { translate } from '../../core/i18n/messages.ts';
import { createPublicPages } from '../portal/index.ts';
import { staffRoute, unitsDb } from '../units/index.ts';
import { extractText, splitIntoArticles } from './document-upload.ts';
import { createDocument, documentInScope, type NewDocumentInput, updateDocument } from './librarian.service.ts';
import { parseFormDate } from './librarian-forms.ts';
import { DOCUMENT_STATUSES, type DocumentStatus } from './library.types.ts';

/**
 * The librarian's page (/quan-tri/thu-vien), complete without JavaScript: upload a .docx or PDF, review the article
 * splitting and the guessed metadata, save; update a document's status. The same services as the API (audited,
 * scoped: a province librarian sees and changes only their province's documents).
 */
export function registerLibrarianPages(app: FastifyInstance, ctx: AppContext): void {
  const pages = createPublicPages(ctx.config);
  const db = ctx.db as unknown as Kysely<unknown>;
  const udb = unitsDb(ctx.db);

  const LIST_LIMIT = 100;

  /** The documents the librarian keeps, newest first, narrowed by number or title when asked. */
  async function documentsInScope(p: Principal, q: string) {
    const folded = q ? `%${q.replace(/[\\%_]/g, '\\$&')}%` : null;
    const where = sql`unit_path <@ ${p.unitPath}::ltree ${
      folded
        ? sql`AND (vn_fold(title) LIKE vn_fold(${folded}) OR vn_fold(coalesce(number, id)) LIKE vn_fold(${folded}))`
        : sql``
    }`;
    const [rows, total] = await Promise.all([
      sql<{ id: string; number: string | null; title: string; status: DocumentStatus }>`SELECT id, number, title,
          status FROM library_document WHERE ${where} ORDER BY issued_date DESC NULLS LAST, id
          LIMIT ${LIST_LIMIT}`.execute(db),
      sql<{ n: number }>`SELECT count(*)::int AS n FROM library_document WHERE ${where}`.execute(db),
    ]);
    return { documents: rows.rows, total: total.rows[0]?.n ?? 0 };
  }

  async function render(
    req: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    account: LibrarianProps['account'],
    extra: Partial<LibrarianProps>,
    status = 200,
  ) {
    const q = String((req.query as { q?: unknown }).q ?? '')
      .trim()
      .slice(0, 100);
    return pages.render(req, reply, {
      page: 'library/librarian',
      status,
      props: {
        account,
        ...(await documentsInScope(principal, q)),
        q,
        preview: null,
        error: null,
        notice: null,
        statusForm: { values: { id: '', status: 'in_force', statusDate: '', statusNote: '' }, errors: {} },
        ...extra,
      },
    });
  }

  app.get(
    '/quan-tri/thu-vien',
    { schema: { hide: true } },
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireRole(principal, 'manage_library');
      const ok = (req.query as { ok?: string }).ok;
      return render(req, reply, principal, account, { notice: ok ? translate('LIBRARY_SAVED', lang) : null });
    }),
  );

  app.post(
    '/quan-tri/thu-vien/xem-truoc',
    { schema: { hide: true } },
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireRole(principal, 'manage_library');
      try {
        if (!req.isMultipart()) throw new AppError('LIBRARY_UPLOAD_REQUIRED');
        const part = await req.file();
        if (!part) throw new AppError('LIBRARY_UPLOAD_REQUIRED');
        const buffer = await part.toBuffer();
        if (!buffer.length) throw new AppError('LIBRARY_UPLOAD_REQUIRED');
        const text = await extractText(buffer);
        if (!text.trim()) throw new AppError('LIBRARY_UPLOAD_UNREADABLE');
        const p = splitIntoArticles(text);
        return render(req, reply, principal, account, {
          preview: {
            number: p.number ?? '',
            title: p.title,
            docType: p.docType,
            issuer: p.issuer,
            issuedDate: p.issuedDate ?? '',
            effectiveDate: p.effectiveDate ?? '',
            articles: p.articles.map((a) => ({
              articleNo: a.articleNo,
              heading: a.heading,
              excerpt: a.body.slice(0, 200),
              chapter: a.chapter,
            })),
            articlesJson: JSON.stringify(p.articles),
            preamble: p.preamble,
            warnings: p.warnings,
          },
        });
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('LIBRARY_UPLOAD')) throw err;
        return render(req, reply, principal, account, { error: translate(err.code, lang, err.params) }, err.status);
      }
    }),
  );

  app.post(
    '/quan-tri/thu-vien/luu',
    { schema: { hide: true } },
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      const b = (req.body ?? {}) as Record<string, string | undefined>;
      let articles: NewDocumentInput['articles'] = [];
      try {
        const parsed: unknown = JSON.parse(b.articles ?? '[]');
        if (Array.isArray(parsed)) articles = parsed.filter((a) => a && typeof a === 'object');
      } catch {
        articles = [];
      }
      // On a mistake the reviewed preview is shown again with what was typed, and the message.
      const keep = (error: string, status: number) =>
        render(
          req,
          reply,
          principal,
          account,
          {
            error,
            preview: {
              number: b.number ?? '',
              title: b.title ?? '',
              docType: b.docType ?? '',
              issuer: b.issuer ?? '',
              issuedDate: b.issuedDate ?? '',
              effectiveDate: b.effectiveDate ?? '',
              articles: articles.map((a) => ({
                articleNo: String(a.articleNo),
                heading: String(a.heading),
                excerpt: String(a.body ?? '').slice(0, 200),
                chapter: a.chapter ?? null,
              })),
              articlesJson: b.articles ?? '[]',
              preamble: b.preamble ?? '',
              warnings: [],
            },
          },
          status,
        );
      const dates = {
        issuedDate: parseFormDate((b.issuedDate ?? '').trim()),
        effectiveDate: parseFormDate((b.effectiveDate ?? '').trim()),
      };
      const bad = (Object.keys(dates) as (keyof typeof dates)[]).filter((k) => dates[k] === undefined);
      if (bad.length)
        return keep(
          bad
            .map((k) =>
              translate('LIBRARY_FIELD_DATE_INVALID', lang, {
                field: translate(`LIBRARY_LABEL_${k}`, lang),
                value: (b[k] ?? '').trim(),
              }),
            )
            .join(' '),
          400,
        );
      try {
        if (!articles.length) throw new AppError('LIBRARY_DOCUMENT_INVALID', { params: { reason: 'articles' } });
        const doc = await createDocument(db, principal, {
          number: b.number?.trim() || null,
          title: (b.title ?? '').trim(),
          docType: (b.docType ?? '').trim(),
          issuer: (b.issuer ?? '').trim(),
          issuedDate: dates.issuedDate ?? null,
          effectiveDate: dates.effectiveDate ?? null,
          field: null,
          preamble: b.preamble ?? '',
          articles,
        });
        return reply.redirect(`/thu-vien/luat/${doc.id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !err.code.startsWith('LIBRARY_')) throw err;
        return keep(translate(err.code, lang, err.params), err.status);
      }
    }),
  );

  app.post(
    '/quan-tri/thu-vien/trang-thai',
    { schema: { hide: true } },
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireRole(principal, 'manage_library');
      const b = (req.body ?? {}) as Record<string, string | undefined>;
      const values = {
        id: (b.id ?? '').trim(),
        status: (b.status ?? '').trim(),
        statusDate: (b.statusDate ?? '').trim(),
        statusNote: (b.statusNote ?? '').trim(),
      };
      if (!/^[a-z0-9-]{1,80}$/.test(values.id)) throw new AppError('NOT_FOUND');
      await documentInScope(db, principal, values.id);
      const errors: Record<string, string> = {};
      const status = (DOCUMENT_STATUSES as readonly string[]).includes(values.status)
        ? (values.status as DocumentStatus)
        : undefined;
      if (!status)
        errors.status = translate('LIBRARY_FIELD_CHOICE', lang, { field: translate('LIBRARY_LABEL_status', lang) });
      // A bad date is an error naming its field, never dropped silently.
      const statusDate = parseFormDate(values.statusDate);
      if (statusDate === undefined)
        errors.statusDate = translate('LIBRARY_FIELD_DATE_INVALID', lang, {
          field: translate('LIBRARY_LABEL_statusDate', lang),
          value: values.statusDate,
        });
      if (values.statusNote.length > 1000)
        errors.statusNote = translate('LIBRARY_FIELD_LENGTH', lang, {
          field: translate('LIBRARY_LABEL_statusNote', lang),
          min: 0,
          max: 1000,
        });
      if (!status || statusDate === undefined || errors.statusNote) {
        const error = [translate('LIBRARY_FORM_NOT_SAVED', lang), ...Object.values(errors)].join(' ');
        return render(req, reply, principal, account, { error, statusForm: { values, errors } }, 400);
      }
      await updateDocument(db, principal, values.id, { status, statusDate, statusNote: values.statusNote || null });
      return reply.redirect('/quan-tri/thu-vien?ok=1', 303);
    }),
  );
}
