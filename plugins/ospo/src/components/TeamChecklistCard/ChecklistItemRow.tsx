import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EditIcon from '@material-ui/icons/Edit';
import HistoryIcon from '@material-ui/icons/History';
import { Link } from '@backstage/core-components';
import {
  ChecklistAnswer,
  ChecklistItemDefinition,
} from '@ospo-kit/plugin-ospo-common';
import { ChangeAttribution } from '../ChangeAttribution';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { AnswerHistoryDialog } from './AnswerHistoryDialog';
import { EditAnswerDialog } from './EditAnswerDialog';
import { EvidenceLink } from './EvidenceLink';

const useStyles = makeStyles(theme => ({
  row: {
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    paddingTop: theme.spacing(1.5),
    paddingBottom: theme.spacing(1.5),
  },
  main: {
    flex: 1,
    minWidth: 0,
  },
  note: {
    marginTop: theme.spacing(1),
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginTop: theme.spacing(0.5),
  },
  side: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-end',
    gap: theme.spacing(1),
    flexShrink: 0,
  },
  actions: {
    display: 'flex',
    gap: theme.spacing(0.5),
  },
}));

/** Whether the signed-in user may change this team's answers. */
export type EditPermission = { allowed: boolean; loading: boolean };

/**
 * One checklist item with the team's answer, and the buttons to change it
 * and to see how it changed.
 */
export function ChecklistItemRow(props: {
  teamRef: string;
  checklistId: string;
  checklistTitle: string;
  item: ChecklistItemDefinition;
  answer?: ChecklistAnswer;
  editPermission: EditPermission;
  onChanged: () => void;
}) {
  const { teamRef, checklistId, checklistTitle, item, answer } = props;
  const { editPermission, onChanged } = props;
  const classes = useStyles();
  const [editing, setEditing] = useState(false);
  const [showingHistory, setShowingHistory] = useState(false);

  return (
    <ListItem divider disableGutters className={classes.row}>
      <Box className={classes.main}>
        <Typography variant="subtitle1" component="h4">
          {item.title}
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {item.description}
        </Typography>
        {answer?.note && (
          <Typography variant="body2" className={classes.note}>
            {answer.note}
          </Typography>
        )}
        <Box className={classes.links}>
          {answer?.evidenceUrl && <EvidenceLink url={answer.evidenceUrl} />}
          {item.guidanceUrl && (
            <Typography variant="body2" component="span">
              <Link to={item.guidanceUrl} externalLinkIcon>
                Guidance
              </Link>
            </Typography>
          )}
        </Box>
        {answer ? (
          <ChangeAttribution
            verb="answered by"
            userRef={answer.answeredBy}
            at={answer.answeredAt}
          />
        ) : (
          <Typography variant="caption" color="textSecondary">
            Not answered yet
          </Typography>
        )}
      </Box>
      <Box className={classes.side}>
        <ChecklistItemStatusChip status={answer?.status ?? 'not-started'} />
        <Box className={classes.actions}>
          <EditButton
            itemTitle={item.title}
            permission={editPermission}
            onClick={() => setEditing(true)}
          />
          <Button
            size="small"
            startIcon={<HistoryIcon />}
            aria-label={`History of ${item.title}`}
            onClick={() => setShowingHistory(true)}
          >
            History
          </Button>
        </Box>
      </Box>
      {editing && (
        <EditAnswerDialog
          teamRef={teamRef}
          checklistId={checklistId}
          checklistTitle={checklistTitle}
          item={item}
          answer={answer}
          onClose={() => setEditing(false)}
          onSaved={onChanged}
        />
      )}
      {showingHistory && (
        <AnswerHistoryDialog
          teamRef={teamRef}
          checklistId={checklistId}
          item={item}
          onClose={() => setShowingHistory(false)}
        />
      )}
    </ListItem>
  );
}

function EditButton(props: {
  itemTitle: string;
  permission: EditPermission;
  onClick: () => void;
}) {
  const { itemTitle, permission, onClick } = props;
  // Why it may be disabled is said in words at the top of the card.
  return (
    <Button
      size="small"
      color="primary"
      startIcon={<EditIcon />}
      aria-label={`Edit ${itemTitle}`}
      disabled={!permission.allowed}
      onClick={onClick}
    >
      Edit
    </Button>
  );
}
