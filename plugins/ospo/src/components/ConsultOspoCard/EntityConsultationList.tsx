import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import StarBorderIcon from '@material-ui/icons/StarBorder';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Consultation, ConsultationTopic } from '@ospo-kit/plugin-ospo-common';
import { useCurrentUserRef } from '../../hooks/useCurrentUserRef';
import { sameEntityRef } from '../../utils/sameEntityRef';
import { topicTitle } from '../../utils/topicTitle';
import {
  ConsultationRatingView,
  canRateConsultation,
} from '../ConsultationRating';
import { ConsultationStatusChip } from '../ConsultationStatusChip';
import { RelativeTime } from '../RelativeTime';
import { UserRefLink } from '../UserRefLink';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    paddingTop: theme.spacing(1),
    paddingBottom: theme.spacing(1),
  },
  titleRow: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  },
  summary: {
    textAlign: 'left',
    fontWeight: theme.typography.fontWeightMedium as number,
    overflowWrap: 'anywhere',
  },
  resolution: {
    marginTop: theme.spacing(0.75),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

const RESOLUTION_LABELS: Partial<Record<Consultation['status'], string>> = {
  resolved: 'OSPO answer',
  declined: 'Declined because',
  withdrawn: 'Withdrawn because',
};

/**
 * The requests filed about one entity, newest activity first. Closed requests
 * show the OSPO's answer right away: that is what people come back for,
 * with its rating, or for their requester a way to rate it.
 */
export function EntityConsultationList(props: {
  consultations: Consultation[];
  topics: ConsultationTopic[];
  labelledBy: string;
  onOpen: (consultation: Consultation) => void;
}) {
  const { consultations, topics, labelledBy, onOpen } = props;
  const classes = useStyles();
  const currentUserRef = useCurrentUserRef();
  return (
    <List disablePadding aria-labelledby={labelledBy}>
      {consultations.map(consultation => {
        const resolutionLabel = RESOLUTION_LABELS[consultation.status];
        return (
          <ListItem
            key={consultation.id}
            divider
            disableGutters
            className={classes.item}
          >
            <Box className={classes.titleRow}>
              <MuiLink
                component="button"
                variant="body2"
                className={classes.summary}
                onClick={() => onOpen(consultation)}
              >
                {consultation.summary}
              </MuiLink>
              <ConsultationStatusChip status={consultation.status} />
            </Box>
            <Typography variant="caption" color="textSecondary" component="p">
              {topicTitle(topics, consultation.topic)} · requested by{' '}
              <UserRefLink userRef={consultation.requesterRef} /> ·{' '}
              <RelativeTime at={consultation.createdAt} />
              {consultation.commentCount > 0 &&
                ` · ${consultation.commentCount} ${
                  consultation.commentCount === 1 ? 'comment' : 'comments'
                }`}
            </Typography>
            {resolutionLabel && consultation.resolution && (
              <Typography variant="body2" className={classes.resolution}>
                <Typography
                  component="span"
                  variant="body2"
                  color="textSecondary"
                >
                  {resolutionLabel}:
                </Typography>{' '}
                <span>{consultation.resolution}</span>
              </Typography>
            )}
            {consultation.rating && (
              <Box mt={0.5}>
                <ConsultationRatingView rating={consultation.rating} compact />
              </Box>
            )}
            {canRateConsultation(consultation) &&
              sameEntityRef(consultation.requesterRef, currentUserRef) && (
                <Box mt={0.5}>
                  <Button
                    size="small"
                    color="primary"
                    startIcon={<StarBorderIcon />}
                    onClick={() => onOpen(consultation)}
                  >
                    Rate this answer
                  </Button>
                </Box>
              )}
          </ListItem>
        );
      })}
    </List>
  );
}
