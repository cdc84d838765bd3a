import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { Pager } from '../units/ui.tsx';
import { FilterSelect } from './filter-select.tsx';
import { count, fill, vnDate } from './format.ts';
import type { CategoryOption } from './submit-page.tsx';

export type InboxProps = StaffProps & {
  filter: { status: string; category: string; unit: string; overdue: boolean; mine: boolean };
  categories: CategoryOption[];
  statuses: { code: string; label: string }[];
  items: {
    id: number;
    title: string;
    status: string;
    statusLabel: string;
    category: string;
    unitCode: string;
    unitName: string | null;
    receivedAt: string;
    dueDate: string | null;
    overdue: boolean;
    assignedName: string | null;
    authorityName: string | null;
  }[];
  total: number;
  page: number;
  pages: number;
  isAuthority: boolean;
  /** The staff pages this account may open from the inbox. */
  links: { directory: boolean; deadlines: boolean };
};

const text = {
  vi: {
    title: 'Phản ánh, kiến nghị — hộp thư xử lý',
    authorityTitle: 'Phản ánh, kiến nghị được chuyển đến',
    status: 'Trạng thái',
    category: 'Lĩnh vực',
    unit: 'Mã đơn vị',
    overdue: 'Chỉ phản ánh quá hạn',
    mine: 'Chỉ phản ánh giao cho tôi',
    all: 'Tất cả',
    filter: 'Lọc',
    export: 'Xuất Excel',
    count: '{n} phản ánh',
    none: 'Không có phản ánh nào phù hợp.',
    colNo: 'Số',
    colTitle: 'Tiêu đề',
    colUnit: 'Nơi nhận',
    colReceived: 'Ngày nhận',
    colDue: 'Hạn',
    colHandler: 'Người xử lý / cơ quan',
    overdueTag: 'Quá hạn',
    previous: 'Trang trước',
    next: 'Trang sau',
    pageOf: 'Trang {page}/{pages}',
    pager: 'Phân trang',
    directory: 'Danh bạ cơ quan có thẩm quyền',
    deadlines: 'Thời hạn xử lý theo lĩnh vực',
    tools: 'Quản lý',
  },
  en: {
    title: 'Feedback — handling inbox',
    authorityTitle: 'Feedback forwarded to you',
    status: 'Status',
    category: 'Category',
    unit: 'Unit code',
    overdue: 'Overdue only',
    mine: 'Assigned to me only',
    all: 'All',
    filter: 'Filter',
    export: 'Export to Excel',
    count: '{n} cases',
    none: 'No case matches.',
    colNo: 'No.',
    colTitle: 'Title',
    colUnit: 'Sent to',
    colReceived: 'Received',
    colDue: 'Due',
    colHandler: 'Handler / authority',
    overdueTag: 'Overdue',
    previous: 'Previous',
    next: 'Next',
    pageOf: 'Page {page} of {pages}',
    pager: 'Pages',
    directory: 'Directory of competent authorities',
    deadlines: 'Handling deadlines by category',
    tools: 'Management',
  },
};

function query(f: InboxProps['filter'], page: number): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.category) q.set('category', f.category);
  if (f.unit) q.set('unit', f.unit);
  if (f.overdue) q.set('overdue', 'on');
  if (f.mine) q.set('mine', 'on');
  if (page > 1) q.set('page', String(page));
  return q.toString();
}

function InboxPage(props: InboxProps & { lang: Lang }) {
  const t = text[props.lang];
  const f = props.filter;
  return (
    <div className="container page">
      <h1 className="page-heading">{props.isAuthority ? t.authorityTitle : t.title}</h1>
      {(props.links.directory || props.links.deadlines) && (
        <nav className="petition-tools" aria-label={t.tools}>
          {props.links.directory && <a href="/quan-tri/phan-anh/co-quan">{t.directory}</a>}
          {props.links.deadlines && <a href="/quan-tri/phan-anh/thoi-han">{t.deadlines}</a>}
        </nav>
      )}
      <form method="get" action="/quan-tri/phan-anh" className="form petition-filters">
        <FilterSelect
          name="status"
          label={t.status}
          allLabel={t.all}
          value={f.status}
          options={props.statuses.map((s) => ({ value: s.code, label: s.label }))}
        />
        <FilterSelect
          name="category"
          label={t.category}
          allLabel={t.all}
          value={f.category}
          options={props.categories.map((c) => ({ value: c.code, label: c.name }))}
        />
        <div className="field">
          <label className="field__label" htmlFor="unit">
            {t.unit}
          </label>
          <input id="unit" name="unit" className="input" defaultValue={f.unit} maxLength={5} inputMode="numeric" />
        </div>
        <label className="choice">
          <input type="checkbox" name="overdue" defaultChecked={f.overdue} /> {t.overdue}
        </label>
        <label className="choice">
          <input type="checkbox" name="mine" defaultChecked={f.mine} /> {t.mine}
        </label>
        <button type="submit" className="button button--red">
          {t.filter}
        </button>
        {!props.isAuthority && (
          <a className="button button--outline" href={`/quan-tri/phan-anh/xuat.xlsx?${query(f, 1)}`}>
            {t.export}
          </a>
        )}
      </form>
      <p className="muted">{fill(t.count, { n: props.total > 10_000 ? '10.000+' : count(props.total, props.lang) })}</p>
      {props.items.length === 0 ? (
        <p className="empty">{t.none}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="inbox-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t.colNo}
                </th>
                <th scope="col">{t.colTitle}</th>
                <th scope="col" className="hide-narrow">
                  {t.colUnit}
                </th>
                <th scope="col">{t.status}</th>
                <th scope="col" className="hide-narrow">
                  {t.colReceived}
                </th>
                <th scope="col">{t.colDue}</th>
                <th scope="col" className="hide-narrow">
                  {t.colHandler}
                </th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((i) => (
                <tr key={i.id}>
                  <td className="num">{i.id}</td>
                  <td>
                    <a href={`/quan-tri/phan-anh/${i.id}`}>{i.title}</a>
                    <div className="muted small">{i.category}</div>
                  </td>
                  <td className="hide-narrow">{i.unitName ?? i.unitCode}</td>
                  <td>{i.statusLabel}</td>
                  <td className="hide-narrow">{vnDate(i.receivedAt)}</td>
                  <td>
                    {vnDate(i.dueDate)} {i.overdue && <span className="tag petition-overdue">{t.overdueTag}</span>}
                  </td>
                  <td className="hide-narrow">{[i.assignedName, i.authorityName].filter(Boolean).join(' / ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        page={props.page}
        pages={props.pages}
        hrefFor={(p) => `/quan-tri/phan-anh?${query(f, p)}`}
        text={{ previous: t.previous, next: t.next, pageOf: t.pageOf, label: t.pager }}
      />
    </div>
  );
}

export const inboxPage: PageDefinition<InboxProps> = {
  Component: InboxPage,
  Frame: StaffFrame,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].title }),
};
