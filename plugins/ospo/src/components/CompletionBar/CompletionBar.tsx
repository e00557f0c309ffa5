import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { MatrixCompletion } from '@ospo-kit/plugin-ospo-common';
import { visuallyHidden } from '../../utils/visuallyHidden';
import {
  NO_METRIC_VALUE,
  formatMetricValue,
} from '../../utils/formatMetricValue';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    whiteSpace: 'nowrap',
  },
  track: {
    width: 64,
    height: 6,
    borderRadius: 3,
    overflow: 'hidden',
    backgroundColor: theme.palette.action.selected,
  },
  fill: {
    height: '100%',
    backgroundColor: theme.palette.success.main,
  },
  percent: {
    minWidth: '3.5em',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  // Read out, not shown: the tooltip says the same on hover.
  hidden: visuallyHidden,
}));

/**
 * Done of applicable items as a small bar and a percentage, e.g. for a row of
 * the heat map; a dash when nothing applies. `compact` leaves the bar out,
 * where space is short.
 */
export function CompletionBar(props: {
  completion: MatrixCompletion;
  compact?: boolean;
}) {
  const { completion, compact } = props;
  const { done, applicable, ratio } = completion;
  const classes = useStyles();
  if (ratio === undefined) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        title="Nothing applies"
      >
        {NO_METRIC_VALUE}
      </Typography>
    );
  }
  const percent = formatMetricValue(ratio, 'ratio');
  const detail = `${done} of ${applicable} applicable items done`;
  return (
    <Box className={classes.root} title={detail}>
      {!compact && (
        <Box className={classes.track} aria-hidden>
          <Box
            className={classes.fill}
            style={{ width: `${Math.min(1, Math.max(0, ratio)) * 100}%` }}
          />
        </Box>
      )}
      <Typography variant="body2" component="span" className={classes.percent}>
        {percent}
      </Typography>
      <span className={classes.hidden}>{` done: ${detail}`}</span>
    </Box>
  );
}
