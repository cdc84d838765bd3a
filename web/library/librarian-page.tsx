import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { libraryText } from './library-text.ts';
import type { Status } from './library-types.ts';
import { StatusBadge } from './ui.tsx';

export type LibrarianProps = StaffProps & {
  documents: { id: string; number: string | null; title: string; status: Status }[];
  /** How many documents in scope match `q` (the list shows the first 100). */
  total: number;
  q: string;
  statusForm: {
    values: { id: string; status: string; statusDate: string; statusNote: string };
    errors: Record<string, string>;
  };
  preview: {
    number: string;
    title: string;
    docType: string;
    issuer: string;
    issuedDate: string;
    effectiveDate: string;
    articles: { articleNo: string; heading: string; excerpt: string; chapter: string | null }[];
    articlesJson: string;
    preamble: string;
    warnings: string[];
  } | null;
  error: string | null;
  notice: string | null;
};

const t = {
  vi: {
    title: 'Thủ thư — Thư viện số',
    upload: 'Thêm văn bản từ tệp Word (.docx) hoặc PDF',
    file: 'Tệp văn bản',
    previewButton: 'Xem trước cách chia điều',
    preview: 'Xem trước: {n} điều',
    save: 'Lưu vào thư viện',
    number: 'Số hiệu',
    name: 'Tên văn bản',
    type: 'Loại văn bản',
    issuer: 'Cơ quan ban hành',
    issued: 'Ngày ban hành (YYYY-MM-DD)',
    effective: 'Ngày hiệu lực (YYYY-MM-DD)',
    warnings: 'Cần kiểm tra',
    status: 'Cập nhật hiệu lực',
    document: 'Văn bản',
    newStatus: 'Tình trạng',
    date: 'Ngày của tình trạng (ngày/tháng/năm)',
    note: 'Ghi chú',
    apply: 'Cập nhật',
    mine: 'Văn bản thuộc phạm vi của bạn ({n})',
    list: 'Sửa thông tin, hiệu lực và quan hệ của văn bản',
    find: 'Tìm theo số hiệu hoặc tên',
    findButton: 'Tìm',
    shown: 'Hiện {shown} trên {n} văn bản — hãy tìm theo số hiệu hoặc tên để thu hẹp.',
    editLink: 'Sửa',
    editLabel: 'Sửa {name}',
    noMatch: 'Không có văn bản nào khớp.',
  },
  en: {
    title: 'Librarian — Digital library',
    upload: 'Add a document from a Word (.docx) or PDF file',
    file: 'Document file',
    previewButton: 'Preview the article splitting',
    preview: 'Preview: {n} articles',
    save: 'Save to the library',
    number: 'Number',
    name: 'Title',
    type: 'Document type',
    issuer: 'Issued by',
    issued: 'Issued on (YYYY-MM-DD)',
    effective: 'In effect from (YYYY-MM-DD)',
    warnings: 'To check',
    status: 'Update status',
    document: 'Document',
    newStatus: 'Status',
    date: 'Status date (day/month/year)',
    note: 'Note',
    apply: 'Update',
    mine: 'Documents in your scope ({n})',
    list: 'Edit a document’s details, status and relations',
    find: 'Find by number or title',
    findButton: 'Find',
    shown: 'Showing {shown} of {n} documents — search by number or title to narrow the list.',
    editLink: 'Edit',
    editLabel: 'Edit {name}',
    noMatch: 'No document matches.',
  },
};

function Field({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  return (
    <label className={error ? 'filter field--invalid' : 'filter'}>
      <span className="field__label">{label}</span>
      {error && <span className="field__error">{error}</span>}
      <input className="input" name={name} defaultValue={value} aria-invalid={error ? true : undefined} />
    </label>
  );
}

function LibrarianPage(p: LibrarianProps & { lang: Lang }) {
  const x = t[p.lang];
  const lt = libraryText[p.lang];
  return (
    <div className="container page library">
      <h1 className="page-heading">{x.title}</h1>
      {p.error && (
        <div className="notice notice--error" role="alert" data-testid="upload-error">
          {p.error}
        </div>
      )}
      {p.notice && (
        <div className="notice notice--success" role="status">
          {p.notice}
        </div>
      )}
      {!p.preview && (
        <form method="post" action="/quan-tri/thu-vien/xem-truoc" encType="multipart/form-data" className="search-form">
          <h2 className="section-title">{x.upload}</h2>
          <label className="field__label" htmlFor="doc-file">
            {x.file}
          </label>
          <input id="doc-file" name="file" type="file" accept=".docx,.pdf" className="input" required />
          <button type="submit" className="button button--red">
            {x.previewButton}
          </button>
        </form>
      )}
      {p.preview && (
        <form method="post" action="/quan-tri/thu-vien/luu" data-testid="preview">
          <h2 className="section-title">{x.preview.replace('{n}', String(p.preview.articles.length))}</h2>
          <div className="filters__grid">
            <Field name="number" label={x.number} value={p.preview.number} />
            <Field name="title" label={x.name} value={p.preview.title} />
            <Field name="docType" label={x.type} value={p.preview.docType} />
            <Field name="issuer" label={x.issuer} value={p.preview.issuer} />
            <Field name="issuedDate" label={x.issued} value={p.preview.issuedDate} />
            <Field name="effectiveDate" label={x.effective} value={p.preview.effectiveDate} />
          </div>
          {p.preview.warnings.length > 0 && (
            <div className="notice notice--info">
              <strong>{x.warnings}:</strong>
              <ul>
                {p.preview.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          )}
          <ol className="link-list">
            {p.preview.articles.map((a) => (
              <li key={a.articleNo}>
                <strong>{a.heading}</strong>
                {a.chapter && <span className="muted small"> — {a.chapter}</span>}
                <div className="small">{a.excerpt}</div>
              </li>
            ))}
          </ol>
          <input type="hidden" name="articles" value={p.preview.articlesJson} />
          <input type="hidden" name="preamble" value={p.preview.preamble} />
          <button type="submit" className="button button--red">
            {x.save}
          </button>
        </form>
      )}
      <section aria-labelledby="status-heading">
        <h2 id="status-heading" className="section-title">
          {x.status}
        </h2>
        <form method="post" action="/quan-tri/thu-vien/trang-thai" className="filters__grid">
          <label className="filter">
            <span className="field__label">{x.document}</span>
            <select name="id" className="input" defaultValue={p.statusForm.values.id}>
              {p.documents.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.number ?? d.id} — {d.title}
                </option>
              ))}
            </select>
          </label>
          <label className={p.statusForm.errors.status ? 'filter field--invalid' : 'filter'}>
            <span className="field__label">{x.newStatus}</span>
            {p.statusForm.errors.status && <span className="field__error">{p.statusForm.errors.status}</span>}
            <select name="status" className="input" defaultValue={p.statusForm.values.status}>
              {(['in_force', 'partly_expired', 'expired', 'not_yet_in_force'] as const).map((s) => (
                <option key={s} value={s}>
                  {lt[`status_${s}`]}
                </option>
              ))}
            </select>
          </label>
          <Field
            name="statusDate"
            label={x.date}
            value={p.statusForm.values.statusDate}
            error={p.statusForm.errors.statusDate}
          />
          <Field
            name="statusNote"
            label={x.note}
            value={p.statusForm.values.statusNote}
            error={p.statusForm.errors.statusNote}
          />
          <button type="submit" className="button button--outline">
            {x.apply}
          </button>
        </form>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="section-title">
          {x.list}
        </h2>
        <form method="get" action="/quan-tri/thu-vien" className="form--inline librarian-find">
          <div className="field field--grow">
            <label className="field__label" htmlFor="doc-find">
              {x.find}
            </label>
            <input id="doc-find" name="q" className="input" defaultValue={p.q} type="search" />
          </div>
          <button type="submit" className="button button--outline">
            {x.findButton}
          </button>
        </form>
        {p.documents.length ? (
          <ul className="librarian-docs" data-testid="librarian-documents">
            {p.documents.map((d) => (
              <li key={d.id} className="librarian-docs__item">
                <div>
                  <a href={`/quan-tri/thu-vien/van-ban/${d.id}`} aria-label={x.editLabel.replace('{name}', d.title)}>
                    {d.number ?? d.id}
                  </a>{' '}
                  <span>{d.title}</span>
                </div>
                <StatusBadge status={d.status} lang={p.lang} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{x.noMatch}</p>
        )}
        {p.total > p.documents.length && (
          <p className="muted small">
            {x.shown.replace('{shown}', String(p.documents.length)).replace('{n}', String(p.total))}
          </p>
        )}
      </section>
      {!p.q && <p className="muted small">{x.mine.replace('{n}', String(p.total))}</p>}
    </div>
  );
}

export const librarianPage: PageDefinition<LibrarianProps> = {
  Component: LibrarianPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: t[lang].title, description: t[lang].upload }),
};
