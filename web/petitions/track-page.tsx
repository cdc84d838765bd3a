import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs, Notice } from '../units/ui.tsx';
import { vnDate } from './format.ts';

export type TrackProps = {
  /** The sender's own view from "Phản ánh của tôi" (signed in with VNeID): no code lookup form. */
  mine?: boolean;
  /** Where the rating and reopening forms post: the code's address, or the signed-in sender's own case. */
  formAction?: string;
  query: string;
  notFound: boolean;
  code: string;
  flash: { kind: 'success' | 'error'; message: string } | null;
  case: {
    title: string;
    status: string;
    statusLabel: string;
    unitName: string;
    category: string;
    receivedAt: string;
    dueDate: string | null;
    authorityName: string | null;
    answer: string | null;
    answeredAt: string | null;
    answeredBy: string | null;
    rejectReason: string | null;
    rejectNote: string | null;
    rating: number | null;
    ratingResolved: boolean | null;
    canRate: boolean;
    canReopen: boolean;
    files: number;
    events: { id: number; at: string; kind: string; label: string }[];
  } | null;
};

const text = {
  vi: {
    title: 'Tra cứu phản ánh, kiến nghị',
    mine: 'Phản ánh của tôi',
    description: 'Theo dõi tiến độ xử lý phản ánh, kiến nghị bằng mã tra cứu.',
    home: 'Phản ánh, kiến nghị',
    label: 'Mã tra cứu',
    hint: 'Mã có dạng PA-XXXX-XXXX-XXXX, gồm chữ và số; không phân biệt chữ hoa, chữ thường.',
    submit: 'Tra cứu',
    notFound: 'Không tìm thấy phản ánh với mã này. Hãy kiểm tra lại từng ký tự.',
    status: 'Trạng thái',
    unit: 'Nơi nhận',
    category: 'Lĩnh vực',
    received: 'Ngày gửi',
    due: 'Hạn xử lý',
    authority: 'Cơ quan xử lý',
    answer: 'Trả lời',
    answeredBy: 'Trả lời của {by}, ngày {date}',
    rejected: 'Lý do từ chối',
    timeline: 'Quá trình xử lý',
    rateHeading: 'Câu trả lời đã giải quyết được vấn đề của bạn chưa?',
    resolvedYes: 'Đã giải quyết',
    resolvedNo: 'Chưa giải quyết',
    rating: 'Mức độ hài lòng (1 = rất không hài lòng, 5 = rất hài lòng)',
    comment: 'Ý kiến thêm (không bắt buộc)',
    rate: 'Gửi đánh giá',
    yourRating: 'Bạn đã đánh giá {n}/5.',
    reopenHeading: 'Chưa hài lòng? Bạn có thể đề nghị xem xét lại một lần.',
    reopenReason: 'Lý do đề nghị xem xét lại',
    reopen: 'Mở lại phản ánh',
    rated: 'Cảm ơn bạn đã đánh giá.',
    reopened: 'Phản ánh đã được mở lại và chuyển cho Mặt trận xem xét.',
    files: 'Tệp đính kèm: {n}',
  },
  en: {
    title: 'Look up your case',
    mine: 'My cases',
    description: 'Follow the handling of your feedback with its tracking code.',
    home: 'Feedback',
    label: 'Tracking code',
    hint: 'The code looks like PA-XXXX-XXXX-XXXX, letters and digits; case does not matter.',
    submit: 'Look up',
    notFound: 'No case has this code. Please check each character.',
    status: 'Status',
    unit: 'Sent to',
    category: 'Category',
    received: 'Sent on',
    due: 'Due',
    authority: 'Handled by',
    answer: 'Answer',
    answeredBy: 'Answer from {by}, {date}',
    rejected: 'Reason for rejection',
    timeline: 'History',
    rateHeading: 'Did the answer resolve your issue?',
    resolvedYes: 'Resolved',
    resolvedNo: 'Not resolved',
    rating: 'Satisfaction (1 = very unsatisfied, 5 = very satisfied)',
    comment: 'Comment (optional)',
    rate: 'Send rating',
    yourRating: 'You rated it {n}/5.',
    reopenHeading: 'Not satisfied? You may ask once for it to be looked at again.',
    reopenReason: 'Why it should be looked at again',
    reopen: 'Reopen',
    rated: 'Thank you for your rating.',
    reopened: 'The case was reopened and sent back to the Front.',
    files: 'Attachments: {n}',
  },
};

function TrackPage(props: TrackProps & { lang: Lang }) {
  const t = text[props.lang];
  const c = props.case;
  const formAction = props.formAction ?? '/phan-anh/tra-cuu/danh-gia';
  return (
    <div className="container page narrow-page">
      <Breadcrumbs
        label={props.lang === 'vi' ? 'Vị trí' : 'You are here'}
        items={
          props.mine
            ? [
                { href: '/phan-anh', label: t.home },
                { href: '/phan-anh/cua-toi', label: t.mine },
                { label: c?.title ?? '' },
              ]
            : [{ href: '/phan-anh', label: t.home }, { label: t.title }]
        }
      />
      <h1 className="page-heading">{props.mine ? t.mine : t.title}</h1>
      {props.flash && (
        <Notice kind={props.flash.kind}>
          {props.flash.message === 'rated'
            ? t.rated
            : props.flash.message === 'reopened'
              ? t.reopened
              : props.flash.message}
        </Notice>
      )}
      {!props.mine && (
        <form method="get" action="/phan-anh/tra-cuu" className="search-form">
          <label className="field__label" htmlFor="ma">
            {t.label}
          </label>
          <p className="field__hint" id="ma-hint">
            {t.hint}
          </p>
          <div className="search-form__row">
            <input
              id="ma"
              name="ma"
              className="input petition-code-input"
              defaultValue={props.query}
              maxLength={40}
              autoCapitalize="characters"
              autoComplete="off"
              aria-describedby="ma-hint"
            />
            <button type="submit" className="button button--red">
              {t.submit}
            </button>
          </div>
        </form>
      )}
      {props.notFound && <Notice kind="error">{t.notFound}</Notice>}
      {c && (
        <article className="card panel" data-testid="tracked-case">
          <h2 className="panel__heading">{c.title}</h2>
          <dl className="facts">
            <div>
              <dt>{t.status}</dt>
              <dd>
                <span className={`tag petition-status petition-status--${c.status}`} data-testid="case-status">
                  {c.statusLabel}
                </span>
              </dd>
            </div>
            <div>
              <dt>{t.unit}</dt>
              <dd>{c.unitName}</dd>
            </div>
            <div>
              <dt>{t.category}</dt>
              <dd>{c.category}</dd>
            </div>
            <div>
              <dt>{t.received}</dt>
              <dd>{vnDate(c.receivedAt)}</dd>
            </div>
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
          </dl>
          {c.rejectReason && (
            <p>
              <strong>{t.rejected}:</strong> {c.rejectReason}
              {c.rejectNote ? ` — ${c.rejectNote}` : ''}
            </p>
          )}
          {c.answer && (
            <section aria-labelledby="answer-h">
              <h3 id="answer-h" className="section-title">
                {t.answer}
              </h3>
              <p className="muted small">
                {t.answeredBy.replace('{by}', c.answeredBy ?? '').replace('{date}', vnDate(c.answeredAt))}
              </p>
              <p className="petition-text" data-testid="case-answer">
                {c.answer}
              </p>
            </section>
          )}
          {c.rating != null && <p>{t.yourRating.replace('{n}', String(c.rating))}</p>}
          {c.canRate && (
            <form method="post" action={formAction} className="form" data-testid="rate-form">
              {props.code && <input type="hidden" name="ma" value={props.code} />}
              <fieldset className="field">
                <legend className="field__label">{t.rateHeading}</legend>
                <label className="choice">
                  <input type="radio" name="resolved" value="yes" defaultChecked /> {t.resolvedYes}
                </label>
                <label className="choice">
                  <input type="radio" name="resolved" value="no" /> {t.resolvedNo}
                </label>
              </fieldset>
              <fieldset className="field">
                <legend className="field__label">{t.rating}</legend>
                <div className="petition-stars">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <label key={n} className="choice">
                      <input type="radio" name="rating" value={n} defaultChecked={n === 5} /> {n}
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="field">
                <label className="field__label" htmlFor="comment">
                  {t.comment}
                </label>
                <textarea id="comment" name="comment" className="input" rows={3} maxLength={1000} />
              </div>
              <button type="submit" className="button button--red">
                {t.rate}
              </button>
            </form>
          )}
          {c.canReopen && (
            <form method="post" action={formAction} className="form" data-testid="reopen-form">
              {props.code && <input type="hidden" name="ma" value={props.code} />}
              <input type="hidden" name="action" value="reopen" />
              <p>{t.reopenHeading}</p>
              <div className="field">
                <label className="field__label" htmlFor="reason">
                  {t.reopenReason}
                </label>
                <textarea id="reason" name="reason" className="input" rows={3} maxLength={1000} />
              </div>
              <button type="submit" className="button button--outline">
                {t.reopen}
              </button>
            </form>
          )}
          <h3 className="section-title">{t.timeline}</h3>
          <ol className="petition-timeline">
            {c.events.map((e) => (
              <li key={e.id}>
                <span className="muted small">{vnDate(e.at)}</span> {e.label}
              </li>
            ))}
          </ol>
        </article>
      )}
    </div>
  );
}

export const trackPage: PageDefinition<TrackProps> = {
  Component: TrackPage,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].description }),
};
