import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../web/tools/front-end-build.ts';

export type RunningServer = {
  baseUrl: string;
  dataDir: string;
  logFile: string;
  stop(): Promise<void>;
};

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms`);
}

/**
 * The real server (`node src/main.ts`) on a free port with a fresh embedded database in a temporary
 * DATA_DIR, as `npm start` runs it (with DEV_LOGIN on). Its log goes to `logDir/server.log`.
 */
export async function startServer(opts: { logDir: string; env?: Record<string, string> }): Promise<RunningServer> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mts-e2e-'));
  mkdirSync(opts.logDir, { recursive: true });
  const logFile = path.join(opts.logDir, 'server.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      // Production behaviour except the development sign-in, which journeys use to act as a cadre.
      NODE_ENV: 'test',
      DEV_LOGIN: 'true',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      DATA_DIR: dataDir,
      COOKIE_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      // Every journey comes from this one address, faster than any person: the per-address limit (300 a minute) is
      // tested by the core's own tests, not here.
      RATE_LIMIT_PUBLIC: '100000',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(baseUrl, child, Number(process.env.E2E_SERVER_READY_MS) || 30_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}; see ${logFile}`);
  }
  return { baseUrl, dataDir, logFile, stop };
}
