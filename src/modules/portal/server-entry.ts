import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageAssets } from '../../../web/document.ts';

type ServerEntry = typeof import('../../../web/entry-server.tsx');

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
export const CLIENT_DIR = path.join(REPO_ROOT, 'dist/web/client');
const SERVER_ENTRY = path.join(REPO_ROOT, 'dist/web/server/entry-server.js');
const MANIFEST = path.join(CLIENT_DIR, '.vite/manifest.json');
const CLIENT_ENTRY = 'web/entry-client.tsx';

export class FrontEndNotBuiltError extends Error {
  constructor(file: string) {
    super(`The web front end is not built (${path.relative(REPO_ROOT, file)} is missing): run \`npm run build\`.`);
  }
}

let entry: { promise: Promise<ServerEntry>; version: number } | undefined;

/**
 * The SSR renderer. Node runs the server's .ts by type stripping but cannot load JSX, so production imports
 * the Vite SSR build; under Vitest (which transforms TSX) the source is imported and tests need no build.
 * With `reload` (development) a rebuilt entry is imported again, so `npm run dev` needs no restart.
 */
export function loadServerEntry(opts: { reload?: boolean } = {}): Promise<ServerEntry> {
  if (process.env.VITEST) {
    entry ??= { promise: import('../../../web/entry-server.tsx'), version: 0 };
    return entry.promise;
  }
  if (!existsSync(SERVER_ENTRY)) return Promise.reject(new FrontEndNotBuiltError(SERVER_ENTRY));
  const version = opts.reload ? statSync(SERVER_ENTRY).mtimeMs : 0;
  if (!entry || entry.version !== version) {
    const url = `${pathToFileURL(SERVER_ENTRY).href}${version ? `?v=${version}` : ''}`;
    entry = { promise: import(url) as Promise<ServerEntry>, version };
  }
  return entry.promise;
}

type ManifestChunk = { file: string; css?: string[]; imports?: string[] };

/** The hashed script and stylesheet of the client build, or none when it is not built (tests). */
export function readClientAssets(): PageAssets {
  if (!existsSync(MANIFEST)) return { scripts: [], styles: [], preloads: [] };
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestChunk>;
  const chunk = manifest[CLIENT_ENTRY];
  if (!chunk) throw new Error(`${CLIENT_ENTRY} is missing from ${MANIFEST}`);
  return {
    scripts: [`/${chunk.file}`],
    styles: (chunk.css ?? []).map((file) => `/${file}`),
    preloads: (chunk.imports ?? []).map((key) => `/${manifest[key]?.file}`).filter((href) => href !== '/undefined'),
  };
}

export function clientIsBuilt(): boolean {
  return existsSync(MANIFEST);
}
