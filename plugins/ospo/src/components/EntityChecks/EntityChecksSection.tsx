import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EntityCheckResult,
  EntityChecks,
  ospoConsultationCreatePermission,
} from '@ospo-kit/plugin-ospo-common';
import { useEntityChecksRefresh } from '../../hooks/useEntityChecksRefresh';
import { responseStatus, serverErrorMessage } from '../../utils/errors';
import { RelativeTime } from '../RelativeTime';
import { CheckConsultationDialog } from './CheckConsultationDialog';
import { ChecksFreshnessNotice } from './ChecksFreshnessNotice';
import { EntityChecksList } from './EntityChecksList';
import { RefreshChecksButton } from './RefreshChecksButton';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1),
    minHeight: 30,
  },
  heading: {
    marginRight: 'auto',
    lineHeight: 2,
  },
}));

/**
 * An entity's OSPO checks: their verdicts worst first, when they were
 * checked, whether they may be out of date, and for those allowed a way to
 * check again now, and to consult the OSPO about a verdict. A refresh's
 * answer replaces the checks it was given.
 */
export function EntityChecksSection(props: {
  entityRef: string;
  /** How people know the entity, e.g. its `metadata.title`. */
  entityTitle?: string;
  checks: EntityChecks;
}) {
  const { entityRef } = props;
  const classes = useStyles();
  const refresh = useEntityChecksRefresh(entityRef);
  const mayConsult = usePermission({
    permission: ospoConsultationCreatePermission,
  }).allowed;
  const [consulting, setConsulting] = useState<EntityCheckResult>();
  const checks = refresh.checks ?? props.checks;
  const { evaluatedAt, evaluatedBy, changedSinceEvaluation, canRefresh } =
    checks;
  const mayBeStale = !evaluatedAt || changedSinceEvaluation;
  // Prominent with the notice that the results may be out of date; a quiet
  // text button otherwise, for an owner confirming a fix.
  const checkNow = canRefresh ? (
    <RefreshChecksButton
      onClick={refresh.refresh}
      refreshing={refresh.refreshing}
      variant={mayBeStale ? 'outlined' : 'text'}
    />
  ) : undefined;

  return (
    <Box component="section">
      <Box className={classes.header}>
        <Typography
          variant="overline"
          component="h3"
          color="textSecondary"
          className={classes.heading}
        >
          Checks
        </Typography>
        {evaluatedAt && (
          <Typography variant="caption" color="textSecondary">
            {evaluatedBy === 'refresh' ? 'Checked on request ' : 'Checked '}
            <RelativeTime at={evaluatedAt} />
          </Typography>
        )}
        {!mayBeStale && checkNow}
      </Box>
      <ChecksFreshnessNotice
        checks={checks}
        action={mayBeStale ? checkNow : undefined}
      />
      {refresh.error && (
        <Box my={1}>
          <Typography
            variant="body2"
            role="alert"
            // Asked too soon is no failure: the message says when to retry.
            color={
              responseStatus(refresh.error) === 429 ? 'textSecondary' : 'error'
            }
          >
            {serverErrorMessage(refresh.error)}
          </Typography>
        </Box>
      )}
      {evaluatedAt && (
        <Box mt={changedSinceEvaluation ? 1 : 0}>
          <EntityChecksList
            results={checks.results}
            onConsult={mayConsult ? setConsulting : undefined}
          />
        </Box>
      )}
      {consulting && (
        <CheckConsultationDialog
          entityRef={entityRef}
          entityTitle={props.entityTitle}
          result={consulting}
          onClose={() => setConsulting(undefined)}
        />
      )}
    </Box>
  );
}
