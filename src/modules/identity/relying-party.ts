import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { sql } from 'kysely';
import * as oidcClient from 'openid-client';
import { auditInsert, recordAudit } from '../../core/audit.ts';
import {
  ORG_TYPES,
  type OrgType,
  type Principal,
  ROLES,
  type Role,
  type UnitLevel,
} from '../../core/auth/principal.ts';
import { sessionCookieOptions } from '../../core/auth/request-auth.ts';
import { SESSION_COOKIE, sessionInsert } from '../../core/auth/session.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { CITIZEN_COOKIE, createCitizenSession, endCitizenSession } from './citizen-session.ts';
import { APP_CLIENTS, appClient, appClientSecret, appPostLogoutUri, appRedirectUri } from './clients.ts';
import { safeNext } from './identity.pages.ts';
import type { OidcHolder } from './provider.ts';
import { sha256 } from './secrets.ts';

/** The app citizens sign in to (VNeID), and where they land when no other page was asked for. */
const CITIZEN_APP = 'pakn';
const CITIZEN_HOME = '/phan-anh/cua-toi';

type RpState = { state: string; nonce: string; verifier: string; next: string };
const stateCookie = (clientId: string) => `mts_rp_${clientId.replace(/-/g, '_')}`;

/**
 * Each app of the platform is a relying party of the provider, server side: /apps/<client>/login starts the code
 * flow with PKCE S256, /apps/<client>/callback exchanges the code and opens the app session (auth_session, the
 * HttpOnly SameSite cookie) whose principal comes from the ID token's claims; the provider's back-channel logout
 * ends the app sessions of the provider session it names.
 */
export function registerRelyingParties(app: FastifyInstance, ctx: AppContext, oidc: OidcHolder, fetchFn: typeof fetch) {
  const fetchImpl = fetchFn as unknown as oidcClient.CustomFetch;
  const publicUrl = ctx.config.publicUrl;
  const secure = publicUrl.startsWith('https:');
  const configs = new Map<string, Promise<oidcClient.Configuration>>();
  const hidden = { schema: { hide: true } };

  function configFor(clientId: string): Promise<oidcClient.Configuration> {
    let c = configs.get(clientId);
    if (!c) {
      c = oidcClient
        .discovery(
          new URL(oidc.issuer),
          clientId,
          { id_token_signed_response_alg: 'RS256' },
          oidcClient.ClientSecretBasic(appClientSecret(ctx.config.tokenSecret, clientId)),
          { execute: secure ? [] : [oidcClient.allowInsecureRequests], [oidcClient.customFetch]: fetchImpl },
        )
        .then((config) => {
          config[oidcClient.customFetch] = fetchImpl;
          return config;
        });
      c.catch(() => configs.delete(clientId));
      configs.set(clientId, c);
    }
    return c;
  }

  const clientOf = (req: FastifyRequest) => {
    const c = appClient((req.params as { client: string }).client);
    if (!c) throw new AppError('NOT_FOUND');
    return c;
  };

  app.get('/apps/:client/login', hidden, async (req, reply) => {
    const client = clientOf(req);
    const config = await configFor(client.id);
    const s: RpState = {
      state: oidcClient.randomState(),
      nonce: oidcClient.randomNonce(),
      verifier: oidcClient.randomPKCECodeVerifier(),
      next: safeNext((req.query as { next?: string }).next ?? client.home),
    };
    const url = oidcClient.buildAuthorizationUrl(config, {
      redirect_uri: appRedirectUri(publicUrl, client.id),
      scope: 'openid profile',
      state: s.state,
      nonce: s.nonce,
      code_challenge: await oidcClient.calculatePKCECodeChallenge(s.verifier),
      code_challenge_method: 'S256',
    });
    reply.setCookie(stateCookie(client.id), JSON.stringify(s), {
      path: `/apps/${client.id}/`,
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: 600,
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/apps/:client/callback', hidden, async (req, reply) => {
    const client = clientOf(req);
    const raw = req.cookies[stateCookie(client.id)];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return reply.redirect(`/apps/${client.id}/login`, 303);
    const s = JSON.parse(un.value) as RpState;
    reply.clearCookie(stateCookie(client.id), { path: `/apps/${client.id}/` });
    const config = await configFor(client.id);
    const current = new URL(req.url, publicUrl);
    let tokens: Awaited<ReturnType<typeof oidcClient.authorizationCodeGrant>>;
    try {
      tokens = await oidcClient.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: s.verifier,
        expectedState: s.state,
        expectedNonce: s.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      ctx.log.warn({ err: { name: (err as Error).name, code: (err as { code?: string }).code } }, 'app sign-in failed');
      throw new AppError('SSO_CALLBACK_FAILED');
    }
    const claims = tokens.claims();
    if (!claims) throw new AppError('SSO_CALLBACK_FAILED');
    const principal = principalFromClaims(claims);
    if (!principal && client.id === CITIZEN_APP && claims.account_kind === 'citizen') {
      // A citizen (VNeID) in the citizens' app: a citizen session, never a staff principal.
      const token = await createCitizenSession(
        ctx.db,
        { accountId: String(claims.sub), displayName: typeof claims.name === 'string' ? claims.name : '' },
        { userAgent: req.headers['user-agent'], clientId: client.id, oidcSid: (claims.sid as string) ?? null },
      );
      await recordAudit(ctx.db, {
        actor: null,
        action: 'identity.session.citizen_login',
        target: { type: 'account', id: String(claims.sub), unitPath: null },
        details: { clientId: client.id },
      });
      reply.setCookie(CITIZEN_COOKIE, token, sessionCookieOptions(secure));
      return reply.redirect(s.next.startsWith('/quan-tri') ? CITIZEN_HOME : s.next, 303);
    }
    if (!principal) throw new AppError('SSO_NOT_STAFF');
    // The session with its provider link, and its audit entry, in one statement: one round trip, one commit.
    const { token, insert } = sessionInsert(principal, {
      userAgent: req.headers['user-agent'],
      sso: { clientId: client.id, oidcSid: (claims.sid as string) ?? null },
    });
    const audit = auditInsert({
      actor: principal,
      action: 'identity.session.app_login',
      target: { type: 'account', id: principal.accountId, unitPath: principal.unitPath },
      details: { clientId: client.id },
    });
    await sql`WITH opened AS (${insert} RETURNING 1), audited AS (${audit}) SELECT 1 FROM opened`.execute(ctx.db);
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secure));
    return reply.redirect(s.next, 303);
  });

  // Back-channel logout: a logout token signed by the provider names the session (sid) to end in this app.
  app.post('/apps/:client/backchannel-logout', hidden, async (req, reply) => {
    const client = clientOf(req);
    const body = (req.body ?? {}) as { logout_token?: string };
    if (typeof body.logout_token !== 'string') throw new AppError('VALIDATION_FAILED');
    const jwks = createLocalJWKSet({ keys: await jwksOf(fetchFn, oidc.issuer) });
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(body.logout_token, jwks, {
        issuer: oidc.issuer,
        audience: client.id,
        algorithms: ['RS256'],
        maxTokenAge: '5m',
      }));
    } catch {
      return reply.code(400).send({ error: 'invalid_request' });
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events?.['http://schemas.openid.net/event/backchannel-logout'] || 'nonce' in payload) {
      return reply.code(400).send({ error: 'invalid_request' });
    }
    const sid = typeof payload.sid === 'string' ? payload.sid : null;
    const sub = typeof payload.sub === 'string' ? payload.sub : null;
    const res = sid
      ? await sql`UPDATE auth_session SET revoked_at = now()
          WHERE client_id = ${client.id} AND oidc_sid = ${sid} AND revoked_at IS NULL`.execute(ctx.db)
      : await sql`UPDATE auth_session SET revoked_at = now()
          WHERE client_id = ${client.id} AND account_id = ${sub} AND revoked_at IS NULL`.execute(ctx.db);
    await recordAudit(ctx.db, {
      actor: null,
      action: 'identity.session.backchannel_logout',
      target: { type: 'account', id: sub, unitPath: null },
      details: { clientId: client.id, sessions: Number(res.numAffectedRows ?? 0) },
    });
    return reply.code(204).send();
  });

  // Sign out of this app and, through the provider, of every app signed in with the same provider session.
  app.post('/apps/:client/logout', hidden, async (req, reply) => {
    const client = clientOf(req);
    const token = req.cookies[SESSION_COOKIE];
    if (token)
      await sql`UPDATE auth_session SET revoked_at = now() WHERE token_hash = ${sha256(token)}`.execute(ctx.db);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    await endCitizenSession(ctx.db, req, reply);
    const config = await configFor(client.id);
    const url = oidcClient.buildEndSessionUrl(config, {
      client_id: client.id,
      post_logout_redirect_uri: appPostLogoutUri(publicUrl, client.id),
    });
    return reply.redirect(url.href, 303);
  });

  app.get('/apps/:client/signed-out', hidden, async (req, reply) => {
    clientOf(req);
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  app.get('/apps', hidden, async () => ({
    apps: APP_CLIENTS.map((c) => ({ id: c.id, name: c.name, login: `/apps/${c.id}/login` })),
  }));
}

async function jwksOf(fetchImpl: typeof fetch, issuer: string) {
  const res = await fetchImpl(`${issuer}/jwks`);
  return ((await res.json()) as { keys: never[] }).keys;
}

/** The principal an app builds from the ID token: unit code, path, level, organisation and roles. */
export function principalFromClaims(c: Record<string, unknown>): Principal | null {
  if (c.account_kind !== 'staff') return null;
  const roles = Array.isArray(c.roles)
    ? c.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r))
    : [];
  if (
    typeof c.sub !== 'string' ||
    typeof c.unit_code !== 'string' ||
    typeof c.unit_path !== 'string' ||
    !['central', 'province', 'commune', 'village'].includes(c.unit_level as string) ||
    !(ORG_TYPES as readonly string[]).includes(c.org_type as string)
  ) {
    return null;
  }
  return {
    accountId: c.sub,
    displayName: typeof c.name === 'string' ? c.name : '',
    unitCode: c.unit_code,
    unitPath: c.unit_path,
    unitLevel: c.unit_level as UnitLevel,
    orgType: c.org_type as OrgType,
    roles,
  };
}
