import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../core/testing/app.ts';
import { appClientSecret } from './clients.ts';
import { formAction, GOOD_PASSWORD, insertAccount, signIn, TestBrowser } from './identity.test-helpers.ts';
import { createInProcessFetch } from './in-process-fetch.ts';

/**
 * The provider tested as a relying party sees it: openid-client over HTTP (dispatched in process), a browser
 * (cookie jar over the real pages) for the front channel.
 */
let t: TestApp;
let config: oidc.Configuration;
const ISSUER = 'http://localhost/oidc';
const REDIRECT = 'http://localhost/apps/csdl/callback';

beforeAll(async () => {
  t = await createTestApp();
  await insertAccount(t.database.db, { username: 'hoa.protocol', unitCode: '00004', roles: ['viewer'] });
  const f = createInProcessFetch(() => t.app, 'http://localhost') as unknown as oidc.CustomFetch;
  config = await oidc.discovery(
    new URL(ISSUER),
    'csdl',
    undefined,
    oidc.ClientSecretBasic(appClientSecret('test-token-secret-0123456789abcdef01234', 'csdl')),
    {
      execute: [oidc.allowInsecureRequests],
      [oidc.customFetch]: f,
    },
  );
  config[oidc.customFetch] = f;
});
afterAll(() => t.close());

/** Drives the front channel until the provider redirects back to the client; returns that URL (not followed). */
async function authorize(b: TestBrowser, params: Record<string, string>, login = true): Promise<URL> {
  const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile', ...params });
  let res = await b.request('GET', url.href);
  for (let i = 0; i < 10; i++) {
    if (res.location?.startsWith(REDIRECT)) return new URL(res.location);
    if (res.location) {
      res = await b.request('GET', res.location);
      continue;
    }
    if (login && res.body.includes('data-testid="login-form"')) {
      res = await b.request('POST', formAction(res.body, 'login-form'), {
        identifier: 'hoa.protocol',
        password: GOOD_PASSWORD,
      });
      continue;
    }
    // prompt=consent (asked with offline_access): the consent page, allowed.
    const consent = res.body.match(/action="([^"]*\/consent)"/)?.[1];
    if (login && consent) {
      res = await b.request('POST', consent.replace(/&amp;/g, '&'), {});
      continue;
    }
    throw new Error(`stuck at ${res.status}: ${res.body.slice(0, 200)}`);
  }
  throw new Error('too many redirects');
}

async function pkce() {
  const verifier = oidc.randomPKCECodeVerifier();
  return { verifier, challenge: await oidc.calculatePKCECodeChallenge(verifier) };
}

async function tokensFor(b: TestBrowser, params: Record<string, string> = {}) {
  const p = await pkce();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const back = await authorize(b, {
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return {
    back,
    tokens: await oidc.authorizationCodeGrant(config, back, {
      pkceCodeVerifier: p.verifier,
      expectedState: state,
      expectedNonce: nonce,
    }),
    p,
  };
}

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return null;
  } catch (err) {
    return (err as { error?: string }).error ?? (err as Error).message;
  }
};

describe('OpenID provider, as a relying party sees it', () => {
  it('advertises only the authorization code flow, PKCE S256 and back-channel logout', () => {
    const m = config.serverMetadata();
    expect(m.response_types_supported).toEqual(['code']);
    expect(m.grant_types_supported).not.toContain('implicit');
    expect(m.grant_types_supported).not.toContain('password');
    expect(m.code_challenge_methods_supported).toEqual(['S256']);
    expect(m.backchannel_logout_supported).toBe(true);
    expect(m.end_session_endpoint).toBe(`${ISSUER}/session/end`);
  });

  it('publishes signing keys kept in the database (never the in-memory default)', async () => {
    const res = await t.app.inject({ url: '/oidc/jwks' });
    const keys = res.json().keys as { kid: string; d?: string }[];
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(keys.every((k) => k.d === undefined)).toBe(true);
    const stored = await t.database.pool.query('SELECT kid FROM oidc_signing_key WHERE retired_at IS NULL');
    expect(keys.map((k) => k.kid)).toContain(stored.rows[0].kid);
  });

  it('issues tokens for code + PKCE with an access token living at most 15 minutes and the hierarchy claims', async () => {
    const { tokens } = await tokensFor(new TestBrowser(t.app));
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.expires_in).toBeLessThanOrEqual(900);
    // No offline access asked (as the platform's own apps sign in): no refresh token, none stored.
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.claims()).toMatchObject({
      unit_code: '00004',
      unit_path: 'vn.01.00004',
      org_type: 'front',
      roles: ['viewer'],
    });
    const stored = await t.database.pool.query(
      `SELECT count(*)::int AS n FROM oidc_payload WHERE model = 'AccessToken'`,
    );
    expect(stored.rows[0].n).toBeGreaterThan(0);
  });

  it('refuses an authorization request without PKCE', async () => {
    const b = new TestBrowser(t.app);
    const back = await authorize(b, { state: 's1' }, false).catch((e: Error) => e);
    const url = back instanceof URL ? back : null;
    expect(url?.searchParams.get('error')).toBe('invalid_request');
    expect(url?.searchParams.get('error_description')).toMatch(/PKCE/);
    const plain = await authorize(
      b,
      { state: 's2', code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' },
      false,
    );
    expect(plain.searchParams.get('error')).toBe('invalid_request');
  });

  it('answers invalid_grant to a code used twice', async () => {
    const b = new TestBrowser(t.app);
    const { back, p } = await tokensFor(b);
    const again = await errorOf(
      oidc.authorizationCodeGrant(config, back, { pkceCodeVerifier: p.verifier, expectedState: oidc.skipStateCheck }),
    );
    expect(again).toBe('invalid_grant');
  });

  it('lets only one of two simultaneous exchanges of a code through, and revokes what it issued', async () => {
    const b = new TestBrowser(t.app);
    const p = await pkce();
    const state = oidc.randomState();
    const back = await authorize(b, { code_challenge: p.challenge, code_challenge_method: 'S256', state });
    const exchange = () =>
      oidc.authorizationCodeGrant(config, back, { pkceCodeVerifier: p.verifier, expectedState: state });
    // On the server both exchanges read the code unconsumed before either consumes it (without the guard in the
    // adapter's consume both got tokens); on PGlite's one connection they may run one after the other.
    const outcomes = await Promise.allSettled([exchange(), exchange()]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((lost.reason as { error?: string }).error).toBe('invalid_grant');
    // The winner's access token belongs to the grant the reuse revoked.
    const token = (won[0] as PromiseFulfilledResult<{ access_token: string }>).value.access_token;
    const info = await t.app.inject({ url: '/oidc/me', headers: { authorization: `Bearer ${token}` } });
    expect(info.statusCode).toBe(401);
  });

  it('refuses a redirect URI differing by one character, without redirecting', async () => {
    const b = new TestBrowser(t.app);
    const p = await pkce();
    for (const wrong of [
      `${REDIRECT}x`,
      REDIRECT.replace('callback', 'callbacc'),
      REDIRECT.replace('http://localhost', 'http://localhosT'),
      `${REDIRECT}/`,
    ]) {
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: wrong,
        scope: 'openid',
        code_challenge: p.challenge,
        code_challenge_method: 'S256',
      });
      const res = await b.request('GET', url.href);
      expect(res.status).toBe(400);
      expect(res.location).toBeNull();
      expect(res.body).toContain('invalid_redirect_uri');
    }
  });

  it('issues a refresh token only for offline access asked with prompt=consent, and stores none otherwise', async () => {
    const count = async () =>
      (await t.database.pool.query(`SELECT count(*)::int AS n FROM oidc_payload WHERE model = 'RefreshToken'`)).rows[0]
        .n as number;
    const before = await count();
    // offline_access without prompt=consent is dropped by the provider (OpenID Connect Core 11).
    const silent = await tokensFor(new TestBrowser(t.app), { scope: 'openid profile offline_access' });
    expect(silent.tokens.refresh_token).toBeUndefined();
    expect(await count()).toBe(before);
    const offline = await tokensFor(new TestBrowser(t.app), {
      scope: 'openid profile offline_access',
      prompt: 'consent',
    });
    expect(offline.tokens.refresh_token).toBeTruthy();
    expect(await count()).toBe(before + 1);
  });

  it('rotates refresh tokens, and a replayed refresh token revokes the whole grant', async () => {
    const { tokens } = await tokensFor(new TestBrowser(t.app), {
      scope: 'openid profile offline_access',
      prompt: 'consent',
    });
    const first = tokens.refresh_token!;
    const rotated = await oidc.refreshTokenGrant(config, first);
    expect(rotated.refresh_token).toBeTruthy();
    expect(rotated.refresh_token).not.toBe(first);
    expect(await errorOf(oidc.refreshTokenGrant(config, first))).toBe('invalid_grant');
    // The replay ended the grant: the token issued by the rotation no longer works either.
    expect(await errorOf(oidc.refreshTokenGrant(config, rotated.refresh_token!))).toBe('invalid_grant');
    const userinfo = await errorOf(oidc.fetchUserInfo(config, rotated.access_token, oidc.skipSubjectCheck));
    expect(userinfo).not.toBeNull();
  });

  it('signing out of one app ends the sessions of the others (back-channel logout)', async () => {
    const b = new TestBrowser(t.app);
    await signIn(b, 'csdl', 'hoa.protocol', GOOD_PASSWORD);
    const csdlSession = b.cookie('mts_session')!;
    const second = await signIn(b, 'pakn', 'x', 'x');
    expect(second.prompted).toBe(false);
    const paknSession = b.cookie('mts_session')!;
    expect(paknSession).not.toBe(csdlSession);
    const me = (cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie: `mts_session=${cookie}` } });
    expect((await me(csdlSession)).statusCode).toBe(200);

    const confirm = await b.go('POST', '/apps/pakn/logout');
    expect(confirm.body).toContain('Đăng xuất khỏi tất cả ứng dụng');
    const xsrf = confirm.body.match(/name="xsrf" value="([^"]+)"/)![1]!;
    const done = await b.go('POST', formAction(confirm.body), { xsrf, logout: 'yes' });
    expect(done.url).toBe('http://localhost/dang-nhap?da-dang-xuat=1');
    expect((await me(csdlSession)).statusCode).toBe(401);
    expect((await me(paknSession)).statusCode).toBe(401);
    // The provider session is gone too: the next app asks for the password again.
    const again = await signIn(b, 'thu-vien', 'hoa.protocol', GOOD_PASSWORD);
    expect(again.prompted).toBe(true);
  });
});
