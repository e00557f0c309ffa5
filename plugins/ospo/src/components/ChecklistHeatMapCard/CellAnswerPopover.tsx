import { useId } from 'react';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Popover from '@material-ui/core/Popover';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  AnswerHistoryEntry,
  ChecklistDefinition,
  ChecklistMatrixColumn,
  ChecklistMatrixTeam,
} from '@ospo-kit/plugin-ospo-common';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { serverErrorMessage } from '../../utils/errors';
import { AnswerHistoryList } from '../AnswerHistoryList';
import { ChangeAttribution } from '../ChangeAttribution';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { EvidenceLink } from '../TeamChecklistCard/EvidenceLink';
import { teamRowTitle } from './heatMapRows';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 360,
    maxWidth: 'calc(100vw - 32px)',
    maxHeight: '70vh',
    padding: theme.spacing(2),
    overflowY: 'auto',
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
  },
  title: {
    flex: 1,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  current: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.75),
    margin: theme.spacing(1.5, 0),
  },
  note: {
    paddingLeft: theme.spacing(1.5),
    borderLeft: `3px solid ${theme.palette.divider}`,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  section: {
    marginTop: theme.spacing(1.5),
  },
}));

/** The cell a popover is open for. */
export interface OpenedCell {
  team: ChecklistMatrixTeam;
  column: ChecklistMatrixColumn;
  anchor: HTMLElement;
}

/**
 * One team's answer to one item, opened from its heat map cell: the status,
 * note, evidence, who answered and when, and the earlier changes. Loaded when
 * opened, so it is current however old the page is. A dialog next to the
 * cell: focus moves into it, Escape closes it and focus goes back to the
 * cell.
 */
export function CellAnswerPopover(props: {
  cell: OpenedCell;
  checklist?: ChecklistDefinition;
  /** The team's Group page, where its checklists are answered. */
  teamHref: string;
  onClose: () => void;
}) {
  const { cell, checklist, teamHref, onClose } = props;
  const { team, column, anchor } = cell;
  const classes = useStyles();
  const ospoApi = useApi(ospoApiRef);
  const titleId = useId();
  const { value, loading, error } = useAsync(
    () =>
      ospoApi.getAnswerHistory({
        teamRef: team.ref,
        checklistId: column.checklistId,
        itemId: column.itemId,
      }),
    [ospoApi, team.ref, column.checklistId, column.itemId],
  );

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = (
      <Typography variant="body2" color="error" role="alert">
        The answer could not be loaded: {serverErrorMessage(error)}
      </Typography>
    );
  } else {
    content = (
      <AnswerDetails
        history={value ?? []}
        expired={team.statuses[column.key] === 'expired'}
      />
    );
  }

  return (
    <Popover
      open
      anchorEl={anchor}
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      transformOrigin={{ vertical: 'top', horizontal: 'center' }}
      PaperProps={{
        className: classes.paper,
        role: 'dialog',
        'aria-labelledby': titleId,
      }}
    >
      <Box className={classes.header}>
        <Box className={classes.title}>
          <Typography variant="subtitle1" component="h2" id={titleId}>
            {`${teamRowTitle(team)}: ${column.title}`}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {checklist?.title ?? column.checklistId}
          </Typography>
        </Box>
        <IconButton size="small" aria-label="Close" onClick={onClose}>
          <CloseIcon fontSize="small" />
        </IconButton>
      </Box>
      {content}
      <Typography variant="body2" className={classes.section}>
        <Link to={teamHref}>{`Open ${team.title}’s checklists`}</Link>
      </Typography>
    </Popover>
  );
}

function AnswerDetails(props: {
  history: AnswerHistoryEntry[];
  /** The heat map shows the answer expired. */
  expired: boolean;
}) {
  const classes = useStyles();
  const [current, ...earlier] = props.history;
  if (!current) {
    return (
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.current}
      >
        Not answered yet, so there is no history.
      </Typography>
    );
  }
  return (
    <>
      <Box className={classes.current}>
        <ChecklistItemStatusChip
          status={current.toStatus}
          expired={props.expired}
        />
        {current.note && (
          <Typography variant="body2" className={classes.note}>
            {current.note}
          </Typography>
        )}
        {current.evidenceUrl && <EvidenceLink url={current.evidenceUrl} />}
        <ChangeAttribution
          verb="answered by"
          userRef={current.changedBy}
          at={current.changedAt}
        />
      </Box>
      <Box className={classes.section}>
        <Typography variant="overline" component="h3" color="textSecondary">
          Earlier changes
        </Typography>
        {earlier.length > 0 ? (
          <AnswerHistoryList entries={earlier} dense label="Earlier changes" />
        ) : (
          <Typography variant="body2" color="textSecondary">
            None: this is the first answer.
          </Typography>
        )}
      </Box>
    </>
  );
}
