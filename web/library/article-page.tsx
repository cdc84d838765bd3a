import { useEffect, useState } from 'react';
import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { ArticleBody, RelationList } from './document-page.tsx';
import { libraryText } from './library-text.ts';
import type { ArticleBlock, DocSummary, RelationLink } from './library-types.ts';
import { DocFacts } from './ui.tsx';

export type ArticleProps = {
  doc: DocSummary;
  article: { no: string; heading: string; structure: string[] };
  blocks: ArticleBlock[];
  /** The clause (and point) the address names; the page shows it first and highlights it. */
  focus: { anchor: string; label: string } | null;
  citation: string;
  url: string;
  prev: { href: string; label: string } | null;
  next: { href: string; label: string } | null;
  references: RelationLink[];
  citedBy: RelationLink[];
  relations: RelationLink[];
};

function CiteBox({ citation, url, lang }: { citation: string; url: string; lang: Lang }) {
  const text = libraryText[lang];
  const [copied, setCopied] = useState(false);
  // The copy button needs scripts; without them the citation is selected and copied by hand.
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  const value = `${citation}. ${url}`;
  return (
    <section className="cite no-print" aria-labelledby="cite-heading">
      <h2 id="cite-heading" className="section-title">
        {text.cite}
      </h2>
      <p className="muted small">{text.citeHint}</p>
      <textarea className="input cite__text" readOnly rows={3} value={value} data-testid="citation" />
      {scripted && (
        <button
          type="button"
          className="button button--outline"
          onClick={() => {
            navigator.clipboard
              ?.writeText(value)
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        >
          {copied ? text.copied : text.copy}
        </button>
      )}
    </section>
  );
}

function ArticlePage(p: ArticleProps & { lang: Lang }) {
  const { lang, doc } = p;
  const text = libraryText[lang];
  const lawHref = `/thu-vien/luat/${doc.id}`;
  const focused = p.focus
    ? p.blocks.filter((b) => b.anchor === p.focus!.anchor || b.anchor?.startsWith(`${p.focus!.anchor}-`))
    : [];
  return (
    <div className="container page library reading">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { href: lawHref, label: doc.number ?? doc.title },
          { label: `${text.article} ${p.article.no}` },
        ]}
      />
      <p className="article__law">
        <a href={lawHref}>
          {doc.title}
          {doc.number ? ` số ${doc.number}` : ''}
        </a>
      </p>
      {p.article.structure.map((s) => (
        <p key={s} className="muted small">
          {s}
        </p>
      ))}
      <h1 className="page-heading">{p.article.heading}</h1>
      <DocFacts doc={doc} lang={lang} compact />
      {p.focus && focused.length > 0 && (
        <section className="focus" aria-label={p.focus.label} data-testid="focus">
          <h2 className="section-title">{p.focus.label}</h2>
          <ArticleBody blocks={focused.map((b) => ({ ...b, anchor: null }))} />
          <p>
            <a href={`/thu-vien/luat/${doc.id}/dieu-${p.article.no}`}>{text.wholeArticle}</a>
          </p>
        </section>
      )}
      <article className="article" data-testid="article-text">
        <ArticleBody blocks={p.blocks} />
      </article>
      <nav className="article-nav no-print" aria-label={text.contents}>
        {p.prev ? (
          <a href={p.prev.href} rel="prev">
            ← {p.prev.label}
          </a>
        ) : (
          <span />
        )}
        <a href={`${lawHref}#dieu-${p.article.no}`}>{text.readWhole}</a>
        {p.next ? (
          <a href={p.next.href} rel="next">
            {p.next.label} →
          </a>
        ) : (
          <span />
        )}
      </nav>
      <CiteBox citation={p.citation} url={p.url} lang={lang} />
      {p.references.length > 0 && (
        <section aria-labelledby="refs-heading">
          <h2 id="refs-heading" className="section-title">
            {text.kind_refers_to}
          </h2>
          <RelationList relations={p.references} lang={lang} />
        </section>
      )}
      {p.citedBy.length > 0 && (
        <section aria-labelledby="cited-heading">
          <h2 id="cited-heading" className="section-title">
            {text.citedBy}
          </h2>
          <RelationList relations={p.citedBy} lang={lang} />
        </section>
      )}
      {p.relations.length > 0 && (
        <section aria-labelledby="rel-heading">
          <h2 id="rel-heading" className="section-title">
            {text.relations}
          </h2>
          <RelationList relations={p.relations} lang={lang} />
          <p>
            <a href={`${lawHref}/luoc-do`}>{text.diagram}</a>
          </p>
        </section>
      )}
    </div>
  );
}

export const libraryArticlePage: PageDefinition<ArticleProps> = {
  Component: ArticlePage,
  meta: (p) => ({
    title: `${p.focus ? `${p.focus.label} ` : ''}${p.article.heading} — ${p.doc.title}${p.doc.number ? ` ${p.doc.number}` : ''}`,
    description: p.citation,
  }),
};
