import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { formatWeek, weekAt } from '../../src/modules/reports/weeks.ts';
import { orgTypesAt } from '../../src/modules/units/index.ts';
import { devCookie } from '../datasets/petitions-bench.ts';
import type { BurstTarget } from '../datasets/reports-load-worker.ts';
import type { ChildServer } from '../lib/child-server.ts';
import type { Measurement } from '../lib/stats.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Development sign-in for the cadres (hence NODE_ENV=test); every request comes from one address. */
const REPORTS_APP_ENV = { NODE_ENV: 'test', DEV_LOGIN: 'true', RATE_LIMIT_PUBLIC: '1000000000' };
const WORKER = path.join(import.meta.dirname, '../datasets/reports-load-worker.ts');
type State = { app: ChildServer; dir: string; warmup: string; timed: string; rate: number; seconds: number };

/**
 * The Monday-morning burst: 500 reports/s for 60 s over HTTP against the real app, each a different
 * village organisation submitting its report for the current week (validation, audit, history and the completeness
 * roll-ups of commune, province and Central in one transaction), in a seeded-random order across the country.
 */
export default defineBenchmark<State>({
  name: 'reports-submit-burst',
  description:
    'POST /api/reports/entry/:village/:org/:week/submit at a fixed 500 requests/s for 60 s at national scale (50/s ' +
    'small), offered open-loop (request k due at start + k/rate, latency from the due time, at most 100 sockets), ' +
    'each request another village organisation signed in as its Front data entry cadre (app with NODE_ENV=test, ' +
    'DEV_LOGIN=true, rate limits raised)',
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 30, minOpsPerSec: 490 },
  async setup(ctx) {
    await ctx.ensureDataset('reports-12-weeks');
    const national = ctx.scale.name === 'national';
    const rate = national ? 500 : 50;
    const seconds = national ? 60 : ctx.scale.httpSeconds;
    const perVillage = orgTypesAt('village').length;
    const needed = (n: number) => Math.ceil((rate * n * 1.2 + 200) / perVillage);
    const week = weekAt(new Date());
    const { rows } = await sql<{ code: string }>`SELECT v.code FROM unit_version v
      WHERE v.level = 'village' AND v.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM report r
        WHERE r.unit_id = v.unit_id AND r.week = ${week})
      ORDER BY v.code DESC LIMIT ${needed(seconds) + needed(ctx.scale.httpWarmupSeconds)}`.execute(ctx.database.db);
    const app = await ctx.startApp(REPORTS_APP_ENV);
    const random = ctx.random('burst');
    const shuffle = <T>(items: T[]): T[] => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = random.int(0, i);
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    };
    const villages = shuffle([...rows]);
    const cookies: string[] = [];
    for (let i = 0; i < villages.length; i += 16)
      cookies.push(
        ...(await Promise.all(
          villages.slice(i, i + 16).map(async (v) => {
            const h = await devCookie(app, { unitCode: v.code, roles: ['data_entry'] });
            return h.cookie!;
          }),
        )),
      );
    // Every organisation of every village, in a seeded-random order: consecutive requests come from anywhere.
    const targets = (list: { code: string }[], c: string[]): BurstTarget[] =>
      shuffle(
        list.flatMap((v, i) =>
          orgTypesAt('village').map((org) => ({
            path: `/api/reports/entry/${v.code}/${org}/${formatWeek(week)}/submit`,
            cookie: c[i]!,
          })),
        ),
      );
    const w = needed(ctx.scale.httpWarmupSeconds);
    const dir = mkdtempSync(path.join(tmpdir(), 'reports-burst-'));
    const warmup = path.join(dir, 'warmup.json');
    const timed = path.join(dir, 'timed.json');
    writeFileSync(warmup, JSON.stringify(targets(villages.slice(0, w), cookies.slice(0, w))));
    writeFileSync(timed, JSON.stringify(targets(villages.slice(w), cookies.slice(w))));
    ctx.log(`  reports-submit-burst: ${villages.length} villages signed in, ${rate}/s for ${seconds} s`);
    return { app, dir, warmup, timed, rate, seconds };
  },
  async run(ctx, s) {
    const connections = 100;
    await load({
      url: s.app.url,
      seconds: ctx.scale.httpWarmupSeconds,
      connections,
      rate: s.rate,
      targetsFile: s.warmup,
    });
    const m = await load({ url: s.app.url, seconds: s.seconds, connections, rate: s.rate, targetsFile: s.timed });
    // Open loop: every due request is sent and waited for (10 s grace); unanswered ones are timeouts.
    const failed = ['non2xx', 'errors', 'timeouts', 'targetsExhausted'].reduce(
      (n, k) => n + Number(m.notes?.[k] ?? 0),
      0,
    );
    if (m.operations === 0) throw new Error(`reports-submit-burst: no responses ${JSON.stringify(m.notes)}`);
    if (failed > 0)
      throw new Error(`reports-submit-burst: ${failed} of ${m.operations} failed ${JSON.stringify(m.notes)}`);
    return m;
  },
  async teardown(_ctx, s) {
    rmSync(s.dir, { recursive: true, force: true });
  },
});

function load(o: Record<string, unknown>): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, JSON.stringify(o)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop();
      if (code !== 0 || !line) return reject(new Error(`reports load worker exited with ${code}: ${err.trim()}`));
      resolve(JSON.parse(line) as Measurement);
    });
  });
}
