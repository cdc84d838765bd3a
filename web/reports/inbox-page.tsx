import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Notice } from '../units/ui.tsx';
import { fmtInstant, fmtNumber, ORG_NAMES, STATUS_NAMES, weekText } from './reports-text.ts';

export type InboxRow = {
  id: number;
  unitCode: string;
  unitName: string;
  orgType: string;
  status: string;
  submittedAt: string | null;
  onTime: boolean | null;
  returnComment: string | null;
  values: Record<string, number>;
};

export type InboxProps = StaffProps & {
  week: string;
  prevWeek: string;
  nextWeek: string | null;
  indicators: { key: string; label: string }[];
  items: InboxRow[];
  flash: string | null;
  error: string | null;
};

const text = {
  vi: {
    title: 'Báo cáo cấp dưới gửi lên',
    empty: 'Chưa có báo cáo nào trong kỳ này.',
    unit: 'Đơn vị',
    status: 'Trạng thái',
    sent: 'Gửi lúc',
    late: 'trễ hạn',
    accept: 'Tiếp nhận',
    ret: 'Trả lại',
    comment: 'Ý kiến khi trả lại',
    accepted: 'Đã tiếp nhận báo cáo.',
    returned: 'Đã trả lại báo cáo kèm ý kiến.',
    synthesis: 'Xem tổng hợp',
    prev: '‹ Tuần trước',
    next: 'Tuần sau ›',
  },
  en: {
    title: "Subordinates' reports",
    empty: 'No report has been sent for this period yet.',
    unit: 'Unit',
    status: 'Status',
    sent: 'Sent at',
    late: 'late',
    accept: 'Accept',
    ret: 'Return',
    comment: 'Comment for the return',
    accepted: 'The report was accepted.',
    returned: 'The report was returned with your comment.',
    synthesis: 'See the synthesis',
    prev: '‹ Previous week',
    next: 'Next week ›',
  },
};

function InboxPage(props: InboxProps & { lang: Lang }) {
  const { lang } = props;
  const t = text[lang];
  return (
    <div className="container page">
      <h1 className="page-heading">{t.title}</h1>
      <p className="lead">
        {props.account.unitName} — {weekText(props.week, lang)} ·{' '}
        <a href={`/bao-cao/tong-hop?don-vi=${props.account.unitCode}&tuan=${props.week}`}>{t.synthesis}</a>
      </p>
      {props.flash && <Notice kind="success">{props.flash === 'accepted' ? t.accepted : t.returned}</Notice>}
      {props.error && <Notice kind="error">{props.error}</Notice>}
      {props.items.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="inbox-table">
            <thead>
              <tr>
                <th scope="col">{t.unit}</th>
                <th scope="col">{t.status}</th>
                {props.indicators.map((i) => (
                  <th scope="col" className="num hide-narrow" key={i.key}>
                    {i.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">{t.accept}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr key={r.id} data-unit={r.unitCode} data-org={r.orgType}>
                  <th scope="row">
                    {r.unitName}
                    <br />
                    <span className="muted small">{ORG_NAMES[lang][r.orgType]}</span>
                  </th>
                  <td>
                    <span data-testid="inbox-status">{STATUS_NAMES[lang][r.status]}</span>
                    {r.submittedAt && (
                      <span className="muted small">
                        <br />
                        {t.sent} {fmtInstant(r.submittedAt)}
                        {r.onTime === false && ` (${t.late})`}
                      </span>
                    )}
                  </td>
                  {props.indicators.map((i) => (
                    <td className="num hide-narrow" key={i.key}>
                      {r.values[i.key] === undefined ? '—' : fmtNumber(r.values[i.key]!, lang)}
                    </td>
                  ))}
                  <td>
                    {r.status === 'submitted' && (
                      <div className="inbox-actions">
                        <form method="post" action={`/bao-cao/hop-thu/${r.id}/tiep-nhan?tuan=${props.week}`}>
                          <button type="submit" className="button button--red">
                            {t.accept}
                          </button>
                        </form>
                        <form
                          method="post"
                          action={`/bao-cao/hop-thu/${r.id}/tra-lai?tuan=${props.week}`}
                          className="inbox-return"
                        >
                          <label htmlFor={`c_${r.id}`} className="visually-hidden">
                            {t.comment}
                          </label>
                          <input
                            id={`c_${r.id}`}
                            name="comment"
                            className="input"
                            placeholder={t.comment}
                            required
                            maxLength={2000}
                          />
                          <button type="submit" className="button button--outline">
                            {t.ret}
                          </button>
                        </form>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager">
        <a href={`/bao-cao/hop-thu?tuan=${props.prevWeek}`}>{t.prev}</a>
        {props.nextWeek && <a href={`/bao-cao/hop-thu?tuan=${props.nextWeek}`}>{t.next}</a>}
      </nav>
    </div>
  );
}

export const inboxPage: PageDefinition<InboxProps> = {
  Component: InboxPage,
  Frame: StaffFrame,
  meta: (p, lang) => ({
    title: `${text[lang].title} — ${weekText(p.week, lang)} — ${siteName[lang]}`,
    description: text[lang].title,
  }),
};
