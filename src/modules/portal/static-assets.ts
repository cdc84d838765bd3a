import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CLIENT_DIR } from './server-entry.ts';

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="19" fill="#b3181e" stroke="#f2c230" stroke-width="2"/><path fill="#f2c230" d="M20 7.5l3.09 9.51h10l-8.09 5.88 3.09 9.51L20 26.52l-8.09 5.88 3.09-9.51-8.09-5.88h10z"/></svg>`;

/** Hashed client files under /assets/ (cached for a year: a new build has new names), plus favicon and robots. */
export async function serveStaticAssets(app: FastifyInstance): Promise<void> {
  const assetsDir = path.join(CLIENT_DIR, 'assets');
  if (existsSync(assetsDir)) {
    await app.register(fastifyStatic, {
      root: assetsDir,
      prefix: '/assets/',
      maxAge: '365d',
      immutable: true,
      index: false,
      wildcard: true,
    });
  }
  const hidden = { schema: { hide: true }, config: { rateLimit: false } };
  app.get('/favicon.svg', hidden, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON),
  );
  app.get('/favicon.ico', hidden, async (_req, reply) => reply.redirect('/favicon.svg', 301));
  app.get('/robots.txt', hidden, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').send('User-agent: *\nAllow: /\nDisallow: /api/\n'),
  );
}
