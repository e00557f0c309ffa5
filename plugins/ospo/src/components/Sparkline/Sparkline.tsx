import {
  KeyboardEvent,
  MouseEvent,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { formatCount } from '../../utils/formatMetricValue';
import { visuallyHidden } from '../../utils/visuallyHidden';
import { describeSparkline } from './describeSparkline';
import { describeSparklinePoint } from './describeSparklinePoint';
import { sparklineGeometry } from './sparklineGeometry';
import { SparklinePoint } from './types';

const useStyles = makeStyles(theme => ({
  svg: {
    // The marks of the first and last points reach past the box.
    overflow: 'visible',
    '&:focus': { outline: 'none' },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
      borderRadius: 2,
    },
  },
  hidden: visuallyHidden,
}));

/** Which point is shown, and whether the keyboard moved to it. */
interface Active {
  index: number;
  byKey: boolean;
}

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
 * points". Hovering shows the date and value of the point nearest the
 * pointer; focused (it is in the tab order), the latest point's, and the
 * arrow keys, Home and End move between points, each read out; Escape hides
 * the tooltip.
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
  const classes = useStyles();
  const empty = !shape.last;
  const description = describeSparkline(label, points, formatValue);
  const { positions } = shape;
  const svgRef = useRef<SVGSVGElement>(null);
  const [active, setActive] = useState<Active>();
  const shown = active && positions[active.index] ? active : undefined;
  const text = shown
    ? describeSparklinePoint(points[shown.index], formatValue)
    : '';

  // The tooltip points at the point, wherever the sparkline is scaled to.
  const anchor = useMemo(() => {
    const at = shown ? positions[shown.index] : undefined;
    if (!at) {
      return undefined;
    }
    return {
      clientWidth: 0,
      clientHeight: 0,
      getBoundingClientRect: () => {
        const box = svgRef.current!.getBoundingClientRect();
        const x = box.left + (at.x / width) * box.width;
        const y = box.top + ((at.y ?? height / 2) / height) * box.height;
        return {
          x,
          y,
          left: x,
          right: x,
          top: y,
          bottom: y,
          width: 0,
          height: 0,
          toJSON: () => undefined,
        } as DOMRect;
      },
    };
  }, [shown, positions, width, height]);

  const onMouseMove = useCallback(
    (event: MouseEvent<SVGSVGElement>) => {
      if (positions.length === 0) {
        return;
      }
      const box = event.currentTarget.getBoundingClientRect();
      const x =
        box.width > 0
          ? ((event.clientX - box.left) / box.width) * width
          : width / 2;
      let nearest = 0;
      for (const [index, position] of positions.entries()) {
        if (Math.abs(position.x - x) < Math.abs(positions[nearest].x - x)) {
          nearest = index;
        }
      }
      setActive(current =>
        current?.index === nearest && !current.byKey
          ? current
          : { index: nearest, byKey: false },
      );
    },
    [positions, width],
  );
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    const last = positions.length - 1;
    const from = shown?.index ?? last;
    let index: number | undefined;
    switch (event.key) {
      case 'ArrowLeft':
        index = Math.max(0, from - 1);
        break;
      case 'ArrowRight':
        index = Math.min(last, from + 1);
        break;
      case 'Home':
        index = 0;
        break;
      case 'End':
        index = last;
        break;
      case 'Escape':
        setActive(undefined);
        return;
      default:
        return;
    }
    event.preventDefault();
    setActive({ index, byKey: true });
  };
  const focusable = positions.length > 0;
  const at = shown ? positions[shown.index] : undefined;

  // A tooltip rather than an SVG title, which searches for text would find as
  // text of the page.
  return (
    <>
      <Tooltip
        title={text}
        open={Boolean(text)}
        disableHoverListener
        disableFocusListener
        disableTouchListener
        placement="top"
        PopperProps={anchor ? { anchorEl: anchor } : undefined}
      >
        <svg
          ref={svgRef}
          role="img"
          aria-label={description}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          className={className ? `${classes.svg} ${className}` : classes.svg}
          data-testid="sparkline"
          tabIndex={focusable ? 0 : undefined}
          onMouseMove={onMouseMove}
          onMouseLeave={() =>
            setActive(current => (current?.byKey ? current : undefined))
          }
          onFocus={() =>
            setActive(
              current =>
                current ?? { index: positions.length - 1, byKey: false },
            )
          }
          onBlur={() => setActive(undefined)}
          onKeyDown={focusable ? onKeyDown : undefined}
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
          {at && (
            <g data-part="active" pointerEvents="none">
              <line
                x1={at.x}
                x2={at.x}
                y1={0}
                y2={height}
                stroke={theme.palette.text.secondary}
                strokeOpacity={0.5}
                strokeWidth={1}
              />
              {at.y !== undefined && (
                <circle
                  cx={at.x}
                  cy={at.y}
                  r={markRadius + 1}
                  fill={theme.palette.background.paper}
                  stroke={color}
                  strokeWidth={2}
                />
              )}
            </g>
          )}
        </svg>
      </Tooltip>
      {/* Moving with the keys, each point is read out as it is reached. */}
      <span role="status" className={classes.hidden}>
        {shown?.byKey ? text : ''}
      </span>
    </>
  );
}
