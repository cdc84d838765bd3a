import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs, Pager } from '../units/ui.tsx';
import { fill, libraryText } from './library-text.ts';

export type ProceduresProps = {
  field: string;
  level: string;
  fields: { field: string; n: number }[];
  items: { code: string; name: string; field: string | null; level: string }[];
  total: number;
  page: number;
  pages: number;
};

function qs(field: string, level: string, page?: number) {
  const p = new URLSearchParams();
  if (field) p.set('field', field);
  if (level) p.set('level', level);
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return `/thu-vien/thu-tuc${s ? `?${s}` : ''}`;
}

function ProceduresPage(p: ProceduresProps & { lang: Lang }) {
  const text = libraryText[p.lang];
  return (
    <div className="container page library">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { label: text.procedures },
        ]}
      />
      <h1 className="page-heading">{text.procedures}</h1>
      <form method="get" action="/thu-vien" className="search-form">
        <input type="hidden" name="kind" value="procedure" />
        <label className="field__label" htmlFor="proc-search">
          {text.whichProcedure}
        </label>
        <p className="field__hint">{text.whichHint}</p>
        <div className="search-form__row">
          <input id="proc-search" name="q" type="search" className="input" maxLength={200} />
          <button type="submit" className="button button--red">
            {text.searchSubmit}
          </button>
        </div>
      </form>
      <nav aria-label={text.level} className="chips">
        {['', 'Cấp xã', 'Cấp tỉnh', 'Cấp bộ'].map((l) => (
          <a key={l} href={qs(p.field, l)} aria-current={p.level === l ? 'true' : undefined} className="chip">
            {l || text.anyLevel}
          </a>
        ))}
      </nav>
      <div className="procedures-layout">
        <section aria-labelledby="list-heading">
          <h2 id="list-heading" className="section-title">
            {p.field || text.browseProcedures} — {fill(text.count, { n: p.total })}
          </h2>
          <ul className="link-list" data-testid="procedure-list">
            {p.items.map((i) => (
              <li key={i.code}>
                <a href={`/thu-vien/thu-tuc/${i.code}`}>{i.name}</a>{' '}
                <span className="muted small">
                  {i.code} · {i.level}
                </span>
              </li>
            ))}
          </ul>
          <Pager
            page={p.page}
            pages={p.pages}
            hrefFor={(n) => qs(p.field, p.level, n)}
            text={{ previous: '←', next: '→', pageOf: '{page}/{pages}', label: text.procedures }}
          />
        </section>
        <details className="fields" open={!p.field}>
          <summary>{text.field}</summary>
          <ul className="link-list">
            <li>
              <a href={qs('', p.level)}>{text.anyField}</a>
            </li>
            {p.fields.map((f) => (
              <li key={f.field}>
                <a href={qs(f.field, p.level)} aria-current={p.field === f.field ? 'true' : undefined}>
                  {f.field}
                </a>{' '}
                <span className="muted small">({f.n})</span>
              </li>
            ))}
          </ul>
        </details>
      </div>
    </div>
  );
}

export const libraryProceduresPage: PageDefinition<ProceduresProps> = {
  Component: ProceduresPage,
  meta: (p, lang) => ({
    title: `${p.field ? `${p.field} — ` : ''}${libraryText[lang].procedures}`,
    description: libraryText[lang].whichHint,
  }),
};
