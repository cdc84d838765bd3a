import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { MyCasesProps } from '../../../web/petitions/my-cases-page.tsx';
import type { TrackProps } from '../../../web/petitions/track-page.tsx';
import type { AppContext } from '../../core/context.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/errors.ts';
import { translate } from '../../core/i18n/messages.ts';
import { citizenOfRequest, vneidConfigFromEnv } from '../identity/index.ts';
import { detectLang, type PublicPages } from '../portal/index.ts';
import { findUnitByCode, todayInVietnam, unitsDb } from '../units/index.ts';
import { applyCitizenVerdict, casesOfVerifiedCitizen } from './citizen.ts';
import { trackedCase } from './public.routes.ts';
import { statusLabel } from './status-labels.ts';

const MY_CASES = '/phan-anh/cua-toi';
/** The citizens' app sign-in: the platform's login page, whose "Đăng nhập bằng VNeID" brokers to VNeID. */
const SIGN_IN = `/apps/pakn/login?next=${encodeURIComponent(MY_CASES)}`;

/**
 * "Phản ánh của tôi": a citizen signed in with VNeID sees every case sent under their verified citizen ID, and
 * follows, rates and reopens each one without its tracking code. Nobody else's case answers (404).
 */
export function registerMyCasesRoutes(app: FastifyInstance, ctx: AppContext, pages: PublicPages) {
  const db: Db = ctx.db;
  const hidden = {
    schema: { hide: true },
    onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      reply.header('cache-control', 'no-store');
      return payload;
    },
  };

  app.get(MY_CASES, hidden, async (req, reply) => {
    const lang = detectLang(req);
    const citizen = await citizenOfRequest(db, req);
    const props: MyCasesProps = {
      citizen: citizen ? { name: citizen.displayName } : null,
      signInHref: vneidConfigFromEnv() ? SIGN_IN : null,
      cases: [],
    };
    if (citizen) {
      const rows = await casesOfVerifiedCitizen(db, citizen.citizenId);
      const names = new Map<string, string>();
      for (const c of rows)
        if (!names.has(c.unitCode))
          names.set(
            c.unitCode,
            (await findUnitByCode(unitsDb(db), c.unitCode, todayInVietnam()))?.fullName ?? c.unitCode,
          );
      props.cases = rows.map((c) => ({
        id: c.id,
        title: c.title,
        status: c.status,
        statusLabel: statusLabel(c.status, lang),
        unitName: names.get(c.unitCode) ?? c.unitCode,
        receivedAt: c.receivedAt.toISOString(),
      }));
    }
    return pages.render(req, reply, { page: 'petitions/my-cases', props });
  });

  /** The sender's own case, or 404 for any case not sent under this citizen's verified identity. */
  async function ownCaseProps(req: FastifyRequest, citizenId: string, flash: TrackProps['flash'] = null) {
    const id = Number((req.params as { id: string }).id);
    const c = (await casesOfVerifiedCitizen(db, citizenId)).find((x) => x.id === id);
    if (!c) throw new AppError('NOT_FOUND');
    const view = await trackedCase(db, detectLang(req), c);
    const props: TrackProps = {
      mine: true,
      formAction: `${MY_CASES}/${c.id}/danh-gia`,
      query: '',
      notFound: false,
      flash,
      code: '',
      case: view,
    };
    return props;
  }

  app.get(`${MY_CASES}/:id`, hidden, async (req, reply) => {
    const citizen = await citizenOfRequest(db, req);
    if (!citizen) return reply.redirect(MY_CASES, 303);
    return pages.render(req, reply, { page: 'petitions/track', props: await ownCaseProps(req, citizen.citizenId) });
  });

  // Rating and reopening from the sender's own page, without the tracking code (same rules as with the code).
  app.post(`${MY_CASES}/:id/danh-gia`, hidden, async (req, reply) => {
    const citizen = await citizenOfRequest(db, req);
    if (!citizen) return reply.redirect(MY_CASES, 303);
    const id = Number((req.params as { id: string }).id);
    const form = (req.body ?? {}) as Record<string, string>;
    try {
      const done = await applyCitizenVerdict(db, { id, verifiedCitizenId: citizen.citizenId }, form);
      const props = await ownCaseProps(req, citizen.citizenId, { kind: 'success', message: done });
      return pages.render(req, reply, { page: 'petitions/track', props });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.code === 'NOT_FOUND') throw err;
      const message = translate(err.fields?.[0]?.code ?? err.code, detectLang(req), err.params);
      const props = await ownCaseProps(req, citizen.citizenId, { kind: 'error', message });
      return pages.render(req, reply, { page: 'petitions/track', props, status: err.status });
    }
  });
}
