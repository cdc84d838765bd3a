import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountPageProps } from '../../../web/identity/account-page.tsx';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { createPublicPages, detectLang } from '../portal/index.ts';
import { staffAccountOf, unitsDb } from '../units/index.ts';

export type PageInput = Partial<AccountPageProps> & { title: string };

/** Renders the shared account page shape (no caching: these pages carry personal state). */
export function accountPages(ctx: AppContext) {
  const pages = createPublicPages(ctx.config);
  return {
    async render(req: FastifyRequest, reply: FastifyReply, props: PageInput, status = 200) {
      reply.header('cache-control', 'no-store');
      const account = req.principal ? await staffAccountOf(unitsDb(ctx.db), req.principal, detectLang(req)) : null;
      return pages.render(req, reply, {
        page: 'identity/account',
        status,
        props: { heading: props.title, notices: [], forms: [], links: [], account, ...props },
      });
    },
  };
}

/** The message of a refused action, for a page's error notice; unexpected errors go on to the error handler. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof AppError && err.status < 500) return translate(err.code, lang, err.params);
  throw err;
}

export const langOf = detectLang;

export function formatDateTime(d: Date | string | null, lang: Lang): string {
  if (!d) return '—';
  return new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(new Date(d));
}
