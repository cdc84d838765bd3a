import { BENCH_ACCOUNTS, benchUsername, IDENTITY_APP_ENV, loginRoundTrip } from '../datasets/identity-accounts.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { Samples, summarise } from '../lib/stats.ts';
import { defineBenchmark } from '../lib/types.ts';

/** The whole single sign-on, minus the deliberate argon2id time the server reports for the password check. */
export default defineBenchmark<ChildServer>({
  name: 'identity-login-roundtrip',
  description:
    'Full login round trip from the runner (app login → authorize → sign-in page → password POST → code → token exchange → app session, 7 HTTP requests), one at a time, each minus the server-reported argon2id verify time (Server-Timing); app with NODE_ENV=production and rate limits raised',
  budget: { p95Ms: 50 },
  async setup(ctx) {
    await ctx.ensureDataset('identity-accounts');
    return ctx.startApp(IDENTITY_APP_ENV);
  },
  async run(ctx, app) {
    const ops = ctx.scale.name === 'national' ? 300 : 40;
    for (let i = 0; i < 5; i++) await loginRoundTrip(app.url, benchUsername(i));
    const withoutHash = new Samples();
    const hashes: number[] = [];
    const totals: number[] = [];
    const start = performance.now();
    for (let i = 0; i < ops; i++) {
      const r = await loginRoundTrip(app.url, benchUsername(i % BENCH_ACCOUNTS));
      withoutHash.push(r.totalMs - r.hashMs);
      hashes.push(r.hashMs);
      totals.push(r.totalMs);
    }
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const p = (xs: number[], q: number) => sorted(xs)[Math.min(xs.length - 1, Math.ceil((q / 100) * xs.length) - 1)]!;
    return summarise(withoutHash.values(), (performance.now() - start) / 1000, {
      unit: 'logins',
      notes: {
        hashP50Ms: Number(p(hashes, 50).toFixed(1)),
        hashP95Ms: Number(p(hashes, 95).toFixed(1)),
        totalP50Ms: Number(p(totals, 50).toFixed(1)),
        totalP95Ms: Number(p(totals, 95).toFixed(1)),
      },
    });
  },
});
