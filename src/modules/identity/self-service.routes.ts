import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { ORG_CHOICES, ROLE_CHOICES } from '../../../web/identity/labels.ts';
import { recordAudit } from '../../core/audit.ts';
import type { Principal } from '../../core/auth/principal.ts';
import { SESSION_COOKIE } from '../../core/auth/session.ts';
import { withTransaction } from '../../core/db/transaction.ts';
import { AppError } from '../../core/http/errors.ts';
import { accountPages, errorText, formatDateTime, langOf } from './account-pages.ts';
import { type Account, findAccountById } from './accounts.repo.ts';
import type { AccountDeps } from './accounts.routes.ts';
import { endEverything } from './accounts.service.ts';
import { identityDb } from './identity.db.ts';
import { identityText } from './identity.text.ts';
import { completePasswordReset, requestPasswordReset, resetTokenAccount } from './password-reset.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.ts';
import { sha256 } from './secrets.ts';
import {
  activateTotp,
  consumeTotp,
  enrolmentView,
  newTotpSecret,
  pendingSecret,
  removeTotp,
  storeTotpSecret,
} from './totp.ts';

const t = {
  vi: {
    title: 'Tài khoản của tôi',
    profile: 'Thông tin tài khoản',
    devSession: 'Bạn đang dùng phiên đăng nhập thử nghiệm, không gắn với tài khoản thật.',
    changePassword: 'Đổi mật khẩu',
    current: 'Mật khẩu hiện tại',
    newPassword: 'Mật khẩu mới',
    newHint: 'Ít nhất 12 ký tự; không dùng tên đăng nhập hay mật khẩu phổ biến. Có thể dùng một câu dài.',
    confirm: 'Nhập lại mật khẩu mới',
    passwordChanged: 'Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.',
    mfaOn: 'Xác thực hai lớp: đang bật.',
    mfaOff: 'Xác thực hai lớp: chưa bật.',
    mfaEnrol: 'Bật xác thực hai lớp',
    mfaReenrol: 'Chuyển xác thực hai lớp sang điện thoại khác',
    mfaDisable: 'Tắt xác thực hai lớp',
    mfaCode: 'Mã xác thực hiện tại',
    mfaDisabled: 'Đã tắt xác thực hai lớp.',
    sessions: 'Phiên đăng nhập của tôi',
    colApp: 'Ứng dụng',
    colDevice: 'Thiết bị',
    colStarted: 'Bắt đầu',
    colSeen: 'Hoạt động gần nhất',
    none: 'Không có phiên nào.',
    revoke: 'Đăng xuất phiên này',
    revokeAll: 'Đăng xuất khỏi mọi nơi',
    revoked: 'Đã đăng xuất phiên đã chọn.',
    thisSession: ' (phiên này)',
    forgotTitle: 'Quên mật khẩu',
    forgotLead:
      'Nhập tên đăng nhập, thư điện tử hoặc số điện thoại. Nếu tài khoản có thư điện tử, chúng tôi gửi một liên kết đặt lại mật khẩu (dùng được một lần, trong 30 phút).',
    identifier: 'Tên đăng nhập, thư điện tử hoặc số điện thoại',
    send: 'Gửi liên kết',
    sent: 'Nếu thông tin khớp với một tài khoản, liên kết đặt lại mật khẩu đã được gửi đến thư điện tử của tài khoản đó.',
    resetTitle: 'Đặt mật khẩu mới',
    resetSubmit: 'Đặt mật khẩu',
    resetDone: 'Đã đặt mật khẩu mới. Hãy đăng nhập lại.',
    toLogin: 'Đăng nhập',
    role: 'Vai trò',
  },
  en: {
    title: 'My account',
    profile: 'Account',
    devSession: 'You are using a development session, not tied to a real account.',
    changePassword: 'Change password',
    current: 'Current password',
    newPassword: 'New password',
    newHint: 'At least 12 characters; not your username nor a common password. A long sentence works well.',
    confirm: 'Repeat the new password',
    passwordChanged: 'Password changed. Your other sessions were signed out.',
    mfaOn: 'Two-step verification: on.',
    mfaOff: 'Two-step verification: off.',
    mfaEnrol: 'Turn on two-step verification',
    mfaReenrol: 'Move two-step verification to another phone',
    mfaDisable: 'Turn off two-step verification',
    mfaCode: 'Current code',
    mfaDisabled: 'Two-step verification is off.',
    sessions: 'My sessions',
    colApp: 'App',
    colDevice: 'Device',
    colStarted: 'Started',
    colSeen: 'Last active',
    none: 'No sessions.',
    revoke: 'Sign this session out',
    revokeAll: 'Sign out everywhere',
    revoked: 'The session was signed out.',
    thisSession: ' (this session)',
    forgotTitle: 'Forgot password',
    forgotLead:
      'Type your username, e-mail or phone number. If the account has an e-mail, we send a link to reset the password (works once, within 30 minutes).',
    identifier: 'Username, e-mail or phone number',
    send: 'Send the link',
    sent: 'If the details match an account, a reset link was sent to its e-mail.',
    resetTitle: 'Set a new password',
    resetSubmit: 'Set the password',
    resetDone: 'Your new password is set. Sign in again.',
    toLogin: 'Sign in',
    role: 'Roles',
  },
};

const realAccountId = (p: Principal | null) => (p && /^[0-9a-f-]{36}$/i.test(p.accountId) ? p.accountId : null);

/** Self-service (profile, password, second factor, sessions) and the password reset by e-mailed link. */
export function registerSelfServiceRoutes(app: FastifyInstance, deps: AccountDeps): void {
  const { ctx, sealer } = deps;
  const idb = identityDb(ctx.db);
  const view = accountPages(ctx);
  const hidden = { schema: { hide: true } };
  const resetLimit = { ...hidden, config: { rateLimit: { max: 10, timeWindow: 60_000 } } };

  async function me(req: FastifyRequest): Promise<Account | null> {
    const id = realAccountId(req.principal);
    return id ? findAccountById(idb, id) : null;
  }

  async function listSessions(accountId: string) {
    const { rows } = await sql<{
      id: string;
      client_id: string | null;
      user_agent: string | null;
      created_at: Date;
      last_seen_at: Date;
    }>`
      SELECT encode(token_hash, 'hex') AS id, client_id, user_agent, created_at, last_seen_at FROM auth_session
      WHERE account_id = ${accountId} AND revoked_at IS NULL AND expires_at > now()
      ORDER BY last_seen_at DESC LIMIT 50`.execute(ctx.db);
    return rows;
  }

  async function selfPage(
    req: FastifyRequest,
    reply: FastifyReply,
    notices: { kind: 'success' | 'error'; text: string }[] = [],
    status = 200,
  ) {
    const lang = langOf(req);
    const x = t[lang];
    if (!req.principal) return reply.redirect(`/dang-nhap?next=${encodeURIComponent('/tai-khoan')}`, 303);
    const account = await me(req);
    if (!account) return view.render(req, reply, { title: x.title, notices: [{ kind: 'info', text: x.devSession }] });
    const current = req.cookies[SESSION_COOKIE] ? sha256(req.cookies[SESSION_COOKIE]).toString('hex') : '';
    const sessions = await listSessions(account.id);
    const org = ORG_CHOICES.find((o) => o.code === account.orgType)?.name[lang] ?? '';
    const roles = account.roles.map((r) => ROLE_CHOICES.find((c) => c.code === r)?.name[lang] ?? r).join(', ');
    return view.render(
      req,
      reply,
      {
        title: x.title,
        lead: `${account.displayName} — ${account.username ?? ''} · ${org} · ${account.unitCode ?? ''} · ${x.role}: ${roles}`,
        notices: [...notices, { kind: 'info', text: account.totpEnabled ? x.mfaOn : x.mfaOff }],
        forms: [
          {
            action: '/tai-khoan/mat-khau',
            submit: x.changePassword,
            testId: 'password-form',
            fields: [
              { name: 'current', label: x.current, type: 'password', autoComplete: 'current-password', required: true },
              {
                name: 'password',
                label: x.newPassword,
                hint: x.newHint,
                type: 'password',
                autoComplete: 'new-password',
                required: true,
              },
              { name: 'confirm', label: x.confirm, type: 'password', autoComplete: 'new-password', required: true },
            ],
          },
          account.totpEnabled && !account.roles.includes('admin')
            ? {
                action: '/tai-khoan/xac-thuc-hai-lop/tat',
                submit: x.mfaDisable,
                secondary: true,
                fields: [
                  { name: 'code', label: x.mfaCode, type: 'text', inputMode: 'numeric', autoComplete: 'one-time-code' },
                ],
              }
            : {
                action: '/tai-khoan/xac-thuc-hai-lop',
                method: 'get',
                submit: account.totpEnabled ? x.mfaReenrol : x.mfaEnrol,
                secondary: true,
                fields: [],
              },
          { action: '/tai-khoan/phien/thu-hoi-tat-ca', submit: x.revokeAll, secondary: true, fields: [] },
        ],
        links: [
          ...(account.roles.includes('admin')
            ? [{ href: '/quan-tri/tai-khoan', text: lang === 'vi' ? 'Quản trị tài khoản' : 'Account administration' }]
            : []),
          ...(account.roles.includes('auditor')
            ? [{ href: '/quan-tri/nhat-ky', text: lang === 'vi' ? 'Nhật ký' : 'Audit log' }]
            : []),
        ],
        tables: [
          {
            caption: x.sessions,
            columns: [x.colApp, x.colDevice, x.colStarted, x.colSeen, ''],
            empty: x.none,
            rows: sessions.map((s) => ({
              cells: [
                (s.client_id ?? '—') + (s.id === current ? x.thisSession : ''),
                (s.user_agent ?? '—').slice(0, 60),
                formatDateTime(s.created_at, lang),
                formatDateTime(s.last_seen_at, lang),
              ],
              actions: [{ action: `/tai-khoan/phien/${s.id}/thu-hoi`, submit: x.revoke, fields: [] }],
            })),
          },
        ],
      },
      status,
    );
  }

  app.get('/tai-khoan', hidden, (req, reply) => selfPage(req, reply));

  app.post('/tai-khoan/mat-khau', resetLimit, async (req, reply) => {
    const lang = langOf(req);
    const account = await me(req);
    if (!account) return selfPage(req, reply);
    const body = (req.body ?? {}) as { current?: string; password?: string; confirm?: string };
    try {
      if (!account.passwordHash || !(await verifyPassword(account.passwordHash, String(body.current ?? ''))))
        throw new AppError('PASSWORD_WRONG');
      const password = String(body.password ?? '');
      if (password !== String(body.confirm ?? '')) throw new AppError('PASSWORD_MISMATCH');
      const problem = checkPasswordPolicy(password, [account.username, account.email, account.phone]);
      if (problem) throw new AppError(problem);
      const hash = await hashPassword(password);
      const keep = sha256(req.cookies[SESSION_COOKIE] ?? '');
      await withTransaction(idb, async (trx) => {
        await trx
          .updateTable('account')
          .set({ password_hash: hash, password_changed_at: new Date(), updated_at: new Date() })
          .where('id', '=', account.id)
          .execute();
        await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${account.id} AND revoked_at IS NULL AND token_hash <> ${keep}`.execute(
          trx,
        );
        await sql`DELETE FROM oidc_payload WHERE account_id = ${account.id} AND model <> 'Session'`.execute(trx);
        await recordAudit(trx, {
          actor: req.principal,
          action: 'identity.password.change',
          target: { type: 'account', id: account.id, unitPath: account.unitPath },
        });
      });
      return selfPage(req, reply, [{ kind: 'success', text: t[lang].passwordChanged }]);
    } catch (err) {
      return selfPage(req, reply, [{ kind: 'error', text: errorText(err, lang) }], 400);
    }
  });

  // Self-service enrolment: the new secret waits in a sealed, signed cookie until a first code confirms it, so
  // starting (and abandoning) an enrolment never turns off a second factor already in use.
  const PENDING = 'mts_totp_pending';
  const pendingPath = '/tai-khoan/xac-thuc-hai-lop';
  const readPendingSecret = (req: FastifyRequest): string | null => {
    const raw = req.cookies[PENDING];
    const un = raw ? req.unsignCookie(raw) : null;
    if (!un?.valid || !un.value) return null;
    try {
      return sealer.open(un.value);
    } catch {
      return null;
    }
  };

  async function enrolPage(req: FastifyRequest, reply: FastifyReply, account: Account, secret: string, error?: string) {
    const lang = langOf(req);
    const v = await enrolmentView(account, secret);
    const text = identityText(lang);
    return view.render(
      req,
      reply,
      {
        title: text.enrolTitle,
        lead: text.enrolLead,
        notices: error ? [{ kind: 'error', text: error }] : [],
        image: { src: v.qr, alt: text.enrolQrAlt, caption: v.secret },
        forms: [
          {
            action: pendingPath,
            submit: text.mfaSubmit,
            testId: 'totp-form',
            fields: [
              {
                name: 'code',
                label: text.mfaCode,
                hint: text.mfaCodeHint,
                type: 'text',
                inputMode: 'numeric',
                autoComplete: 'one-time-code',
                required: true,
              },
            ],
          },
        ],
      },
      error ? 400 : 200,
    );
  }

  app.get(pendingPath, hidden, async (req, reply) => {
    const account = await me(req);
    if (!account) return selfPage(req, reply);
    const secret = newTotpSecret();
    reply.setCookie(PENDING, sealer.seal(secret), {
      path: pendingPath,
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicUrl.startsWith('https:'),
      signed: true,
      maxAge: 600,
    });
    return enrolPage(req, reply, account, secret);
  });

  app.post(pendingPath, resetLimit, async (req, reply) => {
    const lang = langOf(req);
    const account = await me(req);
    const secret = readPendingSecret(req);
    if (!account || !secret) return selfPage(req, reply);
    const text = identityText(lang);
    if (!(await consumeTotp(ctx.db, account, secret, String((req.body as { code?: string })?.code ?? '')))) {
      return enrolPage(req, reply, account, secret, text.mfaFailed);
    }
    await storeTotpSecret(ctx.db, sealer, account.id, secret);
    const codes = await activateTotp(ctx.db, account.id);
    reply.clearCookie(PENDING, { path: pendingPath });
    await recordAudit(ctx.db, {
      actor: req.principal,
      action: 'identity.mfa.enrolled',
      target: { type: 'account', id: account.id, unitPath: account.unitPath },
    });
    return view.render(req, reply, {
      title: text.enrolTitle,
      notices: [{ kind: 'success', text: text.enrolDone }],
      codes: { heading: text.recoveryHeading, items: codes },
      links: [{ href: '/tai-khoan', text: t[lang].title }],
    });
  });

  app.post('/tai-khoan/xac-thuc-hai-lop/tat', resetLimit, async (req, reply) => {
    const lang = langOf(req);
    const account = await me(req);
    if (!account) return selfPage(req, reply);
    try {
      if (account.roles.includes('admin')) throw new AppError('MFA_REQUIRED_FOR_ADMIN');
      const secret = pendingSecret(sealer, account);
      const code = String((req.body as { code?: string })?.code ?? '');
      if (!account.totpEnabled || !secret || !(await consumeTotp(ctx.db, account, secret, code))) {
        throw new AppError('MFA_CODE_WRONG');
      }
      await removeTotp(ctx.db, account.id);
      await recordAudit(ctx.db, {
        actor: req.principal,
        action: 'identity.mfa.removed',
        target: { type: 'account', id: account.id, unitPath: account.unitPath },
      });
      return selfPage(req, reply, [{ kind: 'success', text: t[lang].mfaDisabled }]);
    } catch (err) {
      return selfPage(req, reply, [{ kind: 'error', text: errorText(err, lang) }], 400);
    }
  });

  app.post('/tai-khoan/phien/:id/thu-hoi', hidden, async (req, reply) => {
    const account = await me(req);
    if (!account) return selfPage(req, reply);
    const id = (req.params as { id: string }).id;
    if (!/^[0-9a-f]{64}$/.test(id)) throw new AppError('NOT_FOUND');
    const res = await sql`UPDATE auth_session SET revoked_at = now()
      WHERE token_hash = decode(${id}, 'hex') AND account_id = ${account.id} AND revoked_at IS NULL`.execute(ctx.db);
    if (!Number(res.numAffectedRows ?? 0)) throw new AppError('NOT_FOUND');
    await recordAudit(ctx.db, {
      actor: req.principal,
      action: 'identity.session.revoke',
      target: { type: 'account', id: account.id, unitPath: account.unitPath },
    });
    return selfPage(req, reply, [{ kind: 'success', text: t[langOf(req)].revoked }]);
  });

  app.post('/tai-khoan/phien/thu-hoi-tat-ca', hidden, async (req, reply) => {
    const account = await me(req);
    if (!account) return selfPage(req, reply);
    await withTransaction(idb, async (trx) => {
      await endEverything(trx, account.id);
      await recordAudit(trx, {
        actor: req.principal,
        action: 'identity.session.revoke_all',
        target: { type: 'account', id: account.id, unitPath: account.unitPath },
      });
    });
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/dang-nhap?da-dang-xuat=1', 303);
  });

  const forgotForm = (lang: 'vi' | 'en') => ({
    action: '/tai-khoan/quen-mat-khau',
    submit: t[lang].send,
    fields: [
      {
        name: 'identifier',
        label: t[lang].identifier,
        type: 'text' as const,
        autoComplete: 'username',
        required: true,
      },
    ],
  });

  app.get('/tai-khoan/quen-mat-khau', hidden, async (req, reply) => {
    const lang = langOf(req);
    return view.render(req, reply, { title: t[lang].forgotTitle, lead: t[lang].forgotLead, forms: [forgotForm(lang)] });
  });

  app.post('/tai-khoan/quen-mat-khau', resetLimit, async (req, reply) => {
    const lang = langOf(req);
    const identifier = String((req.body as { identifier?: string })?.identifier ?? '').slice(0, 200);
    await requestPasswordReset(ctx.db, ctx.config.publicUrl, identifier);
    return view.render(req, reply, { title: t[lang].forgotTitle, notices: [{ kind: 'success', text: t[lang].sent }] });
  });

  const resetForm = (lang: 'vi' | 'en', token: string) => ({
    action: '/tai-khoan/dat-lai-mat-khau',
    submit: t[lang].resetSubmit,
    testId: 'reset-form',
    fields: [
      { name: 'token', label: '', type: 'hidden' as const, value: token },
      {
        name: 'password',
        label: t[lang].newPassword,
        hint: t[lang].newHint,
        type: 'password' as const,
        autoComplete: 'new-password',
        required: true,
      },
      {
        name: 'confirm',
        label: t[lang].confirm,
        type: 'password' as const,
        autoComplete: 'new-password',
        required: true,
      },
    ],
  });

  app.get('/tai-khoan/dat-lai-mat-khau', hidden, async (req, reply) => {
    const lang = langOf(req);
    reply.header('referrer-policy', 'no-referrer');
    const token = String((req.query as { token?: string }).token ?? '');
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(token) || !(await resetTokenAccount(ctx.db, token))) {
      return view.render(
        req,
        reply,
        {
          title: t[lang].resetTitle,
          notices: [{ kind: 'error', text: errorText(new AppError('RESET_LINK_INVALID'), lang) }],
          links: [{ href: '/tai-khoan/quen-mat-khau', text: t[lang].forgotTitle }],
        },
        400,
      );
    }
    return view.render(req, reply, { title: t[lang].resetTitle, forms: [resetForm(lang, token)] });
  });

  app.post('/tai-khoan/dat-lai-mat-khau', resetLimit, async (req, reply) => {
    const lang = langOf(req);
    const body = (req.body ?? {}) as { token?: string; password?: string; confirm?: string };
    const token = String(body.token ?? '');
    try {
      if (String(body.password ?? '') !== String(body.confirm ?? '')) throw new AppError('PASSWORD_MISMATCH');
      await completePasswordReset(ctx.db, token, String(body.password ?? ''));
    } catch (err) {
      const text = errorText(err, lang);
      const usable = err instanceof AppError && err.code !== 'RESET_LINK_INVALID';
      return view.render(
        req,
        reply,
        {
          title: t[lang].resetTitle,
          notices: [{ kind: 'error', text }],
          forms: usable ? [resetForm(lang, token)] : [],
        },
        400,
      );
    }
    return view.render(req, reply, {
      title: t[lang].resetTitle,
      notices: [{ kind: 'success', text: t[lang].resetDone }],
      links: [{ href: '/apps/csdl/login', text: t[lang].toLogin }],
    });
  });
}
