import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatLoadAverage } from './machine.ts';
import type { RunReport } from './results.ts';
import { dbTitle, failuresList, machineTable, methodText, notesList } from './results-render.ts';
import { formatBudget, formatCount, formatMs, formatRatio, markdownTable } from './table.ts';
import type { BenchResult } from './verdict.ts';

const ORDER: RunReport['db'][] = ['server', 'pglite'];

/** The latest national report of each database in `dir` (file names start with the date, so the last sorts last). */
export function latestNationalReports(dir: string): RunReport[] {
  const files = readdirSync(dir).sort();
  return ORDER.flatMap((db) => {
    const file = files.filter((f) => f.endsWith(`-${db}-national.json`)).pop();
    return file ? [JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as RunReport] : [];
  });
}

/** bench/RESULTS.md: the latest national run of each database, side by side (server first), then each in full. */
export function renderCombined(dir: string): string {
  const reports = latestNationalReports(dir);
  const runs = reports.map(
    (r) =>
      `- ${dbTitle(r.db)}: \`npm run bench -- --scale national --db ${r.db}\` on ${r.date}, run took ` +
      `${Math.round(r.totalSeconds)} s; load average ${formatLoadAverage(r.machine.loadAverage)} on ${r.machine.cores} cores` +
      `${busy(r) ? ' — the machine was busy with other work, so these figures are pessimistic: compare ratios' : ''}`,
  );
  const sections = reports.map((r) => {
    const failures = failuresList(r.results);
    return `## ${dbTitle(r.db)}

${machineTable(r.machine)}

${markdownTable(r.results)}
${failures.length ? `\n### Errors and budget misses (${dbTitle(r.db)})\n\n${failures.join('\n')}\n` : ''}
### What each figure measures (${dbTitle(r.db)})

${notesList(r.results).join('\n')}`;
  });
  return `# Benchmark results — national scale

Generated from the latest national run on each database (do not edit by hand: rerun the commands):

${runs.join('\n')}

${sideBySide(reports)}

${reports[0] ? methodText(reports[0].scale) : ''}

${sections.join('\n\n')}
`;
}

function sideBySide(reports: RunReport[]): string {
  const names = [...new Set(reports.flatMap((r) => r.results.map((x) => x.name)))];
  const byDb = reports.map((r) => new Map(r.results.map((x) => [x.name, x])));
  const head = ['benchmark', 'budget', ...reports.flatMap((r) => perDbHeaders(r.db))];
  const align = ['---', '---', ...reports.flatMap(() => ['---:', '---:', '---', '---'])];
  const rows = names.map((name) => {
    const any = byDb.map((m) => m.get(name)).find(Boolean)!;
    return [name, formatBudget(any.budget), ...byDb.flatMap((m) => perDbCells(m.get(name)))];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(align), ...rows.map(line)].join('\n');
}

function perDbHeaders(db: RunReport['db']): string[] {
  const t = db === 'server' ? 'server' : 'PGlite';
  return [`${t} p95`, `${t} throughput`, `${t} pass/fail`, `${t} vs baseline`];
}

function perDbCells(r: BenchResult | undefined): string[] {
  if (!r) return ['not run', '', '', ''];
  const m = r.measurement;
  if (!m) return ['ERROR', '', '—', '—'];
  return [formatMs(m.p95Ms), `${formatCount(m.throughput)} ${m.unit}/s`, r.verdict, formatRatio(r)];
}

/** Mean (or, for older reports, end) load above the core count: other work competed for the CPU. */
function busy(r: RunReport): boolean {
  const l = r.machine.loadAverage;
  return (l.mean ?? l.end) > r.machine.cores;
}
