import { renderToString } from 'react-dom/server';
import { type DocumentParts, type PageAssets, renderDocument } from './document.ts';
import { type PageName, type PropsOf, pages } from './pages.ts';
import { LANGS, type Lang } from './shared/i18n.ts';
import type { Chrome, PageDefinition } from './shared/page.ts';
import { PageTree } from './shared/page-tree.tsx';

export type { PageAssets } from './document.ts';
export type { PageName, PropsOf } from './pages.ts';

export type RenderPageInput<N extends PageName> = {
  page: N;
  props: PropsOf<N>;
  lang: Lang;
  /** The URL the browser asked for (path and query); the language switch and canonical links derive from it. */
  requestUrl: string;
  /** Absolute origin (and base path) of the site, for canonical and hreflang links, e.g. https://mattranso.vn */
  publicUrl: string;
  assets: PageAssets;
  /** Override the page's own title and description (e.g. a record's name). */
  title?: string;
  description?: string;
};

/** Renders a registered page to a complete HTML document. */
export async function renderPage<N extends PageName>(input: RenderPageInput<N>): Promise<string> {
  const definition = (await pages[input.page]()) as unknown as PageDefinition<PropsOf<N>>;
  const url = new URL(input.requestUrl, 'http://local');
  const chrome: Chrome = {
    lang: input.lang,
    path: url.pathname,
    switchLangHref: withLang(url, input.lang === 'vi' ? 'en' : 'vi'),
  };
  const meta = definition.meta(input.props, input.lang);
  const bodyHtml = renderToString(<PageTree definition={definition} props={input.props} chrome={chrome} />);
  const parts: DocumentParts = {
    lang: input.lang,
    title: input.title ?? meta.title,
    description: input.description ?? meta.description,
    canonicalUrl: absolute(input.publicUrl, withLang(url, input.lang)),
    alternates: [
      ...LANGS.map((lang) => ({ hreflang: lang, href: absolute(input.publicUrl, withLang(url, lang)) })),
      { hreflang: 'x-default', href: absolute(input.publicUrl, withoutLang(url)) },
    ],
    assets: input.assets,
    bodyHtml,
    data: { page: input.page, props: input.props, chrome },
  };
  return renderDocument(parts);
}

/** The same path and query with `lang` set: each language version has a stable address of its own. */
function withLang(url: URL, lang: Lang): string {
  const params = new URLSearchParams(url.search);
  params.set('lang', lang);
  return `${url.pathname}?${params}`;
}

function withoutLang(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete('lang');
  const query = params.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

function absolute(publicUrl: string, pathAndQuery: string): string {
  return `${publicUrl.replace(/\/$/, '')}${pathAndQuery}`;
}
