import { Fragment, useId } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AnswerHistoryEntry,
  ChecklistItemDefinition,
} from '@ospo-kit/plugin-ospo-common';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { ChangeAttribution } from '../ChangeAttribution';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { EvidenceLink } from './EvidenceLink';

const useStyles = makeStyles(theme => ({
  entry: {
    display: 'block',
    paddingTop: theme.spacing(1.5),
    paddingBottom: theme.spacing(1.5),
  },
  transition: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  note: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

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
    content = <HistoryList entries={value} />;
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

function HistoryList(props: { entries: AnswerHistoryEntry[] }) {
  const classes = useStyles();
  return (
    <List disablePadding aria-label="Answer history">
      {props.entries.map((entry, index) => (
        <Fragment key={entry.version}>
          {index > 0 && <Divider component="li" />}
          <ListItem disableGutters className={classes.entry}>
            <Box className={classes.transition}>
              {entry.fromStatus ? (
                <>
                  <ChecklistItemStatusChip status={entry.fromStatus} />
                  <ArrowForwardIcon
                    fontSize="small"
                    color="action"
                    titleAccess="changed to"
                  />
                </>
              ) : (
                <Typography variant="body2" color="textSecondary">
                  First answer:
                </Typography>
              )}
              <ChecklistItemStatusChip status={entry.toStatus} />
            </Box>
            {entry.note && (
              <Typography variant="body2" className={classes.note}>
                {entry.note}
              </Typography>
            )}
            {entry.evidenceUrl && (
              <Box>
                <EvidenceLink url={entry.evidenceUrl} />
              </Box>
            )}
            <ChangeAttribution
              verb="changed by"
              userRef={entry.changedBy}
              at={entry.changedAt}
            />
          </ListItem>
        </Fragment>
      ))}
    </List>
  );
}
