import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DirectoryProps } from '../../../web/petitions/directory-page.tsx';
import type { StaffAccount } from '../../../web/staff/account.ts';
import type { Principal } from '../../core/auth/principal.ts';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { translate } from '../../core/i18n/messages.ts';
import { staffAccountsWithRole } from '../identity/index.ts';
import type { PublicPages } from '../portal/index.ts';
import { findUnitByCode, staffRoute, todayInVietnam, unitsDb } from '../units/index.ts';
import {
  canManageDirectory,
  createEntry,
  linkAccount,
  listDirectory,
  unlinkAccount,
  updateEntry,
} from './directory.ts';

const TAG = ['petitions: staff'];
const UNIT_CODE = /^(VN|\d{2}|\d{5})$/;
const PAGE = '/quan-tri/phan-anh/co-quan';

type FormState = DirectoryProps['form'];

/** The unit a manager asks for (their own by default), 404 when unknown, a village or outside their scope. */
async function managedUnit(db: Db, p: Principal, code: string | undefined) {
  const wanted = code && UNIT_CODE.test(code) ? code : p.unitLevel === 'village' ? '' : p.unitCode;
  const unit = wanted ? await findUnitByCode(unitsDb(db), wanted, todayInVietnam()) : null;
  if (!unit || unit.level === 'village' || !canManageDirectory(p, unit.path)) throw new AppError('NOT_FOUND');
  return unit;
}

/** Field errors of a refused form, in the page's language, keyed by field (the rest under `form`). */
function errorsOf(err: AppError, lang: Lang): Record<string, string> {
  if (err.fields?.length) return Object.fromEntries(err.fields.map((f) => [f.field, translate(f.code, lang)]));
  return { form: translate(err.code, lang, err.params) };
}

/**
 * The directory of competent authorities, per unit, for the Front's handlers and administrators: the staff page
 * (plain forms, POST-redirect-GET, errors beside the field) and the JSON API.
 */
export function registerDirectoryRoutes(app: FastifyInstance, ctx: AppContext, pages: PublicPages) {
  const db: Db = ctx.db;
  const udb = unitsDb(db);
  const hidden = {
    schema: { hide: true },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.header('cache-control', 'no-store');
      return payload;
    },
  };

  async function pageProps(
    p: Principal,
    account: StaffAccount,
    unitCode: string | undefined,
    extra: { flash?: string | null; form?: FormState } = {},
  ): Promise<DirectoryProps> {
    const unit = await managedUnit(db, p, unitCode);
    const [entries, candidates] = await Promise.all([
      listDirectory(db, unit.path),
      staffAccountsWithRole(db, { role: 'authority', within: p.unitPath, aboveOrAt: unit.path }),
    ]);
    return {
      account,
      unit: { code: unit.code, fullName: unit.fullName, level: unit.level },
      ownUnit: p.unitCode,
      entries: entries.map((e) => ({ id: e.id, name: e.name, email: e.email, active: e.active, accounts: e.accounts })),
      candidates: candidates.map((c) => ({
        id: c.id,
        label: `${c.displayName}${c.username ? ` (${c.username})` : ''} — ${c.unitCode}`,
      })),
      flash: extra.flash ?? null,
      form: extra.form ?? null,
    };
  }

  const back = (reply: FastifyReply, unit: string, ok: string) =>
    reply.redirect(`${PAGE}?don-vi=${encodeURIComponent(unit)}&ok=${ok}`, 303);

  app.get(
    PAGE,
    hidden,
    staffRoute(pages, udb, async (req, reply, { principal, account }) => {
      const q = req.query as { 'don-vi'?: string; ok?: string };
      const flash = /^[a-z-]{2,20}$/.test(q.ok ?? '') ? q.ok! : null;
      const props = await pageProps(principal, account, q['don-vi'], { flash });
      return pages.render(req, reply, { page: 'petitions/directory', props });
    }),
  );

  /**
   * Every form of the page posts here with its own path; a refused form renders the page again (status 400/409)
   * with the error beside the field of that form and what was typed.
   */
  const formRoute = (
    path: string,
    key: (id: number) => string,
    run: (p: Principal, id: number, f: Record<string, string>) => Promise<{ unit: string; ok: string }>,
  ) =>
    app.post(
      path,
      hidden,
      staffRoute(pages, udb, async (req, reply, { principal, account, lang }) => {
        const id = Number((req.params as { id?: string }).id ?? 0);
        const f = Object.fromEntries(
          Object.entries((req.body ?? {}) as Record<string, unknown>).map(([k, v]) => [
            k,
            String(v ?? '').slice(0, 300),
          ]),
        );
        try {
          const done = await run(principal, id, f);
          return back(reply, done.unit, done.ok);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
          const form: FormState = { key: key(id), values: f, errors: errorsOf(err, lang) };
          const props = await pageProps(principal, account, f.unit, { form });
          return pages.render(req, reply, { page: 'petitions/directory', props, status: err.status });
        }
      }),
    );

  formRoute(
    `${PAGE}/them`,
    () => 'create',
    async (p, _id, f) => {
      const unit = await managedUnit(db, p, f.unit);
      await createEntry(db, p, unit, { name: f.name ?? '', email: f.email || null });
      return { unit: unit.code, ok: 'created' };
    },
  );
  formRoute(
    `${PAGE}/:id/sua`,
    (id) => `edit-${id}`,
    async (p, id, f) => {
      await updateEntry(db, p, id, { name: f.name ?? '', email: f.email || null });
      return { unit: f.unit ?? '', ok: 'saved' };
    },
  );
  formRoute(
    `${PAGE}/:id/trang-thai`,
    (id) => `edit-${id}`,
    async (p, id, f) => {
      const active = f.active === 'on';
      await updateEntry(db, p, id, { active });
      return { unit: f.unit ?? '', ok: active ? 'activated' : 'deactivated' };
    },
  );
  formRoute(
    `${PAGE}/:id/lien-ket`,
    (id) => `link-${id}`,
    async (p, id, f) => {
      await linkAccount(db, p, id, f.accountId ?? '');
      return { unit: f.unit ?? '', ok: 'linked' };
    },
  );
  formRoute(
    `${PAGE}/:id/bo-lien-ket`,
    (id) => `link-${id}`,
    async (p, id, f) => {
      await unlinkAccount(db, p, id, f.accountId ?? '');
      return { unit: f.unit ?? '', ok: 'unlinked' };
    },
  );

  // JSON API
  const r = app.withTypeProvider<ZodTypeProvider>();
  const idParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
  r.get(
    '/api/petitions/directory',
    {
      schema: {
        tags: TAG,
        summary: 'A unit’s own directory entries with their linked accounts (the Front of the unit or above)',
        querystring: z.object({ unit: z.string().regex(UNIT_CODE) }),
      },
    },
    async (req) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      const unit = await managedUnit(db, req.principal, req.query.unit);
      return { unit: { code: unit.code, fullName: unit.fullName }, items: await listDirectory(db, unit.path) };
    },
  );
  r.patch(
    '/api/petitions/authorities/:id',
    {
      schema: {
        tags: TAG,
        summary: 'Rename an authority, change its e-mail, deactivate or reactivate it',
        params: idParams,
        body: z.object({
          name: z.string().max(300).optional(),
          email: z.string().max(300).nullable().optional(),
          active: z.boolean().optional(),
        }),
      },
    },
    async (req, reply) => {
      await updateEntry(db, req.principal, req.params.id, req.body);
      return reply.status(204).send();
    },
  );
  r.post(
    '/api/petitions/authorities/:id/accounts',
    {
      schema: {
        tags: TAG,
        summary: 'Link an authority account to a directory entry (it then sees and answers that entry’s cases)',
        params: idParams,
        body: z.object({ accountId: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      await linkAccount(db, req.principal, req.params.id, req.body.accountId);
      return reply.status(204).send();
    },
  );
  r.delete(
    '/api/petitions/authorities/:id/accounts/:accountId',
    {
      schema: {
        tags: TAG,
        summary: 'Unlink an account from a directory entry',
        params: idParams.extend({ accountId: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      await unlinkAccount(db, req.principal, req.params.id, req.params.accountId);
      return reply.status(204).send();
    },
  );
}
