import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import TrendingDownIcon from '@material-ui/icons/TrendingDown';
import TrendingFlatIcon from '@material-ui/icons/TrendingFlat';
import TrendingUpIcon from '@material-ui/icons/TrendingUp';
import { MetricUnit } from '@ospo-kit/plugin-ospo-common';
import { MetricChange } from '../../utils/computeMetricChange';
import {
  NO_METRIC_VALUE,
  formatMetricValue,
} from '../../utils/formatMetricValue';
import { formatRelativeTime } from '../../utils/formatRelativeTime';
import { metricToneColor } from './metricToneColor';

const ICONS = {
  up: TrendingUpIcon,
  down: TrendingDownIcon,
  flat: TrendingFlatIcon,
};

const VERDICTS = { good: 'Better', bad: 'Worse', neutral: 'Changed' };

/**
 * How a metric moved over the period, coloured by whether that is good, with
 * an arrow so it reads without telling colours apart.
 */
export function MetricChangeLabel(props: {
  change?: MetricChange;
  unit: MetricUnit;
}) {
  const { change, unit } = props;
  const theme = useTheme();
  if (!change) {
    return (
      <Tooltip title="Not enough history yet to show a change">
        <Typography variant="body2" color="textSecondary" component="span">
          {NO_METRIC_VALUE}
        </Typography>
      </Tooltip>
    );
  }
  const Icon = ICONS[change.trend];
  const from = formatMetricValue(change.from.value, unit);
  const to = formatMetricValue(change.to.value, unit);
  const since = formatRelativeTime(change.from.computedAt);
  const explanation =
    change.trend === 'flat'
      ? `No change: ${to}, as ${since}`
      : `${VERDICTS[change.tone]}: from ${from} (${since}) to ${to}`;
  return (
    <Tooltip title={explanation}>
      <Box
        component="span"
        display="inline-flex"
        alignItems="center"
        style={{ color: metricToneColor(theme, change.tone) }}
        data-tone={change.tone}
      >
        <Icon fontSize="small" aria-hidden />
        <Box component="span" ml={0.5} whiteSpace="nowrap">
          <Typography variant="body2" component="span" color="inherit">
            {change.text}
          </Typography>
        </Box>
      </Box>
    </Tooltip>
  );
}
