import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Scale } from './scale.ts';
import type { Measurement } from './stats.ts';

const WORKER = path.join(import.meta.dirname, 'http-load-worker.ts');

/**
 * `paths`: GET these in turn (each connection cycles through the list) against the origin of `url`, so a
 * figure is not one cached row. `headers`: sent with every request (e.g. a session cookie).
 * `ratePerSecond`: a paced stream of requests (autocannon's overallRate) instead of as many as the connections
 * can send — the latency a visitor sees beside other work, not the server's saturated throughput;
 * `connections` overrides the scale's.
 */
export type HttpLoadOptions = {
  paths?: string[];
  headers?: Record<string, string>;
  ratePerSecond?: number;
  connections?: number;
};

/** Runs autocannon in a separate process against `url`: an untimed warm-up, then the timed load. */
export async function httpLoad(scale: Scale, url: string, opts: HttpLoadOptions = {}): Promise<Measurement> {
  const connections = opts.connections ?? scale.httpConnections;
  await runWorker(url, scale.httpWarmupSeconds, connections, opts);
  const measured = await runWorker(url, scale.httpSeconds, connections, opts);
  const target = opts.paths?.length ? `${url} (${opts.paths.length} paths, first ${opts.paths[0]})` : url;
  const failed = Number(measured.notes?.non2xx ?? 0) + Number(measured.notes?.errors ?? 0);
  if (failed > 0) throw new Error(`${target}: ${failed} of ${measured.operations} responses were errors or not 2xx`);
  if (measured.operations === 0) throw new Error(`${target}: no responses`);
  return measured;
}

function runWorker(url: string, seconds: number, connections: number, opts: HttpLoadOptions): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const args = [WORKER, url, String(seconds), String(connections), JSON.stringify(opts)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
      if (code !== 0 || !line) return reject(new Error(`autocannon worker exited with ${code}: ${err.trim()}`));
      resolve(JSON.parse(line) as Measurement);
    });
  });
}
