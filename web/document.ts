import type { Lang } from './shared/i18n.ts';
import { PAGE_DATA_ID, type PageData } from './shared/page-data.ts';

/** The hashed files the page links, from the Vite manifest (empty when the client is not built, e.g. in tests). */
export type PageAssets = { scripts: string[]; styles: string[]; preloads: string[] };

export type DocumentParts = {
  lang: Lang;
  title: string;
  description: string;
  canonicalUrl: string;
  alternates: { hreflang: string; href: string }[];
  assets: PageAssets;
  bodyHtml: string;
  data: PageData;
};

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** JSON that cannot close its <script> element or open a comment inside it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** A complete HTML document with no inline script or style, so the strict CSP holds. */
export function renderDocument(parts: DocumentParts): string {
  const { assets } = parts;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title>`,
    `<meta name="description" content="${escapeHtml(parts.description)}">`,
    `<link rel="canonical" href="${escapeHtml(parts.canonicalUrl)}">`,
    ...parts.alternates.map(
      (a) => `<link rel="alternate" hreflang="${escapeHtml(a.hreflang)}" href="${escapeHtml(a.href)}">`,
    ),
    // Open Graph: what a shared link shows in Zalo, Facebook and the like.
    '<meta property="og:type" content="website">',
    `<meta property="og:site_name" content="${parts.lang === 'vi' ? 'Mặt trận số' : 'Digital Front'}">`,
    `<meta property="og:locale" content="${parts.lang === 'vi' ? 'vi_VN' : 'en_GB'}">`,
    `<meta property="og:title" content="${escapeHtml(parts.title)}">`,
    `<meta property="og:description" content="${escapeHtml(parts.description)}">`,
    `<meta property="og:url" content="${escapeHtml(parts.canonicalUrl)}">`,
    '<meta name="theme-color" content="#a3161b">',
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">',
    ...assets.styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    ...assets.preloads.map((href) => `<link rel="modulepreload" href="${escapeHtml(href)}">`),
    ...assets.scripts.map((src) => `<script type="module" src="${escapeHtml(src)}"></script>`),
  ];
  return [
    '<!doctype html>',
    `<html lang="${parts.lang}">`,
    `<head>${head.join('')}</head>`,
    '<body>',
    `<div id="app">${parts.bodyHtml}</div>`,
    `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(parts.data)}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
