/**
 * The HTTP load generator, run as its own process by http-load.ts so that load generation never
 * shares an event loop with the runner or the server. Drives autocannon, records every response
 * time (autocannon's summary has no p95), and prints one JSON line on stdout.
 *
 * Usage: node bench/lib/http-load-worker.ts <url> <seconds> <connections> [<HttpLoadOptions as JSON>]
 */
import autocannon from 'autocannon';
import type { HttpLoadOptions } from './http-load.ts';
import { Samples, summarise } from './stats.ts';

const [url, seconds, connections, json] = process.argv.slice(2);
if (!url || !seconds || !connections) {
  console.error('usage: http-load-worker.ts <url> <seconds> <connections> [<options json>]');
  process.exit(2);
}
const opts = (json ? JSON.parse(json) : {}) as HttpLoadOptions;
const paths = opts.paths ?? [];

const samples = new Samples();
let non2xx = 0;
const instance = autocannon(
  {
    url,
    duration: Number(seconds),
    connections: Number(connections),
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.ratePerSecond ? { overallRate: opts.ratePerSecond } : {}),
    // autocannon cycles each connection through the list, so the load spreads over every path.
    ...(paths.length ? { requests: paths.map((path) => ({ method: 'GET' as const, path })) } : {}),
  },
  (err, result) => {
    if (err) {
      console.error(err);
      process.exit(1);
    }
    const measured = summarise(samples.values(), result.duration, {
      unit: 'req',
      notes: {
        connections: Number(connections),
        ...(opts.ratePerSecond ? { ratePerSecond: opts.ratePerSecond } : {}),
        ...(paths.length ? { distinctPaths: new Set(paths).size } : {}),
        non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      },
    });
    process.stdout.write(`${JSON.stringify(measured)}\n`);
  },
);
instance.on('response', (_client, statusCode, _bytes, responseTime) => {
  if (statusCode < 200 || statusCode > 299) non2xx++;
  samples.push(responseTime);
});
