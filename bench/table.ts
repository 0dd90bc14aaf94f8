import type { BenchRow } from './section';

const columns: [string, (r: BenchRow) => string][] = [
  ['section', (r) => r.section],
  ['backend', (r) => r.backend],
  ['op', (r) => r.op],
  ['shape', (r) => r.shape],
  ['GFLOP', (r) => r.gflop.toFixed(2)],
  ['median ms', (r) => r.medianMs.toFixed(1)],
  ['runs', (r) => String(r.runs)],
  ['GFLOP/s', (r) => r.gflops.toFixed(2)],
];

/** Rows as an aligned text table (numbers right-aligned). */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => columns.map(([, get]) => get(r)));
  const widths = columns.map(([title], i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const numeric = (i: number) => i >= 4;
  const line = (values: string[]) => values.map((v, i) => (numeric(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
  return [line(columns.map(([t]) => t)), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}
