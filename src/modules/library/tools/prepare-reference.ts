/**
 * Development tool, run once by a maintainer (never at run time): copies the legal corpus and the procedures from
 * the shared data folder into reference/library/, gzip-compressed, keeping what the product shows and dropping the
 * portal's flattened original strings (`raw`), which the heuristics in the source already split.
 *
 *   node src/modules/library/tools/prepare-reference.ts ../shared/data/legal
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const from = process.argv[2] ?? '../shared/data/legal';
const to = path.resolve(import.meta.dirname, '../../../../reference/library');

function rewrite(name: string, map: (row: Record<string, unknown>) => Record<string, unknown>) {
  const lines = readFileSync(path.join(from, name), 'utf8').split('\n').filter(Boolean);
  const out = `${lines.map((l) => JSON.stringify(map(JSON.parse(l)))).join('\n')}\n`;
  writeFileSync(path.join(to, `${name}.gz`), gzipSync(out, { level: 9 }));
  console.log(`${name}: ${lines.length} rows`);
}

rewrite('corpus.jsonl', (r) => r);
rewrite('procedures.jsonl', ({ raw: _raw, ...r }) => r);
copyFileSync(path.join(from, 'SOURCE.md'), path.join(to, 'SOURCE.md'));
