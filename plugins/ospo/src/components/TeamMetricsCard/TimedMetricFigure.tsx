import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MetricDefinition, MetricValue } from '@ospo-kit/plugin-ospo-common';
import {
  NO_METRIC_VALUE,
  formatMetricValue,
} from '../../utils/formatMetricValue';
import { sameFigure } from '../../utils/liveChecklistFigures';
import { RelativeTime } from '../RelativeTime';
import { MetricFigure } from './MetricFigure';

// The line may wrap where the figure has little room, as in a dashboard
// tile; a table cell keeps it on one line.
const useStyles = makeStyles({
  asOf: {
    display: 'block',
  },
});

/**
 * The figure of a metric whose inputs change between runs, such as checklist
 * completion, so that it never silently disagrees with what the page shows
 * next to it: the live figure, marked "live", with the run's figure "as of"
 * the run's time under it when the two differ; without a live figure (still
 * loading, or not readable), the run's figure "as of" its time.
 */
export function TimedMetricFigure(props: {
  definition: MetricDefinition;
  /** The run's figure. */
  value?: MetricValue;
  /** The same figure from the current data. */
  live?: MetricValue;
  /** When the run finished. */
  computedAt: string;
}) {
  const { definition, value, live, computedAt } = props;
  const classes = useStyles();
  if (!live) {
    return (
      <>
        <MetricFigure definition={definition} value={value} />
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.asOf}
        >
          as of <RelativeTime at={computedAt} />
        </Typography>
      </>
    );
  }
  return (
    <>
      <MetricFigure
        definition={definition}
        value={live}
        note="live"
        noValueExplanation="n/a: no applicable item to measure in the current answers"
      />
      {!sameFigure(value, live) && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.asOf}
        >
          {value?.value === undefined
            ? NO_METRIC_VALUE
            : formatMetricValue(value.value, definition.unit)}{' '}
          as of <RelativeTime at={computedAt} />
        </Typography>
      )}
    </>
  );
}
