import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AccountField } from '../../../web/identity/account-page.tsx';
import { ORG_CHOICES, ROLE_CHOICES } from '../../../web/identity/labels.ts';
import { listAudit } from '../../core/audit.ts';
import { hasRoleFor, scopeFilter } from '../../core/auth/policy.ts';
import { ORG_TYPES, type OrgType, type Principal, ROLES, type Role } from '../../core/auth/principal.ts';
import { AppError } from '../../core/http/errors.ts';
import type { Lang } from '../../core/i18n/language.ts';
import { createPublicPages } from '../portal/index.ts';
import { renderNotFound } from '../units/index.ts';
import { IMPORT_MAX_BYTES } from './account-file.ts';
import { accountPages, errorText, formatDateTime, langOf } from './account-pages.ts';
import { type AccountDeps, importAccounts, uploadedFile } from './accounts.routes.ts';
import * as accounts from './accounts.service.ts';
import { assertCentralAdmin, registerClient } from './clients.routes.ts';
import { identityDb } from './identity.db.ts';

const x = {
  vi: {
    accounts: 'Quản trị tài khoản',
    accountsLead: 'Tài khoản cán bộ trong phạm vi quản lý của bạn.',
    search: 'Tìm theo tên, tên đăng nhập hoặc mã đơn vị',
    find: 'Tìm',
    create: 'Tạo tài khoản',
    displayName: 'Họ và tên',
    username: 'Tên đăng nhập',
    email: 'Thư điện tử',
    emailHint: 'Nếu không đặt mật khẩu ban đầu, liên kết đặt mật khẩu được gửi đến địa chỉ này.',
    phone: 'Số điện thoại',
    unitCode: 'Mã đơn vị',
    org: 'Tổ chức',
    roles: 'Vai trò',
    password: 'Mật khẩu ban đầu (không bắt buộc)',
    created: 'Đã tạo tài khoản {name}.',
    importTitle: 'Nhập danh sách cán bộ từ Excel',
    importHint:
      'Cột: Họ và tên, Tên đăng nhập, Thư điện tử, Số điện thoại, Mã đơn vị, Tổ chức, Vai trò. Tải tệp mẫu: /api/identity/accounts/import-template.xlsx',
    file: 'Tệp Excel (.xlsx)',
    importSubmit: 'Nhập danh sách',
    imported: 'Đã tạo {n} tài khoản.',
    importFailed: 'Chưa tạo tài khoản nào: sửa các dòng sau rồi nhập lại.',
    row: 'Dòng',
    problem: 'Lỗi',
    list: 'Danh sách tài khoản',
    colName: 'Họ và tên',
    colUser: 'Tên đăng nhập',
    colUnit: 'Đơn vị',
    colOrg: 'Tổ chức',
    colRoles: 'Vai trò',
    colStatus: 'Trạng thái',
    active: 'Đang hoạt động',
    disabled: 'Đã khóa',
    locked: 'tạm khóa do đăng nhập sai',
    mfa: 'có xác thực hai lớp',
    none: 'Chưa có tài khoản nào.',
    disable: 'Khóa',
    enable: 'Mở khóa',
    resetMfa: 'Đặt lại xác thực hai lớp',
    saveRoles: 'Lưu vai trò',
    done: 'Đã cập nhật.',
    audit: 'Nhật ký truy cập và thay đổi',
    auditLead: 'Các sự kiện về tài khoản và dữ liệu trong phạm vi của bạn, mới nhất trước.',
    colAt: 'Thời gian',
    colActor: 'Người thực hiện',
    colAction: 'Thao tác',
    colTarget: 'Đối tượng',
    colIp: 'Địa chỉ IP',
    action: 'Lọc theo thao tác (ví dụ identity.login.failure)',
    filter: 'Lọc',
    older: 'Cũ hơn',
    clients: 'Ứng dụng kết nối (OpenID Connect)',
    clientsLead: 'Đăng ký hệ thống bên ngoài đăng nhập bằng tài khoản Mặt trận số. Chỉ quản trị viên Trung ương.',
    clientId: 'Mã ứng dụng',
    clientName: 'Tên ứng dụng',
    redirects: 'Địa chỉ quay lại (mỗi dòng một địa chỉ, https)',
    postLogout: 'Địa chỉ sau khi đăng xuất (không bắt buộc)',
    backchannel: 'Địa chỉ nhận thông báo đăng xuất (back-channel, không bắt buộc)',
    register: 'Đăng ký',
    registered: 'Đã đăng ký {id}. Mã bí mật (chỉ hiển thị một lần): {secret}',
    colClient: 'Mã',
    colRedirect: 'Địa chỉ quay lại',
    colCreated: 'Ngày đăng ký',
  },
  en: {
    accounts: 'Account administration',
    accountsLead: 'Staff accounts within your scope.',
    search: 'Search by name, username or unit code',
    find: 'Search',
    create: 'Create the account',
    displayName: 'Full name',
    username: 'Username',
    email: 'E-mail',
    emailHint: 'Without an initial password, a set-password link is sent to this address.',
    phone: 'Phone number',
    unitCode: 'Unit code',
    org: 'Organisation',
    roles: 'Roles',
    password: 'Initial password (optional)',
    created: 'Account {name} created.',
    importTitle: 'Import a list of cadres from Excel',
    importHint:
      'Columns: Họ và tên, Tên đăng nhập, Thư điện tử, Số điện thoại, Mã đơn vị, Tổ chức, Vai trò. Template: /api/identity/accounts/import-template.xlsx',
    file: 'Excel file (.xlsx)',
    importSubmit: 'Import the list',
    imported: '{n} accounts created.',
    importFailed: 'No account was created: fix these rows and import again.',
    row: 'Row',
    problem: 'Problem',
    list: 'Accounts',
    colName: 'Name',
    colUser: 'Username',
    colUnit: 'Unit',
    colOrg: 'Organisation',
    colRoles: 'Roles',
    colStatus: 'Status',
    active: 'Active',
    disabled: 'Disabled',
    locked: 'locked after failed sign-ins',
    mfa: 'two-step verification on',
    none: 'No accounts yet.',
    disable: 'Disable',
    enable: 'Enable',
    resetMfa: 'Reset two-step verification',
    saveRoles: 'Save roles',
    done: 'Updated.',
    audit: 'Audit log',
    auditLead: 'Account and data events within your scope, newest first.',
    colAt: 'Time',
    colActor: 'Actor',
    colAction: 'Action',
    colTarget: 'Target',
    colIp: 'IP address',
    action: 'Filter by action (e.g. identity.login.failure)',
    filter: 'Filter',
    older: 'Older',
    clients: 'Connected apps (OpenID Connect)',
    clientsLead: 'Register outside systems that sign in with Digital Front accounts. Central administrators only.',
    clientId: 'Client id',
    clientName: 'Name',
    redirects: 'Redirect URIs (one per line, https)',
    postLogout: 'Post-logout redirect URIs (optional)',
    backchannel: 'Back-channel logout URI (optional)',
    register: 'Register',
    registered: '{id} registered. Secret (shown once): {secret}',
    colClient: 'Id',
    colRedirect: 'Redirect URIs',
    colCreated: 'Registered',
  },
};

const fill = (s: string, p: Record<string, string | number>) =>
  s.replace(/\{(\w+)\}/g, (_, k: string) => String(p[k] ?? ''));
const asList = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]);
const lines = (v: unknown) =>
  String(v ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Account administration, the audit viewer and client registration as server-rendered pages. */
export function registerAdminPages(app: FastifyInstance, deps: AccountDeps): void {
  const { ctx } = deps;
  const view = accountPages(ctx);
  const pages = createPublicPages(ctx.config);
  const hidden = { schema: { hide: true } };

  /** Anonymous → sign in; without the right → the HTML 404 (nothing shows that the page exists). */
  function gate(req: FastifyRequest, reply: FastifyReply, allowed: (p: Principal) => boolean): Principal | null {
    const p = req.principal;
    if (!p) {
      reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`, 303);
      return null;
    }
    if (!allowed(p)) {
      void renderNotFound(pages, req, reply, null);
      return null;
    }
    return p;
  }

  function createFields(lang: Lang, actor: Principal, values: Record<string, unknown> = {}): AccountField[] {
    const t = x[lang];
    const chosen = asList(values.roles);
    return [
      {
        name: 'displayName',
        label: t.displayName,
        type: 'text',
        value: String(values.displayName ?? ''),
        required: true,
      },
      {
        name: 'username',
        label: t.username,
        type: 'text',
        value: String(values.username ?? ''),
        autoComplete: 'off',
        required: true,
      },
      { name: 'email', label: t.email, hint: t.emailHint, type: 'email', value: String(values.email ?? '') },
      { name: 'phone', label: t.phone, type: 'tel', value: String(values.phone ?? '') },
      {
        name: 'unitCode',
        label: t.unitCode,
        type: 'text',
        value: String(values.unitCode ?? actor.unitCode),
        required: true,
      },
      {
        name: 'orgType',
        label: t.org,
        type: 'select',
        value: String(values.orgType ?? actor.orgType),
        options: ORG_CHOICES.filter((o) => actor.orgType === 'front' || o.code === actor.orgType).map((o) => ({
          value: o.code,
          label: o.name[lang],
        })),
      },
      {
        name: 'roles',
        label: t.roles,
        type: 'checkboxes',
        options: ROLE_CHOICES.map((r) => ({ value: r.code, label: r.name[lang], checked: chosen.includes(r.code) })),
      },
      { name: 'password', label: t.password, type: 'password', autoComplete: 'new-password' },
    ];
  }

  async function accountsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Principal,
    extra: {
      notices?: { kind: 'success' | 'error'; text: string }[];
      values?: Record<string, unknown>;
      importErrors?: { row: number; message: string }[];
    } = {},
    status = 200,
  ) {
    const lang = langOf(req);
    const t = x[lang];
    const q = String((req.query as { q?: string }).q ?? '').slice(0, 100);
    const items = await accounts.listAccounts(ctx.db, actor, { search: q || undefined, limit: 200, offset: 0 });
    const roleName = (r: string) => ROLE_CHOICES.find((c) => c.code === r)?.name[lang] ?? r;
    const orgName = (o: string | null) => ORG_CHOICES.find((c) => c.code === o)?.name[lang] ?? '';
    return view.render(
      req,
      reply,
      {
        title: t.accounts,
        lead: t.accountsLead,
        notices: extra.notices ?? [],
        forms: [
          {
            action: '/quan-tri/tai-khoan',
            method: 'get',
            submit: t.find,
            secondary: true,
            fields: [{ name: 'q', label: t.search, type: 'text', value: q }],
          },
          {
            action: '/quan-tri/tai-khoan/tao',
            submit: t.create,
            testId: 'create-account',
            fields: createFields(lang, actor, extra.values),
          },
          {
            action: '/quan-tri/tai-khoan/nhap-excel',
            submit: t.importSubmit,
            multipart: true,
            secondary: true,
            testId: 'import-accounts',
            fields: [{ name: 'file', label: t.file, hint: t.importHint, type: 'file' }],
          },
        ],
        tables: [
          ...(extra.importErrors?.length
            ? [
                {
                  caption: t.importFailed,
                  columns: [t.row, t.problem],
                  empty: '',
                  rows: extra.importErrors.map((e) => ({ cells: [String(e.row), e.message] })),
                },
              ]
            : []),
          {
            caption: t.list,
            columns: [t.colName, t.colUser, t.colUnit, t.colOrg, t.colRoles, t.colStatus, ''],
            empty: t.none,
            rows: items.map((a) => ({
              cells: [
                a.displayName,
                a.username ?? '',
                a.unitCode ?? '',
                orgName(a.orgType),
                a.roles.map(roleName).join(', '),
                [a.status === 'active' ? t.active : t.disabled, a.locked ? t.locked : '', a.mfa ? t.mfa : '']
                  .filter(Boolean)
                  .join('; '),
              ],
              actions:
                a.id === actor.accountId
                  ? []
                  : [
                      {
                        action: `/quan-tri/tai-khoan/${a.id}/${a.status === 'active' ? 'khoa' : 'mo-khoa'}`,
                        submit: a.status === 'active' ? t.disable : t.enable,
                        fields: [],
                      },
                      ...(a.mfa
                        ? [{ action: `/quan-tri/tai-khoan/${a.id}/dat-lai-mfa`, submit: t.resetMfa, fields: [] }]
                        : []),
                      {
                        action: `/quan-tri/tai-khoan/${a.id}/vai-tro`,
                        submit: t.saveRoles,
                        fields: [
                          {
                            name: 'roles',
                            label: t.roles,
                            type: 'checkboxes' as const,
                            options: ROLES.map((r) => ({ value: r, label: roleName(r), checked: a.roles.includes(r) })),
                          },
                        ],
                      },
                    ],
            })),
          },
        ],
      },
      status,
    );
  }

  const isAdmin = (p: Principal) => hasRoleFor(p, 'administer');

  app.get('/quan-tri/tai-khoan', hidden, async (req, reply) => {
    const actor = gate(req, reply, isAdmin);
    return actor ? accountsPage(req, reply, actor) : reply;
  });

  app.post('/quan-tri/tai-khoan/tao', hidden, async (req, reply) => {
    const actor = gate(req, reply, isAdmin);
    if (!actor) return reply;
    const lang = langOf(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const orgType = String(b.orgType ?? 'front');
    try {
      const account = await accounts.createAccount(ctx.db, ctx.config.publicUrl, actor, {
        displayName: String(b.displayName ?? '').slice(0, 200),
        username: String(b.username ?? '').slice(0, 64),
        email: String(b.email ?? '').trim() || null,
        phone: String(b.phone ?? '').trim() || null,
        unitCode: String(b.unitCode ?? '').slice(0, 20),
        orgType: ((ORG_TYPES as readonly string[]).includes(orgType) ? orgType : 'front') as OrgType,
        roles: asList(b.roles).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
        password: String(b.password ?? '') || null,
      });
      return accountsPage(req, reply, actor, {
        notices: [{ kind: 'success', text: fill(x[lang].created, { name: account.displayName }) }],
      });
    } catch (err) {
      const text =
        err instanceof AppError && err.code === 'NOT_FOUND'
          ? errorText(new AppError('ACCOUNT_UNIT_OUT_OF_SCOPE', { params: { code: String(b.unitCode ?? '') } }), lang)
          : errorText(err, lang);
      return accountsPage(
        req,
        reply,
        actor,
        { notices: [{ kind: 'error', text }], values: { ...b, password: '' } },
        400,
      );
    }
  });

  for (const [path, run] of [
    ['khoa', (a: Principal, id: string) => accounts.setStatus(ctx.db, a, id, 'disabled')],
    ['mo-khoa', (a: Principal, id: string) => accounts.setStatus(ctx.db, a, id, 'active')],
    ['dat-lai-mfa', (a: Principal, id: string) => accounts.resetMfa(ctx.db, a, id)],
  ] as const) {
    app.post(`/quan-tri/tai-khoan/:id/${path}`, hidden, async (req, reply) => {
      const actor = gate(req, reply, isAdmin);
      if (!actor) return reply;
      const id = (req.params as { id: string }).id;
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
      try {
        await run(actor, id);
        return accountsPage(req, reply, actor, { notices: [{ kind: 'success', text: x[langOf(req)].done }] });
      } catch (err) {
        if (err instanceof AppError && err.code === 'NOT_FOUND') throw err;
        return accountsPage(
          req,
          reply,
          actor,
          { notices: [{ kind: 'error', text: errorText(err, langOf(req)) }] },
          403,
        );
      }
    });
  }

  app.post('/quan-tri/tai-khoan/:id/vai-tro', hidden, async (req, reply) => {
    const actor = gate(req, reply, isAdmin);
    if (!actor) return reply;
    const id = (req.params as { id: string }).id;
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('NOT_FOUND');
    const roles = asList((req.body as { roles?: unknown })?.roles).filter((r): r is Role =>
      (ROLES as readonly string[]).includes(r),
    );
    try {
      await accounts.setRoles(ctx.db, actor, id, roles);
      return accountsPage(req, reply, actor, { notices: [{ kind: 'success', text: x[langOf(req)].done }] });
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw err;
      return accountsPage(req, reply, actor, { notices: [{ kind: 'error', text: errorText(err, langOf(req)) }] }, 400);
    }
  });

  app.register(async (child) => {
    await child.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5 } });
    child.post('/quan-tri/tai-khoan/nhap-excel', hidden, async (req, reply) => {
      const actor = gate(req, reply, isAdmin);
      if (!actor) return reply;
      const lang = langOf(req);
      try {
        const result = await importAccounts(deps, actor, await uploadedFile(req), lang);
        if (result.errors.length)
          return accountsPage(
            req,
            reply,
            actor,
            { importErrors: result.errors, notices: [{ kind: 'error', text: x[lang].importFailed }] },
            400,
          );
        return accountsPage(req, reply, actor, {
          notices: [{ kind: 'success', text: fill(x[lang].imported, { n: result.created }) }],
        });
      } catch (err) {
        return accountsPage(req, reply, actor, { notices: [{ kind: 'error', text: errorText(err, lang) }] }, 400);
      }
    });
  });

  app.get('/quan-tri/nhat-ky', hidden, async (req, reply) => {
    const actor = gate(req, reply, (p) => hasRoleFor(p, 'audit'));
    if (!actor) return reply;
    const lang = langOf(req);
    const t = x[lang];
    const query = req.query as { action?: string; before?: string };
    const action = /^[a-z_.]{3,80}$/.test(query.action ?? '') ? query.action : undefined;
    const before = Number(query.before) > 0 ? Number(query.before) : undefined;
    const scope = scopeFilter(actor);
    const rows = await listAudit(ctx.db, {
      pathPrefix: scope.pathPrefix,
      actorOrgType: scope.orgType,
      action,
      beforeId: before,
      limit: 100,
    });
    const last = rows[rows.length - 1];
    return view.render(req, reply, {
      title: t.audit,
      lead: t.auditLead,
      forms: [
        {
          action: '/quan-tri/nhat-ky',
          method: 'get',
          submit: t.filter,
          secondary: true,
          fields: [{ name: 'action', label: t.action, type: 'text', value: action ?? '' }],
        },
      ],
      tables: [
        {
          caption: t.audit,
          columns: [t.colAt, t.colActor, t.colAction, t.colTarget, t.colIp],
          empty: t.none,
          rows: rows.map((r) => ({
            cells: [
              formatDateTime(r.at, lang),
              r.actorName ?? '—',
              r.action,
              `${r.targetType}${r.targetId ? ` ${r.targetId.slice(0, 8)}` : ''} ${r.targetUnitPath ?? ''}`,
              r.ip ?? '',
            ],
          })),
        },
      ],
      links:
        rows.length === 100 && last
          ? [{ href: `/quan-tri/nhat-ky?before=${last.id}${action ? `&action=${action}` : ''}`, text: t.older }]
          : [],
    });
  });

  async function clientsPage(
    req: FastifyRequest,
    reply: FastifyReply,
    notices: { kind: 'success' | 'error'; text: string }[] = [],
    status = 200,
  ) {
    const lang = langOf(req);
    const t = x[lang];
    const rows = await identityDb(ctx.db)
      .selectFrom('oidc_client')
      .select(['client_id', 'name', 'redirect_uris', 'created_at'])
      .orderBy('created_at', 'desc')
      .execute();
    return view.render(
      req,
      reply,
      {
        title: t.clients,
        lead: t.clientsLead,
        notices,
        forms: [
          {
            action: '/quan-tri/ung-dung',
            submit: t.register,
            fields: [
              { name: 'clientId', label: t.clientId, type: 'text', required: true },
              { name: 'name', label: t.clientName, type: 'text', required: true },
              { name: 'redirectUris', label: t.redirects, type: 'text', required: true },
              { name: 'postLogoutRedirectUris', label: t.postLogout, type: 'text' },
              { name: 'backchannelLogoutUri', label: t.backchannel, type: 'text' },
            ],
          },
        ],
        tables: [
          {
            caption: t.clients,
            columns: [t.colClient, t.clientName, t.colRedirect, t.colCreated],
            empty: t.none,
            rows: rows.map((r) => ({
              cells: [r.client_id, r.name, r.redirect_uris.join(' '), formatDateTime(r.created_at, lang)],
            })),
          },
        ],
      },
      status,
    );
  }

  const central = (p: Principal) => {
    try {
      assertCentralAdmin(p);
      return true;
    } catch {
      return false;
    }
  };

  app.get('/quan-tri/ung-dung', hidden, async (req, reply) =>
    gate(req, reply, central) ? clientsPage(req, reply) : reply,
  );

  app.post('/quan-tri/ung-dung', hidden, async (req, reply) => {
    const actor = gate(req, reply, central);
    if (!actor) return reply;
    const lang = langOf(req);
    const b = (req.body ?? {}) as Record<string, unknown>;
    try {
      const r = await registerClient(deps, actor, {
        clientId: String(b.clientId ?? '').trim(),
        name: String(b.name ?? '').trim(),
        redirectUris: lines(b.redirectUris).flatMap((l) => l.split(/\s+/)),
        postLogoutRedirectUris: lines(b.postLogoutRedirectUris).flatMap((l) => l.split(/\s+/)),
        backchannelLogoutUri: String(b.backchannelLogoutUri ?? '').trim() || null,
      });
      return clientsPage(req, reply, [
        { kind: 'success', text: fill(x[lang].registered, { id: r.clientId, secret: r.clientSecret }) },
      ]);
    } catch (err) {
      return clientsPage(req, reply, [{ kind: 'error', text: errorText(err, lang) }], 400);
    }
  });
}
