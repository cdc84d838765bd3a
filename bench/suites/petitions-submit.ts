import { PETITIONS_APP_NOTE, petitionsLoad, startPetitionsApp } from '../datasets/petitions-bench.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The figure: submissions without attachments, p95 under 50 ms at 200/s sustained for 60 s, zero errors. */
export default defineBenchmark<{ app: ChildServer }>({
  name: 'petitions-submit',
  description:
    'POST /api/petitions (URL-encoded, no attachment, a new phone number each request) at a fixed 200 requests/s ' +
    '(60 s at national scale), offered open-loop on up to 64 keep-alive sockets with latency counted from each ' +
    "request's due time: validation, limits, insert, event, audit and SMS outbox in one transaction" +
    PETITIONS_APP_NOTE,
  baseline: 'http-fastify-bare',
  budget: { p95Ms: 50, minOpsPerSec: 190 },
  async setup(ctx) {
    return { app: await startPetitionsApp(ctx) };
  },
  run: (ctx, { app }) =>
    petitionsLoad(ctx, {
      url: app.url,
      kind: 'submit',
      rate: ctx.scale.name === 'national' ? 200 : 50,
      connections: 64,
      seconds: ctx.scale.name === 'national' ? 60 : ctx.scale.httpSeconds,
    }),
});
