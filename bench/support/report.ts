// What every benchmark prints and writes: a table, ratios to the same-run baseline, target verdicts,
// and bench/results/<name>.json with the machine it ran on.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

/** The machine a result was measured on: CPU count and model, Node version, date, load when it started. */
export function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
    loadAverage1m: Number(loadavg()[0]?.toFixed(2)),
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
  };
}

/** The `p`-th percentile (0–100) of `values` by nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** p50/p95/p99/max of latencies (ms). */
export function latencySummary(values: readonly number[]) {
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: values.length ? Math.max(...values) : Number.NaN,
  };
}

/** `ours / baseline` rounded to 2 places; NaN when either is missing. */
export function ratio(ours: number, baseline: number): number {
  if (!Number.isFinite(ours) || !Number.isFinite(baseline) || baseline === 0) return Number.NaN;
  return Math.round((ours / baseline) * 100) / 100;
}

/** A ratio for a table cell: `2.44x`. */
export const fmtRatio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}x` : '-');

/** The median of `values` (mean of the middle two when even); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A number for a table cell: integers as they are, else 2 decimals below 10, 1 below 100, none above; `-` for NaN. */
export function fmt(value: number | undefined, unit = ''): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  if (Number.isInteger(value)) return `${value}${unit}`;
  const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
  return `${value.toFixed(digits)}${unit}`;
}

/** Prints `rows` under `headers` as an aligned text table (numbers right-aligned). */
export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? fmt(cell) : cell)));
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) =>
        /^[-\d.,]+[a-zA-Z%x/]*$/.test(cell) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ');
  console.log(`\n${title}`);
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

/** A target and whether it was met, with the figures that decided it. */
export interface Verdict {
  target: string;
  met: boolean;
  detail: string;
}

/** Prints each verdict as `MET` or `MISSED` with its figures. */
export function printVerdicts(verdicts: Verdict[]): void {
  console.log('\nTargets');
  for (const v of verdicts) console.log(`  ${v.met ? 'MET   ' : 'MISSED'}  ${v.target}: ${v.detail}`);
}

/** The machine as the benchmark started (load average included: other work on a shared machine shows here). */
const AT_START = machine();

/** Writes `bench/results/<name>.json` with the machine, the run's settings, figures and verdicts; returns its path. */
export function writeResults(
  name: string,
  result: { settings: unknown; figures: unknown; verdicts?: Verdict[]; notes?: string[] },
): string {
  mkdirSync(RESULTS, { recursive: true });
  const path = `${RESULTS}${name}.json`;
  const finished = { date: new Date().toISOString(), loadAverage1m: Number(loadavg()[0]?.toFixed(2)) };
  writeFileSync(path, `${JSON.stringify({ benchmark: name, machine: AT_START, finished, ...result }, null, 2)}\n`);
  console.log(`\nWrote ${path}`);
  return path;
}
