import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountPageProps } from '../../../web/identity/account-page.tsx';
import { auditInsert, recordAudit } from '../../core/audit.ts';
import type { AppContext } from '../../core/context.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { createPublicPages, detectLang } from '../portal/index.ts';
import { type Account, findAccountById } from './accounts.repo.ts';
import { appClient } from './clients.ts';
import { identityDb } from './identity.db.ts';
import { fill, identityText } from './identity.text.ts';
import { checkPassword, findSignInAccount, recordFailure } from './login.service.ts';
import { saveAlongWith } from './oidc-adapter.ts';
import type { OidcHolder } from './provider.ts';
import type { Sealer } from './secrets.ts';
import {
  activateTotp,
  beginTotpEnrolment,
  consumeRecoveryCode,
  consumeTotp,
  enrolmentView,
  mfaRequired,
  pendingSecret,
} from './totp.ts';

const MFA_COOKIE = 'mts_mfa';

/** What the provider's interactionDetails returns (oidc-provider is untyped): the parts used here. */
type Interaction = {
  uid: string;
  exp: number;
  returnTo: string;
  params: { client_id: string } & Record<string, unknown>;
  prompt: { name: string; details: Record<string, unknown> };
  session?: { accountId: string };
  grantId?: string;
  result?: Record<string, unknown>;
  save(ttl: number): Promise<string>;
};
type Pending = { uid: string; accountId: string; step: 'verify' | 'enrol' | 'verified'; exp: number; amr: string[] };

/**
 * The interaction's result (the account signed in) and its audit entry `identity.login.success`, in one statement
 * with asynchronous commit. The entry is never lost while anything of the sign-in survives: nothing that grants
 * access leaves the server before a later synchronous commit — the app session at an app's callback, or, for a
 * third-party client, the consumption of its code at the token endpoint — and that commit flushes the WAL up to
 * this entry. A database crash before it loses the entry together with the sign-in it records.
 */
async function recordSignIn(d: Interaction, account: Account, amr: string[]): Promise<void> {
  const audit = auditInsert({
    actor: null,
    action: 'identity.login.success',
    target: { type: 'account', id: account.id, unitPath: account.unitPath },
    details: { clientId: d.params.client_id, amr },
  });
  d.result = { login: { accountId: account.id, amr, acr: amr.includes('otp') ? 'urn:mts:mfa' : 'urn:mts:pwd' } };
  await saveAlongWith(audit, () => d.save(d.exp - Math.floor(Date.now() / 1000)));
}

export type InteractionDeps = {
  ctx: AppContext;
  oidc: OidcHolder;
  sealer: Sealer;
  loginRateLimit: number;
  vneidEnabled: boolean;
};

/**
 * The provider's interactions rendered as the platform's own pages, in Vietnamese: password, second factor
 * (required for administrators, enrolled on first sign-in), consent for third-party clients only.
 */
export function registerInteractions(app: FastifyInstance, deps: InteractionDeps): void {
  const { ctx, oidc, sealer } = deps;
  const pages = createPublicPages(ctx.config);
  const idb = identityDb(ctx.db);
  const hidden = { schema: { hide: true } };
  const base = (uid: string) => `/dang-nhap/sso/${uid}`;

  const render = (
    req: FastifyRequest,
    reply: FastifyReply,
    props: Partial<AccountPageProps> & { title: string },
    status = 200,
  ) => {
    reply.header('cache-control', 'no-store');
    return pages.render(req, reply, {
      page: 'identity/account',
      status,
      props: { heading: props.title, notices: [], forms: [], links: [], ...props },
    });
  };

  async function details(req: FastifyRequest, reply: FastifyReply): Promise<Interaction | null> {
    try {
      return await oidc.provider.interactionDetails(req.raw, reply.raw);
    } catch {
      return null;
    }
  }

  const expired = (req: FastifyRequest, reply: FastifyReply, lang: Lang) => {
    const t = identityText(lang);
    return render(
      req,
      reply,
      {
        title: t.loginTitle,
        notices: [{ kind: 'error', text: t.sessionExpired }],
        links: [{ href: '/', text: t.back }],
      },
      400,
    );
  };

  function loginPage(
    req: FastifyRequest,
    reply: FastifyReply,
    uid: string,
    clientId: string,
    opts: { identifier?: string; error?: string } = {},
    status = 200,
  ) {
    const lang = detectLang(req);
    const t = identityText(lang);
    const client = appClient(clientId);
    return render(
      req,
      reply,
      {
        title: t.loginTitle,
        heading: t.loginHeading,
        lead: client ? fill(t.loginFor, { client: client.name }) : t.loginLead,
        notices: opts.error ? [{ kind: 'error', text: opts.error }] : [],
        forms: [
          {
            action: `${base(uid)}/login`,
            submit: t.submitLogin,
            testId: 'login-form',
            fields: [
              {
                name: 'identifier',
                label: t.identifier,
                type: 'text',
                value: opts.identifier ?? '',
                autoComplete: 'username',
                required: true,
              },
              {
                name: 'password',
                label: t.password,
                type: 'password',
                autoComplete: 'current-password',
                required: true,
              },
            ],
          },
        ],
        links: [
          { href: '/tai-khoan/quen-mat-khau', text: t.forgot },
          ...(deps.vneidEnabled ? [{ href: `/dang-nhap/vneid?uid=${uid}`, text: t.vneid, testId: 'vneid' }] : []),
        ],
      },
      status,
    );
  }

  /**
   * Records the sign-in on the interaction this request already read (what the provider's interactionResult
   * does, without reading it a second time) and sends the browser back to the provider. See `recordSignIn`.
   */
  async function finish(reply: FastifyReply, d: Interaction, account: Account, amr: string[]) {
    await recordSignIn(d, account, amr);
    reply.clearCookie(MFA_COOKIE, { path: '/dang-nhap/sso/' });
    return reply.redirect(d.returnTo, 303);
  }

  const readPending = (req: FastifyRequest, uid: string): Pending | null => {
    const raw = req.cookies[MFA_COOKIE];
    if (!raw) return null;
    const un = req.unsignCookie(raw);
    if (!un.valid || !un.value) return null;
    try {
      const p = JSON.parse(un.value) as Pending;
      return p.uid === uid && p.exp > Date.now() ? p : null;
    } catch {
      return null;
    }
  };
  const writePending = (reply: FastifyReply, p: Pending) =>
    reply.setCookie(MFA_COOKIE, JSON.stringify(p), {
      path: '/dang-nhap/sso/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicUrl.startsWith('https:'),
      signed: true,
      maxAge: 600,
    });

  app.get('/dang-nhap/sso/:uid', hidden, async (req, reply) => {
    const lang = detectLang(req);
    const d = await details(req, reply);
    if (!d) return expired(req, reply, lang);
    if (d.prompt.name === 'consent') {
      const t = identityText(lang);
      return render(req, reply, {
        title: t.consentTitle,
        lead: fill(t.consentLead, { client: d.params.client_id }),
        forms: [{ action: `${base(d.uid)}/consent`, submit: t.consentAllow, fields: [] }],
      });
    }
    return loginPage(req, reply, d.uid, d.params.client_id);
  });

  app.post(
    '/dang-nhap/sso/:uid/login',
    { ...hidden, config: { rateLimit: { max: deps.loginRateLimit, timeWindow: 60_000 } } },
    async (req, reply) => {
      const lang = detectLang(req);
      const t = identityText(lang);
      const body = (req.body ?? {}) as { identifier?: string; password?: string };
      const identifier = String(body.identifier ?? '').slice(0, 200);
      // The account is read beside the interaction (two statements at once, one wait).
      const found = findSignInAccount(ctx.db, identifier);
      found.catch(() => undefined);
      const d = await details(req, reply);
      if (!d) return expired(req, reply, lang);
      const outcome = await checkPassword(ctx.db, identifier, String(body.password ?? '').slice(0, 1024), await found);
      // The deliberate hash time, for the login benchmark (the same for unknown accounts: a dummy hash is verified).
      reply.header('server-timing', `hash;dur=${(outcome.hashMs ?? 0).toFixed(1)}`);
      if (!outcome.ok)
        return loginPage(req, reply, d.uid, d.params.client_id, { identifier, error: t.loginFailed }, 400);
      const account = outcome.account;
      if (!mfaRequired(account)) return finish(reply, d, account, ['pwd']);
      writePending(reply, {
        uid: d.uid,
        accountId: account.id,
        step: account.totpEnabled ? 'verify' : 'enrol',
        exp: Date.now() + 10 * 60_000,
        amr: ['pwd'],
      });
      if (!account.totpEnabled) await beginTotpEnrolment(ctx.db, sealer, account);
      return reply.redirect(`${base(d.uid)}/mfa`, 303);
    },
  );

  async function mfaPage(
    req: FastifyRequest,
    reply: FastifyReply,
    uid: string,
    p: Pending,
    error?: string,
    status = 200,
  ) {
    const t = identityText(detectLang(req));
    const account = await findAccountById(idb, p.accountId);
    if (!account) return expired(req, reply, detectLang(req));
    const codeField = {
      name: 'code',
      label: t.mfaCode,
      hint: t.mfaCodeHint,
      type: 'text' as const,
      inputMode: 'numeric' as const,
      autoComplete: 'one-time-code',
      required: true,
    };
    const notices = error ? [{ kind: 'error' as const, text: error }] : [];
    if (p.step === 'enrol') {
      const secret = pendingSecret(sealer, account);
      if (!secret) return expired(req, reply, detectLang(req));
      const view = await enrolmentView(account, secret);
      return render(
        req,
        reply,
        {
          title: t.enrolTitle,
          lead: t.enrolLead,
          notices,
          image: { src: view.qr, alt: t.enrolQrAlt, caption: view.secret },
          forms: [{ action: `${base(uid)}/mfa`, submit: t.mfaSubmit, fields: [codeField], testId: 'totp-form' }],
        },
        status,
      );
    }
    return render(
      req,
      reply,
      {
        title: t.mfaTitle,
        lead: t.mfaLead,
        notices,
        forms: [
          { action: `${base(uid)}/mfa`, submit: t.mfaSubmit, fields: [codeField], testId: 'totp-form' },
          {
            action: `${base(uid)}/mfa`,
            submit: t.recoverySubmit,
            secondary: true,
            fields: [
              { name: 'recovery', label: t.recoveryCode, hint: t.recoveryHint, type: 'text', autoComplete: 'off' },
            ],
          },
        ],
      },
      status,
    );
  }

  app.get('/dang-nhap/sso/:uid/mfa', hidden, async (req, reply) => {
    const { uid } = req.params as { uid: string };
    const p = readPending(req, uid);
    if (!p || p.step === 'verified') return expired(req, reply, detectLang(req));
    return mfaPage(req, reply, uid, p);
  });

  app.post(
    '/dang-nhap/sso/:uid/mfa',
    { ...hidden, config: { rateLimit: { max: deps.loginRateLimit, timeWindow: 60_000 } } },
    async (req, reply) => {
      const lang = detectLang(req);
      const t = identityText(lang);
      const { uid } = req.params as { uid: string };
      const p = readPending(req, uid);
      const d = await details(req, reply);
      if (!p || !d || p.step === 'verified') return expired(req, reply, lang);
      const account = await findAccountById(idb, p.accountId);
      if (account?.status !== 'active') return expired(req, reply, lang);
      const body = (req.body ?? {}) as { code?: string; recovery?: string };
      const target = { type: 'account', id: account.id, unitPath: account.unitPath };
      if (p.step === 'enrol') {
        const secret = pendingSecret(sealer, account);
        if (!secret || !(await consumeTotp(ctx.db, account, secret, String(body.code ?? '')))) {
          return mfaPage(req, reply, uid, p, t.mfaFailed, 400);
        }
        const codes = await activateTotp(ctx.db, account.id);
        await recordAudit(ctx.db, { actor: null, action: 'identity.mfa.enrolled', target });
        writePending(reply, { ...p, step: 'verified', amr: ['pwd', 'otp'] });
        return render(req, reply, {
          title: t.enrolTitle,
          notices: [{ kind: 'success', text: t.enrolDone }],
          codes: { heading: t.recoveryHeading, items: codes },
          forms: [{ action: `${base(uid)}/continue`, submit: t.continue, fields: [], testId: 'continue-form' }],
        });
      }
      const locked = account.lockedUntil && account.lockedUntil.getTime() > Date.now();
      let ok = false;
      let method = 'otp';
      if (!locked && body.recovery) {
        ok = await consumeRecoveryCode(ctx.db, account.id, String(body.recovery));
        method = 'recovery_code';
      } else if (!locked) {
        const secret = pendingSecret(sealer, account);
        ok = !!secret && (await consumeTotp(ctx.db, account, secret, String(body.code ?? '')));
      }
      if (!ok) {
        await recordFailure(ctx.db, account, 'mfa');
        return mfaPage(req, reply, uid, p, t.mfaFailed, 400);
      }
      if (method === 'recovery_code')
        await recordAudit(ctx.db, { actor: null, action: 'identity.mfa.recovery_code_used', target });
      return finish(reply, d, account, ['pwd', 'otp']);
    },
  );

  app.post('/dang-nhap/sso/:uid/continue', hidden, async (req, reply) => {
    const { uid } = req.params as { uid: string };
    const p = readPending(req, uid);
    const d = await details(req, reply);
    if (!p || !d || p.step !== 'verified') return expired(req, reply, detectLang(req));
    const account = await findAccountById(idb, p.accountId);
    if (account?.status !== 'active') return expired(req, reply, detectLang(req));
    return finish(reply, d, account, p.amr);
  });

  app.post('/dang-nhap/sso/:uid/consent', hidden, async (req, reply) => {
    const d = await details(req, reply);
    if (d?.prompt.name !== 'consent' || !d.session) return expired(req, reply, detectLang(req));
    const provider = oidc.provider;
    const grant = d.grantId
      ? await provider.Grant.find(d.grantId)
      : new provider.Grant({ accountId: d.session.accountId, clientId: d.params.client_id });
    const missing = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    await recordAudit(ctx.db, {
      actor: null,
      action: 'identity.consent.granted',
      target: { type: 'account', id: d.session.accountId, unitPath: null },
      details: { clientId: d.params.client_id },
    });
    const redirectTo: string = await provider.interactionResult(
      req.raw,
      reply.raw,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
    return reply.redirect(redirectTo, 303);
  });
}
