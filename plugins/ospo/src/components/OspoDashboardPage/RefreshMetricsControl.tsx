import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useMetricsRunStatus } from '../../hooks/useMetricsRunStatus';
import { serverErrorMessage } from '../../utils/errors';
import { formatCount } from '../../utils/formatMetricValue';
import {
  latestEmptyCatalogSkip,
  nextAttemptSentence,
} from '../../utils/emptyCatalogSkip';
import { RelativeTime } from '../RelativeTime';

/**
 * Starts a metrics run and follows it: how many catalog entities it has read
 * while it runs, when the last one finished, why it failed, or that it found
 * the catalog empty.
 */
export function RefreshMetricsControl(props: {
  onRunFinished: () => void;
  pollIntervalMs?: number;
}) {
  const { status, error, starting, refresh } = useMetricsRunStatus(props);
  const running = status?.running;
  const skip = latestEmptyCatalogSkip(status);

  let note;
  if (error) {
    note = (
      <Typography variant="body2" color="error" role="alert">
        {serverErrorMessage(error)}
      </Typography>
    );
  } else if (running) {
    note = (
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <CircularProgress size={16} aria-hidden />
        <Typography variant="body2" color="textSecondary" role="status">
          {`Computing metrics: ${formatCount(
            running.processedEntities,
          )} catalog entities read`}
        </Typography>
      </Box>
    );
  } else if (skip) {
    // Only set when it came after the last success, whose figures stay.
    note = (
      <Typography variant="body2" color="textSecondary">
        The last run <RelativeTime at={skip.finishedAt} /> found the catalog
        empty and stored nothing. {nextAttemptSentence(skip)}
      </Typography>
    );
  } else if (status?.lastFailure) {
    // Only set when it came after the last success.
    note = (
      <Typography variant="body2" color="error">
        The last run failed <RelativeTime at={status.lastFailure.finishedAt} />:{' '}
        {status.lastFailure.error}
      </Typography>
    );
  } else if (status?.lastSuccess) {
    note = (
      <Typography variant="body2" color="textSecondary">
        Last run finished <RelativeTime at={status.lastSuccess.finishedAt} />
      </Typography>
    );
  }

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      {note}
      <Button
        variant="contained"
        color="primary"
        startIcon={<RefreshIcon />}
        disabled={starting || Boolean(running)}
        onClick={refresh}
      >
        Refresh metrics
      </Button>
    </Box>
  );
}
