import Button from '@material-ui/core/Button';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { formatCount } from '../../utils/formatMetricValue';
import { formatRelativeTime } from '../../utils/formatRelativeTime';
import {
  latestEmptyCatalogSkip,
  nextAttemptSentence,
} from '../../utils/emptyCatalogSkip';

/**
 * Before the first successful metrics run: says whether one is going on,
 * failed, or found the catalog still empty and when it is tried again, so
 * people know whether waiting will help. Never figures of zero.
 */
export function NoMetricsRunYet(props: {
  onCheckAgain: () => void;
  checking: boolean;
}) {
  const ospoApi = useApi(ospoApiRef);
  // Only a nicer message: if the status cannot be read, the plain one will do.
  const { value: status } = useAsync(
    () => ospoApi.getMetricsStatus(),
    [ospoApi],
  );

  const skip = latestEmptyCatalogSkip(status);
  let description =
    'Metrics are computed on a schedule; they show up here after the first run.';
  if (status?.running) {
    description = `The first run started ${formatRelativeTime(
      status.running.startedAt,
    )} and has read ${formatCount(
      status.running.processedEntities,
    )} catalog entities so far.`;
  } else if (skip) {
    description = [
      `The last attempt, ${formatRelativeTime(
        skip.finishedAt,
      )}, found the catalog empty, as it is while it still loads, and stored nothing.`,
      nextAttemptSentence(skip),
    ]
      .filter(Boolean)
      .join(' ');
  } else if (status?.lastFailure) {
    description = `The last run failed: ${status.lastFailure.error}`;
  }

  return (
    <EmptyState
      missing="data"
      title="No metrics run yet"
      description={description}
      action={
        <Button
          variant="outlined"
          color="primary"
          disabled={props.checking}
          onClick={props.onCheckAgain}
        >
          Check again
        </Button>
      }
    />
  );
}
