import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import * as oidcClient from 'openid-client';
import { recordAudit } from '../../core/audit.ts';
import type { AppContext } from '../../core/context.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { accountPages, langOf } from './account-pages.ts';
import { identityDb } from './identity.db.ts';
import type { OidcHolder } from './provider.ts';

/** The national digital identity (or any OpenID provider standing for it), configured by environment. */
export type VneidConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token / userinfo claim carrying the 12-digit citizen ID number. */
  citizenIdClaim: string;
  scope: string;
};

export function vneidConfigFromEnv(env: NodeJS.ProcessEnv = process.env): VneidConfig | null {
  if (!env.VNEID_ISSUER || !env.VNEID_CLIENT_ID || !env.VNEID_CLIENT_SECRET) return null;
  return {
    issuer: env.VNEID_ISSUER,
    clientId: env.VNEID_CLIENT_ID,
    clientSecret: env.VNEID_CLIENT_SECRET,
    citizenIdClaim: env.VNEID_CITIZEN_ID_CLAIM || 'citizen_id',
    scope: env.VNEID_SCOPE || 'openid profile',
  };
}

/** A citizen ID number (Căn cước): 12 digits, the first three a province code (001–096). */
export function isCitizenId(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{12}$/.test(v)) return false;
  const province = Number(v.slice(0, 3));
  return province >= 1 && province <= 96;
}

const BROKER_COOKIE = 'mts_vneid';
const DONE_COOKIE = 'mts_vneid_done';
type BrokerState = { uid: string; state: string; nonce: string; verifier: string };

/**
 * Brokering: "Đăng nhập bằng VNeID" on the provider's login page sends the user to the external provider (code
 * flow with PKCE); its answer names a citizen by ID number, which finds or creates the citizen account, and the
 * platform's own sign-in interaction completes with that account.
 */
export function registerVneidBroker(
  app: FastifyInstance,
  ctx: AppContext,
  oidc: OidcHolder,
  cfg: VneidConfig,
  fetchFn: typeof fetch,
) {
  const secure = ctx.config.publicUrl.startsWith('https:');
  const redirectUri = `${ctx.config.publicUrl}/dang-nhap/vneid/callback`;
  const view = accountPages(ctx);
  const hidden = { schema: { hide: true } };
  let configPromise: Promise<oidcClient.Configuration> | null = null;
  const customFetch = fetchFn as unknown as oidcClient.CustomFetch;
  const upstream = () => {
    configPromise ??= oidcClient
      .discovery(new URL(cfg.issuer), cfg.clientId, undefined, oidcClient.ClientSecretBasic(cfg.clientSecret), {
        execute: cfg.issuer.startsWith('http:') ? [oidcClient.allowInsecureRequests] : [],
        [oidcClient.customFetch]: customFetch,
      })
      .then((c) => {
        c[oidcClient.customFetch] = customFetch;
        return c;
      });
    configPromise.catch(() => {
      configPromise = null;
    });
    return configPromise;
  };
  const cookieOpts = (path: string) => ({
    path,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    signed: true,
    maxAge: 600,
  });
  const readSigned = <T>(req: FastifyRequest, name: string): T | null => {
    const raw = req.cookies[name];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return null;
    try {
      return JSON.parse(un.value) as T;
    } catch {
      return null;
    }
  };
  const failed = (req: FastifyRequest, reply: FastifyReply, text: { vi: string; en: string }) =>
    view.render(
      req,
      reply,
      {
        title: 'VNeID',
        notices: [{ kind: 'error', text: text[langOf(req)] }],
        links: [{ href: '/', text: 'Mặt trận số' }],
      },
      400,
    );

  app.get('/dang-nhap/vneid', hidden, async (req, reply) => {
    const uid = String((req.query as { uid?: string }).uid ?? '');
    if (!/^[\w-]{10,64}$/.test(uid))
      return failed(req, reply, { vi: 'Yêu cầu đăng nhập không hợp lệ.', en: 'Invalid sign-in request.' });
    const config = await upstream();
    const s: BrokerState = {
      uid,
      state: oidcClient.randomState(),
      nonce: oidcClient.randomNonce(),
      verifier: oidcClient.randomPKCECodeVerifier(),
    };
    const url = oidcClient.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: cfg.scope,
      state: s.state,
      nonce: s.nonce,
      code_challenge: await oidcClient.calculatePKCECodeChallenge(s.verifier),
      code_challenge_method: 'S256',
    });
    reply.setCookie(BROKER_COOKIE, JSON.stringify(s), cookieOpts('/dang-nhap/vneid'));
    return reply.redirect(url.href, 303);
  });

  app.get('/dang-nhap/vneid/callback', hidden, async (req, reply) => {
    const s = readSigned<BrokerState>(req, BROKER_COOKIE);
    reply.clearCookie(BROKER_COOKIE, { path: '/dang-nhap/vneid' });
    if (!s)
      return failed(req, reply, {
        vi: 'Phiên đăng nhập VNeID đã hết hạn. Hãy thử lại.',
        en: 'The VNeID sign-in expired. Try again.',
      });
    let claims: Record<string, unknown>;
    try {
      const config = await upstream();
      const tokens = await oidcClient.authorizationCodeGrant(config, new URL(req.url, ctx.config.publicUrl), {
        pkceCodeVerifier: s.verifier,
        expectedState: s.state,
        expectedNonce: s.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      if (!(cfg.citizenIdClaim in claims)) {
        Object.assign(claims, await oidcClient.fetchUserInfo(config, tokens.access_token, String(claims.sub)));
      }
    } catch (err) {
      ctx.log.warn(
        { err: { name: (err as Error).name, code: (err as { code?: string }).code } },
        'VNeID sign-in failed',
      );
      return failed(req, reply, {
        vi: 'Không hoàn tất được đăng nhập bằng VNeID.',
        en: 'The VNeID sign-in could not be completed.',
      });
    }
    const citizenId = claims[cfg.citizenIdClaim];
    if (!isCitizenId(citizenId)) {
      await recordAudit(ctx.db, {
        actor: null,
        action: 'identity.vneid.invalid_citizen_id',
        target: { type: 'account', unitPath: null },
      });
      return failed(req, reply, {
        vi: 'VNeID không trả về số định danh cá nhân hợp lệ (12 chữ số).',
        en: 'VNeID did not return a valid personal ID number (12 digits).',
      });
    }
    const name =
      typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().normalize('NFC') : 'Công dân';
    const accountId = await linkCitizen(ctx, citizenId, name);
    if (!accountId) return failed(req, reply, { vi: 'Tài khoản đã bị khóa.', en: 'The account is disabled.' });
    reply.setCookie(
      DONE_COOKIE,
      JSON.stringify({ uid: s.uid, accountId, exp: Date.now() + 120_000 }),
      cookieOpts('/dang-nhap/sso/'),
    );
    return reply.redirect(`/dang-nhap/sso/${s.uid}/vneid`, 303);
  });

  // Back on the interaction's own path (its cookie lives there): finish the platform sign-in as that citizen.
  app.get('/dang-nhap/sso/:uid/vneid', hidden, async (req, reply) => {
    const { uid } = req.params as { uid: string };
    const done = readSigned<{ uid: string; accountId: string; exp: number }>(req, DONE_COOKIE);
    reply.clearCookie(DONE_COOKIE, { path: '/dang-nhap/sso/' });
    if (!done || done.uid !== uid || done.exp < Date.now()) {
      return failed(req, reply, {
        vi: 'Phiên đăng nhập đã hết hạn. Hãy thử lại.',
        en: 'The sign-in expired. Try again.',
      });
    }
    const redirectTo: string = await oidc.provider.interactionResult(
      req.raw,
      reply.raw,
      { login: { accountId: done.accountId, amr: ['fed'], acr: 'urn:mts:vneid' } },
      { mergeWithLastSubmission: false },
    );
    return reply.redirect(redirectTo, 303);
  });
}

/** Finds the citizen account by ID number, or creates it at first login; null when it is disabled. */
async function linkCitizen(ctx: AppContext, citizenId: string, name: string): Promise<string | null> {
  return withTransaction(identityDb(ctx.db), async (trx) => {
    const found = await trx
      .selectFrom('account')
      .select(['id', 'status'])
      .where('citizen_id', '=', citizenId)
      .executeTakeFirst();
    if (found) {
      await recordAudit(trx, {
        actor: null,
        action: 'identity.login.vneid',
        target: { type: 'account', id: found.id, unitPath: null },
      });
      return found.status === 'active' ? found.id : null;
    }
    const { rows } = await sql<{ id: string }>`INSERT INTO account (kind, display_name, citizen_id, created_by)
      VALUES ('citizen', ${name}, ${citizenId}, 'vneid')
      ON CONFLICT (citizen_id) WHERE citizen_id IS NOT NULL DO NOTHING RETURNING id`.execute(trx);
    const row = rows[0];
    const id =
      row?.id ??
      (await trx.selectFrom('account').select('id').where('citizen_id', '=', citizenId).executeTakeFirstOrThrow()).id;
    // The audit names the account, never the ID number itself.
    await recordAudit(trx, {
      actor: null,
      action: 'identity.citizen.created',
      target: { type: 'account', id, unitPath: null },
      details: { via: 'vneid' },
    });
    return id;
  });
}
