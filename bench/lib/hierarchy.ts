import type pg from 'pg';
import type { Principal } from '../../src/core/auth/principal.ts';
import { foldVietnamese } from '../../src/core/i18n/format.ts';
import { CENTRAL_CODE, CENTRAL_PATH, todayInVietnam } from '../../src/modules/units/index.ts';
import type { ChildServer } from './child-server.ts';
import type { Random } from './random.ts';
import type { Measurement } from './stats.ts';
import type { BenchContext } from './types.ts';

/** Helpers shared by the hierarchy benchmarks (bench/suites/hierarchy-*.ts). */

export const HIERARCHY_DATASET = 'hierarchy-national';

/**
 * How the hierarchy benchmarks run the app: with the development sign-in (the configuration refuses DEV_LOGIN
 * when NODE_ENV=production, so NODE_ENV=test, which behaves as production otherwise) and with the public rate
 * limit (300 requests a minute per address) raised, because all the load comes from one address.
 */
export const HIERARCHY_APP_ENV = { NODE_ENV: 'test', DEV_LOGIN: 'true', RATE_LIMIT_PUBLIC: '1000000000' };
/** Appended to the hierarchy HTTP descriptions. */
export const HIERARCHY_APP_NOTE = ' (app with NODE_ENV=test, DEV_LOGIN=true, public rate limit raised)';

/** The national (or, at small scale, sampled) tree first, then the app on it. */
export async function startHierarchyApp(ctx: BenchContext): Promise<ChildServer> {
  await ctx.ensureDataset(HIERARCHY_DATASET);
  return ctx.startApp(HIERARCHY_APP_ENV);
}

/** A viewer of the Central Front: scope the whole nation, read-only. */
export const CENTRAL_VIEWER: Principal = {
  accountId: 'bench:central-viewer',
  displayName: 'Benchmark viewer',
  unitCode: CENTRAL_CODE,
  unitPath: CENTRAL_PATH,
  unitLevel: 'central',
  orgType: 'front',
  roles: ['viewer'],
};

/**
 * fetch from the runner, retried once on a network error: the runner's idle keep-alive connection to the shared
 * app may be closed by the server (keep-alive timeout) just as it is reused, minutes after the last request.
 */
async function fetchOnce(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    return fetch(url, init);
  }
}

/** Signs in through POST /api/auth/dev-login as a Central viewer; returns the Cookie header to send. */
export async function centralViewerHeaders(app: ChildServer): Promise<Record<string, string>> {
  const res = await fetchOnce(`${app.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ unitCode: CENTRAL_CODE, orgType: 'front', roles: ['viewer'] }),
  });
  if (!res.ok) throw new Error(`dev-login: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('dev-login set no cookie');
  return { cookie };
}

/** One request before the load, so that a wrong path or a missing sign-in fails with the server's answer. */
export async function expectOk(app: ChildServer, path: string, headers: Record<string, string> = {}): Promise<void> {
  const res = await fetchOnce(`${app.url}${path}`, { headers });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
}

export type UnitRef = { code: string; name: string; fullName: string; path: string };

/** Units in force today at a level (optionally only those with children in force), ordered by code. */
export async function unitsInForce(
  pool: pg.Pool,
  level: 'province' | 'commune' | 'village',
  opts: { withChildren?: boolean } = {},
): Promise<UnitRef[]> {
  const withChildren = opts.withChildren
    ? `AND EXISTS (SELECT 1 FROM unit_version c WHERE c.parent_id = v.unit_id
         AND c.valid_from <= $2 AND (c.valid_to IS NULL OR c.valid_to > $2))`
    : '';
  const { rows } = await pool.query<UnitRef>(
    `SELECT v.code, v.name, v.full_name AS "fullName", v.path::text AS path FROM unit_version v
     WHERE v.level = $1 AND v.valid_from <= $2 AND (v.valid_to IS NULL OR v.valid_to > $2) ${withChildren}
     ORDER BY v.code`,
    [level, todayInVietnam()],
  );
  if (!rows.length) throw new Error(`no ${level} in force: is the ${HIERARCHY_DATASET} dataset built?`);
  return rows;
}

/** `count` seeded picks (with repetition) from `items`. */
export function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  return Array.from({ length: count }, () => random.pick(items));
}

/** What people type in the search box: without tone marks, often unfinished. */
const TYPED_QUERIES = ['ha noi', 'ba dinh', 'phu quoc', 'ho chi minh', 'da nang', 'hoan kiem', 'hue', 'can tho'];

/**
 * Search queries: well-known names and their unfinished prefixes, then for random communes their name,
 * their full name ("xa tan hiep") and a 3–6 letter prefix, all folded (no tone marks, đ → d, lower case).
 */
export function searchQueries(random: Random, communes: readonly UnitRef[], count: number): string[] {
  const queries = TYPED_QUERIES.flatMap((q) => [q, q.slice(0, Math.max(2, q.length - 3))]);
  while (queries.length < count) {
    const commune = random.pick(communes);
    const name = foldVietnamese(commune.name);
    const kind = random.int(0, 2);
    if (kind === 0) queries.push(name);
    else if (kind === 1) queries.push(foldVietnamese(commune.fullName));
    else queries.push(name.slice(0, random.int(3, 6)).trim());
  }
  return queries;
}

/**
 * Keeps the tree changing while a benchmark reads it: renames a seeded-random village (and back) through the
 * real API as a Central administrator, once per interval. Every rename moves the change counters, so cached
 * figures are recomputed the way they are when communes edit their lists during the day.
 */
export async function startVillageRenamer(
  app: ChildServer,
  villages: readonly UnitRef[],
  random: Random,
  intervalMs: number,
): Promise<{ stop(): Promise<{ renames: number; failures: number }> }> {
  const res = await fetchOnce(`${app.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ unitCode: CENTRAL_CODE, orgType: 'front', roles: ['admin'] }),
  });
  if (!res.ok) throw new Error(`dev-login: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  let renames = 0;
  let failures = 0;
  let inFlight: Promise<void> | null = null;
  const renameOne = async () => {
    const village = random.pick(villages);
    for (const name of [`${village.name} mới`, village.name]) {
      const r = await fetchOnce(`${app.url}/api/units/villages/${village.code}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie, origin: app.url },
        body: JSON.stringify({ name }),
      });
      if (r.ok) renames++;
      else failures++;
      await r.arrayBuffer();
    }
  };
  const timer = setInterval(() => {
    inFlight ??= renameOne()
      .catch(() => {
        failures++;
      })
      .finally(() => {
        inFlight = null;
      });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      return { renames, failures };
    },
  };
}

/**
 * Runs `load` while a village is renamed (and back) every second through the API, and adds the renames to its notes:
 * the kept figures are recomputed throughout, as when communes edit their lists during the day.
 */
export async function whileRenamingVillages(
  app: ChildServer,
  villages: readonly UnitRef[],
  random: Random,
  load: () => Promise<Measurement>,
): Promise<Measurement> {
  const renamer = await startVillageRenamer(app, villages, random, 1_000);
  let m: Measurement;
  let writes = { renames: 0, failures: 0 };
  try {
    m = await load();
  } finally {
    writes = await renamer.stop();
  }
  return { ...m, notes: { ...m.notes, 'village renames': writes.renames, 'rename failures': writes.failures } };
}
