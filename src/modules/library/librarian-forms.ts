import type { LibrarianDocumentProps } from '../../../web/library/librarian-document-page.tsx';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import type { DocumentPatch } from './librarian.service.ts';
import {
  DOCUMENT_STATUSES,
  type DocumentStatus,
  type LibraryDocument,
  RELATION_KINDS,
  type RelationKind,
} from './library.types.ts';
import type { Catalog } from './references.ts';
import { normaliseNumber } from './references.ts';

/**
 * The librarian's forms (plain HTML posts) read into the services' inputs. Every problem is reported against its
 * field in the reader's language, and nothing is saved while any remains — a bad date is never silently dropped.
 */

export type FormBody = Record<string, string | string[] | undefined>;
export type FieldErrors = Record<string, string>;

/** The values the edit page's forms show and post back (the page's own props). */
export type MetadataValues = LibrarianDocumentProps['form']['values'];
export type RelationValues = LibrarianDocumentProps['relationForm']['values'];

const str = (b: FormBody, k: string): string => {
  const v = b[k];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

const label = (field: string, lang: Lang) => translate(`LIBRARY_LABEL_${field}`, lang);

/** '' → null; 2025-07-01 or 1/7/2025 → '2025-07-01' when the day exists; anything else → undefined (an error). */
export function parseFormDate(v: string): string | null | undefined {
  if (!v) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [];
  if (!m) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
    if (!m) return undefined;
    [d, mo, y] = [m[1], m[2], m[3]];
  }
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return undefined;
  return iso;
}

/** A document chosen by its number ("75/2015/QH13") or its id ("75-2015-qh13"). */
export function findDocument(catalog: Catalog, input: string): { id: string } | null {
  const byNumber = catalog.byNumber.get(normaliseNumber(input));
  if (byNumber) return byNumber;
  const id = input.toLowerCase();
  return catalog.titles.find((t) => t.entry.id === id)?.entry ?? null;
}

export function metadataValuesOf(doc: LibraryDocument, catalog: Catalog): MetadataValues {
  const replacing = doc.replacedById ? catalog.titles.find((t) => t.entry.id === doc.replacedById)?.entry : null;
  return {
    title: doc.title,
    docType: doc.docType,
    issuer: doc.issuer,
    field: doc.field ?? '',
    issuedDate: doc.issuedDate ?? '',
    effectiveDate: doc.effectiveDate ?? '',
    status: doc.status,
    statusDate: doc.statusDate ?? '',
    statusNote: doc.statusNote ?? '',
    replacedBy: replacing?.number ?? doc.replacedById ?? '',
  };
}

/** The metadata form: its values as typed, its errors, and the patch of what changed (only when no error). */
export function readMetadataForm(
  body: FormBody,
  before: LibraryDocument,
  catalog: Catalog,
  lang: Lang,
): { values: MetadataValues; errors: FieldErrors; patch: DocumentPatch } {
  const values: MetadataValues = {
    title: str(body, 'title'),
    docType: str(body, 'docType'),
    issuer: str(body, 'issuer'),
    field: str(body, 'field'),
    issuedDate: str(body, 'issuedDate'),
    effectiveDate: str(body, 'effectiveDate'),
    status: str(body, 'status'),
    statusDate: str(body, 'statusDate'),
    statusNote: str(body, 'statusNote'),
    replacedBy: str(body, 'replacedBy'),
  };
  const errors: FieldErrors = {};
  const text = (k: 'title' | 'docType' | 'issuer' | 'field' | 'statusNote', min: number, max: number) => {
    const v = values[k];
    if (!v && min > 0) errors[k] = translate('LIBRARY_FIELD_REQUIRED', lang, { field: label(k, lang) });
    else if (v.length > max || v.length < min)
      errors[k] = translate('LIBRARY_FIELD_LENGTH', lang, { field: label(k, lang), min, max });
    return v || null;
  };
  const date = (k: 'issuedDate' | 'effectiveDate' | 'statusDate') => {
    const v = parseFormDate(values[k]);
    if (v === undefined)
      errors[k] = translate('LIBRARY_FIELD_DATE_INVALID', lang, { field: label(k, lang), value: values[k] });
    return v ?? null;
  };
  const after = {
    title: text('title', 3, 500),
    docType: text('docType', 1, 60),
    issuer: text('issuer', 1, 200),
    field: text('field', 0, 200),
    issuedDate: date('issuedDate'),
    effectiveDate: date('effectiveDate'),
    statusDate: date('statusDate'),
    statusNote: text('statusNote', 0, 1000),
  };
  const status = (DOCUMENT_STATUSES as readonly string[]).includes(values.status)
    ? (values.status as DocumentStatus)
    : undefined;
  if (!status) errors.status = translate('LIBRARY_FIELD_CHOICE', lang, { field: label('status', lang) });
  let replacedById: string | null = null;
  if (values.replacedBy) {
    const target = findDocument(catalog, values.replacedBy);
    const params = { field: label('replacedBy', lang), value: values.replacedBy };
    if (!target) errors.replacedBy = translate('LIBRARY_FIELD_TARGET_UNKNOWN', lang, params);
    else if (target.id === before.id) errors.replacedBy = translate('LIBRARY_FIELD_TARGET_SELF', lang, params);
    else replacedById = target.id;
  }
  const patch: DocumentPatch = {};
  if (Object.keys(errors).length) return { values, errors, patch };
  if (after.title !== before.title) patch.title = after.title!;
  if (after.docType !== before.docType) patch.docType = after.docType!;
  if (after.issuer !== before.issuer) patch.issuer = after.issuer!;
  if (after.field !== before.field) patch.field = after.field;
  if (after.issuedDate !== before.issuedDate) patch.issuedDate = after.issuedDate;
  if (after.effectiveDate !== before.effectiveDate) patch.effectiveDate = after.effectiveDate;
  if (after.statusDate !== before.statusDate) patch.statusDate = after.statusDate;
  if (after.statusNote !== before.statusNote) patch.statusNote = after.statusNote;
  if (replacedById !== before.replacedById) patch.replacedById = replacedById;
  // A status the librarian touched (its value, date or note) is theirs from then on, not re-derived from the texts.
  if (status !== before.status || patch.statusDate !== undefined || patch.statusNote !== undefined)
    patch.status = status;
  return { values, errors, patch };
}

export function readRelationForm(
  body: FormBody,
  documentId: string,
  catalog: Catalog,
  lang: Lang,
): {
  values: RelationValues;
  errors: FieldErrors;
  relation: { kind: RelationKind; targetId: string; sourceArticleNo: string | null; targetArticleNo: string | null };
} {
  const values: RelationValues = {
    kind: str(body, 'kind'),
    target: str(body, 'target'),
    sourceArticleNo: str(body, 'sourceArticleNo').toLowerCase(),
    targetArticleNo: str(body, 'targetArticleNo').toLowerCase(),
  };
  const errors: FieldErrors = {};
  if (!(RELATION_KINDS as readonly string[]).includes(values.kind))
    errors.kind = translate('LIBRARY_FIELD_CHOICE', lang, { field: label('kind', lang) });
  let targetId = '';
  const params = { field: label('target', lang), value: values.target };
  if (!values.target) errors.target = translate('LIBRARY_FIELD_REQUIRED', lang, params);
  else {
    const target = findDocument(catalog, values.target);
    if (!target) errors.target = translate('LIBRARY_FIELD_TARGET_UNKNOWN', lang, params);
    else if (target.id === documentId) errors.target = translate('LIBRARY_FIELD_TARGET_SELF', lang, params);
    else targetId = target.id;
  }
  for (const k of ['sourceArticleNo', 'targetArticleNo'] as const) {
    const v = values[k].replace(/^điều\s*/, '');
    values[k] = v;
    if (v && !/^\d{1,4}[a-zđ]?$/.test(v))
      errors[k] = translate('LIBRARY_FIELD_ARTICLE_INVALID', lang, { field: label(k, lang), value: v });
  }
  return {
    values,
    errors,
    relation: {
      kind: values.kind as RelationKind,
      targetId,
      sourceArticleNo: values.sourceArticleNo || null,
      targetArticleNo: values.targetArticleNo || null,
    },
  };
}
