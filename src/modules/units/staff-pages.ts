import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffAccount } from '../../../web/staff/account.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { detectLang, type PublicPages } from '../portal/index.ts';
import { todayInVietnam } from './unit-naming.ts';
import type { UnitsDb } from './units.db.ts';
import { findUnitByCode } from './units.repo.ts';
import { organisationsOf } from './units.service.ts';

/** The account as the staff shell shows it: its unit's full name and its organisation's proper name. */
export async function staffAccountOf(db: UnitsDb, p: Principal, lang: Lang): Promise<StaffAccount> {
  const unit = await findUnitByCode(db, p.unitCode, todayInVietnam());
  const orgs = unit ? await organisationsOf(db, p, p.unitCode, lang).catch(() => []) : [];
  return {
    displayName: p.displayName,
    unitCode: p.unitCode,
    unitName: unit?.fullName ?? p.unitCode,
    unitLevel: p.unitLevel,
    orgType: p.orgType,
    orgName: orgs.find((o) => o.orgType === p.orgType)?.name ?? '',
    roles: p.roles,
  };
}

/** Where an anonymous visitor of a staff page goes: the sign-in page, coming back here afterwards. */
export function signInRedirect(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
}

/** The HTML 404 in the shell of whoever asked (staff shell when signed in). */
export async function renderNotFound(
  pages: PublicPages,
  req: FastifyRequest,
  reply: FastifyReply,
  account: StaffAccount | null,
): Promise<FastifyReply> {
  return pages.render(req, reply, { page: 'staff/not-found', props: { account }, status: 404 });
}

export type StaffHandler = (
  req: FastifyRequest,
  reply: FastifyReply,
  staff: { principal: Principal; account: StaffAccount; lang: Lang },
) => Promise<FastifyReply>;

/**
 * Wraps a staff page: anonymous visitors are sent to sign in; what the one policy hides (404, including
 * out-of-scope units) renders the HTML 404 page in the staff shell; other errors go to the error handler.
 */
export function staffRoute(pages: PublicPages, db: UnitsDb, handler: StaffHandler) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const principal = req.principal;
    if (!principal) return signInRedirect(req, reply);
    const lang = detectLang(req);
    const account = await staffAccountOf(db, principal, lang);
    try {
      return await handler(req, reply, { principal, account, lang });
    } catch (err) {
      if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return signInRedirect(req, reply);
      if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
        return renderNotFound(pages, req, reply, account);
      }
      throw err;
    }
  };
}
