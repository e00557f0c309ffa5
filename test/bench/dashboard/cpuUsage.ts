/*
 * CPU use over a stretch of time, from /proc (Linux): the whole machine's
 * busy share and one process's, to tell a saturated backend from a noisy
 * neighbour.
 */

import fs from 'node:fs';

interface Sample {
  machineBusy: number;
  machineTotal: number;
  processTicks?: number;
}

function sample(pid?: number): Sample {
  const cpu = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  // user nice system idle iowait irq softirq steal
  const idle = cpu[3] + (cpu[4] ?? 0);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  let processTicks: number | undefined;
  if (pid) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime are fields 14 and 15 of the whole line.
      processTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      processTicks = undefined;
    }
  }
  return { machineBusy: total - idle, machineTotal: total, processTicks };
}

export interface CpuUsage {
  /** Busy share of all cores, 0–100 × cores. */
  machinePercent: number;
  cores: number;
  /** The process's CPU, in percent of one core. */
  processPercent?: number;
}

/** Starts measuring; the returned function ends it. */
export function startCpuUsage(pid?: number): () => CpuUsage {
  const start = sample(pid);
  const startedAt = performance.now();
  return () => {
    const end = sample(pid);
    const seconds = (performance.now() - startedAt) / 1000;
    const cores = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .filter(line => /^cpu\d+ /.test(line)).length;
    const ticksPerSecond = 100;
    const usage: CpuUsage = {
      machinePercent:
        (100 * cores * (end.machineBusy - start.machineBusy)) /
        (end.machineTotal - start.machineTotal),
      cores,
    };
    if (start.processTicks !== undefined && end.processTicks !== undefined) {
      usage.processPercent =
        (100 * (end.processTicks - start.processTicks)) /
        ticksPerSecond /
        seconds;
    }
    return usage;
  };
}
