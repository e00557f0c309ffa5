import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import RefreshIcon from '@material-ui/icons/Refresh';
import { MetricsRunStatus } from '@ospo-kit/plugin-ospo-common';
import { useMetricsRunStatus } from '../../hooks/useMetricsRunStatus';
import { serverErrorMessage } from '../../utils/errors';
import { formatCount } from '../../utils/formatMetricValue';
import {
  latestEmptyCatalogSkip,
  nextAttemptSentence,
} from '../../utils/emptyCatalogSkip';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
  note: {
    maxWidth: 480,
  },
  bar: {
    width: 240,
    maxWidth: '100%',
    marginTop: theme.spacing(0.5),
    borderRadius: 2,
  },
}));

/**
 * How far a run has got, as a share of the entities the last successful run
 * read: the catalog rarely changes much between two runs. Undefined without
 * a last run, or once past its count, when there is no telling.
 */
function estimatedProgress(
  running: NonNullable<MetricsRunStatus['running']>,
  last: MetricsRunStatus['lastSuccess'],
): number | undefined {
  if (!last || last.processedEntities <= 0) {
    return undefined;
  }
  const share = running.processedEntities / last.processedEntities;
  return share < 1 ? share : undefined;
}

/**
 * Starts a metrics run and follows it: while it runs, how many catalog
 * entities it has read, against the last run's count as a progress bar; then
 * that the figures were updated, why the run failed, or that it found the
 * catalog empty. The outcome is in a status region, so that screen readers
 * announce "Computing…" when a run starts and its result when it ends
 * (not each count, which changes every couple of seconds).
 */
export function RefreshMetricsControl(props: {
  onRunFinished: () => void;
  pollIntervalMs?: number;
}) {
  const classes = useStyles();
  const { status, error, starting, refresh } = useMetricsRunStatus(props);
  const running = status?.running;
  const skip = latestEmptyCatalogSkip(status);

  // The phrase in the status region; the count, which changes every couple
  // of seconds, is next to it rather than in it.
  let phrase;
  let detail;
  let failed = false;
  if (running) {
    const progress = estimatedProgress(running, status?.lastSuccess);
    const count = formatCount(running.processedEntities);
    const of =
      progress === undefined
        ? ''
        : ` of about ${formatCount(status!.lastSuccess!.processedEntities)}`;
    phrase = 'Computing…';
    detail = (
      <>
        <span>{` ${count}${of} entities`}</span>
        <LinearProgress
          className={classes.bar}
          variant={progress === undefined ? 'indeterminate' : 'determinate'}
          value={progress === undefined ? undefined : progress * 100}
          aria-label="Metrics run"
          aria-valuetext={`${count}${of} catalog entities read`}
        />
      </>
    );
  } else if (skip) {
    // Only set when it came after the last success, whose figures stay.
    phrase = (
      <>
        The last run <RelativeTime at={skip.finishedAt} /> found the catalog
        empty and stored nothing. {nextAttemptSentence(skip)}
      </>
    );
  } else if (status?.lastFailure) {
    // Only set when it came after the last success.
    failed = true;
    phrase = (
      <>
        The last run failed <RelativeTime at={status.lastFailure.finishedAt} />:{' '}
        {status.lastFailure.error}
      </>
    );
  } else if (status?.lastSuccess) {
    phrase = (
      <>
        Updated <RelativeTime at={status.lastSuccess.finishedAt} />
      </>
    );
  }

  return (
    <Box className={classes.root}>
      <Typography
        variant="body2"
        component="div"
        color={failed ? 'error' : 'textSecondary'}
        className={classes.note}
      >
        {/* A status region from the first answer on: what it says then is
            not announced, what it says after a change is. */}
        <span role={status ? 'status' : undefined} aria-atomic="true">
          {phrase}
        </span>
        {detail}
      </Typography>
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {serverErrorMessage(error)}
        </Typography>
      )}
      <Button
        variant="contained"
        color="primary"
        startIcon={
          running ? (
            <CircularProgress size={16} color="inherit" aria-hidden />
          ) : (
            <RefreshIcon />
          )
        }
        disabled={starting || Boolean(running)}
        onClick={refresh}
      >
        Refresh metrics
      </Button>
    </Box>
  );
}
