import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { CampaignBurnup } from '@ospo-kit/plugin-ospo-common';
import { daysBetween } from './campaignDays';

const WIDTH = 600;
const HEIGHT = 200;
const PAD = { left: 40, right: 12, top: 10, bottom: 24 };

/**
 * A campaign's completion day by day as a line over the campaign's whole
 * span (start to target date, or to today when later), with the target
 * date marked; drawn as SVG, the figures also given as text for screen
 * readers.
 */
export function BurnupChart(props: { burnup: CampaignBurnup }) {
  const { burnup } = props;
  const theme = useTheme();
  const { points } = burnup;
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The campaign has not started yet.
      </Typography>
    );
  }
  const lastDay =
    points[points.length - 1].date > burnup.targetDate
      ? points[points.length - 1].date
      : burnup.targetDate;
  const span = Math.max(1, daysBetween(burnup.startDate, lastDay));
  const x = (day: string) =>
    PAD.left +
    (daysBetween(burnup.startDate, day) / span) *
      (WIDTH - PAD.left - PAD.right);
  const y = (ratio: number) =>
    PAD.top + (1 - ratio) * (HEIGHT - PAD.top - PAD.bottom);
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date)},${y(p.ratio)}`)
    .join(' ');
  const latest = points[points.length - 1];
  const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;

  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`Burn-up: ${percent(latest.ratio)} done on ${
          latest.date
        }, target ${burnup.targetDate}`}
        data-testid="campaign-burnup"
      >
        {[0, 0.5, 1].map(r => (
          <g key={r}>
            <line
              x1={PAD.left}
              x2={WIDTH - PAD.right}
              y1={y(r)}
              y2={y(r)}
              stroke={theme.palette.divider}
            />
            <text
              x={PAD.left - 6}
              y={y(r) + 4}
              textAnchor="end"
              fontSize={10}
              fill={theme.palette.text.secondary}
            >
              {percent(r)}
            </text>
          </g>
        ))}
        <line
          x1={x(burnup.targetDate)}
          x2={x(burnup.targetDate)}
          y1={PAD.top}
          y2={HEIGHT - PAD.bottom}
          stroke={theme.palette.error.main}
          strokeDasharray="4 3"
        />
        <text
          x={x(burnup.targetDate)}
          y={HEIGHT - 8}
          textAnchor="middle"
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          target {burnup.targetDate}
        </text>
        <text
          x={PAD.left}
          y={HEIGHT - 8}
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          {burnup.startDate}
        </text>
        <path
          d={line}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
        />
      </svg>
      <figcaption>
        <Typography variant="caption" color="textSecondary">
          {percent(latest.ratio)} of the items done on {latest.date} (
          {latest.itemsDone} of {latest.items}; {latest.teamsDone} of{' '}
          {burnup.teams} teams complete), from the history of answers.
        </Typography>
      </figcaption>
    </figure>
  );
}
