import Box from '@material-ui/core/Box';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  MetricDefinition,
  MetricHistoryPoint,
  MetricValue,
} from '@ospo-kit/plugin-ospo-common';
import { computeMetricChange } from '../../utils/computeMetricChange';
import { formatMetricValue } from '../../utils/formatMetricValue';
import { Sparkline } from '../Sparkline';
import { MetricBreakdown } from './MetricBreakdown';
import { MetricChangeLabel } from './MetricChangeLabel';
import { MetricDefinitionButton } from './MetricDefinitionButton';
import { MetricFigure } from './MetricFigure';
import { TimedMetricFigure } from './TimedMetricFigure';
import { metricToneColor } from './metricToneColor';

const useStyles = makeStyles(theme => ({
  cell: {
    verticalAlign: 'top',
    paddingTop: theme.spacing(1),
    paddingBottom: theme.spacing(1),
  },
  title: {
    display: 'flex',
    alignItems: 'center',
    minHeight: 28,
  },
  figure: {
    whiteSpace: 'nowrap',
  },
  change: {
    whiteSpace: 'nowrap',
    paddingTop: theme.spacing(1.25),
  },
  trend: {
    width: 120,
    paddingTop: theme.spacing(1),
    '& svg': {
      display: 'block',
    },
  },
}));

/**
 * One metric of the table: title and definition, latest figure, change over
 * the period and sparkline.
 */
export function MetricRow(props: {
  definition: MetricDefinition;
  value?: MetricValue;
  /** The figures over the period, oldest first, ending with the latest. */
  points: MetricHistoryPoint[];
  periodLabel: string;
  /**
   * For a metric whose inputs change between runs: when the run finished,
   * to label its figure, and the figure from the current data, if known.
   */
  timed?: { computedAt: string; live?: MetricValue };
}) {
  const { definition, value, points, periodLabel, timed } = props;
  const classes = useStyles();
  const theme = useTheme();
  const change = computeMetricChange(
    points,
    definition.unit,
    definition.direction,
  );
  const tone = change?.tone ?? 'neutral';

  return (
    <TableRow>
      <TableCell component="th" scope="row" className={classes.cell}>
        <Box className={classes.title}>
          <Typography variant="body2" component="span">
            {definition.title}
          </Typography>
          <MetricDefinitionButton definition={definition} />
        </Box>
        {value?.breakdown && (
          <MetricBreakdown
            definition={definition}
            breakdown={value.breakdown}
          />
        )}
      </TableCell>
      <TableCell align="right" className={`${classes.cell} ${classes.figure}`}>
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
      </TableCell>
      <TableCell align="right" className={`${classes.cell} ${classes.change}`}>
        <MetricChangeLabel change={change} unit={definition.unit} />
      </TableCell>
      <TableCell className={`${classes.cell} ${classes.trend}`}>
        <Sparkline
          label={`${definition.title}, ${periodLabel}`}
          points={points}
          formatValue={v => formatMetricValue(v, definition.unit)}
          color={
            tone === 'neutral'
              ? theme.palette.primary.main
              : metricToneColor(theme, tone)
          }
        />
      </TableCell>
    </TableRow>
  );
}
