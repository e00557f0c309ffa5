import { FormEvent, useId, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  CONSULTATION_URGENCIES,
  Consultation,
  ConsultationTopic,
  ConsultationUrgency,
} from '@ospo-kit/plugin-ospo-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ospoApiRef } from '../../api';
import { serverErrorMessage } from '../../utils/errors';
import { consultationUrgencyLabel } from '../ConsultationUrgencyChip';
import { CharacterCountHelperText } from '../CharacterCountHelperText';

/** The longest summary and details the backend stores. */
const SUMMARY_MAX_LENGTH = 200;
const DETAILS_MAX_LENGTH = 5000;

const URGENCY_HINTS: Record<ConsultationUrgency, string> = {
  low: 'Whenever the OSPO has time',
  normal: 'Within the usual response time',
  high: 'Something waits for the answer',
  critical: 'A release, a legal deadline or an incident depends on it',
};

/**
 * The form to ask the OSPO for advice about one entity. Rendered only while
 * open, so every request starts from a blank form.
 */
export function RequestConsultationDialog(props: {
  entityRef: string;
  /** How people know the entity, for the dialog's title. */
  entityTitle: string;
  topics: ConsultationTopic[];
  /** What the form starts with, e.g. from a check's verdict. */
  initial?: { topic?: string; summary?: string; details?: string };
  onClose: () => void;
  /** Called with the new request once the backend stored it. */
  onSent: (consultation: Consultation) => void;
}) {
  const { entityRef, entityTitle, topics, initial, onClose, onSent } = props;
  const ospoApi = useApi(ospoApiRef);
  const id = useId();

  // A topic the office no longer offers is left for the requester to choose.
  const [topic, setTopic] = useState(
    topics.some(t => t.id === initial?.topic) ? initial!.topic! : '',
  );
  const [summary, setSummary] = useState(
    initial?.summary?.slice(0, SUMMARY_MAX_LENGTH) ?? '',
  );
  const [details, setDetails] = useState(
    initial?.details?.slice(0, DETAILS_MAX_LENGTH) ?? '',
  );
  const [urgency, setUrgency] = useState<ConsultationUrgency>('normal');
  // Errors show once people try to send, not while they start typing.
  const [attempted, setAttempted] = useState(false);

  const trimmedSummary = summary.trim();
  const topicMissing = !topic;
  const summaryMissing = !trimmedSummary;

  const [sendState, send] = useAsyncFn(async () => {
    const consultation = await ospoApi.createConsultation(entityRef, {
      topic,
      summary: trimmedSummary,
      details: details.trim() || undefined,
      urgency,
    });
    onSent(consultation);
  }, [ospoApi, entityRef, topic, trimmedSummary, details, urgency, onSent]);

  const sending = sendState.loading;

  const handleSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!sending && !topicMissing && !summaryMissing) {
      send();
    }
  };

  const chosenTopic = topics.find(t => t.id === topic);
  let topicHelp = 'What the OSPO should look at';
  if (attempted && topicMissing) {
    topicHelp = 'Choose what the request is about';
  } else if (chosenTopic) {
    topicHelp = chosenTopic.description;
  }

  return (
    <Dialog
      open
      onClose={sending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={`${id}-title`}>Request a consultation</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="textSecondary" gutterBottom>
            Ask the Open Source Program Office for advice about {entityTitle}.
            The OSPO answers here, and you can follow the request on this page.
          </Typography>
          {/* Built from parts rather than a select TextField: that would tie
              the label to the hidden input, and the visible control needs it
              for its accessible name "Topic". */}
          <FormControl
            variant="outlined"
            margin="normal"
            fullWidth
            required
            error={attempted && topicMissing}
          >
            <InputLabel id={`${id}-topic-label`}>Topic</InputLabel>
            <Select
              labelId={`${id}-topic-label`}
              label="Topic"
              value={topic}
              onChange={e => setTopic(e.target.value as string)}
              SelectDisplayProps={{
                id: `${id}-topic`,
                'aria-describedby': `${id}-topic-help`,
              }}
            >
              {topics.map(t => (
                <MenuItem key={t.id} value={t.id}>
                  {t.title}
                </MenuItem>
              ))}
            </Select>
            <FormHelperText id={`${id}-topic-help`}>{topicHelp}</FormHelperText>
          </FormControl>
          <TextField
            id={`${id}-summary`}
            label="Summary"
            value={summary}
            onChange={e => setSummary(e.target.value)}
            variant="outlined"
            margin="normal"
            fullWidth
            required
            error={attempted && summaryMissing}
            inputProps={{ maxLength: SUMMARY_MAX_LENGTH }}
            helperText={
              <CharacterCountHelperText
                hint={
                  attempted && summaryMissing
                    ? 'Enter a summary'
                    : 'Your question in one line'
                }
                length={summary.length}
                max={SUMMARY_MAX_LENGTH}
              />
            }
          />
          <TextField
            id={`${id}-details`}
            label="Details"
            value={details}
            onChange={e => setDetails(e.target.value)}
            multiline
            minRows={4}
            maxRows={12}
            variant="outlined"
            margin="normal"
            fullWidth
            inputProps={{ maxLength: DETAILS_MAX_LENGTH }}
            helperText={
              <CharacterCountHelperText
                hint="Context, links, deadlines: what the OSPO needs to know"
                length={details.length}
                max={DETAILS_MAX_LENGTH}
              />
            }
          />
          <FormControl variant="outlined" margin="normal" fullWidth>
            <InputLabel id={`${id}-urgency-label`}>Urgency</InputLabel>
            <Select
              labelId={`${id}-urgency-label`}
              label="Urgency"
              value={urgency}
              onChange={e => setUrgency(e.target.value as ConsultationUrgency)}
              SelectDisplayProps={{
                id: `${id}-urgency`,
                'aria-describedby': `${id}-urgency-help`,
              }}
            >
              {CONSULTATION_URGENCIES.map(u => (
                <MenuItem key={u} value={u}>
                  {consultationUrgencyLabel(u)}
                </MenuItem>
              ))}
            </Select>
            <FormHelperText id={`${id}-urgency-help`}>
              {URGENCY_HINTS[urgency]}
            </FormHelperText>
          </FormControl>
          {sendState.error && (
            <Alert severity="error">
              Could not send the request: {serverErrorMessage(sendState.error)}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={sending}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={sending}
          >
            {sending ? 'Sending…' : 'Send request'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
