import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PageName, PropsOf } from '../../../web/pages.ts';
import type { Config } from '../../core/config.ts';
import { detectLang, rememberChosenLang } from './language.ts';
import { loadServerEntry, readClientAssets } from './server-entry.ts';

export type PublicPageOptions<N extends PageName> = {
  page: N;
  props: PropsOf<N>;
  status?: number;
  /** Override the page's own title and description (e.g. the name of the record shown). */
  title?: string;
  description?: string;
  /**
   * The page's own address when it is rendered in answer to a form post (a form shown again with its errors):
   * the language switch and canonical links must lead to the page, not to the POST-only form action.
   */
  pageUrl?: string;
};

export type PublicPages = {
  render<N extends PageName>(
    req: FastifyRequest,
    reply: FastifyReply,
    opts: PublicPageOptions<N>,
  ): Promise<FastifyReply>;
  /**
   * The complete HTML document `render` would send (remembering a language chosen with `?lang=`), for a route
   * that keeps rendered pages; send it, or a kept copy, with `sendHtml`.
   */
  html<N extends PageName>(req: FastifyRequest, reply: FastifyReply, opts: PublicPageOptions<N>): Promise<string>;
  /** Sends a rendered document (text, or kept as UTF-8 bytes) with the headers of every public page. */
  sendHtml(req: FastifyRequest, reply: FastifyReply, html: string | Buffer, status?: number): FastifyReply;
};

/**
 * Server-rendered public pages for any module: register the page in web/pages.ts, then in a route
 * `return pages.render(req, reply, { page: 'units/directory', props })`. The language comes from the request
 * (?lang= → cookie → Accept-Language → vi); the HTML is complete without JavaScript.
 */
export function createPublicPages(config: Pick<Config, 'publicUrl' | 'env'>): PublicPages {
  const secureCookie = config.publicUrl.startsWith('https:');
  // In development the watcher rebuilds the front end with new file names: read them again on every page.
  const reload = config.env === 'development';
  let assets: ReturnType<typeof readClientAssets> | undefined;
  const pages: PublicPages = {
    async html(req, reply, opts) {
      const lang = detectLang(req);
      rememberChosenLang(req, reply, secureCookie);
      const { renderPage } = await loadServerEntry({ reload });
      if (!assets || reload) assets = readClientAssets();
      return renderPage({
        page: opts.page,
        props: opts.props,
        lang,
        requestUrl: opts.pageUrl ?? req.url,
        publicUrl: config.publicUrl,
        assets,
        title: opts.title,
        description: opts.description,
      });
    },
    sendHtml(req, reply, html, status = 200) {
      return reply
        .status(status)
        .header('content-language', detectLang(req))
        .header('vary', 'Accept-Language, Cookie')
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(html);
    },
    async render(req, reply, opts) {
      return pages.sendHtml(req, reply, await pages.html(req, reply, opts), opts.status);
    },
  };
  return pages;
}
