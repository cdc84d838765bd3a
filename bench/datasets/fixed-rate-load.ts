import http from 'node:http';
import type { Measurement } from '../lib/stats.ts';
import { Samples, summarise } from '../lib/stats.ts';

/** One request of a fixed-rate load: where it goes and what it carries. */
export type FixedRateRequest = { path: string; headers: Record<string, string>; body: string | Buffer };

export type FixedRateOptions = {
  url: string;
  method: 'POST';
  /**
   * The next request, built when it is due. `null` means there is nothing left to send (e.g. every prepared target
   * was used): the slot is counted as `targetsExhausted` in the notes, not sent.
   */
  request: () => FixedRateRequest | null;
  rate: number;
  seconds: number;
  /** Sockets kept open; a request waits for a free one only if all are busy (then the wait counts). */
  maxSockets: number;
  /** Unit of the measurement (default 'req'). */
  unit?: string;
};

/** Every request to one path with the same headers, only the body built anew each time. */
export function samePath(
  path: string,
  headers: Record<string, string>,
  body: () => string | Buffer,
): () => FixedRateRequest {
  return () => ({ path, headers, body: body() });
}

/** How long after the end of the window the last answers are waited for; later ones count as timeouts. */
const GRACE_MS = 10_000;

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
  let due = 0;
  let sent = 0;
  let answered = 0;
  let exhausted = 0;
  let finished = false;
  let lastAnswer = 0;
  const start = performance.now();
  const end = start + o.seconds * 1000;
  return new Promise((resolve) => {
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(deadline);
      agent.destroy();
      const timeouts = sent - answered;
      resolve(
        // Throughput over the window, or until the last answer when the server needed longer (a server that falls
        // behind is not credited with the offered rate).
        summarise(samples.values(), Math.max(o.seconds, (lastAnswer - start) / 1000), {
          unit: o.unit ?? 'req',
          notes: {
            targetRate: o.rate,
            offered: sent,
            offeredPerSec: Math.round((sent / o.seconds) * 10) / 10,
            maxSockets: o.maxSockets,
            non2xx,
            errors,
            timeouts,
            ...(exhausted ? { targetsExhausted: exhausted } : {}),
            ...Object.fromEntries(Object.entries(statuses).map(([k, v]) => [`status${k}`, v])),
          },
        }),
      );
    };
    const deadline = setTimeout(finish, o.seconds * 1000 + GRACE_MS);
    const settled = () => {
      answered++;
      lastAnswer = performance.now();
      if (performance.now() >= end && answered === sent) finish();
    };
    const send = (dueAt: number) => {
      const r = o.request();
      if (!r) {
        exhausted++;
        return;
      }
      sent++;
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: r.path,
          method: o.method,
          agent,
          headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (finished) return;
            const status = res.statusCode ?? 0;
            if (status < 200 || status > 299) {
              non2xx++;
              statuses[status] = (statuses[status] ?? 0) + 1;
            }
            samples.push(performance.now() - dueAt);
            settled();
          });
        },
      );
      req.on('error', () => {
        if (finished) return;
        errors++;
        settled();
      });
      req.end(r.body);
    };
    const tick = () => {
      const now = performance.now();
      // At the end exactly seconds × rate (the float difference end − start can fall short of a whole window).
      const dueCount = now >= end ? Math.round(o.seconds * o.rate) : Math.floor(((now - start) / 1000) * o.rate);
      while (due < dueCount) send(start + (due++ * 1000) / o.rate);
      if (now < end) setTimeout(tick, 1);
      else if (answered === sent) finish();
    };
    tick();
  });
}
