import { FormEvent, useId, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  CHECKLIST_ITEM_STATUSES,
  ChecklistAnswer,
  ChecklistItemDefinition,
  ChecklistItemStatus,
} from '@ospo-kit/plugin-ospo-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ospoApiRef } from '../../api';
import { checklistItemStatusLabel } from '../ChecklistItemStatusChip';
import { isConflictError, serverErrorMessage } from '../../utils/errors';
import { isHttpUrl } from '../../utils/isHttpUrl';
import { CharacterCountHelperText } from '../CharacterCountHelperText';

/** The longest note the backend stores. */
const NOTE_MAX_LENGTH = 2000;

/**
 * The form to change a team's answer to one checklist item. Rendered only
 * while open, so every opening starts from the answer as last loaded.
 */
export function EditAnswerDialog(props: {
  teamRef: string;
  checklistId: string;
  checklistTitle: string;
  item: ChecklistItemDefinition;
  answer?: ChecklistAnswer;
  onClose: () => void;
  /** Called after a successful save, to reload the card. */
  onSaved: () => void;
}) {
  const { teamRef, checklistId, checklistTitle, item, answer } = props;
  const { onClose, onSaved } = props;
  const ospoApi = useApi(ospoApiRef);
  const id = useId();

  const [status, setStatus] = useState<ChecklistItemStatus>(
    answer?.status ?? 'not-started',
  );
  const [note, setNote] = useState(answer?.note ?? '');
  const [evidenceUrl, setEvidenceUrl] = useState(answer?.evidenceUrl ?? '');

  const trimmedNote = note.trim();
  const trimmedUrl = evidenceUrl.trim();
  const justificationMissing = status === 'not-applicable' && !trimmedNote;
  const urlInvalid = trimmedUrl !== '' && !isHttpUrl(trimmedUrl);

  const [saveState, save] = useAsyncFn(async () => {
    await ospoApi.updateAnswer({
      teamRef,
      checklistId,
      itemId: item.id,
      answer: {
        status,
        note: trimmedNote || undefined,
        evidenceUrl: trimmedUrl || undefined,
        // The version this form was filled from, so the server can refuse the
        // write if someone else answered in between.
        expectedVersion: answer?.version ?? 0,
      },
    });
    onSaved();
    onClose();
  }, [ospoApi, teamRef, checklistId, item.id, status, trimmedNote, trimmedUrl]);

  const saving = saveState.loading;
  const canSave = !saving && !justificationMissing && !urlInvalid;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (canSave) {
      save();
    }
  };

  const reload = () => {
    onSaved();
    onClose();
  };

  let noteHelp = 'What was done, decided or is still missing';
  if (justificationMissing) {
    noteHelp = 'Explain why this item does not apply to the team';
  }

  return (
    <Dialog
      open
      onClose={saving ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={`${id}-title`}>Update “{item.title}”</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            {checklistTitle} · {item.description}
          </Typography>
          {/* Built from parts rather than a select TextField: that would tie
              the label to the hidden input, and the visible control needs it
              for its accessible name "Status". */}
          <FormControl variant="outlined" margin="normal" fullWidth>
            <InputLabel id={`${id}-status-label`}>Status</InputLabel>
            <Select
              labelId={`${id}-status-label`}
              label="Status"
              value={status}
              onChange={e => setStatus(e.target.value as ChecklistItemStatus)}
              SelectDisplayProps={{ id: `${id}-status` }}
            >
              {CHECKLIST_ITEM_STATUSES.map(s => (
                <MenuItem key={s} value={s}>
                  {checklistItemStatusLabel(s)}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <TextField
            id={`${id}-note`}
            label="Note"
            value={note}
            onChange={e => setNote(e.target.value)}
            multiline
            minRows={3}
            maxRows={10}
            variant="outlined"
            margin="normal"
            fullWidth
            required={status === 'not-applicable'}
            error={justificationMissing}
            inputProps={{ maxLength: NOTE_MAX_LENGTH }}
            helperText={
              <CharacterCountHelperText
                hint={noteHelp}
                length={note.length}
                max={NOTE_MAX_LENGTH}
              />
            }
          />
          <TextField
            id={`${id}-evidence`}
            label="Evidence URL"
            type="url"
            value={evidenceUrl}
            onChange={e => setEvidenceUrl(e.target.value)}
            placeholder="https://"
            variant="outlined"
            margin="normal"
            fullWidth
            error={urlInvalid}
            helperText={
              urlInvalid
                ? 'Enter a URL starting with http:// or https://'
                : 'A link to a document, decision record or page showing the work'
            }
          />
          {saveState.error && (
            <SaveError error={saveState.error} onReload={reload} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!canSave}
          >
            {saving ? 'Saving…' : 'Save'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function SaveError(props: { error: Error; onReload: () => void }) {
  if (isConflictError(props.error)) {
    return (
      <Alert
        severity="warning"
        action={
          <Button color="inherit" size="small" onClick={props.onReload}>
            Reload
          </Button>
        }
      >
        Someone else changed this answer meanwhile — reload to see their change
      </Alert>
    );
  }
  return (
    <Alert severity="error">
      Could not save the answer: {serverErrorMessage(props.error)}
    </Alert>
  );
}
