import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button, { ButtonProps } from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import {
  Consultation,
  ConsultationAction,
  availableConsultationActions,
} from '@ospo-kit/plugin-ospo-common';
import { OfficeStaffMenu } from '../OfficeStaffMenu';
import { NoteAction, isNoteAction } from './TransitionNoteDialog';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    flex: 1,
  },
}));

/** A change that needs no note: it happens on the click (or the pick). */
export type QuickAction = 'assign' | 'unassign' | 'start' | 'reopen';

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
  onQuickAction: (action: Exclude<QuickAction, 'assign'>) => void;
  /** With a member of the OSPO's staff, picked from their list. */
  onAssign: (assigneeRef: string) => void;
  onNoteAction: (action: NoteAction) => void;
}) {
  const { consultation, isStaff, isRequester, currentUserRef, busy } = props;
  const { onQuickAction, onAssign, onNoteAction } = props;
  const classes = useStyles();
  const menuId = useId();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const active =
    consultation.status === 'open' || consultation.status === 'in-progress';
  const transitions = availableConsultationActions(consultation, {
    isStaff,
    isRequester,
  });

  return (
    <Box className={classes.actions}>
      {isStaff && active && (
        <>
          <Button
            variant="outlined"
            disabled={busy}
            aria-haspopup="true"
            aria-controls={menuAnchor ? menuId : undefined}
            onClick={e => setMenuAnchor(e.currentTarget)}
          >
            {consultation.assigneeRef ? 'Reassign…' : 'Assign…'}
          </Button>
          <OfficeStaffMenu
            id={menuId}
            anchorEl={menuAnchor}
            onClose={() => setMenuAnchor(null)}
            onPick={ref => ref && onAssign(ref)}
            currentAssigneeRef={consultation.assigneeRef}
            currentUserRef={currentUserRef}
          />
        </>
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
