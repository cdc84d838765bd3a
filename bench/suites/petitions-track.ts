import { PETITIONS_APP_NOTE, petitionsLoad, startPetitionsApp } from '../datasets/petitions-bench.ts';
import { benchCode, PETITION_ROWS } from '../datasets/petitions-codes.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** Tracking-code lookups: 1,000 existing codes of past cases, looked up through the JSON API. */
export default defineBenchmark<{ app: ChildServer; codes: string[] }>({
  name: 'petitions-track',
  description:
    'POST /api/petitions/track {code} over 1,000 tracking codes of the generated past cases (hash lookup, one row)' +
    PETITIONS_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p99Ms: 50, minOpsPerSec: 2000 },
  async setup(ctx) {
    const r = ctx.random('codes');
    const n = PETITION_ROWS[ctx.scale.name];
    const codes = Array.from({ length: 1000 }, () => benchCode(r.int(0, n - 1)));
    return { app: await startPetitionsApp(ctx), codes };
  },
  run: (ctx, { app, codes }) => petitionsLoad(ctx, { url: app.url, kind: 'track', codes }),
});
