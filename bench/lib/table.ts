import type { Budget } from './types.ts';
import type { BenchResult } from './verdict.ts';

const HEADERS = ['benchmark', 'operations', 'p50', 'p95', 'p99', 'throughput', 'budget', 'pass/fail', 'vs baseline'];

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 10) return `${ms.toFixed(2)} ms`;
  if (ms < 10_000) return `${ms.toFixed(1)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en');
}

export function formatBudget(budget: Budget | undefined): string {
  if (!budget) return '—';
  const parts: string[] = [];
  const limit = (ms: number) => (ms >= 1000 ? `${ms / 1000}s` : `${ms}ms`);
  if (budget.p95Ms !== undefined) parts.push(`p95≤${limit(budget.p95Ms)}`);
  if (budget.p99Ms !== undefined) parts.push(`p99≤${limit(budget.p99Ms)}`);
  if (budget.minP50Ms !== undefined) parts.push(`p50≥${limit(budget.minP50Ms)}`);
  if (budget.minOpsPerSec !== undefined) parts.push(`≥${formatCount(budget.minOpsPerSec)}/s`);
  return parts.join(' ') || '—';
}

/** "0.43× http-fastify-bare"; small ratios keep two significant digits ("0.0021×"). */
export function formatRatio(r: BenchResult): string {
  if (r.ratio === undefined) return r.baseline ? `? ${r.baseline}` : '—';
  const x = r.ratio >= 0.1 ? r.ratio.toFixed(2) : r.ratio.toPrecision(2);
  return `${x}× ${r.baseline}`;
}

function cells(r: BenchResult): string[] {
  const m = r.measurement;
  const ratio = formatRatio(r);
  if (!m) return [r.name, 'ERROR', '', '', '', '(see log)', formatBudget(r.budget), '—', '—'];
  return [
    r.name,
    formatCount(m.operations),
    formatMs(m.p50Ms),
    formatMs(m.p95Ms),
    formatMs(m.p99Ms),
    `${formatCount(m.throughput)} ${m.unit}/s`,
    formatBudget(r.budget),
    r.verdict,
    ratio,
  ];
}

/** The console table: aligned columns, numbers right-aligned. */
export function textTable(results: BenchResult[]): string {
  const rows = [HEADERS, ...results.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const right = new Set([1, 2, 3, 4, 5]);
  const line = (row: string[]) =>
    row.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(HEADERS), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(results: BenchResult[]): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  const rows = results.map((r) => `| ${cells(r).map(esc).join(' | ')} |`);
  const align = `| --- | ${HEADERS.slice(1, 6)
    .map(() => '---:')
    .join(' | ')} | --- | --- | --- |`;
  return [`| ${HEADERS.join(' | ')} |`, align, ...rows].join('\n');
}
