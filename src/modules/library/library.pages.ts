import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { TocEntry } from '../../../web/library/document-page.tsx';
import type { RelationLink } from '../../../web/library/library-types.ts';
import type { AppContext } from '../../core/context.ts';
import { createPublicPages, type PublicPages } from '../portal/index.ts';
import { articleName } from './document-text.ts';
import {
  catalogOf,
  getArticle,
  getDocument,
  getProcedure,
  listArticles,
  listDocuments,
  listProcedures,
  procedureFields,
  proceduresCiting,
} from './library.repo.ts';
import type { LibraryDocument, Relation } from './library.types.ts';
import { articleBlocks, articleHref, citationOf, docSummary, linkText } from './reading-view.ts';
import { normaliseNumber } from './references.ts';
import { relationsOf } from './relations.repo.ts';
import { searchLibrary, suggest } from './search.repo.ts';
import { searchFiltersOf } from './search.schema.ts';

const PUBLIC_CACHE = 'public, max-age=300';

async function publicCache(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (reply.statusCode === 200 && !req.principal && !reply.hasHeader('set-cookie'))
    reply.header('cache-control', PUBLIC_CACHE);
  return payload;
}

/** The front's own documents, shown first on the library's home. */
const FEATURED = [
  '75-2015-qh13',
  'hien-phap-2013',
  '02-2011-qh13',
  '25-2018-qh14',
  '42-2013-qh13',
  '35-2013-qh13',
  '85-2015-qh13',
  '96-2015-qh13',
  '77-2015-qh13',
  '06-2022-qh15',
];

/** Relations grouped by (kind, document): one line per related document with the articles involved. */
function groupRelations(rels: Relation[], side: 'out' | 'in', titles: Map<string, LibraryDocument>): RelationLink[] {
  const groups = new Map<string, RelationLink>();
  for (const r of rels) {
    const otherId = side === 'out' ? r.targetDocumentId : r.sourceDocumentId;
    const other = otherId ? titles.get(otherId) : undefined;
    const kind = side === 'out' ? `kind_${r.kind}` : `inv_${r.kind}`;
    const label = other ? `${other.title}${other.number ? ` ${other.number}` : ''}` : r.targetLabel;
    const key = `${kind}|${label}`;
    const g = groups.get(key) ?? { kind, label, href: other ? `/thu-vien/luat/${other.id}` : null, articles: [] };
    const art = side === 'out' ? r.sourceArticleNo : r.sourceArticleNo;
    if (art && !g.articles.includes(art)) g.articles.push(art);
    groups.set(key, g);
  }
  return [...groups.values()];
}

export function registerLibraryPages(app: FastifyInstance, ctx: AppContext): void {
  const pages: PublicPages = createPublicPages(ctx.config);
  const db = ctx.db as unknown as Kysely<unknown>;
  const opts = { schema: { hide: true }, onSend: publicCache };
  let docCache: { at: number; map: Map<string, LibraryDocument> } | null = null;
  const docsById = async () => {
    if (!docCache || Date.now() - docCache.at > 60_000)
      docCache = { at: Date.now(), map: new Map((await listDocuments(db)).map((d) => [d.id, d])) };
    return docCache.map;
  };
  const notFound = (req: FastifyRequest, reply: FastifyReply) =>
    pages.render(req, reply, { page: 'staff/not-found', props: { account: null }, status: 404 });

  app.get('/thu-vien', opts, async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const q = String(query.q ?? '')
      .trim()
      .slice(0, 200);
    const filters = searchFiltersOf(query);
    const page = Math.max(1, Math.min(20, Number(query.page) || 1));
    const docs = await docsById();
    let hits = null;
    let more: string | null = null;
    let suggestions: { label: string; url: string }[] = [];
    if (q) {
      const [result, sugg] = await Promise.all([
        searchLibrary(db, q, filters, { limit: 20, offset: (page - 1) * 20 }),
        page === 1 ? suggest(db, q) : Promise.resolve([]),
      ]);
      hits = result.hits;
      const seen = new Set(hits.map((h) => h.url));
      suggestions = sugg.filter((s) => !seen.has(s.url)).slice(0, 5);
      if (result.more) {
        const p = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
        p.set('page', String(page + 1));
        more = `/thu-vien?${p.toString()}`;
      }
    }
    const [fields, counts] = await Promise.all([
      procedureFields(db),
      sql<{ a: number; p: number }>`SELECT (SELECT count(*) FROM library_article) AS a,
        (SELECT count(*) FROM library_procedure) AS p`.execute(db),
    ]);
    return pages.render(req, reply, {
      page: 'library/search',
      props: {
        q,
        filters: {
          kind: filters.kind ?? '',
          status: filters.status ?? '',
          type: filters.type ?? '',
          level: filters.level ?? '',
          field: filters.field ?? '',
        },
        hits: hits?.map(({ score: _s, documentId: _d, articleNo: _a, procedureCode: _p, ...h }) => h) ?? null,
        more,
        suggestions: suggestions.map(({ label, url }) => ({ label, url })),
        options: {
          types: [...new Set([...docs.values()].map((d) => d.docType))].sort(),
          fields: fields.map((f) => f.field),
        },
        featured: FEATURED.flatMap((id) => {
          const d = docs.get(id);
          return d
            ? [{ href: `/thu-vien/luat/${id}`, label: `${d.title}${d.number ? ` ${d.number}` : ''}`, status: d.status }]
            : [];
        }),
        counts: { documents: docs.size, articles: counts.rows[0]?.a ?? 0, procedures: counts.rows[0]?.p ?? 0 },
      },
    });
  });

  const documentsPage = (openData: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const docs = [...(await docsById()).values()];
    return pages.render(req, reply, {
      page: 'library/documents',
      props: {
        openData,
        documents: openData
          ? []
          : docs.map((d) => ({
              id: d.id,
              number: d.number,
              title: d.title,
              issuedDate: d.issuedDate,
              status: d.status,
            })),
      },
    });
  };
  app.get('/thu-vien/luat', opts, documentsPage(false));
  app.get('/thu-vien/du-lieu-mo', opts, documentsPage(true));

  app.get('/thu-vien/luat/:id', opts, async (req, reply) => {
    const { id } = req.params as { id: string };
    const doc = /^[a-z0-9-]{1,80}$/.test(id) ? await getDocument(db, id) : null;
    if (!doc) return notFound(req, reply);
    const [articles, catalog, rels, docs, procedures] = await Promise.all([
      listArticles(db, id),
      catalogOf(db),
      relationsOf(db, id),
      docsById(),
      proceduresCiting(db, doc.number),
    ]);
    const toc: TocEntry[] = [];
    const last: Record<string, string | null> = { part: null, chapter: null, section: null };
    const bodies = articles.map((a) => {
      const headings: string[] = [];
      for (const level of ['part', 'chapter', 'section'] as const) {
        const v = a[level];
        if (v && v !== last[level]) {
          headings.push(v);
          toc.push({ kind: level, label: v, href: `#dieu-${a.articleNo}` });
          if (level === 'part') {
            last.chapter = null;
            last.section = null;
          }
          if (level === 'chapter') last.section = null;
        }
        last[level] = v ?? last[level] ?? null;
      }
      toc.push({ kind: 'article', label: a.heading, href: `#dieu-${a.articleNo}` });
      return {
        no: a.articleNo,
        heading: a.heading,
        href: articleHref(id, a.articleNo),
        blocks: articleBlocks(a, catalog),
        headings,
      };
    });
    return pages.render(req, reply, {
      page: 'library/document',
      props: {
        doc: docSummary(doc, doc.replacedById ? (docs.get(doc.replacedById) ?? null) : null),
        preamble: doc.preamble,
        closing: doc.closing,
        toc,
        articles: bodies,
        relations: [...groupRelations(rels.incoming, 'in', docs), ...groupRelations(rels.outgoing, 'out', docs)],
        procedures,
      },
    });
  });

  app.get('/thu-vien/luat/:id/luoc-do', opts, async (req, reply) => {
    const { id } = req.params as { id: string };
    const doc = /^[a-z0-9-]{1,80}$/.test(id) ? await getDocument(db, id) : null;
    if (!doc) return notFound(req, reply);
    const [rels, docs] = await Promise.all([relationsOf(db, id), docsById()]);
    return pages.render(req, reply, {
      page: 'library/diagram',
      props: {
        doc: docSummary(doc, doc.replacedById ? (docs.get(doc.replacedById) ?? null) : null),
        incoming: groupRelations(rels.incoming, 'in', docs),
        outgoing: groupRelations(rels.outgoing, 'out', docs),
      },
    });
  });

  const articlePage = async (req: FastifyRequest, reply: FastifyReply) => {
    const { id, no, clause, point } = req.params as { id: string; no: string; clause?: string; point?: string };
    if (!/^[a-z0-9-]{1,80}$/.test(id) || !/^\d{1,4}[a-zđ]?$/.test(no)) return notFound(req, reply);
    const doc = await getDocument(db, id);
    const found = doc ? await getArticle(db, id, no) : null;
    if (!doc || !found) return notFound(req, reply);
    const [catalog, rels, docs] = await Promise.all([catalogOf(db), relationsOf(db, id), docsById()]);
    const blocks = articleBlocks(found.article, catalog);
    let focus: { anchor: string; label: string } | null = null;
    if (clause) {
      const anchor = point ? `khoan-${clause}-diem-${point}` : `khoan-${clause}`;
      if (!blocks.some((b) => b.anchor === anchor)) return notFound(req, reply);
      focus = { anchor, label: `${point ? `Điểm ${point} ` : ''}${point ? 'khoản' : 'Khoản'} ${clause} Điều ${no}` };
    }
    const a = found.article;
    const label = (x: { articleNo: string; heading: string }) => `Điều ${x.articleNo}. ${articleName(x.heading)}`;
    return pages.render(req, reply, {
      page: 'library/article',
      props: {
        doc: docSummary(doc, doc.replacedById ? (docs.get(doc.replacedById) ?? null) : null),
        article: {
          no: a.articleNo,
          heading: a.heading,
          structure: [a.part, a.chapter, a.section].filter((x): x is string => !!x),
        },
        blocks,
        focus,
        citation: citationOf(doc, a.articleNo, clause, point),
        url: `${ctx.config.publicUrl}${articleHref(id, a.articleNo, clause)}${point ? `/diem-${point}` : ''}`,
        prev: found.prev ? { href: articleHref(id, found.prev.articleNo), label: label(found.prev) } : null,
        next: found.next ? { href: articleHref(id, found.next.articleNo), label: label(found.next) } : null,
        references: groupRelations(
          rels.outgoing.filter((r) => r.sourceArticleNo === a.articleNo),
          'out',
          docs,
        ),
        citedBy: (
          await sql<Relation>`SELECT source_document_id AS "sourceDocumentId", source_article_no AS "sourceArticleNo",
              kind, target_document_id AS "targetDocumentId", target_label AS "targetLabel"
            FROM library_relation WHERE target_document_id = ${id} AND target_article_no = ${a.articleNo}`.execute(db)
        ).rows.map((r) => {
          const src = docs.get(r.sourceDocumentId);
          return {
            kind: `inv_${r.kind}`,
            label: `${r.sourceArticleNo ? `Điều ${r.sourceArticleNo} ` : ''}${src?.title ?? r.sourceDocumentId}`,
            href: r.sourceArticleNo
              ? articleHref(r.sourceDocumentId, r.sourceArticleNo)
              : `/thu-vien/luat/${r.sourceDocumentId}`,
            articles: [],
          };
        }),
        relations: [
          ...groupRelations(rels.incoming, 'in', docs).filter((r) => r.kind !== 'inv_refers_to'),
          ...groupRelations(rels.outgoing, 'out', docs).filter((r) => r.href),
        ],
      },
    });
  };
  app.get('/thu-vien/luat/:id/dieu-:no', opts, articlePage);
  app.get('/thu-vien/luat/:id/dieu-:no/khoan-:clause', opts, articlePage);
  app.get('/thu-vien/luat/:id/dieu-:no/khoan-:clause/diem-:point', opts, articlePage);

  app.get('/thu-vien/thu-tuc', opts, async (req, reply) => {
    const query = req.query as Record<string, string | undefined>;
    const field = String(query.field ?? '').slice(0, 200);
    const level = ['Cấp xã', 'Cấp tỉnh', 'Cấp bộ'].includes(String(query.level)) ? String(query.level) : '';
    const page = Math.max(1, Number(query.page) || 1);
    const [list, fields] = await Promise.all([
      listProcedures(db, { field: field || undefined, level: level || undefined, limit: 50, offset: (page - 1) * 50 }),
      procedureFields(db),
    ]);
    return pages.render(req, reply, {
      page: 'library/procedures',
      props: { field, level, fields, items: list.items, total: list.total, page, pages: Math.ceil(list.total / 50) },
    });
  });

  app.get('/thu-vien/thu-tuc/:code', opts, async (req, reply) => {
    const { code } = req.params as { code: string };
    const p = /^[0-9A-Za-z.\-_]{1,40}$/.test(code) ? await getProcedure(db, code) : null;
    if (!p) return notFound(req, reply);
    const [catalog, docs] = await Promise.all([catalogOf(db), docsById()]);
    const legalBasis = p.legalBasisCodes.map((number) => {
      const entry = catalog.byNumber.get(normaliseNumber(number));
      const d = entry ? docs.get(entry.id) : undefined;
      return { label: number, href: d ? `/thu-vien/luat/${d.id}` : null, title: d?.title ?? null };
    });
    return pages.render(req, reply, {
      page: 'library/procedure',
      props: {
        code: p.code,
        name: p.name,
        facts: {
          field: p.field,
          level: p.level,
          agency: p.implementingAgency,
          authority: p.competentAuthority,
          applicants: p.applicants,
          decisionNo: p.decisionNo,
        },
        steps: p.steps.map((s) => linkText(s, catalog, null)),
        channels: p.channels.map((c) => ({
          channel: c.channel,
          time: c.processing_time ?? '—',
          fee: [c.fee, c.note].filter(Boolean).join(' — ') || '—',
        })),
        documents: p.documents.map((d) => ({
          name: linkText(d.name ?? '', catalog, null),
          quantity: d.quantity ?? null,
          forms: d.forms ?? [],
        })),
        conditions: p.conditions ? linkText(p.conditions, catalog, null) : null,
        result: p.result,
        legalBasis,
        legalBasisText: p.legalBasisText,
        url: p.url,
      },
    });
  });
}
