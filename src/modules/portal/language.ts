import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLang, type Lang } from '../../../web/shared/i18n.ts';
import { langFromAcceptLanguage } from '../../core/i18n/language.ts';

export const LANG_COOKIE = 'lang';
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

function queryLang(req: FastifyRequest): Lang | undefined {
  const value = (req.query as Record<string, unknown> | undefined)?.lang;
  return isLang(value) ? value : undefined;
}

/** The page language: `?lang=` first, then the remembered `lang` cookie, then Accept-Language, then Vietnamese. */
export function detectLang(req: FastifyRequest): Lang {
  const fromQuery = queryLang(req);
  if (fromQuery) return fromQuery;
  const fromCookie = req.cookies?.[LANG_COOKIE];
  if (isLang(fromCookie)) return fromCookie;
  return langFromAcceptLanguage(req.headers['accept-language']);
}

/** When the visitor chose a language with `?lang=`, remember it so plain links keep that language. */
export function rememberChosenLang(req: FastifyRequest, reply: FastifyReply, secure: boolean): void {
  const chosen = queryLang(req);
  if (!chosen) return;
  reply.setCookie(LANG_COOKIE, chosen, {
    path: '/',
    maxAge: ONE_YEAR_SECONDS,
    sameSite: 'lax',
    httpOnly: true,
    secure,
  });
}
