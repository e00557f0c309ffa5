import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MetricDefinition, MetricValue } from '@ospo-kit/plugin-ospo-common';
import { formatMetricDetail } from '../../utils/formatMetricDetail';
import {
  NO_METRIC_VALUE,
  formatMetricValue,
} from '../../utils/formatMetricValue';

const useStyles = makeStyles({
  value: {
    fontWeight: 500,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  detail: {
    display: 'block',
    whiteSpace: 'nowrap',
  },
});

/**
 * A metric's latest figure in its unit, with what a ratio is made of ("12 of
 * 16") under it; a dash, explained on hover, when there was nothing to
 * measure.
 */
export function MetricFigure(props: {
  definition: MetricDefinition;
  value?: MetricValue;
}) {
  const { definition, value } = props;
  const classes = useStyles();
  if (value?.value === undefined) {
    return (
      <Tooltip title="n/a: nothing to measure in the latest run, such as a share of zero components">
        <Typography
          variant="body1"
          component="span"
          color="textSecondary"
          className={classes.value}
        >
          {NO_METRIC_VALUE}
        </Typography>
      </Tooltip>
    );
  }
  const detail = formatMetricDetail(value, definition.aggregation);
  return (
    <>
      <Typography variant="body1" component="span" className={classes.value}>
        {formatMetricValue(value.value, definition.unit)}
      </Typography>
      {detail && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.detail}
        >
          {detail}
        </Typography>
      )}
    </>
  );
}
