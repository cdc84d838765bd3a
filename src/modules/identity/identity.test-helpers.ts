import type { FastifyInstance } from 'fastify';
import type { OrgType, Role } from '../../core/auth/principal.ts';
import type { Db } from '../../core/db/database.ts';
import { findUnitByCode, todayInVietnam, unitsDb } from '../units/index.ts';
import { identityDb } from './identity.db.ts';
import { hashPassword } from './passwords.ts';

export const GOOD_PASSWORD = 'Hoa sen nở giữa đầm 2026';

/** An account written straight to the database (tests of sign-in need one before any administrator exists). */
export async function insertAccount(
  db: Db,
  a: {
    username: string;
    unitCode: string;
    orgType?: OrgType;
    roles?: Role[];
    password?: string;
    email?: string;
    phone?: string;
    displayName?: string;
  },
) {
  const unit = await findUnitByCode(unitsDb(db), a.unitCode, todayInVietnam());
  if (!unit) throw new Error(`no unit ${a.unitCode}`);
  const row = await identityDb(db)
    .insertInto('account')
    .values({
      kind: 'staff',
      username: a.username,
      email: a.email ?? null,
      phone: a.phone ?? null,
      display_name: a.displayName ?? `Cán bộ ${a.username}`,
      unit_code: unit.code,
      unit_path: unit.path,
      unit_level: unit.level,
      org_type: a.orgType ?? 'front',
      roles: a.roles ?? ['data_entry'],
      citizen_id: null,
      password_hash: await hashPassword(a.password ?? GOOD_PASSWORD),
      password_changed_at: new Date(),
      locked_until: null,
      totp_secret: null,
      totp_enabled_at: null,
      created_by: 'test',
    })
    .returning(['id', 'unit_path'])
    .executeTakeFirstOrThrow();
  return { id: row.id, unitPath: row.unit_path! };
}

let nextAddress = 1 + Math.floor(Math.random() * 60_000);
type Cookie = { name: string; value: string; path: string; host: string };
type Res = { status: number; location: string | null; body: string; headers: Record<string, unknown> };

/**
 * A browser over Fastify's inject: a cookie jar honouring paths, same-origin redirects followed on request.
 * Pages and forms are the real ones; only the network is missing.
 */
export class TestBrowser {
  app: FastifyInstance;
  origin: string;
  cookies: Cookie[] = [];
  /** Each browser comes from its own address, as real users do (the login rate limit is per address). */
  remoteAddress: string;
  constructor(app: FastifyInstance, origin = 'http://localhost') {
    this.app = app;
    this.origin = origin;
    this.remoteAddress = `10.${(nextAddress >> 16) & 255}.${(nextAddress >> 8) & 255}.${nextAddress & 255}`;
    nextAddress++;
  }

  cookieHeader(path: string, host = new URL(this.origin).host): string {
    return this.cookies
      .filter((c) => c.host === host)
      .filter((c) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`) || c.path === '/')
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  cookie(name: string): string | undefined {
    return this.cookies.find((c) => c.name === name && c.host === new URL(this.origin).host)?.value;
  }

  private store(setCookie: unknown, host = new URL(this.origin).host) {
    for (const line of [setCookie ?? []].flat() as string[]) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      let path = '/';
      let expired = false;
      for (const a of attrs) {
        const [k, v] = a.trim().split('=');
        if (k!.toLowerCase() === 'path') path = v ?? '/';
        if (k!.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k!.toLowerCase() === 'expires' && new Date(v!).getTime() < Date.now()) expired = true;
      }
      this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path && c.host === host));
      if (!expired && value !== '') this.cookies.push({ name, value, path, host });
    }
  }

  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>): Promise<Res> {
    const u = new URL(url, this.origin);
    if (u.origin !== this.origin) return this.network(method, u, form);
    const res = await this.app.inject({
      method,
      url: u.pathname + u.search,
      remoteAddress: this.remoteAddress,
      headers: {
        host: new URL(this.origin).host,
        cookie: this.cookieHeader(u.pathname),
        ...(method === 'POST' ? { origin: this.origin, 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: new URLSearchParams(form).toString() } : {}),
    });
    this.store(res.headers['set-cookie']);
    const location = (res.headers.location as string | undefined) ?? null;
    return {
      status: res.statusCode,
      location: location ? new URL(location, u).href : null,
      body: res.body,
      headers: res.headers,
    };
  }

  /** Another site (an external identity provider started by a test): a real HTTP request. */
  private async network(method: 'GET' | 'POST', u: URL, form?: Record<string, string>): Promise<Res> {
    const res = await fetch(u, {
      method,
      redirect: 'manual',
      headers: {
        cookie: this.cookieHeader(u.pathname, u.host),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    this.store(res.headers.getSetCookie(), u.host);
    const location = res.headers.get('location');
    return {
      status: res.status,
      location: location ? new URL(location, u).href : null,
      body: await res.text(),
      headers: Object.fromEntries(res.headers),
    };
  }

  /** Follows redirects on this origin; returns the last answer and the URLs visited. */
  async go(method: 'GET' | 'POST', url: string, form?: Record<string, string>, opts: { followAll?: boolean } = {}) {
    const visited: string[] = [new URL(url, this.origin).href];
    let res = await this.request(method, url, form);
    for (let i = 0; i < 15 && res.location && res.status >= 300 && res.status < 400; i++) {
      if (!res.location.startsWith(this.origin) && !opts.followAll) break;
      visited.push(res.location);
      res = await this.request('GET', res.location);
    }
    return { ...res, visited, url: visited[visited.length - 1]! };
  }
}

/** The action of a form on a page (the one with data-testid when given, else the first). */
export function formAction(html: string, testId?: string): string {
  for (const tag of html.match(/<form[^>]*>/g) ?? []) {
    if (testId && !tag.includes(`data-testid="${testId}"`)) continue;
    const m = tag.match(/action="([^"]+)"/);
    if (m) return m[1]!.replace(/&amp;/g, '&');
  }
  throw new Error(`no form ${testId ?? ''} on the page`);
}

export async function signIn(b: TestBrowser, client: string, identifier: string, password: string) {
  const start = await b.go('GET', `/apps/${client}/login`);
  if (!start.url.includes('/dang-nhap/sso/')) return { ...start, prompted: false };
  const done = await b.go('POST', formAction(start.body, 'login-form'), { identifier, password });
  return { ...done, prompted: true };
}
