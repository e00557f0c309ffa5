import { Fragment } from 'react';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { AnswerHistoryEntry } from '@ospo-kit/plugin-ospo-common';
import { ChangeAttribution } from '../ChangeAttribution';
import { ChecklistItemStatusChip } from '../ChecklistItemStatusChip';
import { EvidenceLink } from '../TeamChecklistCard/EvidenceLink';

const useStyles = makeStyles(theme => ({
  entry: {
    display: 'block',
    paddingTop: theme.spacing(1.5),
    paddingBottom: theme.spacing(1.5),
  },
  dense: {
    paddingTop: theme.spacing(1),
    paddingBottom: theme.spacing(1),
  },
  transition: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  note: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
}));

/**
 * Changes of one answer, newest first: each status change with its note,
 * evidence, who made it and when; a re-attestation says so.
 */
export function AnswerHistoryList(props: {
  entries: AnswerHistoryEntry[];
  /** Less space between entries, e.g. in a popover. */
  dense?: boolean;
  label?: string;
}) {
  const { entries, dense, label = 'Answer history' } = props;
  const classes = useStyles();
  const entryClass = dense
    ? `${classes.entry} ${classes.dense}`
    : classes.entry;
  return (
    <List disablePadding aria-label={label}>
      {entries.map((entry, index) => (
        <Fragment key={entry.version}>
          {index > 0 && <Divider component="li" />}
          <ListItem disableGutters className={entryClass}>
            <Box className={classes.transition}>
              {entry.reattested && (
                <Typography variant="body2" color="textSecondary">
                  Re-attested:
                </Typography>
              )}
              {!entry.reattested && entry.fromStatus && (
                <>
                  <ChecklistItemStatusChip status={entry.fromStatus} />
                  <ArrowForwardIcon
                    fontSize="small"
                    color="action"
                    titleAccess="changed to"
                  />
                </>
              )}
              {!entry.reattested && !entry.fromStatus && (
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
