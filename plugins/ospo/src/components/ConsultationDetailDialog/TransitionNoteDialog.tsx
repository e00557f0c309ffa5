import { FormEvent, useId, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ConsultationAction } from '@ospo-kit/plugin-ospo-common';
import { ActionError } from './ActionError';

/** The longest note the backend stores. */
const NOTE_MAX_LENGTH = 5000;

/** The actions that close a request with a note. */
export type NoteAction = 'resolve' | 'decline' | 'withdraw';

const FORMS: Record<
  NoteAction,
  {
    title: string;
    intro: string;
    /** The intro for several requests at once. */
    introMany: string;
    label: string;
    help: string;
    confirm: string;
    required: boolean;
    what: string;
    whatMany: string;
  }
> = {
  resolve: {
    title: 'Resolve this request',
    intro: 'The requester sees this note as the OSPO’s answer.',
    introMany: 'Each requester sees this note as the OSPO’s answer.',
    label: 'Resolution note',
    help: 'The advice: what to do, what was decided, links to follow',
    confirm: 'Resolve',
    required: true,
    what: 'resolve the request',
    whatMany: 'resolve the requests',
  },
  decline: {
    title: 'Decline this request',
    intro: 'The requester sees this note as the reason.',
    introMany: 'Each requester sees this note as the reason.',
    label: 'Reason for declining',
    help: 'Why the OSPO cannot help, and where to ask instead',
    confirm: 'Decline',
    required: true,
    what: 'decline the request',
    whatMany: 'decline the requests',
  },
  withdraw: {
    title: 'Withdraw this request',
    intro: 'The OSPO stops working on it. Staff can reopen it later.',
    introMany: 'The OSPO stops working on them. Staff can reopen them later.',
    label: 'Reason for withdrawing',
    help: 'Optional: why the OSPO need not look at it any more',
    confirm: 'Withdraw',
    required: false,
    what: 'withdraw the request',
    whatMany: 'withdraw the requests',
  },
};

/** Whether an action asks for a note in {@link TransitionNoteDialog} first. */
export function isNoteAction(action: ConsultationAction): action is NoteAction {
  return Object.hasOwn(FORMS, action);
}

/**
 * The small form that asks for the note of a resolution, a refusal or a
 * withdrawal before closing a request, or several at once. It stays open
 * with the note on an error, so nothing typed is lost.
 */
export function TransitionNoteDialog(props: {
  action: NoteAction;
  /** The request's summary; or `count` for several requests. */
  summary?: string;
  /** How many requests the note closes at once. */
  count?: number;
  onCancel: () => void;
  /** Performs the action; rejects with the server's error. */
  onConfirm: (note: string | undefined) => Promise<void>;
  /** Called on a conflict, to close the form and reload the request. */
  onReload: () => void;
}) {
  const { action, summary, count, onCancel, onConfirm, onReload } = props;
  const form = FORMS[action];
  const many = count !== undefined;
  const requests = count === 1 ? 'request' : 'requests';
  const title = many ? `${form.confirm} ${count} ${requests}` : form.title;
  const subject = many
    ? `${count} ${requests} · ${form.introMany}`
    : `“${summary}” · ${form.intro}`;
  const what = many ? form.whatMany : form.what;
  const id = useId();
  const [note, setNote] = useState('');
  const [attempted, setAttempted] = useState(false);
  const trimmedNote = note.trim();
  const noteMissing = form.required && !trimmedNote;

  const [state, confirm] = useAsyncFn(
    () => onConfirm(trimmedNote || undefined),
    [onConfirm, trimmedNote],
  );

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!state.loading && !noteMissing) {
      confirm();
    }
  };

  return (
    <Dialog
      open
      onClose={state.loading ? undefined : onCancel}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {subject}
          </Typography>
          <TextField
            id={`${id}-note`}
            label={form.label}
            value={note}
            onChange={e => setNote(e.target.value)}
            multiline
            minRows={4}
            maxRows={12}
            variant="outlined"
            margin="normal"
            fullWidth
            required={form.required}
            error={attempted && noteMissing}
            inputProps={{ maxLength: NOTE_MAX_LENGTH }}
            helperText={
              attempted && noteMissing ? `Enter a note to ${what}` : form.help
            }
          />
          {state.error && (
            <ActionError error={state.error} what={what} onReload={onReload} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={state.loading}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={state.loading}
            // The opener in the dialog behind is "Resolve request"; this name
            // tells the two apart for assistive technology and tests.
            aria-label={`Confirm ${action}`}
          >
            {form.confirm}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
