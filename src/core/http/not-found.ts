import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, sendError } from './errors.ts';

type RoutePattern = { methods: Set<string>; regex: RegExp };

function patternToRegex(url: string): RegExp {
  const escaped = url
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg === '*' ? '.*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}

/** Renders the 404 page a person sees in a browser; registered by the module that owns the web pages. */
export type HtmlNotFound = (req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

function wantsHtml(req: FastifyRequest, path: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !path.startsWith('/api/') &&
    String(req.headers.accept ?? '').includes('text/html')
  );
}

/**
 * Unknown routes answer 404 and known paths with the wrong method answer 405 (with `Allow`),
 * both in the common error envelope; a browser asking for a page gets the HTML 404 page instead.
 * Must be installed before routes are registered.
 */
export function installNotFound(app: FastifyInstance, htmlNotFound: () => HtmlNotFound | undefined): void {
  const patterns = new Map<string, RoutePattern>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const p = patterns.get(route.url) ?? { methods: new Set<string>(), regex: patternToRegex(route.url) };
    for (const m of methods) p.methods.add(m.toUpperCase());
    patterns.set(route.url, p);
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    const allowed = new Set<string>();
    for (const p of patterns.values()) if (p.regex.test(path)) for (const m of p.methods) allowed.add(m);
    const params = { method: req.method, url: path };
    if (allowed.size && !allowed.has(req.method)) {
      reply.header('allow', [...allowed].sort().join(', '));
      return sendError(req, reply, new AppError('METHOD_NOT_ALLOWED', { params }));
    }
    const html = htmlNotFound();
    if (html && wantsHtml(req, path)) return html(req, reply);
    return sendError(req, reply, new AppError('ROUTE_NOT_FOUND', { params }));
  });
}
