/**
 * Load generator for the Monday-morning burst: every request submits the report of another (village,
 * organisation) for the current week, signed in as that village's Front data entry cadre, offered open-loop at a
 * fixed overall rate (`fixedRateLoad`: request k is due at start + k/rate and sent then; latency counts from the
 * due time; the last answers are waited for 10 s, later ones count as timeouts). A report can be submitted once,
 * so each run gets its own slice of targets; running out of them is reported as `targetsExhausted`. Runs as its
 * own process; prints one JSON Measurement line like bench/lib/http-load-worker.ts.
 *
 * Usage: node bench/datasets/reports-load-worker.ts <json options>
 */
import { readFileSync } from 'node:fs';
import { fixedRateLoad } from './fixed-rate-load.ts';

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
const m = await fixedRateLoad({
  url: o.url,
  method: 'POST',
  request: () => {
    const t = targets[next++];
    return t ? { path: t.path, headers: { 'content-type': 'application/json', origin, cookie: t.cookie }, body } : null;
  },
  rate: o.rate,
  seconds: o.seconds,
  maxSockets: o.connections,
  unit: 'reports',
});
process.stdout.write(`${JSON.stringify(m)}\n`);
process.exit(0);
