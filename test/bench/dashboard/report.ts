/*
 * How the dashboard benchmark prints its figures.
 */

import type { CpuUsage } from './cpuUsage';
import type { EndpointFigures } from './measureLatency';

export const log = (message: string) =>
  process.stdout.write(`bench: ${message}\n`);

export const fmt = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(1) : '-');

export function latencyTable(rows: EndpointFigures[]): string {
  const header = [
    'endpoint',
    'count',
    'errors',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'max ms',
  ];
  const lines = rows.map(r => [
    r.name,
    String(r.count),
    String(r.errors),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.p99),
    fmt(r.max),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...lines.map(l => l[i].length)),
  );
  const row = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ');
  return [row(header), ...lines.map(row)].join('\n');
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Per endpoint, the median of each round's percentiles; counts summed. */
export function combineRounds(rows: EndpointFigures[]): EndpointFigures {
  return {
    name: rows[0].name,
    count: rows.reduce((n, r) => n + r.count, 0),
    errors: rows.reduce((n, r) => n + r.errors, 0),
    p50: median(rows.map(r => r.p50)),
    p95: median(rows.map(r => r.p95)),
    p99: median(rows.map(r => r.p99)),
    max: Math.max(...rows.map(r => r.max)),
    mean: median(rows.map(r => r.mean)),
  };
}

export const cpuLine = (cpu: CpuUsage) =>
  `CPU during it: machine ${cpu.machinePercent.toFixed(0)} % of ${
    cpu.cores * 100
  } %` +
  (cpu.processPercent === undefined
    ? ''
    : `, backend process ${cpu.processPercent.toFixed(0)} % (of one core)`);
