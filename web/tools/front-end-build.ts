import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

const BUILD_OUTPUTS = ['dist/web/client/.vite/manifest.json', 'dist/web/server/entry-server.js'];
const BUILD_INPUTS = ['web', 'vite.config.ts', 'package-lock.json'];

const NOT_BUILT = /\.(md|test\.tsx?)$/;

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return NOT_BUILT.test(target) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** True when a build output is missing or older than any front-end source. */
export function frontEndBuildIsStale(): boolean {
  const outputs = BUILD_OUTPUTS.map((f) => path.join(REPO_ROOT, f));
  if (!outputs.every((f) => existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const changed = Math.max(...BUILD_INPUTS.map((f) => newestMtime(path.join(REPO_ROOT, f))));
  return changed > built;
}

/** Runs `npm run build` unless dist/web is newer than every front-end source (about 3 s when it runs). */
export function buildFrontEndIfStale(): void {
  if (!frontEndBuildIsStale()) return;
  console.log('Building the web front end (dist/web is missing or older than the sources)…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: REPO_ROOT, stdio: 'inherit' });
}

if (import.meta.main) buildFrontEndIfStale();
