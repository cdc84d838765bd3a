import type { ComponentType, ReactNode } from 'react';
import type { Lang } from './i18n.ts';

/** What the shared layout needs to know about the request, the same on server and client. */
export type Chrome = {
  lang: Lang;
  /** The path of the page, without the query string (marks the current navigation item). */
  path: string;
  /** The same page in the other language: a plain link, so switching works without JavaScript. */
  switchLangHref: string;
};

export type PageMeta = { title: string; description: string };

/**
 * A server-rendered public page. `props` must be JSON-serialisable: they travel to the browser in the
 * `__DATA__` block so that the client hydrates exactly what the server rendered.
 */
export type PageDefinition<P> = {
  Component: ComponentType<P & { lang: Lang }>;
  meta(props: P, lang: Lang): PageMeta;
  /** The shell around the page; the public header and footer (`PageFrame`) when absent. */
  Frame?: ComponentType<{ chrome: Chrome; props: P; children: ReactNode }>;
};
