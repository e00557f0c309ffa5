import { Theme } from '@material-ui/core/styles';
import { MetricTone } from '../../utils/computeMetricChange';

/**
 * The colour of a change: green when it is an improvement, red when it is a
 * setback, the secondary text colour otherwise. Dark enough to read as text
 * on the light theme, light enough on the dark one.
 */
export function metricToneColor(theme: Theme, tone: MetricTone): string {
  const dark = theme.palette.type === 'dark';
  switch (tone) {
    case 'good':
      return dark ? theme.palette.success.light : theme.palette.success.dark;
    case 'bad':
      return dark ? theme.palette.error.light : theme.palette.error.dark;
    default:
      return theme.palette.text.secondary;
  }
}
