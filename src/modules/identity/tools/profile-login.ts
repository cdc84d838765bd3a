/**
 * Profiles single sign-on logins in process: N full round trips (app login → authorize → sign-in page → password
 * → resume → callback) through Fastify's inject, one at a time, with each hop's p50/p95 (the password hop minus
 * the server-reported hash time), and the database statements of the last login with their times.
 *
 *   PROFILE_DB=postgres://postgres@127.0.0.1:5432/<a scratch database> LIBRARY_AUTO_IMPORT=false \
 *     node src/modules/identity/tools/profile-login.ts [logins]
 *
 * The database is migrated and gets accounts `profile.0…19` (password GOOD_PASSWORD of the tests); use a scratch
 * database, never one with real accounts. Statements are counted on the server only (pg's client); without
 * PROFILE_DB an embedded database in memory is used and only the timings are shown. With --cpu-prof, node writes a
 * CPU profile of the same run.
 */
import pg from 'pg';
import { buildApp } from '../../../app.ts';
import { testConfig } from '../../../core/config.ts';
import { openDatabase } from '../../../core/db/database.ts';
import { formAction, GOOD_PASSWORD, insertAccount, TestBrowser } from '../identity.test-helpers.ts';

const url = process.env.PROFILE_DB;
const logins = Number(process.argv[2] ?? 100);
const WARMUP = 10;
const ACCOUNTS = 20;
const database = await openDatabase({ url, dataDir: 'memory://', poolSize: 10 });
const app = await buildApp(testConfig({ devLogin: false, logLevel: 'silent' }), { database });
const known = await database.pool.query(`SELECT count(*)::int AS n FROM account WHERE username LIKE 'profile.%'`);
for (let i = known.rows[0].n; i < ACCOUNTS; i++)
  await insertAccount(database.db, { username: `profile.${i}`, unitCode: '00004', roles: ['viewer'] });

let hop = '';
const statements: { hop: string; sql: string; ms: number }[] = [];
if (url) {
  type Query = (...args: unknown[]) => unknown;
  const proto = pg.Client.prototype as unknown as { query: Query };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === 'string' ? first : first?.text;
    const t0 = performance.now();
    const at = hop;
    const r = query.apply(this, args);
    if (r instanceof Promise)
      r.then(
        () => statements.push({ hop: at, sql: String(text).replace(/\s+/g, ' ').trim(), ms: performance.now() - t0 }),
        () => {},
      );
    return r;
  };
}

const HOPS = ['app login', 'authorize', 'sign-in page', 'password', 'resume', 'callback'] as const;
const times: Record<string, number[]> = Object.fromEntries([...HOPS, 'total', 'hash'].map((h) => [h, []]));
for (let i = 0; i < logins + WARMUP; i++) {
  const b = new TestBrowser(app);
  const timed = i >= WARMUP;
  statements.length = 0;
  let res: Awaited<ReturnType<TestBrowser['request']>> | undefined;
  let total = 0;
  let hash = 0;
  for (const h of HOPS) {
    hop = h;
    const t0 = performance.now();
    if (h === 'app login') res = await b.request('GET', '/apps/csdl/login');
    else if (h === 'password')
      res = await b.request('POST', formAction(res!.body, 'login-form'), {
        identifier: `profile.${i % ACCOUNTS}`,
        password: GOOD_PASSWORD,
      });
    else res = await b.request('GET', res!.location!);
    let ms = performance.now() - t0;
    if (h === 'password') {
      hash = Number(String(res.headers['server-timing']).match(/dur=([\d.]+)/)?.[1] ?? 0);
      ms -= hash;
    }
    if (timed) times[h]!.push(ms);
    total += ms;
  }
  hop = '';
  if (!b.cookie('mts_session')) throw new Error(`login ${i} ended without an app session (${res?.status})`);
  if (timed) {
    times.total!.push(total);
    times.hash!.push(hash);
  }
}
await new Promise((resolve) => setTimeout(resolve, 100));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
console.log(`${logins} logins (after ${WARMUP} unmeasured), ms; password and total exclude the hash:`);
for (const [h, xs] of Object.entries(times))
  console.log(`  ${h.padEnd(13)} p50 ${pct(xs, 50).toFixed(2).padStart(7)}  p95 ${pct(xs, 95).toFixed(2).padStart(7)}`);
if (url) {
  console.log(`statements of the last login: ${statements.length}`);
  for (const s of statements)
    console.log(`  ${s.hop.padEnd(13)} ${s.ms.toFixed(2).padStart(6)} ms  ${s.sql.slice(0, 100)}`);
}
await app.close();
await database.close();
