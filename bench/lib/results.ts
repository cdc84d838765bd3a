import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Machine } from './machine.ts';
import { renderCombined } from './results-combined.ts';
import { renderMarkdown } from './results-render.ts';
import type { Scale } from './scale.ts';
import type { BenchResult } from './verdict.ts';

const BENCH_DIR = path.resolve(import.meta.dirname, '..');
export const RESULTS_DIR = path.join(BENCH_DIR, 'results');

export type RunReport = {
  date: string;
  scale: Scale;
  db: 'pglite' | 'server';
  machine: Machine;
  totalSeconds: number;
  results: BenchResult[];
};

/**
 * Writes bench/results/<date>T<hhmm>-<db>-<scale>.json and .md; at national scale also rewrites bench/RESULTS.md
 * from the latest national figure of each benchmark on each database (server first, then PGlite).
 */
export function writeReport(report: RunReport): string[] {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Date and time (UTC), so that runs of one day (e.g. one area each with --only) are all kept.
  const stem = path.join(RESULTS_DIR, `${report.date.slice(0, 16).replace(':', '')}-${report.db}-${report.scale.name}`);
  writeFileSync(`${stem}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${stem}.md`, renderMarkdown(report));
  const written = [`${stem}.json`, `${stem}.md`];
  if (report.scale.name === 'national') {
    const file = path.join(BENCH_DIR, 'RESULTS.md');
    writeFileSync(file, renderCombined(RESULTS_DIR));
    written.push(file);
  }
  return written.map((f) => path.relative(process.cwd(), f));
}
