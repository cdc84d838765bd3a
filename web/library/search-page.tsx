import { useEffect, useRef, useState } from 'react';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { fill, libraryText } from './library-text.ts';
import type { SearchHitView } from './library-types.ts';
import { Passage, StatusBadge } from './ui.tsx';

export type SearchFilterValues = { kind: string; status: string; type: string; level: string; field: string };

export type SearchProps = {
  q: string;
  filters: SearchFilterValues;
  hits: SearchHitView[] | null;
  more: string | null;
  suggestions: { label: string; url: string }[];
  options: { types: string[]; fields: string[] };
  featured: { href: string; label: string; status: SearchHitView['documentStatus'] }[];
  counts: { documents: number; articles: number; procedures: number };
};

function SearchBox({ q, lang }: { q: string; lang: Lang }) {
  const text = libraryText[lang];
  const [value, setValue] = useState(q);
  const [items, setItems] = useState<{ label: string; url: string }[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  });
  const onChange = (v: string) => {
    setValue(v);
    if (timer.current) clearTimeout(timer.current);
    if (v.trim().length < 2) return setItems([]);
    timer.current = setTimeout(() => {
      fetch(`/api/library/suggest?q=${encodeURIComponent(v)}`)
        .then((r) => (r.ok ? r.json() : { items: [] }))
        .then((b: { items: { label: string; url: string }[] }) => setItems(b.items))
        .catch(() => setItems([]));
    }, 120);
  };
  return (
    <div className="search-form">
      <label className="field__label" htmlFor="library-search">
        {text.searchLabel}
      </label>
      <div className="search-form__row">
        <input
          id="library-search"
          name="q"
          type="search"
          className="input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          maxLength={200}
          autoComplete="off"
          aria-controls="library-suggest"
        />
        <button type="submit" className="button button--red">
          {text.searchSubmit}
        </button>
      </div>
      {items.length > 0 && (
        <ul id="library-suggest" className="suggest-list" aria-label={text.suggestions}>
          {items.map((s) => (
            <li key={s.url}>
              <a href={s.url}>{s.label}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Select(props: { name: string; label: string; value: string; options: [string, string][] }) {
  return (
    <label className="filter">
      <span className="field__label">{props.label}</span>
      <select name={props.name} defaultValue={props.value} className="input">
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

function SearchPage(p: SearchProps & { lang: Lang }) {
  const { lang } = p;
  const text = libraryText[lang];
  return (
    <div className="container page library">
      <Breadcrumbs label={text.crumbs} items={[{ href: '/', label: text.home }, { label: text.library }]} />
      <h1 className="page-heading">{text.library}</h1>
      <p className="lead">{text.lead}</p>
      <form method="get" action="/thu-vien">
        <SearchBox q={p.q} lang={lang} />
        <details className="filters" open={Object.values(p.filters).some(Boolean)}>
          <summary>{text.filters}</summary>
          <div className="filters__grid">
            <Select
              name="kind"
              label={text.kind}
              value={p.filters.kind}
              options={[
                ['', text.kindAll],
                ['article', text.kindArticle],
                ['procedure', text.kindProcedure],
              ]}
            />
            <Select
              name="status"
              label={text.status}
              value={p.filters.status}
              options={[
                ['', text.anyStatus],
                ['in_force', text.status_in_force],
                ['partly_expired', text.status_partly_expired],
                ['expired', text.status_expired],
                ['not_yet_in_force', text.status_not_yet_in_force],
              ]}
            />
            <Select
              name="type"
              label={text.docType}
              value={p.filters.type}
              options={[['', text.anyType], ...p.options.types.map((t): [string, string] => [t, t])]}
            />
            <Select
              name="level"
              label={text.level}
              value={p.filters.level}
              options={[
                ['', text.anyLevel],
                ['Cấp bộ', 'Cấp bộ'],
                ['Cấp tỉnh', 'Cấp tỉnh'],
                ['Cấp xã', 'Cấp xã'],
              ]}
            />
            <Select
              name="field"
              label={text.field}
              value={p.filters.field}
              options={[['', text.anyField], ...p.options.fields.map((t): [string, string] => [t, t])]}
            />
          </div>
          <button type="submit" className="button button--outline">
            {text.apply}
          </button>
        </details>
      </form>
      {p.suggestions.length > 0 && (
        <section aria-labelledby="sugg-heading" className="suggestions">
          <h2 id="sugg-heading" className="section-title">
            {text.suggestions}
          </h2>
          <ul data-testid="suggestions">
            {p.suggestions.map((s) => (
              <li key={s.url}>
                <a href={s.url}>{s.label}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {p.hits && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="section-title">
            {fill(text.results, { q: p.q })}
          </h2>
          {p.hits.length === 0 ? (
            <p>{fill(text.noResults, { q: p.q })}</p>
          ) : (
            <ol className="hit-list" data-testid="search-results">
              {p.hits.map((h) => (
                <li key={h.url} className={`hit hit--${h.kind}`} data-kind={h.kind}>
                  <a className="hit__title" href={h.url}>
                    {h.title}
                  </a>
                  <div className="hit__meta">
                    {h.kind === 'procedure' ? (
                      <span>
                        {text.procedure}
                        {h.field ? ` · ${h.field}` : ''}
                        {h.level ? ` · ${h.level}` : ''}
                      </span>
                    ) : (
                      <span>
                        {h.kind === 'article' ? `${h.documentTitle} ` : ''}
                        {h.documentNumber ?? ''}
                      </span>
                    )}
                    {h.documentStatus && <StatusBadge status={h.documentStatus} lang={lang} />}
                  </div>
                  {h.passage.length > 0 && (
                    <p className="hit__passage">
                      <Passage segments={h.passage} />
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {p.more && (
            <a className="button button--outline" href={p.more} rel="next">
              {text.more}
            </a>
          )}
        </section>
      )}
      {!p.hits && (
        <>
          <section aria-labelledby="front-heading">
            <h2 id="front-heading" className="section-title">
              {text.frontLaws}
            </h2>
            <ul className="link-list">
              {p.featured.map((f) => (
                <li key={f.href}>
                  <a href={f.href}>{f.label}</a>{' '}
                  {f.status && f.status !== 'in_force' && <StatusBadge status={f.status} lang={lang} />}
                </li>
              ))}
            </ul>
            <p>
              <a href="/thu-vien/luat">{fill(text.allLaws, { n: p.counts.documents })}</a> ·{' '}
              <a href="/thu-vien/thu-tuc">{text.browseProcedures}</a> ·{' '}
              <a href="/thu-vien/du-lieu-mo">{text.openData}</a>
            </p>
          </section>
          {p.counts.documents === 0 && <p className="notice notice--info">{text.empty}</p>}
        </>
      )}
      <p className="muted small attribution">{text.attribution}</p>
    </div>
  );
}

export const librarySearchPage: PageDefinition<SearchProps> = {
  Component: SearchPage,
  meta: (p, lang) => ({
    title: p.q ? `${p.q} — ${libraryText[lang].library}` : libraryText[lang].library,
    description: libraryText[lang].lead,
  }),
};
