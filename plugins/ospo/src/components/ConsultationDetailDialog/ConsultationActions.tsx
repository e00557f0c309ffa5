import Box from '@material-ui/core/Box';
import Button, { ButtonProps } from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import {
  Consultation,
  ConsultationAction,
  availableConsultationActions,
} from '@ospo-kit/plugin-ospo-common';
import { sameEntityRef } from '../../utils/sameEntityRef';
import { NoteAction, isNoteAction } from './TransitionNoteDialog';

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
 * How each status change looks; which of them show comes from the shared
 * state machine. `name` is the accessible name, clearer than the label.
 */
const TRANSITION_BUTTONS: Record<
  ConsultationAction,
  { label: string; name: string; style: Pick<ButtonProps, 'variant' | 'color'> }
> = {
  start: {
    label: 'Start',
    name: 'Start work on request',
    style: { variant: 'outlined', color: 'primary' },
  },
  resolve: {
    label: 'Resolve',
    name: 'Resolve request',
    style: { variant: 'contained', color: 'primary' },
  },
  decline: {
    label: 'Decline',
    name: 'Decline request',
    style: { variant: 'outlined' },
  },
  reopen: {
    label: 'Reopen',
    name: 'Reopen request',
    style: { variant: 'outlined', color: 'primary' },
  },
  withdraw: {
    label: 'Withdraw',
    name: 'Withdraw request',
    style: { variant: 'outlined' },
  },
};

/**
 * The buttons for what the signed-in user may do with a request in its
 * current status: OSPO staff work it, the requester may withdraw it.
 * Assignment is no status change, so it is not in the state machine.
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
  const transitions = availableConsultationActions(consultation, {
    isStaff,
    isRequester,
  });

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
      {transitions.map(action => (
        <Button
          key={action}
          {...TRANSITION_BUTTONS[action].style}
          disabled={busy}
          onClick={() =>
            isNoteAction(action) ? onNoteAction(action) : onQuickAction(action)
          }
          aria-label={TRANSITION_BUTTONS[action].name}
        >
          {TRANSITION_BUTTONS[action].label}
        </Button>
      ))}
    </Box>
  );
}
