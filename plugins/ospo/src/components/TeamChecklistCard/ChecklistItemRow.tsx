import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import EditIcon from '@material-ui/icons/Edit';
import HistoryIcon from '@material-ui/icons/History';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ChecklistAnswer,
  ChecklistItemDefinition,
} from '@ospo-kit/plugin-ospo-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { ospoApiRef } from '../../api';
import { formatDay } from '../../utils/formatDay';
import { serverErrorMessage } from '../../utils/errors';
import { ChangeAttribution } from '../ChangeAttribution';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { AnswerHistoryDialog } from './AnswerHistoryDialog';
import { isDueForReattestation } from './answerExpiry';
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
    flexWrap: 'wrap',
    justifyContent: 'flex-end',
    gap: theme.spacing(0.5),
  },
  expiry: {
    display: 'block',
  },
  expired: {
    display: 'block',
    color: theme.palette.warning.dark,
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

/** Whether the signed-in user may change this team's answers. */
export type EditPermission = { allowed: boolean; loading: boolean };

/**
 * One checklist item with the team's answer, and the buttons to change it
 * and to see how it changed. A done answer that expires says when; once it
 * has expired, or shortly before, it can be re-attested in one click.
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
  const ospoApi = useApi(ospoApiRef);
  const [reattestState, reattest] = useAsyncFn(async () => {
    if (!answer) return;
    await ospoApi.reattestAnswer({
      teamRef,
      checklistId,
      itemId: item.id,
      // The version shown, so that a change made meanwhile is not confirmed
      // unseen.
      request: { expectedVersion: answer.version },
    });
    onChanged();
  }, [ospoApi, teamRef, checklistId, item.id, answer?.version, onChanged]);

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
        {answer?.status === 'done' && answer.expiresAt && (
          <Typography
            variant="caption"
            color={answer.expired ? undefined : 'textSecondary'}
            className={answer.expired ? classes.expired : classes.expiry}
          >
            {answer.expired
              ? `Expired on ${formatDay(
                  answer.expiresAt,
                )}: counts as not done until re-attested`
              : `Expires on ${formatDay(answer.expiresAt)}`}
          </Typography>
        )}
        {reattestState.error && (
          <Typography variant="body2" color="error" role="alert">
            Could not re-attest: {serverErrorMessage(reattestState.error)}
          </Typography>
        )}
      </Box>
      <Box className={classes.side}>
        <ChecklistItemStatusChip
          status={answer?.status ?? 'not-started'}
          expired={answer?.expired}
        />
        <Box className={classes.actions}>
          {isDueForReattestation(answer) && (
            <Button
              size="small"
              variant={answer?.expired ? 'contained' : 'text'}
              color="primary"
              startIcon={<AutorenewIcon />}
              aria-label={`Re-attest ${item.title}`}
              title="Confirm that the answer still holds: the same answer, given again now"
              disabled={!editPermission.allowed || reattestState.loading}
              onClick={() => reattest()}
            >
              Re-attest
            </Button>
          )}
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
