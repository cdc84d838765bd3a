import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from '../units/ui.tsx';
import { fill, libraryText } from './library-text.ts';
import type { Status } from './library-types.ts';
import { StatusBadge } from './ui.tsx';

export type RelationRow = {
  /** Set on relations a librarian added from this document: those can be removed here. */
  id: number | null;
  /** A key of libraryText: kind_… (this document → other) or inv_… (other → this document). */
  kind: string;
  label: string;
  href: string | null;
  origin: 'auto' | 'librarian';
  sourceArticles: string[];
  targetArticle: string | null;
};

type Form<V> = { values: V; errors: Record<string, string> };

export type LibrarianDocumentProps = StaffProps & {
  doc: { id: string; number: string | null; title: string; status: Status; level: 'central' | 'province' };
  form: Form<{
    title: string;
    docType: string;
    issuer: string;
    field: string;
    issuedDate: string;
    effectiveDate: string;
    status: string;
    statusDate: string;
    statusNote: string;
    replacedBy: string;
  }>;
  relationForm: Form<{ kind: string; target: string; sourceArticleNo: string; targetArticleNo: string }>;
  outgoing: RelationRow[];
  incoming: RelationRow[];
  confirmRemove: RelationRow | null;
  notice: string | null;
  error: string | null;
  options: {
    docTypes: string[];
    issuers: string[];
    fields: string[];
    documents: { value: string; label: string }[];
  };
};

const STATUSES = ['in_force', 'partly_expired', 'expired', 'not_yet_in_force'] as const;
const KINDS = ['guides', 'amends', 'replaces', 'repeals', 'partly_repeals', 'refers_to', 'legal_basis'] as const;

const t = {
  vi: {
    overview: 'Tổng quan',
    librarian: 'Thủ thư',
    edit: 'Sửa văn bản',
    central: 'Trung ương',
    province: 'Cấp tỉnh',
    keeper: 'Đơn vị quản lý: {level}',
    publicPage: 'Xem trang công khai',
    diagramPage: 'Xem lược đồ quan hệ',
    metadata: 'Thông tin văn bản',
    title: 'Tên văn bản',
    docType: 'Loại văn bản',
    issuer: 'Cơ quan ban hành',
    field: 'Lĩnh vực',
    issuedDate: 'Ngày ban hành',
    effectiveDate: 'Ngày hiệu lực',
    statusGroup: 'Hiệu lực',
    status: 'Tình trạng hiệu lực',
    statusDate: 'Ngày của tình trạng',
    statusDateHint: 'Ví dụ: ngày hết hiệu lực.',
    statusNote: 'Ghi chú',
    replacedBy: 'Văn bản thay thế',
    replacedByHint: 'Số hiệu (ví dụ 06/2022/QH15) hoặc mã văn bản; để trống nếu không có.',
    dateHint: 'Ngày/tháng/năm, ví dụ 01/07/2025.',
    save: 'Lưu thay đổi',
    relations: 'Quan hệ với văn bản khác',
    relationsLead:
      'Các loại quan hệ của lược đồ văn bản. Quan hệ tìm thấy trong văn bản được cập nhật tự động và không gỡ được; quan hệ do thủ thư thêm có thể gỡ.',
    outgoing: 'Văn bản này…',
    incoming: 'Văn bản khác liên quan đến văn bản này',
    none: 'Chưa có quan hệ nào.',
    auto: 'Tìm thấy trong văn bản',
    byLibrarian: 'Do thủ thư thêm',
    remove: 'Gỡ…',
    removeLabel: 'Gỡ quan hệ: {label}',
    confirmHeading: 'Gỡ quan hệ này?',
    confirm: 'Gỡ quan hệ',
    cancel: 'Không gỡ',
    articles: 'Điều {list}',
    targetArticle: 'điều {no}',
    add: 'Thêm quan hệ',
    kind: 'Loại quan hệ',
    target: 'Văn bản liên quan',
    targetHint: 'Số hiệu (ví dụ 75/2015/QH13) hoặc mã văn bản.',
    sourceArticleNo: 'Điều của văn bản này (không bắt buộc)',
    targetArticleNo: 'Điều của văn bản liên quan (không bắt buộc)',
    articleHint: 'Chỉ số điều, ví dụ 5.',
    addButton: 'Thêm quan hệ',
    back: 'Quay lại danh sách văn bản',
  },
  en: {
    overview: 'Overview',
    librarian: 'Librarian',
    edit: 'Edit document',
    central: 'Central',
    province: 'Province',
    keeper: 'Kept by: {level}',
    publicPage: 'Public page',
    diagramPage: 'Relation diagram',
    metadata: 'Document details',
    title: 'Title',
    docType: 'Document type',
    issuer: 'Issued by',
    field: 'Field',
    issuedDate: 'Issued on',
    effectiveDate: 'In effect from',
    statusGroup: 'Validity',
    status: 'Status',
    statusDate: 'Status date',
    statusDateHint: 'E.g. the date it expired.',
    statusNote: 'Note',
    replacedBy: 'Replacing document',
    replacedByHint: 'Its number (e.g. 06/2022/QH15) or id; leave empty if none.',
    dateHint: 'Day/month/year, e.g. 01/07/2025.',
    save: 'Save changes',
    relations: 'Relations with other documents',
    relationsLead:
      'The kinds of the document diagram. Relations found in the text are kept up to date automatically and cannot be removed; relations added by librarians can.',
    outgoing: 'This document…',
    incoming: 'Other documents related to this one',
    none: 'No relations yet.',
    auto: 'Found in the text',
    byLibrarian: 'Added by a librarian',
    remove: 'Remove…',
    removeLabel: 'Remove the relation: {label}',
    confirmHeading: 'Remove this relation?',
    confirm: 'Remove the relation',
    cancel: 'Keep it',
    articles: 'Art. {list}',
    targetArticle: 'art. {no}',
    add: 'Add a relation',
    kind: 'Kind of relation',
    target: 'Related document',
    targetHint: 'Its number (e.g. 75/2015/QH13) or id.',
    sourceArticleNo: 'Article of this document (optional)',
    targetArticleNo: 'Article of the related document (optional)',
    articleHint: 'The article number only, e.g. 5.',
    addButton: 'Add the relation',
    back: 'Back to the list of documents',
  },
};

type Text = (typeof t)['vi'];
/** A value a date input can show (a browser empties one holding an impossible day like 2025-02-30). */
function isDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

function Field(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  list?: string;
  date?: boolean;
  maxLength?: number;
  required?: boolean;
  prefix?: string;
}) {
  const id = `${props.prefix ?? 'f'}-${props.name}`;
  // A date the browser cannot show in a date input (a bad one being corrected) stays a text box, as typed.
  const type = props.date && (props.value === '' || isDate(props.value)) ? 'date' : 'text';
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p className="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={type}
        className={props.date ? 'input input--date' : 'input'}
        defaultValue={props.value}
        list={props.list}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
    </div>
  );
}

function Select(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  prefix: string;
}) {
  const id = `${props.prefix}-${props.name}`;
  return (
    <div className={props.error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      {props.error && (
        <p className="field__error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <select
        id={id}
        name={props.name}
        className="input"
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Options({ id, values }: { id: string; values: (string | { value: string; label: string })[] }) {
  return (
    <datalist id={id}>
      {values.map((v) =>
        typeof v === 'string' ? (
          <option key={v} value={v} />
        ) : (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ),
      )}
    </datalist>
  );
}

function RelationItem({ r, x, lang, editHref }: { r: RelationRow; x: Text; lang: Lang; editHref: string }) {
  const lt = libraryText[lang] as Record<string, string>;
  const kind = lt[r.kind] ?? r.kind;
  return (
    <li className="relation-row" data-origin={r.origin} data-relation-id={r.id ?? undefined}>
      <div className="relation-row__text">
        <strong>{kind}</strong> {r.href ? <a href={r.href}>{r.label}</a> : <span>{r.label}</span>}
        {r.targetArticle && <span> ({fill(x.targetArticle, { no: r.targetArticle })})</span>}
        {r.sourceArticles.length > 0 && (
          <span className="muted small"> — {fill(x.articles, { list: r.sourceArticles.join(', ') })}</span>
        )}
      </div>
      <div className="relation-row__meta">
        <span className={`origin-tag origin-tag--${r.origin}`}>{r.origin === 'auto' ? x.auto : x.byLibrarian}</span>
        {r.id !== null && (
          <a
            className="relation-row__remove"
            href={`${editHref}?go-bo=${r.id}#xac-nhan`}
            aria-label={fill(x.removeLabel, { label: `${kind} ${r.label}` })}
          >
            {x.remove}
          </a>
        )}
      </div>
    </li>
  );
}

function LibrarianDocumentPage(p: LibrarianDocumentProps & { lang: Lang }) {
  const x = t[p.lang];
  const lt = libraryText[p.lang];
  const v = p.form.values;
  const e = p.form.errors;
  const rv = p.relationForm.values;
  const re = p.relationForm.errors;
  const editHref = `/quan-tri/thu-vien/van-ban/${p.doc.id}`;
  const publicHref = `/thu-vien/luat/${p.doc.id}`;
  return (
    <div className="container page library librarian-edit">
      <Breadcrumbs
        label={lt.crumbs}
        items={[
          { href: '/quan-tri', label: x.overview },
          { href: '/quan-tri/thu-vien', label: x.librarian },
          { label: p.doc.number ?? p.doc.title },
        ]}
      />
      <h1 className="page-heading">{p.doc.title}</h1>
      <p className="doc-line" data-testid="doc-facts">
        {p.doc.number && <span>{p.doc.number}</span>}
        <StatusBadge status={p.doc.status} lang={p.lang} />
        <span className="muted">{fill(x.keeper, { level: p.doc.level === 'central' ? x.central : x.province })}</span>
      </p>
      <p className="librarian-edit__links">
        <a href={publicHref}>{x.publicPage}</a>
        <a href={`${publicHref}/luoc-do`}>{x.diagramPage}</a>
      </p>
      {p.notice && <Notice kind="success">{p.notice}</Notice>}
      {p.error && (
        <div className="notice notice--error" role="alert" data-testid="form-error">
          <p>{p.error}</p>
          <ul className="notice__list">
            {Object.entries({ ...p.form.errors, ...p.relationForm.errors }).map(([k, m]) => (
              <li key={k}>{m}</li>
            ))}
          </ul>
        </div>
      )}

      <section className="card panel" aria-labelledby="metadata-heading">
        <h2 id="metadata-heading" className="panel__heading">
          {x.metadata}
        </h2>
        <form method="post" action={editHref} className="form" noValidate data-testid="metadata-form">
          <Field name="title" label={x.title} value={v.title} error={e.title} maxLength={500} required />
          <div className="form-grid">
            <Field name="docType" label={x.docType} value={v.docType} error={e.docType} list="doc-types" required />
            <Field name="issuer" label={x.issuer} value={v.issuer} error={e.issuer} list="issuers" required />
            <Field name="field" label={x.field} value={v.field} error={e.field} list="fields" />
          </div>
          <div className="form-grid">
            <Field name="issuedDate" label={x.issuedDate} value={v.issuedDate} error={e.issuedDate} date />
            <Field name="effectiveDate" label={x.effectiveDate} value={v.effectiveDate} error={e.effectiveDate} date />
          </div>
          <fieldset className="field form-group">
            <legend className="field__label">{x.statusGroup}</legend>
            <div className="form-grid">
              <Select
                prefix="f"
                name="status"
                label={x.status}
                value={v.status}
                error={e.status}
                options={STATUSES.map((s) => ({ value: s, label: lt[`status_${s}`] }))}
              />
              <Field
                name="statusDate"
                label={x.statusDate}
                value={v.statusDate}
                error={e.statusDate}
                hint={x.statusDateHint}
                date
              />
            </div>
            <Field
              name="replacedBy"
              label={x.replacedBy}
              value={v.replacedBy}
              error={e.replacedBy}
              hint={x.replacedByHint}
              list="documents"
            />
            <div className={e.statusNote ? 'field field--invalid' : 'field'}>
              <label className="field__label" htmlFor="f-statusNote">
                {x.statusNote}
              </label>
              {e.statusNote && <p className="field__error">{e.statusNote}</p>}
              <textarea
                id="f-statusNote"
                name="statusNote"
                className="input"
                rows={2}
                maxLength={1000}
                defaultValue={v.statusNote}
              />
            </div>
          </fieldset>
          <div>
            <button type="submit" className="button button--red">
              {x.save}
            </button>
          </div>
        </form>
      </section>

      <section className="card panel" id="quan-he" aria-labelledby="relations-heading">
        <h2 id="relations-heading" className="panel__heading">
          {x.relations}
        </h2>
        <p className="muted">{x.relationsLead}</p>
        {p.confirmRemove && (
          <div className="notice notice--info" id="xac-nhan" data-testid="confirm-remove">
            <p>
              <strong>{x.confirmHeading}</strong>
            </p>
            <p>
              {(lt as Record<string, string>)[p.confirmRemove.kind] ?? p.confirmRemove.kind} {p.confirmRemove.label}
            </p>
            <form
              method="post"
              action={`${editHref}/quan-he/${p.confirmRemove.id}/go-bo`}
              className="form--inline confirm-actions"
            >
              <button type="submit" className="button button--red">
                {x.confirm}
              </button>
              <a href={`${editHref}#quan-he`} className="button button--ghost">
                {x.cancel}
              </a>
            </form>
          </div>
        )}
        <h3 className="relations__heading">{x.outgoing}</h3>
        {p.outgoing.length ? (
          <ul className="relation-list" data-testid="relations-outgoing">
            {p.outgoing.map((r) => (
              <RelationItem key={`${r.id ?? ''}|${r.kind}|${r.label}`} r={r} x={x} lang={p.lang} editHref={editHref} />
            ))}
          </ul>
        ) : (
          <p className="muted">{x.none}</p>
        )}
        <form
          method="post"
          action={`${editHref}/quan-he`}
          className="form relation-add"
          noValidate
          data-testid="relation-form"
        >
          <h3 className="relations__heading">{x.add}</h3>
          <div className="form-grid">
            <Select
              prefix="r"
              name="kind"
              label={x.kind}
              value={rv.kind}
              error={re.kind}
              options={KINDS.map((k) => ({ value: k, label: lt[`kind_${k}`] }))}
            />
            <Field
              prefix="r"
              name="target"
              label={x.target}
              value={rv.target}
              error={re.target}
              hint={x.targetHint}
              list="documents"
              required
            />
            <Field
              prefix="r"
              name="sourceArticleNo"
              label={x.sourceArticleNo}
              value={rv.sourceArticleNo}
              error={re.sourceArticleNo}
              hint={x.articleHint}
              maxLength={8}
            />
            <Field
              prefix="r"
              name="targetArticleNo"
              label={x.targetArticleNo}
              value={rv.targetArticleNo}
              error={re.targetArticleNo}
              hint={x.articleHint}
              maxLength={8}
            />
          </div>
          <div>
            <button type="submit" className="button button--outline">
              {x.addButton}
            </button>
          </div>
        </form>
        <h3 className="relations__heading">{x.incoming}</h3>
        {p.incoming.length ? (
          <ul className="relation-list" data-testid="relations-incoming">
            {p.incoming.map((r) => (
              <RelationItem key={`${r.kind}|${r.origin}|${r.label}`} r={r} x={x} lang={p.lang} editHref={editHref} />
            ))}
          </ul>
        ) : (
          <p className="muted">{x.none}</p>
        )}
      </section>
      <Options id="doc-types" values={p.options.docTypes} />
      <Options id="issuers" values={p.options.issuers} />
      <Options id="fields" values={p.options.fields} />
      <Options id="documents" values={p.options.documents} />
      <p>
        <a href="/quan-tri/thu-vien">← {x.back}</a>
      </p>
    </div>
  );
}

export const librarianDocumentPage: PageDefinition<LibrarianDocumentProps> = {
  Component: LibrarianDocumentPage,
  Frame: StaffFrame,
  meta: (p, lang) => ({ title: `${t[lang].edit}: ${p.doc.title}`, description: t[lang].metadata }),
};
