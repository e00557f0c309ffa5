/*
 * Measures one phase of the bench: wall time, and resident set size sampled
 * every 50 ms, reported as the peak growth over the RSS at the phase's start.
 */

const SAMPLE_MS = 50;

export interface PhaseMeasurement<T> {
  seconds: number;
  rssStartBytes: number;
  rssPeakBytes: number;
  /** Peak RSS during the phase minus RSS at its start. */
  rssGrowthBytes: number;
  samples: number;
  result?: T;
  error?: unknown;
}

/** Collects garbage first when node runs with --expose-gc. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
    return true;
  }
  return false;
}

export async function measurePhase<T>(
  fn: () => Promise<T>,
): Promise<PhaseMeasurement<T>> {
  collectGarbage();
  const rssStartBytes = process.memoryUsage.rss();
  let rssPeakBytes = rssStartBytes;
  let samples = 0;
  const sample = () => {
    samples += 1;
    const rss = process.memoryUsage.rss();
    if (rss > rssPeakBytes) {
      rssPeakBytes = rss;
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const start = performance.now();
  let result: T | undefined;
  let error: unknown;
  try {
    result = await fn();
  } catch (e) {
    error = e;
  }
  const seconds = (performance.now() - start) / 1000;
  clearInterval(timer);
  sample();
  return {
    seconds,
    rssStartBytes,
    rssPeakBytes,
    rssGrowthBytes: rssPeakBytes - rssStartBytes,
    samples,
    result,
    error,
  };
}
