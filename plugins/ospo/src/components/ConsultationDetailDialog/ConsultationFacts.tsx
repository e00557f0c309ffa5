import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Consultation, ConsultationTopic } from '@ospo-kit/plugin-ospo-common';
import { topicTitle } from '../../utils/topicTitle';
import { ConsultationOverdueChip } from '../ConsultationOverdueChip';
import { ConsultationUrgencyChip } from '../ConsultationUrgencyChip';
import { RelativeTime } from '../RelativeTime';
import { UserRefLink } from '../UserRefLink';

const useStyles = makeStyles(theme => ({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(1),
    alignItems: 'center',
    margin: 0,
    [theme.breakpoints.up('sm')]: {
      gridTemplateColumns: 'max-content 1fr max-content 1fr',
    },
  },
  value: {
    margin: 0,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
}));

/**
 * The facts of a request at a glance: what it is about, how urgent, who
 * asked, who works on it, when it moved and, until the OSPO first responds,
 * when a response is due.
 */
export function ConsultationFacts(props: {
  consultation: Consultation;
  topics?: ConsultationTopic[];
}) {
  const { consultation, topics } = props;
  const classes = useStyles();
  // When the OSPO's first response is due matters only until it comes.
  const awaitingResponse =
    (consultation.status === 'open' || consultation.status === 'in-progress') &&
    !consultation.firstResponseAt;
  return (
    <Box component="dl" className={classes.facts}>
      <Fact label="Topic">{topicTitle(topics, consultation.topic)}</Fact>
      <Fact label="Urgency">
        <ConsultationUrgencyChip urgency={consultation.urgency} />
      </Fact>
      <Fact label="Entity">
        <EntityRefLink entityRef={consultation.entityRef} />
      </Fact>
      <Fact label="Requested by">
        <UserRefLink userRef={consultation.requesterRef} />
      </Fact>
      <Fact label="Assignee">
        {consultation.assigneeRef ? (
          <UserRefLink userRef={consultation.assigneeRef} />
        ) : (
          <Typography component="span" variant="body2" color="textSecondary">
            Unassigned
          </Typography>
        )}
      </Fact>
      <Fact label="Created">
        <RelativeTime at={consultation.createdAt} />
      </Fact>
      <Fact label="Updated">
        <RelativeTime at={consultation.updatedAt} />
      </Fact>
      {awaitingResponse && (
        <Fact label="Response due">
          <Box
            component="span"
            display="inline-flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <RelativeTime at={consultation.firstResponseDueAt} />
            <ConsultationOverdueChip consultation={consultation} />
          </Box>
        </Fact>
      )}
    </Box>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <>
      <Typography component="dt" variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography component="dd" variant="body2" className={classes.value}>
        {props.children}
      </Typography>
    </>
  );
}
