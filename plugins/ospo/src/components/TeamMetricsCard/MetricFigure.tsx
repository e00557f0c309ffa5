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
 * measure. A `note` follows the detail, such as "live".
 */
export function MetricFigure(props: {
  definition: MetricDefinition;
  value?: MetricValue;
  note?: string;
  /** Why there is no figure; by default, nothing to measure in the run. */
  noValueExplanation?: string;
}) {
  const { definition, value, note } = props;
  const classes = useStyles();
  const figure = value?.value;
  // "0 of 0" says nothing the dash does not.
  const detail =
    value && figure !== undefined
      ? formatMetricDetail(value, definition.aggregation)
      : undefined;
  const caption = [detail, note].filter(Boolean).join(' · ');
  return (
    <>
      {figure !== undefined ? (
        <Typography variant="body1" component="span" className={classes.value}>
          {formatMetricValue(figure, definition.unit)}
        </Typography>
      ) : (
        <Tooltip
          title={
            props.noValueExplanation ??
            'n/a: nothing to measure in the latest run, such as a share of zero components'
          }
        >
          <Typography
            variant="body1"
            component="span"
            color="textSecondary"
            className={classes.value}
          >
            {NO_METRIC_VALUE}
          </Typography>
        </Tooltip>
      )}
      {caption && (
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.detail}
        >
          {caption}
        </Typography>
      )}
    </>
  );
}
