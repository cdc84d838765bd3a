/**
 * `npm run dev`: builds the front end once, then keeps three processes running until Ctrl-C —
 * the client and SSR builds in Vite watch mode, and the server under `node --watch` (restarts on server
 * changes). In development the portal re-reads the manifest and re-imports a rebuilt SSR entry on each
 * request, so a front-end edit shows on the next browser reload without restarting the server.
 * (Vite's dev server with HMR is not used: it injects inline <style> and scripts the strict CSP forbids.)
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VITE = path.join(ROOT, 'node_modules/.bin/vite');

execFileSync(process.execPath, [VITE, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
execFileSync(process.execPath, [VITE, 'build', '--ssr', 'web/entry-server.tsx', '--logLevel', 'warn'], {
  cwd: ROOT,
  stdio: 'inherit',
});

const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
const children: ChildProcess[] = [
  spawn(process.execPath, [VITE, 'build', '--watch', '--logLevel', 'warn'], { cwd: ROOT, env, stdio: 'inherit' }),
  spawn(process.execPath, [VITE, 'build', '--ssr', 'web/entry-server.tsx', '--watch', '--logLevel', 'warn'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  }),
  spawn(process.execPath, ['--watch', '--watch-preserve-output', 'src/main.ts'], { cwd: ROOT, env, stdio: 'inherit' }),
];

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
for (const child of children) child.on('exit', (code) => code && stopAll(code));
