import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { SignInProps, UnitOption } from '../../../web/identity/sign-in-page.tsx';
import { ORG_TYPES, type OrgType, ROLES, type Role } from '../../core/auth/principal.ts';
import { SESSION_COOKIE } from '../../core/auth/session.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { registerMessages, translate } from '../../core/i18n/messages.ts';
import { createPublicPages, detectLang } from '../portal/index.ts';
import { listProvinces, resolveUnitInput, staffRoute, todayInVietnam, unitsDb } from '../units/index.ts';
import { appPostLogoutUri } from './clients.ts';
import { endSession, startDevSession } from './dev-login.ts';

registerMessages({
  SIGN_IN_UNIT_REQUIRED: { vi: 'Hãy nhập mã hoặc tên đơn vị.', en: 'Type the code or name of a unit.' },
  SIGN_IN_UNIT_UNKNOWN: {
    vi: 'Không tìm thấy đơn vị "{unit}". Hãy nhập mã (ví dụ 01, 00004) hoặc tên tỉnh, xã.',
    en: 'No unit matches "{unit}". Type a code (e.g. 01, 00004) or the name of a province or commune.',
  },
  SIGN_IN_ORG_REQUIRED: { vi: 'Hãy chọn tổ chức.', en: 'Choose an organisation.' },
  SIGN_IN_ROLES_REQUIRED: { vi: 'Hãy chọn ít nhất một vai trò.', en: 'Choose at least one role.' },
});

type SignInForm = { unit?: string; orgType?: string; roles?: string | string[]; next?: string };

/** Only a same-site relative path: "/quan-tri/thon", never "//evil.example" or "https://…". */
export function safeNext(raw: unknown): string {
  if (typeof raw !== 'string' || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) {
    return '/quan-tri';
  }
  return /[\r\n]/.test(raw) ? '/quan-tri' : raw;
}

function asList(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** The sign-in page (development sign-in until single sign-on), sign-out, and the staff overview. */
export function registerIdentityPages(app: FastifyInstance, ctx: AppContext): void {
  const pages = createPublicPages(ctx.config);
  const db = unitsDb(ctx.db);
  const hidden = { schema: { hide: true } };

  async function suggestions(): Promise<UnitOption[]> {
    const provinces = await listProvinces(db, todayInVietnam());
    return provinces.map((p) => ({ code: p.code, fullName: p.fullName, parentName: null }));
  }

  async function renderSignIn(
    req: FastifyRequest,
    reply: Parameters<typeof pages.render>[1],
    props: Partial<SignInProps>,
    status = 200,
  ) {
    const query = req.query as { next?: string; 'da-dang-xuat'?: string };
    return pages.render(req, reply, {
      page: 'identity/sign-in',
      status,
      props: {
        enabled: ctx.config.devLogin,
        next: safeNext(props.next ?? query.next),
        values: { unit: '', orgType: 'front', roles: ['data_entry'] },
        errors: {},
        unitChoices: [],
        suggestions: ctx.config.devLogin ? await suggestions() : [],
        signedOut: query['da-dang-xuat'] === '1',
        ...props,
      },
    });
  }

  app.get('/dang-nhap', hidden, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return renderSignIn(req, reply, {});
  });

  app.post('/dang-nhap', hidden, async (req, reply) => {
    if (!ctx.config.devLogin) return renderSignIn(req, reply, {}, 404);
    const lang = detectLang(req);
    const body = (req.body ?? {}) as SignInForm;
    const next = safeNext(body.next);
    const roles = asList(body.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const orgType = (ORG_TYPES as readonly string[]).includes(body.orgType ?? '') ? (body.orgType as OrgType) : null;
    const values = { unit: (body.unit ?? '').trim(), orgType: orgType ?? 'front', roles };
    const errors: SignInProps['errors'] = {};
    if (!orgType) errors.orgType = translate('SIGN_IN_ORG_REQUIRED', lang);
    if (!roles.length) errors.roles = translate('SIGN_IN_ROLES_REQUIRED', lang);
    const resolved = await resolveUnitInput(db, values.unit);
    if (resolved.kind === 'none') {
      errors.unit = translate(values.unit ? 'SIGN_IN_UNIT_UNKNOWN' : 'SIGN_IN_UNIT_REQUIRED', lang, {
        unit: values.unit,
      });
    }
    const unitChoices = resolved.kind === 'many' ? resolved.choices : [];
    if (Object.keys(errors).length || resolved.kind !== 'one' || !orgType) {
      return renderSignIn(req, reply, { next, values, errors, unitChoices }, unitChoices.length ? 200 : 400);
    }
    try {
      await startDevSession(ctx, req, reply, { unitCode: resolved.unit.code, orgType, roles });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      return renderSignIn(req, reply, { next, values, errors: { form: translate(err.code, lang, err.params) } }, 400);
    }
    return reply.redirect(next, 303);
  });

  app.post('/dang-xuat', hidden, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const { rows } = token
      ? await sql<{ client_id: string | null }>`SELECT client_id FROM auth_session
          WHERE token_hash = ${createHash('sha256').update(token).digest()}`.execute(ctx.db)
      : { rows: [] };
    await endSession(ctx, req, reply);
    const clientId = rows[0]?.client_id;
    // A single sign-on session also ends at the provider, which signs the other apps out (back-channel).
    if (clientId) {
      const back = encodeURIComponent(appPostLogoutUri(ctx.config.publicUrl, clientId));
      return reply.redirect(`/oidc/session/end?client_id=${clientId}&post_logout_redirect_uri=${back}`, 303);
    }
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  app.get(
    '/quan-tri',
    hidden,
    staffRoute(pages, db, async (req, reply, { account }) =>
      pages.render(req, reply, { page: 'staff/home', props: { account } }),
    ),
  );
}
