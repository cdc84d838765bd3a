import type { Lang } from '../shared/i18n.ts';
import type { PageDefinition } from '../shared/page.ts';
import { Breadcrumbs } from '../units/ui.tsx';
import { fill, libraryText } from './library-text.ts';
import type { ArticleBlock, DocSummary, RelationLink } from './library-types.ts';
import { DocFacts, Linked } from './ui.tsx';

export type TocEntry = { kind: 'part' | 'chapter' | 'section' | 'article'; label: string; href: string };

export type DocumentProps = {
  doc: DocSummary;
  preamble: string;
  closing: string;
  toc: TocEntry[];
  articles: { no: string; heading: string; href: string; blocks: ArticleBlock[]; headings: string[] }[];
  relations: RelationLink[];
  procedures: { code: string; name: string }[];
};

export function ArticleBody({ blocks }: { blocks: ArticleBlock[] }) {
  return (
    <>
      {blocks.map((b, i) => (
        <p
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are the fixed structure of one article
          key={i}
          id={b.anchor ?? undefined}
          className={`article-block article-block--${b.level}`}
        >
          {b.label && <span className="article-block__label">{b.label} </span>}
          <Linked parts={b.parts} />
        </p>
      ))}
    </>
  );
}

export function RelationList({ relations, lang }: { relations: RelationLink[]; lang: Lang }) {
  const text = libraryText[lang] as Record<string, string>;
  return (
    <ul className="relation-list" data-testid="relations">
      {relations.map((r) => (
        <li key={`${r.kind}|${r.label}|${r.href}`}>
          <span className="relation-list__kind">{text[r.kind] ?? r.kind}:</span>{' '}
          {r.href ? (
            <a href={r.href}>{r.label}</a>
          ) : (
            <span>
              {r.label} ({text.notInLibrary})
            </span>
          )}
          {r.articles.length > 0 && (
            <span className="muted small">
              {' '}
              — {fill(text.articlesList!, { list: r.articles.slice(0, 8).join(', ') })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function DocumentPage(p: DocumentProps & { lang: Lang }) {
  const { lang, doc } = p;
  const text = libraryText[lang];
  return (
    <div className="container page library reading">
      <Breadcrumbs
        label={text.crumbs}
        items={[
          { href: '/', label: text.home },
          { href: '/thu-vien', label: text.library },
          { href: '/thu-vien/luat', label: text.laws },
          { label: doc.number ?? doc.title },
        ]}
      />
      <h1 className="page-heading">{doc.title}</h1>
      <DocFacts doc={doc} lang={lang} />
      {doc.qualityNote && <p className="notice notice--info">{fill(text.quality, { note: doc.qualityNote })}</p>}
      {doc.articleGaps.length > 0 && (
        <p className="muted small">{fill(text.gaps, { list: doc.articleGaps.join(', ') })}</p>
      )}
      <p className="no-print">
        <a href={`/thu-vien/luat/${doc.id}/luoc-do`}>{text.diagram}</a> ·{' '}
        <a href={`/api/library/documents/${doc.id}`}>JSON</a>
      </p>
      <nav className="toc" aria-labelledby="toc-heading">
        <details open={p.toc.length < 80}>
          <summary id="toc-heading">{text.contents}</summary>
          <ol data-testid="toc">
            {p.toc.map((t) => (
              <li key={t.href + t.label} className={`toc__${t.kind}`}>
                <a href={t.href}>{t.label}</a>
              </li>
            ))}
          </ol>
        </details>
      </nav>
      {p.preamble && (
        <section className="preamble" aria-label={text.preamble}>
          {p.preamble.split('\n').map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
            <p key={i}>{l}</p>
          ))}
        </section>
      )}
      {p.articles.map((a) => (
        <section key={a.no} className="article" aria-labelledby={`dieu-${a.no}`}>
          {a.headings.map((h) => (
            <h2 key={h} className="structure-heading" id={`muc-${a.no}-${h.length}`}>
              {h}
            </h2>
          ))}
          <h3 id={`dieu-${a.no}`} className="article__heading">
            <a href={a.href}>{a.heading}</a>
          </h3>
          <ArticleBody blocks={a.blocks} />
        </section>
      ))}
      {p.closing && (
        <section className="closing">
          {p.closing.split('\n').map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of a fixed text
            <p key={i}>{l}</p>
          ))}
        </section>
      )}
      {p.relations.length > 0 && (
        <section aria-labelledby="rel-heading">
          <h2 id="rel-heading" className="section-title">
            {text.relations}
          </h2>
          <RelationList relations={p.relations} lang={lang} />
        </section>
      )}
      {p.procedures.length > 0 && (
        <section aria-labelledby="proc-heading">
          <h2 id="proc-heading" className="section-title">
            {text.citingProcedures}
          </h2>
          <ul className="link-list">
            {p.procedures.map((x) => (
              <li key={x.code}>
                <a href={`/thu-vien/thu-tuc/${x.code}`}>{x.name}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

export const libraryDocumentPage: PageDefinition<DocumentProps> = {
  Component: DocumentPage,
  meta: (p, lang) => ({
    title: `${p.doc.title}${p.doc.number ? ` ${p.doc.number}` : ''} — ${libraryText[lang].laws}`,
    description: `${p.doc.title}${p.doc.number ? ` số ${p.doc.number}` : ''}: ${libraryText[lang][`status_${p.doc.status}`]}. ${p.articles.length} điều.`,
  }),
};
