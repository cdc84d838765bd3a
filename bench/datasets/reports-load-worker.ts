/**
 * Load generator for the Monday-morning burst: every request submits the report of another (village,
 * organisation) for the current week, signed in as that village's Front data entry cadre, at a fixed overall
 * rate. A report can be submitted once, so each run gets its own slice of targets. Runs as its own process;
 * prints one JSON Measurement line like bench/lib/http-load-worker.ts.
 *
 * Usage: node bench/datasets/reports-load-worker.ts <json options>
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Samples, summarise } from '../lib/stats.ts';

export type BurstTarget = { path: string; cookie: string };
type Options = { url: string; seconds: number; connections: number; rate: number; targetsFile: string };

const o = JSON.parse(process.argv[2]!) as Options;
const targets = JSON.parse(readFileSync(o.targetsFile, 'utf8')) as BurstTarget[];
let next = 0;
const body = JSON.stringify({
  values: { members: 120, new_members: 2, activities_held: 3, participants: 80, petitions_received: 1 },
  narratives: { difficulties: 'Thiếu kinh phí hoạt động.' },
});

// A signed-in state change must come from the site itself (request-auth.ts checks the Origin).
const origin = new URL(o.url).origin;
const requests = [
  {
    method: 'POST' as const,
    setupRequest: (req: Record<string, unknown>) => {
      const t = targets[next++];
      if (!t) exhausted++;
      const target = t ?? targets[targets.length - 1]!;
      return {
        ...req,
        path: target.path,
        headers: { 'content-type': 'application/json', origin, cookie: target.cookie },
        body,
      };
    },
  },
];

const samples = new Samples();
let non2xx = 0;
let exhausted = 0;
const statuses: Record<string, number> = {};
const instance = autocannon(
  {
    url: o.url,
    duration: o.seconds,
    connections: o.connections,
    overallRate: o.rate,
    // biome-ignore lint/suspicious/noExplicitAny: autocannon's request type does not declare setupRequest's shape
    requests: requests as any,
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const m = summarise(samples.values(), result.duration, {
      unit: 'reports',
      notes: {
        connections: o.connections,
        targetRate: o.rate,
        non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        ...(exhausted ? { targetsExhausted: exhausted } : {}),
        ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`status${k}`, v])),
      },
    });
    process.stdout.write(`${JSON.stringify(m)}\n`);
  },
);
instance.on('response', (_c, statusCode, _b, responseTime) => {
  if (statusCode < 200 || statusCode > 299) {
    non2xx++;
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  }
  samples.push(responseTime);
});
