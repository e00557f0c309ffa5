import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useConsultationSummary } from '../../hooks/useConsultationSummary';
import { consultationRouteRef, rootRouteRef } from '../../routes';
import { formatAge } from '../../utils/formatAge';
import { formatCount, formatMetricValue } from '../../utils/formatMetricValue';
import { ConsultationStatusChip } from '../ConsultationStatusChip';

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, 1fr)',
    gap: theme.spacing(2),
    margin: 0,
    '& dt': {
      color: theme.palette.text.secondary,
      ...theme.typography.body2,
    },
    '& dd': {
      margin: 0,
      fontSize: '1.75rem',
      fontWeight: theme.typography.fontWeightMedium as number,
      fontVariantNumeric: 'tabular-nums',
    },
  },
  oldest: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(2),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  summary: {
    display: 'block',
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
    margin: theme.spacing(0.5, 0),
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/**
 * Props of the {@link ConsultationSummaryCard}.
 */
export interface ConsultationSummaryCardProps {
  variant?: InfoCardVariants;
}

/**
 * The consultation queue in figures: open, in progress, median age and the
 * oldest request waiting, each leading to the queue.
 */
export function ConsultationSummaryCard(props: ConsultationSummaryCardProps) {
  const classes = useStyles();
  const ospoRoot = useRouteRef(rootRouteRef)();
  const queuePath = `${ospoRoot}/consultations`;
  const requestPath = useRouteRef(consultationRouteRef);
  const { value, error } = useConsultationSummary();

  let content;
  if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value) {
    content = <Progress />;
  } else {
    const { oldest } = value;
    content = (
      <>
        <dl className={classes.figures}>
          <div>
            <dt>Open</dt>
            <dd>{formatCount(value.open)}</dd>
          </div>
          <div>
            <dt>In progress</dt>
            <dd>{formatCount(value.inProgress)}</dd>
          </div>
          <div>
            <dt>Median age</dt>
            <dd>{formatMetricValue(value.medianAgeHours, 'hours')}</dd>
          </div>
        </dl>
        {oldest && (
          <Box className={classes.oldest}>
            <Typography variant="body2" color="textSecondary">
              Waiting longest
            </Typography>
            <Link
              to={requestPath({ id: oldest.id })}
              className={classes.summary}
            >
              {oldest.summary}
            </Link>
            <Box className={classes.meta}>
              <ConsultationStatusChip status={oldest.status} />
              <Typography variant="body2" color="textSecondary">
                {`${formatAge(oldest.createdAt)} old · about`}
              </Typography>
              <EntityRefLink entityRef={oldest.entityRef} />
            </Box>
          </Box>
        )}
        {value.open + value.inProgress === 0 && (
          <Box className={classes.oldest}>
            <Typography variant="body2" color="textSecondary">
              Nothing is waiting: every request has been answered.
            </Typography>
          </Box>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Consultations"
      variant={props.variant}
      deepLink={{ title: 'Open the queue', link: queuePath }}
    >
      {content}
    </InfoCard>
  );
}
