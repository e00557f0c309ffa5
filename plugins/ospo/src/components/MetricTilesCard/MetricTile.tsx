import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import {
  MetricDefinition,
  MetricHistoryPoint,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { computeMetricChange } from '../../utils/computeMetricChange';
import { formatMetricValue } from '../../utils/formatMetricValue';
import { Sparkline } from '../Sparkline';
import { MetricChangeLabel } from '../TeamMetricsCard/MetricChangeLabel';
import { MetricDefinitionButton } from '../TeamMetricsCard/MetricDefinitionButton';
import { MetricFigure } from '../TeamMetricsCard/MetricFigure';
import { metricToneColor } from '../TeamMetricsCard/metricToneColor';
import { TimedMetricFigure } from '../TeamMetricsCard/TimedMetricFigure';

const useStyles = makeStyles(theme => ({
  tile: {
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    padding: theme.spacing(1.5, 2, 1),
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    minHeight: 28,
  },
  title: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  body: {
    flex: 1,
    cursor: 'pointer',
  },
  figures: {
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    margin: theme.spacing(0.5, 0, 1),
    '& > :first-child > span:first-child': {
      fontSize: '1.75rem',
      lineHeight: 1.2,
    },
  },
  trend: {
    '& svg': { display: 'block' },
  },
  footer: {
    display: 'flex',
    justifyContent: 'flex-end',
    marginTop: theme.spacing(0.5),
  },
}));

/**
 * One metric's tile: title with its definition, the organisation's figure,
 * its change over the period and a sparkline. Clicking the figures, or
 * "By department", opens the drill-down.
 */
export function MetricTile(props: {
  definition: MetricDefinition;
  value?: MetricValue;
  /** The figures over the period, oldest first, ending with the latest. */
  points: MetricHistoryPoint[];
  periodDays: number;
  onOpen: (definition: MetricDefinition) => void;
  /**
   * For a metric whose inputs change between runs: when the run finished,
   * to label its figure, and the figure from the current data, if known.
   */
  timed?: { computedAt: string; live?: MetricValue };
}) {
  const { definition, value, points, periodDays, onOpen, timed } = props;
  const classes = useStyles();
  const theme = useTheme();
  const change = computeMetricChange(
    points,
    definition.unit,
    definition.direction,
  );
  const tone = change?.tone ?? 'neutral';
  const titleId = `ospo-metric-tile-${definition.id.replace(/[^\w-]/g, '-')}`;

  return (
    <Paper
      variant="outlined"
      className={classes.tile}
      component="section"
      aria-labelledby={titleId}
      data-metric={definition.id}
    >
      <Box className={classes.header}>
        <Typography
          variant="body2"
          component="h3"
          id={titleId}
          className={classes.title}
        >
          {definition.title}
        </Typography>
        <MetricDefinitionButton definition={definition} />
      </Box>
      {/* A mouse shortcut to the button below, which keyboards reach. */}
      <Box className={classes.body} onClick={() => onOpen(definition)}>
        <Box className={classes.figures}>
          <Box>
            {timed ? (
              <TimedMetricFigure
                definition={definition}
                value={value}
                live={timed.live}
                computedAt={timed.computedAt}
              />
            ) : (
              <MetricFigure definition={definition} value={value} />
            )}
          </Box>
          <Box textAlign="right">
            <MetricChangeLabel change={change} unit={definition.unit} />
            <Typography variant="caption" color="textSecondary" component="div">
              {`${periodDays} days`}
            </Typography>
          </Box>
        </Box>
        <Box className={classes.trend}>
          <Sparkline
            label={`${definition.title}, last ${periodDays} days`}
            points={points}
            width={176}
            height={36}
            formatValue={v => formatMetricValue(v, definition.unit)}
            color={
              tone === 'neutral'
                ? theme.palette.primary.main
                : metricToneColor(theme, tone)
            }
          />
        </Box>
      </Box>
      <Box className={classes.footer}>
        <Button
          size="small"
          color="primary"
          endIcon={<ChevronRightIcon />}
          onClick={() => onOpen(definition)}
          aria-label={`${definition.title} by department`}
        >
          By department
        </Button>
      </Box>
    </Paper>
  );
}
