import { BENCH_ACCOUNTS, benchUsername, IDENTITY_APP_ENV, loginRoundTrip } from '../datasets/identity-accounts.ts';
import type { ChildServer } from '../lib/child-server.ts';
import { defineBenchmark } from '../lib/types.ts';

const CONCURRENT = 200;
/**
 * The public page is probed as visitors use it: a paced stream (25 requests/s over 5 connections), not as many
 * requests as the connections can send — a saturating load would only show the CPU being shared (twice the work,
 * twice the latency), not whether a visitor waits behind the logins.
 */
const PROBE = { ratePerSecond: 25, connections: 5 };

/**
 * 200 logins at once, in waves for as long as the public page is probed; the figure is the public home page's
 * latency during the waves, its idle latency (same probe, same run, just before) is in the notes with the ratio
 * (target < 2). Any failed login fails the benchmark.
 */
export default defineBenchmark<ChildServer>({
  name: 'identity-concurrent-logins',
  description: `GET / (public home page, ${PROBE.ratePerSecond} req/s paced) while waves of ${CONCURRENT} concurrent full login round trips run; notes: idle p95 (same probe, before the waves), loaded/idle p95 ratio (target < 2), logins done and failed; app with NODE_ENV=production and rate limits raised`,
  async setup(ctx) {
    await ctx.ensureDataset('identity-accounts');
    return ctx.startApp(IDENTITY_APP_ENV);
  },
  async run(ctx, app) {
    const idle = await ctx.httpLoad(`${app.url}/`, PROBE);
    ctx.log(`  idle GET /: p50 ${idle.p50Ms.toFixed(1)} ms, p95 ${idle.p95Ms.toFixed(1)} ms`);
    let done = 0;
    let failed = 0;
    const errors = new Set<string>();
    let stop = false;
    const waves = (async () => {
      let wave = 0;
      while (!stop) {
        const results = await Promise.allSettled(
          Array.from({ length: CONCURRENT }, (_, i) =>
            loginRoundTrip(app.url, benchUsername((wave * CONCURRENT + i) % BENCH_ACCOUNTS)),
          ),
        );
        for (const r of results) {
          if (r.status === 'fulfilled') done++;
          else {
            failed++;
            errors.add(String((r.reason as Error).message).slice(0, 120));
          }
        }
        wave++;
        ctx.log(`  wave ${wave}: ${done} logins, ${failed} failed`);
      }
    })();
    let loaded: Awaited<ReturnType<typeof ctx.httpLoad>>;
    try {
      loaded = await ctx.httpLoad(`${app.url}/`, PROBE);
    } catch (err) {
      if (!/no responses/.test((err as Error).message)) throw err;
      // Not one answer of the public page during the login waves: that is the figure, not a broken benchmark.
      // The window's length is a lower bound of every latency.
      const windowMs = ctx.scale.httpSeconds * 1000;
      loaded = {
        operations: 0,
        p50Ms: windowMs,
        p95Ms: windowMs,
        p99Ms: windowMs,
        throughput: 0,
        unit: 'req',
        durationSec: ctx.scale.httpSeconds,
        notes: { 'public page': 'no response within the window (latencies are its length, a lower bound)' },
      };
    } finally {
      stop = true;
      await waves;
    }
    if (failed > 0)
      throw new Error(`${failed} of ${done + failed} concurrent logins failed: ${[...errors].join(' | ')}`);
    const ratio = loaded.p95Ms / idle.p95Ms;
    return {
      ...loaded,
      notes: {
        ...loaded.notes,
        idleP50Ms: idle.p50Ms,
        idleP95Ms: idle.p95Ms,
        loadedOverIdleP95: Number(ratio.toFixed(2)),
        loginsDone: done,
        loginsFailed: failed,
        concurrent: CONCURRENT,
      },
    };
  },
});
