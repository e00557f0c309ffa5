import Tooltip from '@material-ui/core/Tooltip';
import { useTheme } from '@material-ui/core/styles';
import { formatCount } from '../../utils/formatMetricValue';
import { formatRelativeTime } from '../../utils/formatRelativeTime';
import { describeSparkline } from './describeSparkline';
import { sparklineGeometry } from './sparklineGeometry';
import { SparklinePoint } from './types';

/**
 * Props of the {@link Sparkline}.
 */
export interface SparklineProps {
  /** The series, oldest first. */
  points: SparklinePoint[];
  /** Names the series for assistive technology, e.g. "Docs coverage". */
  label: string;
  /** Writes a value in the summary read out; plain numbers by default. */
  formatValue?: (value: number) => string;
  /** In pixels; 120 by default. */
  width?: number;
  /** In pixels; 28 by default. */
  height?: number;
  /** Of the line; the theme's primary colour by default. */
  color?: string;
  strokeWidth?: number;
  /** The values at the bottom and top; the series' own range by default. */
  domain?: [number, number];
  className?: string;
}

/**
 * A small line chart of a series, in plain SVG. Gaps (points without a value)
 * break the line and are bridged faintly; a lone point is a dot; the latest
 * point is marked. Read out as a summary such as "from 50% to 75% over 4
 * points"; on hover, the summary tells when the latest point was computed.
 */
export function Sparkline(props: SparklineProps) {
  const theme = useTheme();
  const {
    points,
    label,
    formatValue = formatCount,
    width = 120,
    height = 28,
    color = theme.palette.primary.main,
    strokeWidth = 1.5,
    domain,
    className,
  } = props;
  const markRadius = strokeWidth + 1;
  const shape = sparklineGeometry(points, {
    width,
    height,
    padding: markRadius + 0.5,
    domain,
  });
  const empty = !shape.last;
  const description = describeSparkline(label, points, formatValue);
  const latest = points[points.length - 1];

  // On hover: what it shows, and how recent its last point is. A tooltip
  // rather than an SVG title, which searches for text would find as text of
  // the page.
  return (
    <Tooltip
      title={
        latest
          ? `${description}; the latest ${formatRelativeTime(
              latest.computedAt,
            )}`
          : description
      }
    >
      <svg
        role="img"
        aria-label={description}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        className={className}
        data-testid="sparkline"
      >
        {empty && (
          <line
            x1={0}
            x2={width}
            y1={height / 2}
            y2={height / 2}
            stroke={theme.palette.divider}
            strokeWidth={1}
            strokeDasharray="2 3"
          />
        )}
        {shape.bridges.map(d => (
          <path
            key={`bridge-${d}`}
            d={d}
            fill="none"
            stroke={color}
            strokeOpacity={0.35}
            strokeWidth={1}
            strokeDasharray="2 2"
            data-part="bridge"
          />
        ))}
        {shape.lines.map(d => (
          <path
            key={`line-${d}`}
            d={d}
            fill="none"
            stroke={color}
            strokeWidth={strokeWidth}
            strokeLinejoin="round"
            strokeLinecap="round"
            data-part="line"
          />
        ))}
        {shape.dots.map(({ x, y }) => (
          <circle
            key={`dot-${x}-${y}`}
            cx={x}
            cy={y}
            r={strokeWidth}
            fill={color}
            data-part="dot"
          />
        ))}
        {shape.last && (
          <circle
            cx={shape.last.x}
            cy={shape.last.y}
            r={markRadius}
            fill={color}
            data-part="last"
          />
        )}
      </svg>
    </Tooltip>
  );
}
