import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export type ChildServer = { url: string; port: number; stop(): Promise<void> };

/** A port that was free a moment ago (the OS picks it; we release it for the child). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node <script>` in its own process with PORT set, and waits until `readyPath` answers 200.
 * stop() sends SIGTERM and waits for the exit (SIGKILL after 10 s).
 */
export async function startChildServer(opts: {
  script: string;
  env?: Record<string, string>;
  readyPath?: string;
  cwd?: string;
  timeoutMs?: number;
}): Promise<ChildServer> {
  const port = await freePort();
  // BENCH_APP_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": profile the server under test.
  const nodeArgs = process.env.BENCH_APP_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, opts.script], {
    env: { ...process.env, ...opts.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(child, `${url}${opts.readyPath ?? '/'}`, opts.timeoutMs ?? 60_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${opts.script} did not start: ${(err as Error).message}\n${stderr.trim()}`);
  }
  let stopping = false;
  // A server dying under load shows up as "fetch failed" in the benchmark: say why, on the runner's stderr.
  child.once('exit', (code, signal) => {
    if (!stopping) console.error(`[bench] ${opts.script} exited (${signal ?? code}) while in use:\n${stderr.trim()}`);
  });
  return {
    url,
    port,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
  };
}

async function waitReady(child: ChildProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
