import type { Lang } from '../shared/i18n.ts';
import { siteName } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import type { StaffProps } from '../staff/account.ts';
import { StaffFrame } from '../staff/staff-frame.tsx';
import { fill } from './directory-text.ts';
import { type UnitHistory, UnitHistorySection } from './history-section.tsx';
import { Breadcrumbs, formatCount, Pager } from './ui.tsx';

export type TreeNode = { code: string; fullName: string; type: string; level: string; href: string };

export type TreeProps = StaffProps & {
  unit: TreeNode;
  /** Central down to the unit; `href` is empty above the account's scope. */
  ancestors: TreeNode[];
  counts: { provinces: number; communes: number; villages: number };
  children: TreeNode[];
  total: number;
  page: number;
  pages: number;
  q: string;
  results: TreeNode[] | null;
  exportHref: string;
  /** The reorganisation page for this unit, when the account may reorganise it. */
  reorganiseHref?: string | null;
  /** The unit's versions and merges/splits, with dates and legal basis. */
  history?: UnitHistory | null;
};

const text = {
  vi: {
    title: 'Đơn vị',
    description: 'Cây đơn vị trong phạm vi của tài khoản: tỉnh, xã, thôn, tổ dân phố.',
    crumbs: 'Vị trí trong cây đơn vị',
    provinces: 'Tỉnh, thành phố',
    communes: 'Xã, phường, đặc khu',
    villages: 'Thôn, tổ dân phố',
    children: 'Đơn vị trực thuộc ({n})',
    noChildren: 'Không có đơn vị trực thuộc.',
    export: 'Xuất Excel',
    reorganise: 'Tổ chức lại',
    villageList: 'Danh sách thôn',
    search: 'Tìm trong phạm vi của bạn',
    searchSubmit: 'Tìm',
    results: 'Kết quả cho “{q}”',
    noResults: 'Không tìm thấy đơn vị nào.',
    code: 'Mã',
    previous: '← Trang trước',
    next: 'Trang sau →',
    pageOf: 'Trang {page}/{pages}',
    pager: 'Phân trang',
  },
  en: {
    title: 'Units',
    description: 'The unit tree within the account’s scope: provinces, communes, villages.',
    crumbs: 'Position in the unit tree',
    provinces: 'Provinces and cities',
    communes: 'Communes, wards and special zones',
    villages: 'Villages and residential groups',
    children: 'Units below ({n})',
    noChildren: 'No units below this one.',
    export: 'Export to Excel',
    reorganise: 'Reorganise',
    villageList: 'Village list',
    search: 'Search within your scope',
    searchSubmit: 'Search',
    results: 'Results for “{q}”',
    noResults: 'No unit matches.',
    code: 'Code',
    previous: '← Previous',
    next: 'Next →',
    pageOf: 'Page {page} of {pages}',
    pager: 'Pages',
  },
};

function TreePage(props: TreeProps & { lang: Lang }) {
  const { lang, unit, counts } = props;
  const t = text[lang];
  const stats = [
    { label: t.provinces, n: counts.provinces, show: unit.level === 'central' },
    { label: t.communes, n: counts.communes, show: unit.level === 'central' || unit.level === 'province' },
    { label: t.villages, n: counts.villages, show: unit.level !== 'village' },
  ].filter((s) => s.show);
  return (
    <div className="container page">
      <Breadcrumbs
        label={t.crumbs}
        items={props.ancestors.map((a) => ({ href: a.href || undefined, label: a.fullName }))}
      />
      <div className="page-title-row">
        <h1 className="page-heading">{unit.fullName}</h1>
        <p className="actions">
          {unit.level === 'commune' && (
            <a className="button button--outline" href={`/quan-tri/thon?xa=${unit.code}`}>
              {t.villageList}
            </a>
          )}
          {props.reorganiseHref && (
            <a className="button button--outline" href={props.reorganiseHref} data-testid="reorganise-link">
              {t.reorganise}
            </a>
          )}
          <a className="button button--red" href={props.exportHref} data-testid="export-link">
            {t.export}
          </a>
        </p>
      </div>
      <p className="muted">
        {t.code}: {unit.code}
      </p>
      {stats.length > 0 && (
        <dl className="facts">
          {stats.map((s) => (
            <div key={s.label}>
              <dt>{s.label}</dt>
              <dd>{formatCount(s.n, lang)}</dd>
            </div>
          ))}
        </dl>
      )}
      <form method="get" action="/quan-tri/don-vi" className="search-form">
        <label className="field__label" htmlFor="tree-search">
          {t.search}
        </label>
        <div className="search-form__row">
          <input id="tree-search" name="q" type="search" className="input" defaultValue={props.q} maxLength={100} />
          <button type="submit" className="button button--red">
            {t.searchSubmit}
          </button>
        </div>
      </form>
      {props.results && (
        <section aria-labelledby="tree-results" className="search-results">
          <h2 id="tree-results" className="section-title">
            {fill(t.results, { q: props.q })}
          </h2>
          {props.results.length ? (
            <ul className="link-list">
              {props.results.map((r) => (
                <li key={r.code}>
                  <a href={r.href}>{r.fullName}</a> <span className="muted">({r.code})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.noResults}</p>
          )}
        </section>
      )}
      {unit.level !== 'village' && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading" className="section-title">
            {fill(t.children, { n: formatCount(props.total, lang) })}
          </h2>
          {props.children.length ? (
            <ul className="tree-list">
              {props.children.map((c) => (
                <li key={c.code}>
                  <a href={c.href}>{c.fullName}</a>
                  <span className="muted">{c.code}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t.noChildren}</p>
          )}
          <Pager
            page={props.page}
            pages={props.pages}
            hrefFor={(n) => `/quan-tri/don-vi?ma=${unit.code}&trang=${n}`}
            text={{ previous: t.previous, next: t.next, pageOf: t.pageOf, label: t.pager }}
          />
        </section>
      )}
      {props.history && <UnitHistorySection lang={lang} history={props.history} name={unit.fullName} />}
    </div>
  );
}

export const treePage: PageDefinition<TreeProps> = {
  Component: TreePage,
  Frame: StaffFrame,
  meta: (p, lang) => ({
    title: `${text[lang].title}: ${p.unit.fullName} — ${siteName[lang]}`,
    description: text[lang].description,
  }),
};
