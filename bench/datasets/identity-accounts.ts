import { hashPassword } from '../../src/modules/identity/passwords.ts';
import { loadReferenceUnits } from '../../src/modules/units/index.ts';
import { defineDataset } from '../lib/datasets.ts';

/** How many staff accounts the identity benchmarks sign in with (200 concurrent logins need 200 accounts). */
export const BENCH_ACCOUNTS = 250;
export const BENCH_PASSWORD = 'Mật khẩu đo hiệu năng 2026';
export const benchUsername = (i: number) => `bench.cadre.${i}`;

/**
 * Staff accounts of the Front of Phường Ba Đình (00004), all with one argon2id hash of BENCH_PASSWORD (hashed
 * once here; the login verifies it at full cost every time).
 */
export default defineDataset({
  name: 'identity-accounts',
  description: `${BENCH_ACCOUNTS} staff accounts (commune 00004, role data entry, one password)`,
  async build(ctx) {
    const { db, pool } = ctx.database;
    await loadReferenceUnits(db);
    const hash = await hashPassword(BENCH_PASSWORD);
    const res = await pool.query(
      `INSERT INTO account (kind, username, display_name, unit_code, unit_path, unit_level, org_type, roles, password_hash)
       SELECT 'staff', 'bench.cadre.' || i, 'Cán bộ đo hiệu năng ' || i, '00004', 'vn.01.00004', 'commune', 'front',
         ARRAY['data_entry'], $1
       FROM generate_series(0, $2 - 1) AS i
       ON CONFLICT DO NOTHING`,
      [hash, BENCH_ACCOUNTS],
    );
    return { rows: res.rowCount ?? 0 };
  },
});

/**
 * The app as in production (React's production build, no development sign-in), with the per-address rate limits
 * raised: every benchmark login comes from the one address of the runner.
 */
export const IDENTITY_APP_ENV = {
  NODE_ENV: 'production',
  RATE_LIMIT_PUBLIC: '1000000000',
  IDENTITY_LOGIN_RATE_LIMIT: '1000000000',
};

type Jar = Map<string, string>;

async function step(jar: Jar, url: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
    else jar.set(name, value);
  }
  const location = res.headers.get('location');
  return { res, body: await res.text(), next: location ? new URL(location, url).href : null };
}

/**
 * One full login round trip as a browser does it: the app's login → the provider's authorize → the sign-in page →
 * the password → the provider → the app's callback (code for tokens) → the app session. Returns the total time
 * and the server's deliberate hash time (Server-Timing of the password POST).
 */
export async function loginRoundTrip(baseUrl: string, username: string): Promise<{ totalMs: number; hashMs: number }> {
  const jar: Jar = new Map();
  const t0 = performance.now();
  let r = await step(jar, `${baseUrl}/apps/csdl/login`);
  while (r.next && !r.next.includes('/dang-nhap/sso/')) r = await step(jar, r.next);
  r = await step(jar, r.next!);
  const action = r.body.match(/action="(\/dang-nhap\/sso\/[^"]+\/login)"/)?.[1];
  if (!action) throw new Error(`no sign-in form (status ${r.res.status})`);
  const origin = new URL(r.res.url).origin;
  r = await step(jar, `${origin}${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
    body: new URLSearchParams({ identifier: username, password: BENCH_PASSWORD }).toString(),
  });
  const hashMs = Number(r.res.headers.get('server-timing')?.match(/dur=([\d.]+)/)?.[1] ?? 0);
  while (r.next && !r.next.endsWith('/quan-tri')) r = await step(jar, r.next);
  if (!r.next || !jar.has('mts_session'))
    throw new Error(`login of ${username} did not end in an app session (${r.res.status})`);
  return { totalMs: performance.now() - t0, hashMs };
}
