import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * A freshly initialised, empty PGlite cluster saved at install time. Creating a cluster (initdb in WASM) takes
 * 8–15 s on a small machine; unpacking this copy takes about 2 s, so the first `npm start` is ready sooner.
 * The PGlite version is in the name: an upgrade never reuses an old cluster.
 */
export function pgliteTemplatePath(): string {
  const pkgFile = path.join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string };
  return path.join(REPO_ROOT, 'node_modules', '.cache', 'mat-tran-so', `pglite-${pkg.version}-initdb.tgz`);
}

export function readPgliteTemplate(): Blob | undefined {
  const file = pgliteTemplatePath();
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Creates the template once (used by `npm install` through the prepare script). */
export async function ensurePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (existsSync(file)) return file;
  const { createPglite } = await import('./database.ts');
  const pglite = await createPglite({ dataDir: 'memory://' });
  const dump = await pglite.dumpDataDir('gzip');
  await pglite.close();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  return file;
}
