import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formatLoadAverage } from './machine.ts';
import type { RunReport } from './results.ts';
import { dbTitle, failuresList, machineTable, methodText, notesList } from './results-render.ts';
import { formatBudget, formatCount, formatMs, formatRatio, markdownTable } from './table.ts';
import type { BenchResult } from './verdict.ts';

const ORDER: RunReport['db'][] = ['server', 'pglite'];

/** A national run and the figures of it that no later run replaced. */
type Contribution = { report: RunReport; results: BenchResult[] };

/**
 * The national figures of each database in `dir`: every benchmark from the latest national run that measured it
 * (`--only` runs of one area add to the picture instead of hiding the others). File names start with the date and
 * time, so they sort in run order.
 */
export function latestNationalFigures(dir: string): { db: RunReport['db']; runs: Contribution[] }[] {
  const files = readdirSync(dir).sort();
  return ORDER.flatMap((db) => {
    const reports = files
      .filter((f) => f.endsWith(`-${db}-national.json`))
      .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RunReport);
    const latest = new Map<string, RunReport>();
    for (const r of reports) for (const x of r.results) latest.set(x.name, r);
    const runs = reports
      .map((report) => ({ report, results: report.results.filter((x) => latest.get(x.name) === report) }))
      .filter((c) => c.results.length > 0)
      .reverse();
    return runs.length ? [{ db, runs }] : [];
  });
}

const runLabel = (r: RunReport) => `${r.date.slice(0, 16).replace('T', ' ')} UTC`;

/** bench/RESULTS.md: the latest national figure of each benchmark on each database, side by side, then each run. */
export function renderCombined(dir: string): string {
  const figures = latestNationalFigures(dir);
  const runs = figures.flatMap(({ db, runs }) =>
    runs.map(
      ({ report: r, results }) =>
        `- ${dbTitle(db)}, run of ${runLabel(r)} (${Math.round(r.totalSeconds)} s; load average ` +
        `${formatLoadAverage(r.machine.loadAverage)} on ${r.machine.cores} cores` +
        `${busy(r) ? ' — the machine was busy with other work: figures pessimistic, compare ratios' : ''}): ` +
        results.map((x) => x.name).join(', '),
    ),
  );
  const sections = figures.map(({ db, runs }) => {
    const parts = runs.map(({ report: r, results }) => {
      const failures = failuresList(results);
      return `### Run of ${runLabel(r)}

${machineTable(r.machine)}

${markdownTable(results)}
${failures.length ? `\n#### Errors and budget misses\n\n${failures.join('\n')}\n` : ''}
#### What each figure measures

${notesList(results).join('\n')}`;
    });
    return `## ${dbTitle(db)}\n\n${parts.join('\n\n')}`;
  });
  const anyScale = figures[0]?.runs[0]?.report.scale;
  return `# Benchmark results — national scale

Generated from the national runs in \`bench/results/\`: for each benchmark, the latest run that measured it (do not edit
by hand: rerun \`npm run bench -- --scale national --db server|pglite [--only …]\`). The runs these figures come from:

${runs.join('\n')}

${sideBySide(figures)}

${anyScale ? methodText(anyScale) : ''}

${sections.join('\n\n')}
`;
}

function sideBySide(figures: { db: RunReport['db']; runs: Contribution[] }[]): string {
  const byDb = figures.map(
    ({ runs }) => new Map(runs.flatMap(({ report, results }) => results.map((x) => [x.name, { x, report }] as const))),
  );
  const names = [...new Set(byDb.flatMap((m) => [...m.keys()]))].sort();
  const head = ['benchmark', 'budget', ...figures.flatMap(({ db }) => perDbHeaders(db))];
  const align = ['---', '---', ...figures.flatMap(() => ['---:', '---:', '---', '---', '---'])];
  const rows = names.map((name) => {
    const any = byDb.map((m) => m.get(name)).find(Boolean)!;
    return [name, formatBudget(any.x.budget), ...byDb.flatMap((m) => perDbCells(m.get(name)))];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), line(align), ...rows.map(line)].join('\n');
}

function perDbHeaders(db: RunReport['db']): string[] {
  const t = db === 'server' ? 'server' : 'PGlite';
  return [`${t} p95`, `${t} throughput`, `${t} pass/fail`, `${t} vs baseline`, `${t} run`];
}

function perDbCells(found: { x: BenchResult; report: RunReport } | undefined): string[] {
  if (!found) return ['not run', '', '', '', ''];
  const { x: r, report } = found;
  const m = r.measurement;
  const l = report.machine.loadAverage;
  const run = `${report.date.slice(5, 16).replace('T', ' ')}, load ${(l.mean ?? l.end).toFixed(1)}`;
  if (!m) return ['ERROR', '', '—', '—', run];
  return [formatMs(m.p95Ms), `${formatCount(m.throughput)} ${m.unit}/s`, r.verdict, formatRatio(r), run];
}

/** Mean (or, for older reports, end) load above the core count: other work competed for the CPU. */
function busy(r: RunReport): boolean {
  const l = r.machine.loadAverage;
  return (l.mean ?? l.end) > r.machine.cores;
}
