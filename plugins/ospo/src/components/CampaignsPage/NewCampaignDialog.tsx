import { FormEvent, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { Campaign } from '@ospo-kit/plugin-ospo-common';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { serverErrorMessage } from '../../utils/errors';
import { LabelledSelect } from '../LabelledSelect';

/**
 * Props of the {@link NewCampaignDialog}.
 */
export interface NewCampaignDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}

/** The Group refs typed into one field, split at commas, spaces or lines. */
function splitRefs(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map(ref => ref.trim())
    .filter(Boolean);
}

/**
 * The form OSPO staff start a campaign with: title, goal, the checklist
 * (all of its items, or those ticked), the departments or teams asked, and
 * the start and target dates. The backend checks every field and says what
 * is wrong, which the dialog shows.
 */
export function NewCampaignDialog(props: NewCampaignDialogProps) {
  const { open, onClose, onCreated } = props;
  const ospoApi = useApi(ospoApiRef);
  // TextFields tie their labels to their inputs by id.
  const id = useId();
  const checklists = useAsync(() => ospoApi.getChecklists(), [ospoApi]);
  const [title, setTitle] = useState('');
  const [goal, setGoal] = useState('');
  const [checklistId, setChecklistId] = useState('');
  const [itemIds, setItemIds] = useState<string[]>([]);
  const [targets, setTargets] = useState('');
  const [startDate, setStartDate] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<Error>();

  const chosenChecklistId = checklistId || checklists.value?.[0]?.id || '';
  const checklist = checklists.value?.find(c => c.id === chosenChecklistId);

  const toggleItem = (itemId: string) =>
    setItemIds(ids =>
      ids.includes(itemId) ? ids.filter(i => i !== itemId) : [...ids, itemId],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      const created = await ospoApi.createCampaign({
        title,
        goal: goal || undefined,
        checklistId: chosenChecklistId,
        itemIds: itemIds.length > 0 ? itemIds : undefined,
        targetRefs: splitRefs(targets),
        startDate,
        targetDate,
      });
      onCreated(created);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <form onSubmit={submit} aria-label="New campaign">
        <DialogTitle>New campaign</DialogTitle>
        <DialogContent>
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <TextField
              id={`${id}-title`}
              label="Title"
              required
              value={title}
              onChange={e => setTitle(e.target.value)}
              inputProps={{ maxLength: 200 }}
            />
            <TextField
              id={`${id}-goal`}
              label="Goal"
              multiline
              minRows={2}
              value={goal}
              onChange={e => setGoal(e.target.value)}
              inputProps={{ maxLength: 5000 }}
            />
            {checklists.error && (
              <Typography color="error" variant="body2">
                Could not load the checklists:{' '}
                {serverErrorMessage(checklists.error)}
              </Typography>
            )}
            <LabelledSelect
              label="Checklist"
              value={chosenChecklistId}
              options={(checklists.value ?? []).map(c => ({
                value: c.id,
                label: c.title,
              }))}
              onChange={value => {
                setChecklistId(value);
                setItemIds([]);
              }}
            />
            {checklist && (
              <Box component="fieldset" border={0} p={0} m={0}>
                <FormLabel component="legend">
                  Items (none ticked: every item)
                </FormLabel>
                <FormGroup>
                  {checklist.items.map(item => (
                    <FormControlLabel
                      key={item.id}
                      control={
                        <Checkbox
                          size="small"
                          checked={itemIds.includes(item.id)}
                          onChange={() => toggleItem(item.id)}
                        />
                      }
                      label={item.title}
                    />
                  ))}
                </FormGroup>
              </Box>
            )}
            <TextField
              id={`${id}-targets`}
              label="Departments or teams"
              required
              helperText="Group refs, separated by commas, e.g. group:default/engineering"
              value={targets}
              onChange={e => setTargets(e.target.value)}
            />
            <Box display="flex" style={{ gap: 16 }}>
              <TextField
                id={`${id}-start`}
                label="Start date"
                type="date"
                required
                InputLabelProps={{ shrink: true }}
                value={startDate}
                onChange={e => setStartDate(e.target.value)}
              />
              <TextField
                id={`${id}-target`}
                label="Target date"
                type="date"
                required
                InputLabelProps={{ shrink: true }}
                value={targetDate}
                onChange={e => setTargetDate(e.target.value)}
              />
            </Box>
            {error && (
              <Typography role="alert" color="error" variant="body2">
                {serverErrorMessage(error)}
              </Typography>
            )}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving || !chosenChecklistId}
          >
            Start campaign
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
