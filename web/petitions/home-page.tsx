import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Pager } from '../units/ui.tsx';
import type { PublicCaseView } from './case-page.tsx';
import { FilterSelect } from './filter-select.tsx';
import { count, fill, vnDate } from './format.ts';
import type { CategoryOption } from './submit-page.tsx';

export type HomeProps = {
  filter: { q: string; province: string; unit: string; category: string; status: string };
  provinces: { code: string; name: string }[];
  categories: CategoryOption[];
  statuses: { code: string; label: string }[];
  items: PublicCaseView[];
  total: number;
  page: number;
  pages: number;
  totals: { received: number; answered: number };
};

const text = {
  vi: {
    title: 'Phản ánh, kiến nghị của người dân — Mặt trận Tổ quốc Việt Nam',
    description:
      'Người dân gửi phản ánh, kiến nghị đến Mặt trận các cấp; các câu trả lời của cơ quan có thẩm quyền được công khai tại đây.',
    heading: 'Phản ánh, kiến nghị',
    lead: 'Mọi người dân, ở bất cứ đâu, chỉ cần điện thoại thông minh để gửi ý kiến, kiến nghị trực tiếp đến Mặt trận. Câu trả lời được công khai, minh bạch.',
    send: 'Gửi phản ánh, kiến nghị',
    track: 'Tra cứu bằng mã',
    mine: 'Phản ánh của tôi',
    stats: 'Thống kê theo tỉnh, thành phố',
    figures: '{r} phản ánh đã tiếp nhận · {a} đã trả lời',
    search: 'Tìm trong các phản ánh đã công khai',
    searchHint: 'Gõ có dấu hoặc không dấu.',
    province: 'Tỉnh, thành phố',
    category: 'Lĩnh vực',
    status: 'Trạng thái',
    all: 'Tất cả',
    filter: 'Lọc',
    results: '{n} phản ánh đã công khai',
    none: 'Chưa có phản ánh nào được công khai phù hợp.',
    answered: 'Trả lời ngày {d}',
    previous: 'Trang trước',
    next: 'Trang sau',
    pageOf: 'Trang {page}/{pages}',
    pager: 'Phân trang',
  },
  en: {
    title: 'Citizens’ feedback and recommendations — Vietnam Fatherland Front',
    description:
      'Citizens send feedback to the Front at every level; the competent authorities’ answers are published here.',
    heading: 'Feedback and recommendations',
    lead: 'Anyone, anywhere, needs only a smartphone to send opinions and recommendations directly to the Front. Answers are published openly.',
    send: 'Send feedback',
    track: 'Look up with a code',
    mine: 'My cases',
    stats: 'Figures by province',
    figures: '{r} cases received · {a} answered',
    search: 'Search published cases',
    searchHint: 'With or without tone marks.',
    province: 'Province',
    category: 'Category',
    status: 'Status',
    all: 'All',
    filter: 'Filter',
    results: '{n} published cases',
    none: 'No published case matches.',
    answered: 'Answered {d}',
    previous: 'Previous',
    next: 'Next',
    pageOf: 'Page {page} of {pages}',
    pager: 'Pages',
  },
};

function hrefFor(f: HomeProps['filter'], page: number): string {
  const q = new URLSearchParams();
  if (f.q) q.set('q', f.q);
  if (f.province) q.set('tinh', f.province);
  if (f.unit) q.set('xa', f.unit);
  if (f.category) q.set('linh_vuc', f.category);
  if (f.status) q.set('trang_thai', f.status);
  if (page > 1) q.set('trang', String(page));
  const s = q.toString();
  return s ? `/phan-anh?${s}` : '/phan-anh';
}

function HomePage(props: HomeProps & { lang: Lang }) {
  const t = text[props.lang];
  const f = props.filter;
  return (
    <div className="container page">
      <h1 className="page-heading">{t.heading}</h1>
      <p className="lead">{t.lead}</p>
      <p className="petition-actions">
        <a className="button button--red" href="/phan-anh/gui">
          {t.send}
        </a>
        <a className="button button--outline" href="/phan-anh/tra-cuu">
          {t.track}
        </a>
        <a className="button button--outline" href="/phan-anh/thong-ke">
          {t.stats}
        </a>
        <a className="button button--outline" href="/phan-anh/cua-toi">
          {t.mine}
        </a>
      </p>
      <p className="muted" data-testid="petition-figures">
        {fill(t.figures, { r: count(props.totals.received, props.lang), a: count(props.totals.answered, props.lang) })}
      </p>
      <form method="get" action="/phan-anh" className="form petition-filters">
        <div className="field">
          <label className="field__label" htmlFor="q">
            {t.search}
          </label>
          <p className="field__hint">{t.searchHint}</p>
          <input id="q" name="q" type="search" className="input" defaultValue={f.q} maxLength={100} />
        </div>
        <FilterSelect
          name="tinh"
          label={t.province}
          allLabel={t.all}
          value={f.province}
          options={props.provinces.map((p) => ({ value: p.code, label: p.name }))}
        />
        <FilterSelect
          name="linh_vuc"
          label={t.category}
          allLabel={t.all}
          value={f.category}
          options={props.categories.map((c) => ({ value: c.code, label: c.name }))}
        />
        <FilterSelect
          name="trang_thai"
          label={t.status}
          allLabel={t.all}
          value={f.status}
          options={props.statuses.map((s) => ({ value: s.code, label: s.label }))}
        />
        {f.unit && <input type="hidden" name="xa" value={f.unit} />}
        <button type="submit" className="button button--red">
          {t.filter}
        </button>
      </form>
      <h2 className="section-title">{fill(t.results, { n: count(props.total, props.lang) })}</h2>
      {props.items.length === 0 && <p className="empty">{t.none}</p>}
      <ul className="petition-list" data-testid="published-list">
        {props.items.map((c) => (
          <li key={c.id} className="card petition-card">
            <h3 className="petition-card__title">
              <a href={c.href}>{c.title}</a>
            </h3>
            <p className="muted small">
              {c.unitName}
              {c.provinceName && c.provinceName !== c.unitName ? `, ${c.provinceName}` : ''} · {c.category} ·{' '}
              {c.statusLabel}
              {c.answeredAt ? ` · ${fill(t.answered, { d: vnDate(c.answeredAt) })}` : ''}
            </p>
            <p className="petition-card__excerpt">
              {c.content.length > 220 ? `${c.content.slice(0, 220)}…` : c.content}
            </p>
          </li>
        ))}
      </ul>
      <Pager
        page={props.page}
        pages={props.pages}
        hrefFor={(p) => hrefFor(f, p)}
        text={{ previous: t.previous, next: t.next, pageOf: t.pageOf, label: t.pager }}
      />
    </div>
  );
}

export const homePage: PageDefinition<HomeProps> = {
  Component: HomePage,
  meta: (_p, lang) => ({ title: text[lang].title, description: text[lang].description }),
};
