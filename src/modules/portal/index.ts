import type { AppModule } from '../../core/context.ts';
import { createPublicPages } from './public-pages.ts';
import { clientIsBuilt, loadServerEntry } from './server-entry.ts';
import { serveStaticAssets } from './static-assets.ts';

export { detectLang } from './language.ts';
export { createPublicPages, type PublicPageOptions, type PublicPages } from './public-pages.ts';

/** The public portal: the home page "Mặt trận số", the client assets and the shell every public page uses. */
export const portalModule: AppModule = {
  name: 'portal',
  async routes(app, ctx) {
    if (!process.env.VITEST) {
      // Fail at start, not at the first visitor, when the front end was never built.
      await loadServerEntry();
      if (!clientIsBuilt()) ctx.log.warn('The web client is not built: pages render without CSS and scripts.');
    }
    await serveStaticAssets(app);
    const pages = createPublicPages(ctx.config);
    ctx.setHtmlNotFound((req, reply) =>
      pages.render(req, reply, { page: 'staff/not-found', props: { account: null }, status: 404 }),
    );
    app.get('/', { schema: { hide: true } }, (req, reply) =>
      pages.render(req, reply, { page: 'portal/home', props: {} }),
    );
  },
};
