import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddCircleOutlineIcon from '@material-ui/icons/AddCircleOutline';
import ChatBubbleOutlineIcon from '@material-ui/icons/ChatBubbleOutline';
import PersonAddIcon from '@material-ui/icons/PersonAddOutlined';
import StarBorderIcon from '@material-ui/icons/StarBorder';
import SwapHorizIcon from '@material-ui/icons/SwapHoriz';
import { ConsultationEvent } from '@ospo-kit/plugin-ospo-common';
import { sameEntityRef } from '../../utils/sameEntityRef';
import { ratingLabel } from '../ConsultationRating';
import { consultationStatusLabel } from '../ConsultationStatusChip';
import { RelativeTime } from '../RelativeTime';
import { UserRefLink } from '../UserRefLink';

const useStyles = makeStyles(theme => ({
  event: {
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    paddingTop: theme.spacing(1),
    paddingBottom: theme.spacing(1),
  },
  icon: {
    color: theme.palette.text.secondary,
    marginTop: 2,
  },
  main: {
    flex: 1,
    minWidth: 0,
  },
  body: {
    marginTop: theme.spacing(0.75),
    padding: theme.spacing(1, 1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

const ICONS: Record<ConsultationEvent['type'], JSX.Element> = {
  created: <AddCircleOutlineIcon fontSize="small" />,
  comment: <ChatBubbleOutlineIcon fontSize="small" />,
  status: <SwapHorizIcon fontSize="small" />,
  assignment: <PersonAddIcon fontSize="small" />,
  rated: <StarBorderIcon fontSize="small" />,
};

/**
 * A request's history as a conversation, oldest first: who filed it, the
 * comments, every change of status or assignee with its note, and the
 * requester's rating.
 */
export function ConsultationThread(props: { events: ConsultationEvent[] }) {
  const classes = useStyles();
  return (
    <List disablePadding aria-label="Activity">
      {props.events.map(event => (
        <ListItem
          key={event.id}
          disableGutters
          className={classes.event}
          data-event-type={event.type}
        >
          <Box className={classes.icon}>{ICONS[event.type]}</Box>
          <Box className={classes.main}>
            <Typography variant="body2" component="p">
              <EventSentence event={event} />
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                {' · '}
                <RelativeTime at={event.createdAt} />
              </Typography>
            </Typography>
            {event.body && (
              <Typography variant="body2" className={classes.body}>
                {event.body}
              </Typography>
            )}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}

function status(value: ConsultationEvent['toStatus']) {
  return value ? consultationStatusLabel(value).toLocaleLowerCase('en-US') : '';
}

function EventSentence(props: { event: ConsultationEvent }) {
  const { event } = props;
  const actor = <UserRefLink userRef={event.actorRef} />;
  switch (event.type) {
    case 'created':
      return <>{actor} requested a consultation</>;
    case 'comment':
      return <>{actor} commented</>;
    case 'status':
      return event.fromStatus ? (
        <>
          {actor} moved it from {status(event.fromStatus)} to{' '}
          {status(event.toStatus)}
        </>
      ) : (
        <>
          {actor} moved it to {status(event.toStatus)}
        </>
      );
    case 'assignment':
      if (!event.assigneeRef) {
        return <>{actor} unassigned it</>;
      }
      if (sameEntityRef(event.assigneeRef, event.actorRef)) {
        return <>{actor} took it on</>;
      }
      return (
        <>
          {actor} assigned it to <UserRefLink userRef={event.assigneeRef} />
        </>
      );
    case 'rated':
      return (
        <>
          {actor} rated the answer {event.score ? ratingLabel(event.score) : ''}
        </>
      );
    default:
      return <>{actor} changed it</>;
  }
}
