import { SparklinePoint } from './types';

/** An x/y position within the sparkline's box. */
export interface SparklineXY {
  x: number;
  y: number;
}

/** What to draw for a series, in the sparkline's own coordinates. */
export interface SparklineGeometry {
  /** Path data of each run of consecutive figures. */
  lines: string[];
  /** Path data bridging each gap, drawn faintly so the eye can follow. */
  bridges: string[];
  /** Figures with no neighbour on either side, which no line can show. */
  dots: SparklineXY[];
  /** The latest figure, when there is one, which is marked. */
  last?: SparklineXY;
  /**
   * Where each point of the series is, by its index: `y` is absent for a
   * point without a value. Empty when no point has a value.
   */
  positions: Array<{ x: number; y?: number }>;
}

/**
 * Lays a series out in a `width` × `height` box, `padding` inside its edges:
 * by time along x when the times are valid and differ (runs need not be
 * regular), by position otherwise; scaled to `domain` or to the series' own
 * range along y, with a flat series in the middle.
 */
export function sparklineGeometry(
  points: SparklinePoint[],
  options: {
    width: number;
    height: number;
    padding: number;
    domain?: [number, number];
  },
): SparklineGeometry {
  const { width, height, padding, domain } = options;
  const defined = points.filter(p => isFiniteNumber(p.value));
  if (defined.length === 0) {
    return { lines: [], bridges: [], dots: [], positions: [] };
  }

  const xOf = xScale(points, width, padding);
  const values = defined.map(p => p.value as number);
  const [low, high] = domain ?? [Math.min(...values), Math.max(...values)];
  const yOf = (value: number) => {
    if (high <= low) {
      return height / 2;
    }
    const clamped = Math.min(high, Math.max(low, value));
    return padding + ((high - clamped) / (high - low)) * (height - 2 * padding);
  };

  const runs: SparklineXY[][] = [];
  const positions: SparklineGeometry['positions'] = [];
  let run: SparklineXY[] | undefined;
  for (const [index, point] of points.entries()) {
    if (!isFiniteNumber(point.value)) {
      positions.push({ x: round(xOf(index)) });
      run = undefined;
      continue;
    }
    if (!run) {
      run = [];
      runs.push(run);
    }
    const xy = { x: xOf(index), y: yOf(point.value) };
    positions.push({ x: round(xy.x), y: round(xy.y) });
    run.push(xy);
  }

  const lines = runs.filter(r => r.length > 1).map(pathOf);
  const dots = runs.filter(r => r.length === 1).map(r => r[0]);
  const bridges = runs
    .slice(1)
    .map((r, index) => pathOf([runs[index][runs[index].length - 1], r[0]]));
  const lastRun = runs[runs.length - 1];
  return {
    lines,
    bridges,
    dots,
    last: lastRun[lastRun.length - 1],
    positions,
  };
}

function xScale(points: SparklinePoint[], width: number, padding: number) {
  const span = width - 2 * padding;
  if (points.length === 1) {
    return () => width / 2;
  }
  const times = points.map(p => Date.parse(p.computedAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (times.every(Number.isFinite) && last > first) {
    return (index: number) =>
      padding + ((times[index] - first) / (last - first)) * span;
  }
  return (index: number) => padding + (index / (points.length - 1)) * span;
}

function pathOf(run: SparklineXY[]): string {
  return run
    .map(
      ({ x, y }, index) => `${index === 0 ? 'M' : 'L'}${round(x)} ${round(y)}`,
    )
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function isFiniteNumber(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value);
}
