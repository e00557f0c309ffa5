import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EntityChecks } from '@ospo-kit/plugin-ospo-common';
import { NextRunTime } from '../MetricsRunTimes';

/**
 * Says when the checks shown may not match the entity as it is now: never
 * checked, or changed in the catalog since. `action` (the "Check now"
 * button) goes with it. Nothing when the results are current.
 */
export function ChecksFreshnessNotice(props: {
  checks: EntityChecks;
  action?: ReactNode;
}) {
  const { checks, action } = props;
  const { evaluatedAt, changedSinceEvaluation, nextRunAt } = checks;
  if (!evaluatedAt) {
    return (
      <Box mb={1}>
        <Typography variant="body2" color="textSecondary">
          Not checked yet — checks run with the metrics
          {nextRunAt && (
            <>
              ; next run <NextRunTime at={nextRunAt} />
            </>
          )}
          .
        </Typography>
        {action && <Box mt={1}>{action}</Box>}
      </Box>
    );
  }
  if (!changedSinceEvaluation) {
    return null;
  }
  return (
    // A status, not an alert: it is there on load, nothing to interrupt for.
    <Alert severity="info" role="status">
      This entity changed after it was checked: these results may be out of
      date.
      {nextRunAt && (
        <>
          {' '}
          Next scheduled check <NextRunTime at={nextRunAt} />.
        </>
      )}
      {action && <Box mt={1}>{action}</Box>}
    </Alert>
  );
}
