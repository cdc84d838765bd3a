import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { recordAudit } from '../../core/audit.ts';
import type { AppContext } from '../../core/context.ts';
import { type Account, findAccountById } from './accounts.repo.ts';
import { appClient, appClientMetadata } from './clients.ts';
import { identityDb } from './identity.db.ts';
import { createOidcAdapter, takeReadAheadAccount, withProviderRequest } from './oidc-adapter.ts';
import { oidcErrorPage, oidcLogoutPage, oidcSignedOutPage } from './oidc-pages.ts';
import type { Sealer } from './secrets.ts';
import { installSignInLane } from './sign-in-lane.ts';
import { ensureSigningKey, loadSigningKeys } from './signing-keys.ts';
import {
  REGENERATE_FLAG,
  regenerateSigningKeys,
  signingKeysOpen,
  tokenSecretChangedError,
} from './token-secret-change.ts';

/** Lifetimes chosen for staff: short access tokens, refresh within one working day, rotating. */
export const TOKEN_TTL = {
  AccessToken: 15 * 60,
  AuthorizationCode: 60,
  IdToken: 15 * 60,
  RefreshToken: 8 * 60 * 60,
  Grant: 8 * 60 * 60,
  Session: 8 * 60 * 60,
  Interaction: 10 * 60,
} as const;

export const OIDC_MOUNT = '/oidc';
export const interactionPath = (uid: string) => `/dang-nhap/sso/${uid}`;

/** Claims the apps build their principal from: the account's unit, its path, organisation and roles. */
export function claimsOf(a: Account): Record<string, unknown> {
  const base = { sub: a.id, name: a.displayName, account_kind: a.kind };
  if (a.kind !== 'staff') return base;
  return {
    ...base,
    unit_code: a.unitCode,
    unit_path: a.unitPath,
    unit_level: a.unitLevel,
    org_type: a.orgType,
    roles: a.roles,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: oidc-provider is untyped
export type OidcProvider = any;

export type OidcHolder = {
  issuer: string;
  readonly provider: OidcProvider;
  /** Rebuilds the provider (after a key rotation); its state lives in the database, so nothing is lost. */
  reload(): Promise<void>;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
};

export async function createOidc(ctx: AppContext, sealer: Sealer, fetchImpl: typeof fetch): Promise<OidcHolder> {
  const issuer = `${ctx.config.publicUrl}${OIDC_MOUNT}`;
  const idb = identityDb(ctx.db);
  const Adapter = createOidcAdapter(ctx.db, sealer);
  await ensureSigningKey(ctx.db, sealer);
  await recoverFromTokenSecretChange(ctx, sealer);

  async function build(): Promise<OidcProvider> {
    const keys = await loadSigningKeys(ctx.db, sealer);
    const provider = new Provider(issuer, {
      adapter: Adapter,
      clients: appClientMetadata(ctx.config.publicUrl, ctx.config.tokenSecret),
      clientDefaults: {
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
      responseTypes: ['code'],
      pkce: { required: () => true },
      scopes: ['openid', 'profile', 'offline_access'],
      claims: {
        openid: ['sub'],
        profile: ['name', 'account_kind', 'unit_code', 'unit_path', 'unit_level', 'org_type', 'roles'],
      },
      conformIdTokenClaims: false,
      jwks: { keys },
      cookies: { keys: [ctx.config.cookieSecret], long: { signed: true }, short: { signed: true } },
      ttl: { ...TOKEN_TTL },
      rotateRefreshToken: true,
      // A refresh token only for a client that may use the grant and asked for offline access (the scope
      // offline_access, which the provider keeps only with prompt=consent): the platform's own apps ask for
      // "openid profile" and never refresh (the app session is theirs), so they get none — one write less per
      // sign-in. Third-party clients asking for offline_access get rotating refresh tokens.
      issueRefreshToken: async (
        _ctx: unknown,
        client: { grantTypeAllowed(t: string): boolean },
        code: { scopes: Set<string> },
      ) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
      features: {
        devInteractions: { enabled: false },
        revocation: { enabled: true },
        backchannelLogout: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (kctx: { body: string }, form: string) => {
            kctx.body = oidcLogoutPage(form);
          },
          postLogoutSuccessSource: async (kctx: { body: string }) => {
            kctx.body = oidcSignedOutPage();
          },
        },
      },
      interactions: { url: (_kctx: unknown, interaction: { uid: string }) => interactionPath(interaction.uid) },
      // biome-ignore lint/suspicious/noExplicitAny: oidc-provider context
      loadExistingGrant: async (kctx: any) => {
        const clientId: string = kctx.oidc.client.clientId;
        const grantId = kctx.oidc.result?.consent?.grantId ?? kctx.oidc.session.grantIdFor(clientId);
        if (grantId) return kctx.oidc.provider.Grant.find(grantId);
        // The platform's own apps need no consent screen: the grant is made as the user signs in.
        if (appClient(clientId)) {
          const grant = new kctx.oidc.provider.Grant({ clientId, accountId: kctx.oidc.session.accountId });
          grant.addOIDCScope('openid profile offline_access');
          await grant.save();
          return grant;
        }
        return undefined;
      },
      findAccount: async (_kctx: unknown, sub: string) => {
        // Usually read ahead with the code, token or interaction that names it (oidc-adapter.ts), in the same
        // statement; otherwise read now.
        const ahead = takeReadAheadAccount(sub);
        const a = ahead === undefined ? await findAccountById(idb, sub) : ahead;
        if (a?.status !== 'active') return undefined;
        return { accountId: a.id, claims: async () => claimsOf(a) };
      },
      renderError: async (kctx: { type: string; body: string }, out: { error?: string }) => {
        kctx.type = 'html';
        kctx.body = oidcErrorPage(out.error ?? 'server_error');
      },
      fetch: fetchImpl,
    });
    provider.proxy = ctx.config.trustProxy;
    provider.on('server_error', (_kctx: unknown, err: unknown) => ctx.log.error({ err }, 'oidc server error'));
    provider.on('backchannel.error', (_kctx: unknown, err: unknown, client: { clientId: string }) =>
      ctx.log.warn({ err, clientId: client.clientId }, 'back-channel logout failed'),
    );
    provider.on('grant.revoked', (_kctx: unknown, grantId: string) => {
      void recordAudit(ctx.db, {
        actor: null,
        action: 'identity.grant.revoked',
        target: { type: 'oidc_grant', id: grantId, unitPath: null },
      }).catch(() => undefined);
    });
    return provider;
  }

  let provider = await build();
  let callback = provider.callback();
  return {
    issuer,
    get provider() {
      return provider;
    },
    async reload() {
      provider = await build();
      callback = provider.callback();
    },
    handle: (req, res) => callback(req, res),
  };
}

/**
 * Stored signing keys that the current TOKEN_SECRET cannot open stop the start with a clear message (restore the
 * secret, or regenerate with the flag); with IDENTITY_REGENERATE_SIGNING_KEYS=true they are replaced and every
 * sign-in ends. The flag does nothing while the keys open, so leaving it set never ends sessions at a restart.
 */
async function recoverFromTokenSecretChange(ctx: AppContext, sealer: Sealer): Promise<void> {
  if (await signingKeysOpen(ctx.db, sealer)) return;
  if (process.env[REGENERATE_FLAG] !== 'true') throw tokenSecretChangedError();
  const r = await regenerateSigningKeys(ctx.db, sealer);
  ctx.log.warn(
    r,
    `${REGENERATE_FLAG}: TOKEN_SECRET changed — new signing key; provider sessions, grants, tokens and SSO app sessions ended; remove the flag`,
  );
}

/**
 * Mounts the provider (a Koa app) under /oidc: Fastify hands over the raw request and response; no body parser
 * runs first, so the provider reads the body itself.
 */
export async function mountOidc(scope: FastifyInstance, oidc: OidcHolder): Promise<void> {
  // Mounted first in the identity module: the lane covers the provider and every sign-in route after it.
  installSignInLane(scope);
  await scope.register(async (child) => {
    child.removeAllContentTypeParsers();
    child.addContentTypeParser('*', (_req, _payload, done) => done(null));
    const handler = async (
      req: { raw: IncomingMessage & { originalUrl?: string } },
      reply: {
        hijack(): void;
        raw: ServerResponse;
      },
    ) => {
      reply.hijack();
      const raw = req.raw;
      raw.originalUrl = raw.url;
      raw.url = raw.url!.slice(OIDC_MOUNT.length) || '/';
      await withProviderRequest(() => oidc.handle(raw, reply.raw));
    };
    child.all(OIDC_MOUNT, { schema: { hide: true } }, handler);
    child.all(`${OIDC_MOUNT}/*`, { schema: { hide: true } }, handler);
  });
}
