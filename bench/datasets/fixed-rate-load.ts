import http from 'node:http';
import type { Measurement } from '../lib/stats.ts';
import { Samples, summarise } from '../lib/stats.ts';

export type FixedRateOptions = {
  url: string;
  path: string;
  method: 'POST';
  headers: Record<string, string>;
  body: () => string | Buffer;
  rate: number;
  seconds: number;
  /** Sockets kept open; a request waits for a free one only if all are busy (then the wait counts). */
  maxSockets: number;
};

/**
 * An open-loop load at a fixed rate: request k is due at start + k/rate and is sent then, whether or not earlier
 * ones were answered (autocannon's `overallRate` sends each connection's share of a second back to back at the
 * top of the second and then waits: bursts, not a steady rate). Latency counts from the due time, so a server
 * that falls behind is charged for the queue it builds (no coordinated omission). Requests not answered by the
 * end of the window plus 10 s count as timeouts; non-2xx answers and errors are counted and reported.
 */
export function fixedRateLoad(o: FixedRateOptions): Promise<Measurement> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.maxSockets });
  const target = new URL(o.url);
  const samples = new Samples();
  const statuses: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let sent = 0;
  let answered = 0;
  const start = performance.now();
  const end = start + o.seconds * 1000;
  return new Promise((resolve) => {
    const finish = () => {
      clearTimeout(deadline);
      agent.destroy();
      const timeouts = sent - answered;
      resolve(
        summarise(samples.values(), o.seconds, {
          unit: 'req',
          notes: {
            targetRate: o.rate,
            offered: sent,
            offeredPerSec: Math.round((sent / o.seconds) * 10) / 10,
            maxSockets: o.maxSockets,
            non2xx,
            errors,
            timeouts,
            ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`status${k}`, v])),
          },
        }),
      );
    };
    const deadline = setTimeout(finish, o.seconds * 1000 + 10_000);
    const send = (due: number) => {
      sent++;
      const body = o.body();
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: o.path,
          method: o.method,
          agent,
          headers: { ...o.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            answered++;
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              non2xx++;
              statuses[status] = (statuses[status] ?? 0) + 1;
            }
            samples.push(performance.now() - due);
            if (performance.now() >= end && answered === sent) finish();
          });
        },
      );
      req.on('error', () => {
        answered++;
        errors++;
        if (performance.now() >= end && answered === sent) finish();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      const dueCount = Math.floor(((Math.min(now, end) - start) / 1000) * o.rate);
      while (sent < dueCount) send(start + (sent * 1000) / o.rate);
      if (now < end) setTimeout(tick, 1);
      else if (answered === sent) finish();
    };
    tick();
  });
}
