import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { LibrarianDocumentProps, RelationRow } from '../../../web/library/librarian-document-page.tsx';
import { requireRole } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { createPublicPages } from '../portal/index.ts';
import { staffRoute, unitsDb } from '../units/index.ts';
import { addRelation, documentInScope, removeRelation, updateDocument } from './librarian.service.ts';
import {
  type FieldErrors,
  type FormBody,
  metadataValuesOf,
  readMetadataForm,
  readRelationForm,
} from './librarian-forms.ts';
import { catalogOf } from './library.repo.ts';
import type { LibraryDocument, Relation } from './library.types.ts';
import { relationsOf } from './relations.repo.ts';

/**
 * A document's edit page for librarians (/quan-tri/thu-vien/van-ban/:id), complete without JavaScript: metadata and
 * status, and the relations of the vbpl "lược đồ". Every change goes through the services, which authorise it
 * against the document's keeper (out of scope → 404) and audit it in the same transaction.
 */

export const DOCUMENT_EDIT_BASE = '/quan-tri/thu-vien/van-ban';
const ID = /^[a-z0-9-]{1,80}$/;
const NOTICES: Record<string, string> = {
  saved: 'LIBRARY_SAVED',
  unchanged: 'LIBRARY_UNCHANGED',
  added: 'LIBRARY_RELATION_ADDED',
  removed: 'LIBRARY_RELATION_REMOVED',
};

type Staff = { principal: Principal; account: LibrarianDocumentProps['account']; lang: Lang };
type Titles = Map<string, { id: string; number: string | null; title: string }>;

/** Automatic relations grouped by (kind, document) with their articles; librarians' relations one by one. */
function relationRows(rels: Relation[], side: 'out' | 'in', titles: Titles): RelationRow[] {
  const rows: RelationRow[] = [];
  const groups = new Map<string, RelationRow>();
  for (const r of rels) {
    const otherId = side === 'out' ? r.targetDocumentId : r.sourceDocumentId;
    const other = otherId ? titles.get(otherId) : undefined;
    const row: RelationRow = {
      id: r.origin === 'librarian' && side === 'out' ? r.id : null,
      kind: side === 'out' ? `kind_${r.kind}` : `inv_${r.kind}`,
      label: other ? `${other.title}${other.number ? ` ${other.number}` : ''}` : r.targetLabel,
      href: other ? `/thu-vien/luat/${other.id}` : null,
      origin: r.origin,
      sourceArticles: r.sourceArticleNo ? [r.sourceArticleNo] : [],
      targetArticle: r.targetArticleNo,
    };
    if (row.id !== null) {
      rows.push(row);
      continue;
    }
    const key = `${row.kind}|${row.origin}|${row.label}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { ...row, targetArticle: null });
      rows.push(groups.get(key)!);
    } else if (r.sourceArticleNo && !group.sourceArticles.includes(r.sourceArticleNo))
      group.sourceArticles.push(r.sourceArticleNo);
  }
  return rows;
}

export function registerLibrarianDocumentPages(app: FastifyInstance, ctx: AppContext): void {
  const pages = createPublicPages(ctx.config);
  const db = ctx.db as unknown as Kysely<unknown>;
  const udb = unitsDb(ctx.db);
  const hidden = { schema: { hide: true } };

  /** The document, when the librarian may manage it; otherwise NOT_FOUND (the staff shell's 404 page). */
  async function docOf(req: FastifyRequest, staff: Staff): Promise<LibraryDocument> {
    requireRole(staff.principal, 'manage_library');
    const id = (req.params as { id: string }).id;
    if (!ID.test(id)) throw new AppError('NOT_FOUND');
    return documentInScope(db, staff.principal, id);
  }

  async function choices() {
    const distinct = async (column: string) =>
      (
        await sql<{ v: string }>`SELECT DISTINCT ${sql.ref(column)} AS v FROM library_document
          WHERE ${sql.ref(column)} IS NOT NULL ORDER BY 1 LIMIT 200`.execute(db)
      ).rows.map((r) => r.v);
    const [docTypes, issuers, fields] = await Promise.all([
      distinct('doc_type'),
      distinct('issuer'),
      distinct('field'),
    ]);
    return { docTypes, issuers, fields };
  }

  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    staff: Staff,
    doc: LibraryDocument,
    extra: Partial<LibrarianDocumentProps> = {},
    status = 200,
  ) {
    const [catalog, rels, options] = await Promise.all([catalogOf(db), relationsOf(db, doc.id), choices()]);
    const titles: Titles = new Map(catalog.titles.map((t) => [t.entry.id, t.entry]));
    const outgoing = relationRows(rels.outgoing, 'out', titles);
    const query = req.query as { ok?: string; 'go-bo'?: string };
    const removeId = Number(query['go-bo']);
    const props: LibrarianDocumentProps = {
      account: staff.account,
      doc: { id: doc.id, number: doc.number, title: doc.title, status: doc.status, level: doc.level },
      form: { values: metadataValuesOf(doc, catalog), errors: {} },
      relationForm: { values: { kind: 'guides', target: '', sourceArticleNo: '', targetArticleNo: '' }, errors: {} },
      outgoing,
      incoming: relationRows(rels.incoming, 'in', titles),
      confirmRemove: outgoing.find((r) => r.id !== null && r.id === removeId) ?? null,
      notice: query.ok && NOTICES[query.ok] ? translate(NOTICES[query.ok]!, staff.lang) : null,
      error: null,
      options: {
        ...options,
        documents: catalog.titles
          .map((t) => ({ value: t.entry.number ?? t.entry.id, label: t.entry.title }))
          .sort((a, b) => a.value.localeCompare(b.value, 'vi')),
      },
      ...extra,
    };
    return pages.render(req, reply, { page: 'library/librarian-document', props, status });
  }

  const formError = (errors: FieldErrors, lang: Lang) =>
    Object.keys(errors).length ? translate('LIBRARY_FORM_NOT_SAVED', lang) : null;

  app.get(
    `${DOCUMENT_EDIT_BASE}/:id`,
    hidden,
    staffRoute(pages, udb, async (req, reply, staff) => renderEdit(req, reply, staff, await docOf(req, staff))),
  );

  app.post(
    `${DOCUMENT_EDIT_BASE}/:id`,
    hidden,
    staffRoute(pages, udb, async (req, reply, staff) => {
      const doc = await docOf(req, staff);
      const catalog = await catalogOf(db);
      const { values, errors, patch } = readMetadataForm((req.body ?? {}) as FormBody, doc, catalog, staff.lang);
      if (!Object.keys(errors).length) {
        if (!Object.keys(patch).length) return reply.redirect(`${DOCUMENT_EDIT_BASE}/${doc.id}?ok=unchanged`, 303);
        try {
          await updateDocument(db, staff.principal, doc.id, patch);
          return reply.redirect(`${DOCUMENT_EDIT_BASE}/${doc.id}?ok=saved`, 303);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'LIBRARY_RELATION_TARGET_UNKNOWN') throw err;
          errors.replacedBy = translate(err.code, staff.lang, err.params);
        }
      }
      return renderEdit(
        req,
        reply,
        staff,
        doc,
        { form: { values, errors }, error: formError(errors, staff.lang), notice: null },
        400,
      );
    }),
  );

  app.post(
    `${DOCUMENT_EDIT_BASE}/:id/quan-he`,
    hidden,
    staffRoute(pages, udb, async (req, reply, staff) => {
      const doc = await docOf(req, staff);
      const catalog = await catalogOf(db);
      const { values, errors, relation } = readRelationForm((req.body ?? {}) as FormBody, doc.id, catalog, staff.lang);
      if (!Object.keys(errors).length) {
        try {
          await addRelation(db, staff.principal, doc.id, relation);
          return reply.redirect(`${DOCUMENT_EDIT_BASE}/${doc.id}?ok=added#quan-he`, 303);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'LIBRARY_RELATION_TARGET_UNKNOWN') throw err;
          errors.target = translate(err.code, staff.lang, err.params);
        }
      }
      return renderEdit(
        req,
        reply,
        staff,
        doc,
        { relationForm: { values, errors }, error: formError(errors, staff.lang), notice: null },
        400,
      );
    }),
  );

  app.post(
    `${DOCUMENT_EDIT_BASE}/:id/quan-he/:relationId/go-bo`,
    hidden,
    staffRoute(pages, udb, async (req, reply, staff) => {
      const doc = await docOf(req, staff);
      const relationId = Number((req.params as { relationId: string }).relationId);
      if (!Number.isSafeInteger(relationId) || relationId <= 0) throw new AppError('NOT_FOUND');
      // Only relations a librarian added can go; the service answers NOT_FOUND for the ones found in the text.
      await removeRelation(db, staff.principal, doc.id, relationId);
      return reply.redirect(`${DOCUMENT_EDIT_BASE}/${doc.id}?ok=removed#quan-he`, 303);
    }),
  );
}
