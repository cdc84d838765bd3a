import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { fill, formatIsoDate, libraryText } from './library-text.ts';
import type { Status } from './library-types.ts';
import { StatusBadge } from './ui.tsx';

export type DocumentsProps = {
  documents: { id: string; number: string | null; title: string; issuedDate: string | null; status: Status }[];
  openData: boolean;
};

function DocumentsPage(p: DocumentsProps & { lang: Lang }) {
  const text = libraryText[p.lang];
  return (
    <div className="container page library">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { label: p.openData ? text.openData : text.laws },
        ]}
      />
      <h1 className="page-heading">{p.openData ? text.openData : fill(text.allLaws, { n: p.documents.length })}</h1>
      {p.openData && (
        <>
          <p className="lead">{text.openDataLead}</p>
          <ul className="link-list" data-testid="open-data">
            <li>
              <a href="/thu-vien/du-lieu/thu-vien.json">thu-vien.json</a> — JSON
            </li>
            <li>
              <a href="/thu-vien/sitemap.xml">sitemap.xml</a>
            </li>
            <li>
              <a href="/api/docs">OpenAPI — /api/library/search</a>
            </li>
          </ul>
          <p className="muted small">{text.attribution}</p>
        </>
      )}
      {!p.openData && (
        <ul className="link-list" data-testid="document-list">
          {p.documents.map((d) => (
            <li key={d.id}>
              <a href={`/thu-vien/luat/${d.id}`}>{d.title}</a>{' '}
              <span className="muted small">
                {d.number ?? ''} · {formatIsoDate(d.issuedDate)}
              </span>{' '}
              {d.status !== 'in_force' && <StatusBadge status={d.status} lang={p.lang} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const libraryDocumentsPage: PageDefinition<DocumentsProps> = {
  Component: DocumentsPage,
  meta: (p, lang) => ({
    title: p.openData ? libraryText[lang].openData : libraryText[lang].laws,
    description: libraryText[lang].openDataLead,
  }),
};
