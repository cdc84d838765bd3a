import type { ReactNode } from 'react';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Breadcrumbs, Notice } from '../units/ui.tsx';
import { fill, vnDate } from './format.ts';
import type { CategoryOption } from './submit-page.tsx';

export type StaffCaseProps = StaffProps & {
  case: {
    id: number;
    title: string;
    content: string;
    address: string | null;
    latitude: number | null;
    longitude: number | null;
    status: string;
    statusLabel: string;
    category: string;
    categoryConfirmed: boolean;
    field: string | null;
    unitCode: string;
    unitName: string;
    unitLevel: string;
    receivedAt: string;
    dueDate: string | null;
    overdue: boolean;
    assignedName: string | null;
    authorityName: string | null;
    answer: string | null;
    answeredBy: string | null;
    answeredOnPaper: boolean;
    rejectReason: string | null;
    rating: number | null;
    ratingResolved: boolean | null;
    ratingComment: string | null;
    reopenCount: number;
    hideName: boolean;
    photosPublic: boolean;
    published: boolean;
    publicTitle: string | null;
    publicContent: string | null;
    publicAnswer: string | null;
  };
  role: 'handler' | 'authority';
  canAnswer: boolean;
  next: string[];
  events: {
    id: number;
    at: string;
    kind: string;
    actorName: string | null;
    label: string;
    note: string | null;
    public: boolean;
  }[];
  files: { id: number; kind: string; filename: string; mime: string; size: number; href: string }[];
  categories: CategoryOption[];
  authorities: { id: number; name: string; accounts: number }[];
  suggestion: { category: string; name: string; confidence: number; examples: number } | null;
  duplicates: { id: number; title: string; status: string; receivedAt: string; similarity: number }[];
  contact: { name: string; phone: string; email: string | null } | null;
  error: string | null;
  flash: string | null;
};

const text = {
  vi: {
    inbox: 'Phản ánh, kiến nghị',
    status: 'Trạng thái',
    unit: 'Nơi nhận',
    received: 'Ngày nhận',
    due: 'Hạn xử lý',
    overdue: 'Quá hạn',
    category: 'Lĩnh vực',
    confirmed: 'đã xác nhận',
    unconfirmed: 'người gửi chọn, chưa xác nhận',
    field: 'Chuyên mục',
    assigned: 'Người xử lý',
    authority: 'Cơ quan có thẩm quyền',
    address: 'Địa điểm',
    location: 'Vị trí',
    content: 'Nội dung',
    files: 'Tệp đính kèm',
    contact: 'Thông tin liên hệ',
    contactHint: 'Mỗi lần xem đều được ghi nhật ký (ai xem, lúc nào).',
    showContact: 'Xem thông tin liên hệ',
    name: 'Họ và tên',
    phone: 'Điện thoại',
    email: 'Thư điện tử',
    hideName: 'Người gửi đề nghị ẩn tên khi công khai.',
    suggestion: 'Gợi ý lĩnh vực: {name} (độ tin cậy {p}%, học từ {n} phản ánh đã xác nhận)',
    noSuggestion: 'Chưa đủ phản ánh đã xác nhận lĩnh vực để gợi ý.',
    duplicates: 'Có thể trùng với',
    similarity: 'giống {p}%',
    classify: 'Phân loại',
    confirm: 'Xác nhận lĩnh vực',
    assign: 'Giao xử lý',
    assignMe: 'Nhận xử lý',
    assignName: 'Hoặc giao cho (tên cán bộ)',
    note: 'Ghi chú nội bộ',
    addNote: 'Thêm ghi chú',
    accept: 'Thụ lý',
    reject: 'Từ chối',
    reason: 'Lý do',
    out_of_scope: 'Không thuộc thẩm quyền',
    duplicate: 'Trùng lặp',
    abusive: 'Vi phạm quy định',
    duplicateOf: 'Số phản ánh gốc (khi trùng lặp)',
    rejectNote: 'Giải thích cho người gửi',
    forward: 'Chuyển cơ quan có thẩm quyền',
    forwardHint: 'Hạn xử lý tính theo ngày làm việc của lĩnh vực.',
    paperOnly: 'chưa có tài khoản trả lời, chỉ nhận trả lời trên giấy',
    escalate: 'Chuyển lên Mặt trận cấp trên',
    transfer: 'Chuyển đúng cấp (mã đơn vị)',
    transferHint: 'VN cho Trung ương, 2 chữ số cho tỉnh, 5 chữ số cho xã.',
    start: 'Xác nhận đang xử lý',
    answer: 'Trả lời',
    answerText: 'Nội dung trả lời',
    paper: 'Ghi nhận văn bản trả lời bằng giấy (kèm bản quét)',
    paperFile: 'Bản quét văn bản (PDF, JPEG, PNG)',
    publish: 'Công khai trên trang chủ',
    publishHint:
      'Kiểm tra, biên tập để không còn thông tin cá nhân. Số điện thoại, thư điện tử, số định danh luôn bị ẩn tự động.',
    publicTitle: 'Tiêu đề công khai',
    publicContent: 'Nội dung công khai',
    publicAnswer: 'Trả lời công khai',
    showPhotos: 'Hiển thị ảnh (người gửi đã đồng ý)',
    photosNotAllowed: 'Người gửi không đồng ý hiển thị ảnh.',
    unpublish: 'Thôi công khai',
    close: 'Đóng phản ánh',
    published: 'Đang công khai',
    viewPublic: 'Xem trang công khai',
    rating: 'Đánh giá của người gửi: {n}/5 — {r}',
    resolved: 'đã giải quyết',
    notResolved: 'chưa giải quyết',
    timeline: 'Quá trình xử lý',
    internal: 'nội bộ',
    done: 'Đã lưu.',
    submit: 'Thực hiện',
    paperAnswer: '(văn bản giấy)',
  },
  en: {
    inbox: 'Feedback',
    status: 'Status',
    unit: 'Sent to',
    received: 'Received',
    due: 'Due',
    overdue: 'Overdue',
    category: 'Category',
    confirmed: 'confirmed',
    unconfirmed: 'chosen by the sender, not confirmed',
    field: 'Field',
    assigned: 'Handler',
    authority: 'Competent authority',
    address: 'Place',
    location: 'Location',
    content: 'Content',
    files: 'Attachments',
    contact: 'Contact details',
    contactHint: 'Every view is logged (who, when).',
    showContact: 'Show contact details',
    name: 'Name',
    phone: 'Phone',
    email: 'E-mail',
    hideName: 'The sender asked to hide their name when published.',
    suggestion: 'Suggested category: {name} (confidence {p}%, learnt from {n} confirmed cases)',
    noSuggestion: 'Not enough confirmed cases yet for a suggestion.',
    duplicates: 'Possible duplicates',
    similarity: '{p}% similar',
    classify: 'Classify',
    confirm: 'Confirm category',
    assign: 'Assign',
    assignMe: 'Take it',
    assignName: 'Or assign to (name)',
    note: 'Internal note',
    addNote: 'Add note',
    accept: 'Accept',
    reject: 'Reject',
    reason: 'Reason',
    out_of_scope: 'Out of scope',
    duplicate: 'Duplicate',
    abusive: 'Abusive',
    duplicateOf: 'Number of the original (for duplicates)',
    rejectNote: 'Explanation for the sender',
    forward: 'Forward to a competent authority',
    forwardHint: 'The deadline counts the category’s working days.',
    paperOnly: 'no answering account, paper answers only',
    escalate: 'Escalate to the Front above',
    transfer: 'Transfer to the right level (unit code)',
    transferHint: 'VN for Central, 2 digits for a province, 5 for a commune.',
    start: 'Mark as being handled',
    answer: 'Answer',
    answerText: 'Answer',
    paper: 'Record an answer received on paper (with its scan)',
    paperFile: 'Scan (PDF, JPEG, PNG)',
    publish: 'Publish on the homepage',
    publishHint: 'Review and edit out personal details. Phone numbers, e-mails and ID numbers are always masked.',
    publicTitle: 'Public title',
    publicContent: 'Public content',
    publicAnswer: 'Public answer',
    showPhotos: 'Show photos (the sender agreed)',
    photosNotAllowed: 'The sender did not allow photos to be shown.',
    unpublish: 'Unpublish',
    close: 'Close',
    published: 'Published',
    viewPublic: 'View public page',
    rating: 'Sender’s rating: {n}/5 — {r}',
    resolved: 'resolved',
    notResolved: 'not resolved',
    timeline: 'History',
    internal: 'internal',
    done: 'Saved.',
    submit: 'Do it',
    paperAnswer: '(paper)',
  },
};
type Text = (typeof text)['vi'];

function ActionForm({
  id,
  action,
  children,
  label,
  multipart,
  testId,
}: {
  id: number;
  action: string;
  children?: ReactNode;
  label: string;
  multipart?: boolean;
  testId?: string;
}) {
  return (
    <form
      method="post"
      action={`/quan-tri/phan-anh/${id}/thao-tac`}
      className="form petition-action"
      encType={multipart ? 'multipart/form-data' : undefined}
      data-testid={testId ?? `action-${action}`}
    >
      <input type="hidden" name="action" value={action} />
      {children}
      <button type="submit" className="button button--red button--small">
        {label}
      </button>
    </form>
  );
}

function Handling({ p, t }: { p: StaffCaseProps; t: Text }) {
  const c = p.case;
  const can = (s: string) => p.next.includes(s);
  const closedLike = c.status === 'closed' || c.status === 'rejected';
  return (
    <section className="card panel" aria-labelledby="handling">
      <h2 id="handling" className="panel__heading">
        {t.classify}
      </h2>
      {p.suggestion ? (
        <p data-testid="category-suggestion">
          {fill(t.suggestion, {
            name: p.suggestion.name,
            p: Math.round(p.suggestion.confidence * 100),
            n: p.suggestion.examples,
          })}
        </p>
      ) : (
        <p className="muted">{t.noSuggestion}</p>
      )}
      {!closedLike && (
        <ActionForm id={c.id} action="classify" label={t.confirm}>
          <label className="field__label" htmlFor="category">
            {t.category}
          </label>
          <select
            id="category"
            name="category"
            className="input"
            defaultValue={p.suggestion && !c.categoryConfirmed ? p.suggestion.category : c.category}
          >
            {p.categories.map((x) => (
              <option key={x.code} value={x.code}>
                {x.name}
              </option>
            ))}
          </select>
          <label className="field__label" htmlFor="field">
            {t.field}
          </label>
          <input id="field" name="field" className="input" maxLength={100} defaultValue={c.field ?? ''} />
        </ActionForm>
      )}
      {p.duplicates.length > 0 && (
        <>
          <h3 className="section-title">{t.duplicates}</h3>
          <ul data-testid="duplicates">
            {p.duplicates.map((d) => (
              <li key={d.id}>
                <a href={`/quan-tri/phan-anh/${d.id}`}>
                  #{d.id} {d.title}
                </a>{' '}
                <span className="muted small">
                  {d.status} · {vnDate(d.receivedAt)} · {fill(t.similarity, { p: Math.round(d.similarity * 100) })}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {!closedLike && (
        <ActionForm id={c.id} action="assign" label={t.assignMe}>
          <label className="field__label" htmlFor="toName">
            {t.assignName}
          </label>
          <input id="toName" name="toName" className="input" maxLength={100} />
        </ActionForm>
      )}
      {can('accepted') && <ActionForm id={c.id} action="accept" label={t.accept} />}
      {can('forwarded') && p.authorities.length > 0 && (
        <ActionForm id={c.id} action="forward" label={t.forward}>
          <p className="field__hint">{t.forwardHint}</p>
          <select name="authorityId" className="input" aria-label={t.authority}>
            {p.authorities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.accounts ? a.name : `${a.name} — ${t.paperOnly}`}
              </option>
            ))}
          </select>
        </ActionForm>
      )}
      {can('rejected') && (
        <ActionForm id={c.id} action="reject" label={t.reject}>
          <fieldset className="field">
            <legend className="field__label">{t.reason}</legend>
            {(['out_of_scope', 'duplicate', 'abusive'] as const).map((r) => (
              <label key={r} className="choice">
                <input type="radio" name="reason" value={r} required /> {t[r]}
              </label>
            ))}
          </fieldset>
          <label className="field__label" htmlFor="duplicateOf">
            {t.duplicateOf}
          </label>
          <input id="duplicateOf" name="duplicateOf" className="input" inputMode="numeric" maxLength={15} />
          <label className="field__label" htmlFor="rejectNote">
            {t.rejectNote}
          </label>
          <textarea id="rejectNote" name="note" className="input" rows={2} maxLength={2000} />
        </ActionForm>
      )}
      {can('transferred') && (
        <>
          {c.unitLevel !== 'central' && <ActionForm id={c.id} action="escalate" label={t.escalate} />}
          <ActionForm id={c.id} action="transfer" label={t.transfer}>
            <p className="field__hint">{t.transferHint}</p>
            <input name="unitCode" className="input" maxLength={5} aria-label={t.transfer} />
          </ActionForm>
        </>
      )}
      {can('answered') && (
        <ActionForm id={c.id} action="answer" label={t.paper} multipart>
          <input type="hidden" name="paper" value="on" />
          <label className="field__label" htmlFor="paperText">
            {t.answerText}
          </label>
          <textarea id="paperText" name="text" className="input" rows={4} maxLength={10000} required />
          <label className="field__label" htmlFor="paperFile">
            {t.paperFile}
          </label>
          <input
            id="paperFile"
            name="file"
            type="file"
            className="input"
            accept="application/pdf,image/jpeg,image/png"
            required
          />
        </ActionForm>
      )}
      {(c.status === 'answered' || c.status === 'closed') && (
        <ActionForm id={c.id} action="publish" label={t.publish}>
          <p className="field__hint">{t.publishHint}</p>
          {c.hideName && <p className="muted">{t.hideName}</p>}
          <label className="field__label" htmlFor="pubTitle">
            {t.publicTitle}
          </label>
          <input id="pubTitle" name="title" className="input" maxLength={200} defaultValue={c.publicTitle ?? c.title} />
          <label className="field__label" htmlFor="pubContent">
            {t.publicContent}
          </label>
          <textarea
            id="pubContent"
            name="content"
            className="input"
            rows={5}
            maxLength={5000}
            defaultValue={c.publicContent ?? c.content}
          />
          <label className="field__label" htmlFor="pubAnswer">
            {t.publicAnswer}
          </label>
          <textarea
            id="pubAnswer"
            name="answer"
            className="input"
            rows={5}
            maxLength={10000}
            defaultValue={c.publicAnswer ?? c.answer ?? ''}
          />
          {c.photosPublic ? (
            <label className="choice">
              <input type="checkbox" name="showPhotos" /> {t.showPhotos}
            </label>
          ) : (
            <p className="muted small">{t.photosNotAllowed}</p>
          )}
        </ActionForm>
      )}
      {c.published && <ActionForm id={c.id} action="unpublish" label={t.unpublish} />}
      {can('closed') && <ActionForm id={c.id} action="close" label={t.close} />}
    </section>
  );
}

function StaffCasePage(props: StaffCaseProps & { lang: Lang }) {
  const t = text[props.lang];
  const c = props.case;
  return (
    <div className="container page">
      <Breadcrumbs
        label={props.lang === 'vi' ? 'Vị trí' : 'You are here'}
        items={[{ href: '/quan-tri/phan-anh', label: t.inbox }, { label: `#${c.id}` }]}
      />
      <h1 className="page-heading">
        #{c.id} {c.title}
      </h1>
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.flash && <Notice kind="success">{t.done}</Notice>}
      <dl className="facts">
        <div>
          <dt>{t.status}</dt>
          <dd data-testid="staff-status">
            {c.statusLabel} {c.overdue && <span className="tag petition-overdue">{t.overdue}</span>}
            {c.published && (
              <>
                {' '}
                · <a href={`/phan-anh/vu-viec/${c.id}`}>{t.viewPublic}</a>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t.unit}</dt>
          <dd>{c.unitName}</dd>
        </div>
        <div>
          <dt>{t.received}</dt>
          <dd>{vnDate(c.receivedAt)}</dd>
        </div>
        <div>
          <dt>{t.category}</dt>
          <dd>
            {props.categories.find((x) => x.code === c.category)?.name ?? c.category}{' '}
            <span className="muted small">({c.categoryConfirmed ? t.confirmed : t.unconfirmed})</span>
            {c.field ? ` · ${c.field}` : ''}
          </dd>
        </div>
        {c.assignedName && (
          <div>
            <dt>{t.assigned}</dt>
            <dd>{c.assignedName}</dd>
          </div>
        )}
        {c.authorityName && (
          <div>
            <dt>{t.authority}</dt>
            <dd>{c.authorityName}</dd>
          </div>
        )}
        {c.dueDate && (
          <div>
            <dt>{t.due}</dt>
            <dd>{vnDate(c.dueDate)}</dd>
          </div>
        )}
        {c.address && (
          <div>
            <dt>{t.address}</dt>
            <dd>{c.address}</dd>
          </div>
        )}
        {c.latitude != null && (
          <div>
            <dt>{t.location}</dt>
            <dd>
              {c.latitude}, {c.longitude}
            </dd>
          </div>
        )}
      </dl>
      <h2 className="section-title">{t.content}</h2>
      <p className="petition-text">{c.content}</p>
      {props.files.length > 0 && (
        <>
          <h2 className="section-title">{t.files}</h2>
          <ul className="link-list">
            {props.files.map((f) => (
              <li key={f.id}>
                <a href={f.href}>{f.filename}</a> <span className="muted small">({f.mime})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {c.answer && (
        <section className="card panel">
          <h2 className="panel__heading">
            {t.answer} {c.answeredOnPaper && t.paperAnswer}
          </h2>
          <p className="muted small">{c.answeredBy}</p>
          <p className="petition-text" data-testid="staff-answer">
            {c.answer}
          </p>
          {c.rating != null && (
            <p>{fill(t.rating, { n: c.rating, r: c.ratingResolved ? t.resolved : t.notResolved })}</p>
          )}
          {c.ratingComment && <p className="muted">{c.ratingComment}</p>}
        </section>
      )}
      {props.role === 'handler' && (
        <section className="card panel" aria-labelledby="contact">
          <h2 id="contact" className="panel__heading">
            {t.contact}
          </h2>
          {props.contact ? (
            <dl className="facts" data-testid="contact">
              <div>
                <dt>{t.name}</dt>
                <dd>{props.contact.name}</dd>
              </div>
              <div>
                <dt>{t.phone}</dt>
                <dd>{props.contact.phone}</dd>
              </div>
              {props.contact.email && (
                <div>
                  <dt>{t.email}</dt>
                  <dd>{props.contact.email}</dd>
                </div>
              )}
            </dl>
          ) : (
            <form method="post" action={`/quan-tri/phan-anh/${c.id}/lien-he`}>
              <p className="field__hint">{t.contactHint}</p>
              <button type="submit" className="button button--outline button--small">
                {t.showContact}
              </button>
            </form>
          )}
        </section>
      )}
      {props.canAnswer && props.next.includes('in_progress') && <ActionForm id={c.id} action="start" label={t.start} />}
      {props.canAnswer && props.next.includes('answered') && (
        <ActionForm id={c.id} action="answer" label={t.answer} testId="authority-answer">
          <label className="field__label" htmlFor="answerText">
            {t.answerText}
          </label>
          <textarea id="answerText" name="text" className="input" rows={6} maxLength={10000} required />
        </ActionForm>
      )}
      {props.role === 'handler' && <Handling p={props} t={t} />}
      <section className="card panel">
        <h2 className="panel__heading">{t.note}</h2>
        <ActionForm id={c.id} action="note" label={t.addNote}>
          <textarea name="text" className="input" rows={2} maxLength={4000} aria-label={t.note} required />
        </ActionForm>
      </section>
      <h2 className="section-title">{t.timeline}</h2>
      <ol className="petition-timeline" data-testid="timeline">
        {props.events.map((e) => (
          <li key={e.id}>
            <span className="muted small">{vnDate(e.at)}</span> {e.label}
            {e.actorName && ` — ${e.actorName}`}
            {e.note && `: ${e.note}`}
            {!e.public && <span className="tag tag--muted">{t.internal}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}

export const staffCasePage: PageDefinition<StaffCaseProps> = {
  Component: StaffCasePage,
  Frame: StaffFrame,
  meta: (p) => ({ title: `#${p.case.id} ${p.case.title}`, description: p.case.title }),
};
