import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import { Consultation } from '@ospo-kit/plugin-ospo-common';
import { sameEntityRef } from '../../utils/sameEntityRef';
import { NoteAction } from './TransitionNoteDialog';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    flex: 1,
  },
}));

/** A change that needs no note: it happens on the click. */
export type QuickAction = 'assign-to-me' | 'unassign' | 'start' | 'reopen';

/**
 * The buttons for what the signed-in user may do with a request in its
 * current status: OSPO staff work it, the requester may withdraw it.
 */
export function ConsultationActions(props: {
  consultation: Consultation;
  isStaff: boolean;
  isRequester: boolean;
  currentUserRef?: string;
  busy: boolean;
  onQuickAction: (action: QuickAction) => void;
  onNoteAction: (action: NoteAction) => void;
}) {
  const { consultation, isStaff, isRequester, currentUserRef, busy } = props;
  const { onQuickAction, onNoteAction } = props;
  const classes = useStyles();
  const active =
    consultation.status === 'open' || consultation.status === 'in-progress';
  const assignedToMe = sameEntityRef(consultation.assigneeRef, currentUserRef);

  return (
    <Box className={classes.actions}>
      {isStaff && active && currentUserRef && !assignedToMe && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => onQuickAction('assign-to-me')}
        >
          Assign to me
        </Button>
      )}
      {isStaff && active && consultation.assigneeRef && (
        <Button disabled={busy} onClick={() => onQuickAction('unassign')}>
          Unassign
        </Button>
      )}
      {isStaff && consultation.status === 'open' && (
        <Button
          variant="outlined"
          color="primary"
          disabled={busy}
          onClick={() => onQuickAction('start')}
          aria-label="Start work on request"
        >
          Start
        </Button>
      )}
      {isStaff && active && (
        <>
          <Button
            variant="contained"
            color="primary"
            disabled={busy}
            onClick={() => onNoteAction('resolve')}
            aria-label="Resolve request"
          >
            Resolve
          </Button>
          <Button
            variant="outlined"
            disabled={busy}
            onClick={() => onNoteAction('decline')}
            aria-label="Decline request"
          >
            Decline
          </Button>
        </>
      )}
      {isStaff && !active && (
        <Button
          variant="outlined"
          color="primary"
          disabled={busy}
          onClick={() => onQuickAction('reopen')}
          aria-label="Reopen request"
        >
          Reopen
        </Button>
      )}
      {isRequester && active && (
        <Button
          variant="outlined"
          disabled={busy}
          onClick={() => onNoteAction('withdraw')}
          aria-label="Withdraw request"
        >
          Withdraw
        </Button>
      )}
    </Box>
  );
}
