import { useId } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ChecklistItemDefinition } from '@ospo-kit/plugin-ospo-common';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { AnswerHistoryList } from '../AnswerHistoryList';

/**
 * Every change of one answer, newest first. Loads when opened, so the history
 * is current and closed dialogs cost nothing.
 */
export function AnswerHistoryDialog(props: {
  teamRef: string;
  checklistId: string;
  item: ChecklistItemDefinition;
  onClose: () => void;
}) {
  const { teamRef, checklistId, item, onClose } = props;
  const ospoApi = useApi(ospoApiRef);
  const id = useId();
  const { value, loading, error } = useAsync(
    () => ospoApi.getAnswerHistory({ teamRef, checklistId, itemId: item.id }),
    [ospoApi, teamRef, checklistId, item.id],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} />;
  } else if (!value?.length) {
    content = (
      <Typography variant="body2" color="textSecondary">
        Nobody has answered this item yet, so there is no history.
      </Typography>
    );
  } else {
    content = <AnswerHistoryList entries={value} />;
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby={`${id}-title`}
    >
      <DialogTitle id={`${id}-title`}>History of “{item.title}”</DialogTitle>
      <DialogContent dividers>{content}</DialogContent>
      <DialogActions>
        <Button onClick={onClose} color="primary">
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
