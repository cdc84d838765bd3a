import { spawn } from 'node:child_process';
import path from 'node:path';
import type { ChildServer } from '../lib/child-server.ts';
import type { Measurement } from '../lib/stats.ts';
import type { BenchContext } from '../lib/types.ts';

/** Public and per-petition limits raised: every request of a benchmark comes from one address. */
const RAISED_LIMITS = {
  RATE_LIMIT_PUBLIC: '1000000000',
  PETITION_MAX_PER_IP_HOUR: '1000000000',
  PETITION_MAX_PER_PHONE_DAY: '1000000',
  PETITION_LOOKUPS_PER_MINUTE: '1000000000',
  PETITION_ATTEMPTS_PER_MINUTE: '1000000000',
};
/**
 * The app for the citizens' figures runs as in production (NODE_ENV=production: React's production build
 * renders the pages; the development build with its checks is several times slower). Only the staff inbox needs
 * the development sign-in, hence NODE_ENV=test there.
 */
export const PETITIONS_APP_ENV = { NODE_ENV: 'production', ...RAISED_LIMITS };
export const PETITIONS_STAFF_APP_ENV = { NODE_ENV: 'test', DEV_LOGIN: 'true', ...RAISED_LIMITS };
export const PETITIONS_APP_NOTE =
  ' (app in production mode with the public and petition rate limits raised; 1,000,000 past cases nationally)';
export const PETITIONS_STAFF_APP_NOTE =
  ' (app with NODE_ENV=test and DEV_LOGIN=true for the sign-in, rate limits raised; 1,000,000 past cases nationally)';

export async function startPetitionsApp(ctx: BenchContext, o: { staff?: boolean } = {}): Promise<ChildServer> {
  await ctx.ensureDataset('petitions-national');
  return ctx.startApp(o.staff ? PETITIONS_STAFF_APP_ENV : PETITIONS_APP_ENV);
}

const WORKER = path.join(import.meta.dirname, 'petitions-load-worker.ts');

/** Runs the petitions load worker (warm-up, then the timed window); fails on any non-2xx answer. */
export async function petitionsLoad(
  ctx: BenchContext,
  o: {
    url: string;
    kind: 'submit' | 'submit-photo' | 'track';
    rate?: number;
    connections?: number;
    seconds?: number;
    photoFile?: string;
    codes?: string[];
  },
): Promise<Measurement> {
  const connections = o.connections ?? ctx.scale.httpConnections;
  const seconds = o.seconds ?? ctx.scale.httpSeconds;
  await run({ ...o, connections, seconds: ctx.scale.httpWarmupSeconds });
  const m = await run({ ...o, connections, seconds });
  const failed = Number(m.notes?.non2xx ?? 0) + Number(m.notes?.errors ?? 0);
  if (m.operations === 0) throw new Error(`${o.kind}: no responses in ${seconds} s`);
  if (failed > 0)
    throw new Error(
      `${o.kind}: ${failed} of ${m.operations} responses were errors or not 2xx ${JSON.stringify(m.notes)}`,
    );
  return m;
}

function run(o: Record<string, unknown>): Promise<Measurement> {
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
      if (code !== 0 || !line) return reject(new Error(`petitions load worker exited with ${code}: ${err.trim()}`));
      resolve(JSON.parse(line) as Measurement);
    });
  });
}

/** Signs in through the development sign-in; returns the Cookie header. */
export async function devCookie(
  app: ChildServer,
  who: { unitCode: string; roles: string[] },
): Promise<Record<string, string>> {
  const res = await fetch(`${app.url}/api/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...who, orgType: 'front' }),
  });
  if (!res.ok) throw new Error(`dev-login: ${res.status} ${await res.text()}`);
  return {
    cookie: res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; '),
  };
}
