import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { directoryText, fill } from './directory-text.ts';
import { Breadcrumbs, formatCount } from './ui.tsx';

export type UnitLink = {
  code: string;
  name: string;
  fullName: string;
  type: string;
  href: string;
  parentName: string | null;
};

export type DirectoryProps = {
  provinces: (UnitLink & { communes: number })[];
  /** The server-rendered SVG map (echarts SSR), each province a link. */
  mapSvg: string;
  q: string;
  results: UnitLink[] | null;
};

export function SearchForm({ q, lang }: { q: string; lang: Lang }) {
  const text = directoryText[lang];
  return (
    <form method="get" action="/don-vi" className="search-form">
      <label className="field__label" htmlFor="unit-search">
        {text.searchLabel}
      </label>
      <p className="field__hint" id="unit-search-hint">
        {text.searchHint}
      </p>
      <div className="search-form__row">
        <input
          id="unit-search"
          name="q"
          type="search"
          className="input"
          defaultValue={q}
          maxLength={100}
          aria-describedby="unit-search-hint"
        />
        <button type="submit" className="button button--red">
          {text.searchSubmit}
        </button>
      </div>
    </form>
  );
}

function DirectoryPage({ provinces, mapSvg, q, results, lang }: DirectoryProps & { lang: Lang }) {
  const text = directoryText[lang];
  return (
    <div className="container page">
      <Breadcrumbs label={text.crumbs} items={[{ href: '/', label: text.home }, { label: text.directory }]} />
      <h1 className="page-heading">{text.heading}</h1>
      <p className="lead">{text.lead}</p>
      <SearchForm q={q} lang={lang} />
      {results && (
        <section className="search-results" aria-labelledby="results-heading" data-testid="search-results">
          <h2 id="results-heading" className="section-title">
            {fill(text.results, { q })}
          </h2>
          {results.length ? (
            <ul className="link-list">
              {results.map((r) => (
                <li key={r.code}>
                  <a href={r.href}>{r.fullName}</a>
                  {r.parentName && <span className="muted"> — {r.parentName}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <p>{fill(text.noResults, { q })}</p>
          )}
        </section>
      )}
      <div className="directory-layout">
        <section className="province-map card" aria-labelledby="map-heading">
          <h2 id="map-heading" className="panel__heading">
            {text.mapHeading}
          </h2>
          <p className="field__hint">{text.mapHint}</p>
          <div
            className="province-map__frame"
            data-testid="province-map"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: our own SVG, rendered on the server from the reference geometry
            dangerouslySetInnerHTML={{ __html: mapSvg }}
          />
          <p className="province-map__attribution">{text.mapAttribution}</p>
        </section>
        <section aria-labelledby="provinces-heading">
          <h2 id="provinces-heading" className="section-title section-title--first">
            {text.listHeading}
          </h2>
          <ul className="province-list" data-testid="province-list">
            {provinces.map((p) => (
              <li key={p.code}>
                <a href={p.href} className="province-list__link">
                  <span className="province-list__name">{p.fullName}</span>
                  <span className="province-list__meta">
                    {fill(text.communes, { n: formatCount(p.communes, lang) })}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </div>
  );
}

export const directoryPage: PageDefinition<DirectoryProps> = {
  Component: DirectoryPage,
  meta: (_p, lang) => ({ title: directoryText[lang].title, description: directoryText[lang].description }),
};
