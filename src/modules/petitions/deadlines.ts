import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { DeadlinesProps } from '../../../web/petitions/deadlines-page.tsx';
import { recordAudit } from '../../core/audit.ts';
import { authorize } from '../../core/auth/policy.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError, type FieldError } from '../../core/http/errors.ts';
import { translate } from '../../core/i18n/messages.ts';
import type { PublicPages } from '../portal/index.ts';
import { staffRoute, unitsDb } from '../units/index.ts';
import { forgetCategories, listCategories } from './cases.repo.ts';
import { categoryOptions } from './public.routes.ts';

const PAGE = '/quan-tri/phan-anh/thoi-han';
export const MIN_DEADLINE_DAYS = 1;
export const MAX_DEADLINE_DAYS = 90;

/** Only the Front's administrators at Central set the deadlines (they apply to the whole country). */
export function requireCentralAdmin(p: Principal | null): asserts p is Principal {
  authorize(p, 'administer', { unitPath: 'vn', orgType: 'front' });
  if (p.unitPath !== 'vn') throw new AppError('NOT_FOUND');
}

/** Parses a typed number of working days: whole, within 1–90; null when it is not. */
export function parseDeadlineDays(raw: unknown): number | null {
  const s = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
  if (!/^\d{1,2}$/.test(s)) return null;
  const n = Number(s);
  return n >= MIN_DEADLINE_DAYS && n <= MAX_DEADLINE_DAYS ? n : null;
}

/**
 * Sets the deadlines of several categories at once: all or nothing (any invalid value refuses the whole form,
 * with an error per field), one audit entry per category whose deadline changed. Returns the codes changed.
 */
export async function setDeadlines(db: Db, p: Principal | null, wanted: Record<string, unknown>): Promise<string[]> {
  requireCentralAdmin(p);
  const cats = await listCategories(db);
  const known = new Map(cats.map((c) => [c.code, c.deadlineDays]));
  const fields: FieldError[] = [];
  const changes: [string, number][] = [];
  for (const [code, raw] of Object.entries(wanted)) {
    if (!known.has(code)) throw new AppError('NOT_FOUND');
    const days = parseDeadlineDays(raw);
    if (days === null) fields.push({ field: code, code: 'PETITION_DEADLINE_DAYS', message: '' });
    else if (days !== known.get(code)) changes.push([code, days]);
  }
  if (fields.length) throw new AppError('VALIDATION_FAILED', { fields });
  if (!changes.length) return [];
  await withTransaction(db, async (trx) => {
    for (const [code, days] of changes) {
      await sql`UPDATE petition_category SET deadline_days = ${days} WHERE code = ${code}`.execute(trx);
      await recordAudit(trx, {
        actor: p,
        action: 'petitions.category.deadline',
        target: { type: 'petition_category', id: code, unitPath: 'vn' },
        details: { from: known.get(code), deadlineDays: days },
      });
    }
  });
  forgetCategories();
  return changes.map(([code]) => code);
}

/** The page where Central administrators set each category's deadline (no JavaScript needed). */
export function registerDeadlinePages(app: FastifyInstance, ctx: AppContext, pages: PublicPages) {
  const db: Db = ctx.db;
  const udb = unitsDb(db);
  const hidden = {
    schema: { hide: true },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.header('cache-control', 'no-store');
      return payload;
    },
  };
  const props = async (
    account: DeadlinesProps['account'],
    lang: 'vi' | 'en',
    extra: Partial<Pick<DeadlinesProps, 'values' | 'errors' | 'flash'>> = {},
  ): Promise<DeadlinesProps> => ({
    account,
    categories: categoryOptions(await listCategories(db), lang).map((c) => ({
      code: c.code,
      name: c.name,
      deadlineDays: c.deadlineDays,
    })),
    values: extra.values ?? {},
    errors: extra.errors ?? {},
    flash: extra.flash ?? null,
    min: MIN_DEADLINE_DAYS,
    max: MAX_DEADLINE_DAYS,
  });

  app.get(
    PAGE,
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireCentralAdmin(principal);
      const ok = (req.query as { ok?: string }).ok;
      const flash = ok === 'saved' || ok === 'unchanged' ? ok : null;
      return pages.render(req, reply, { page: 'petitions/deadlines', props: await props(account, lang, { flash }) });
    }),
  );

  app.post(
    PAGE,
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
      requireCentralAdmin(principal);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const wanted: Record<string, string> = {};
      for (const [k, v] of Object.entries(body))
        if (k.startsWith('days_')) wanted[k.slice(5)] = String(v ?? '').slice(0, 10);
      try {
        const changed = await setDeadlines(db, principal, wanted);
        return reply.redirect(`${PAGE}?ok=${changed.length ? 'saved' : 'unchanged'}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
        const errors = Object.fromEntries((err.fields ?? []).map((f) => [f.field, translate(f.code, lang)]));
        return pages.render(req, reply, {
          page: 'petitions/deadlines',
          props: await props(account, lang, { values: wanted, errors }),
          status: 400,
        });
      }
    }),
  );
}
