import { useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDropDownIcon from '@material-ui/icons/ArrowDropDown';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  BulkConsultationRequest,
  BulkConsultationResult,
  Consultation,
} from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../../api';
import { serverErrorMessage } from '../../utils/errors';
import { TransitionNoteDialog } from '../ConsultationDetailDialog';
import { OfficeStaffMenu } from '../OfficeStaffMenu';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(2),
    borderRadius: theme.shape.borderRadius,
    backgroundColor:
      theme.palette.type === 'dark'
        ? theme.palette.background.paper
        : theme.palette.action.selected,
  },
  count: {
    fontWeight: theme.typography.fontWeightMedium as number,
    marginRight: theme.spacing(1),
  },
  spacer: {
    flex: 1,
  },
  error: {
    flexBasis: '100%',
  },
}));

/** The status changes staff make for several requests at once. */
type BulkAction = 'start' | 'resolve' | 'decline' | 'reopen';

/** The changes that need a note, asked for first. */
type BulkNoteAction = 'resolve' | 'decline';

const WHAT: Record<BulkAction | 'assign', string> = {
  assign: 'assign the requests',
  start: 'start work on the requests',
  resolve: 'resolve the requests',
  decline: 'decline the requests',
  reopen: 'reopen the requests',
};

/**
 * The toolbar over the queue while staff have requests selected: assign
 * them to a member of the OSPO, or move them along. Each request changes on
 * its own on the server; the result says which could not.
 */
export function BulkActionBar(props: {
  selected: Consultation[];
  currentUserRef?: string;
  onClear: () => void;
  /** With what the server did to each request. */
  onDone: (result: BulkConsultationResult) => void;
}) {
  const { selected, currentUserRef, onClear, onDone } = props;
  const ospoApi = useApi(ospoApiRef);
  const classes = useStyles();
  const menuId = useId();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [noteAction, setNoteAction] = useState<BulkNoteAction>();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<{ what: string; error: Error }>();
  const ids = selected.map(consultation => consultation.id);

  const send = async (
    change: Omit<BulkConsultationRequest, 'ids'>,
    what: string,
  ) => {
    setRunning(true);
    setFailure(undefined);
    try {
      onDone(await ospoApi.bulkUpdateConsultations({ ids, ...change }));
    } catch (e) {
      setFailure({ what, error: e as Error });
    } finally {
      setRunning(false);
    }
  };

  // The note form shows the server's refusal of the whole change itself.
  const sendWithNote = async (note: string | undefined) => {
    if (!noteAction) {
      return;
    }
    const result = await ospoApi.bulkUpdateConsultations({
      ids,
      action: noteAction,
      note,
    });
    setNoteAction(undefined);
    onDone(result);
  };

  const count = selected.length;
  const action = (name: BulkAction, label: string) => (
    <Button
      size="small"
      variant="outlined"
      disabled={running}
      onClick={() =>
        name === 'resolve' || name === 'decline'
          ? setNoteAction(name)
          : send({ action: name }, WHAT[name])
      }
    >
      {label}
    </Button>
  );

  return (
    <Box
      className={classes.bar}
      role="toolbar"
      aria-label="Bulk actions"
      aria-busy={running}
    >
      <Typography
        variant="body2"
        className={classes.count}
        role="status"
        aria-live="polite"
      >
        {count} selected
      </Typography>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        disabled={running}
        endIcon={<ArrowDropDownIcon />}
        aria-haspopup="true"
        aria-controls={menuAnchor ? menuId : undefined}
        onClick={e => setMenuAnchor(e.currentTarget)}
      >
        Assign to…
      </Button>
      <OfficeStaffMenu
        id={menuId}
        anchorEl={menuAnchor}
        onClose={() => setMenuAnchor(null)}
        onPick={ref => send({ assigneeRef: ref ?? null }, WHAT.assign)}
        currentUserRef={currentUserRef}
        allowUnassign
      />
      {action('start', 'Start')}
      {action('resolve', 'Resolve…')}
      {action('decline', 'Decline…')}
      {action('reopen', 'Reopen')}
      {running && <CircularProgress size={20} aria-label="Changing requests" />}
      <span className={classes.spacer} />
      <Button size="small" onClick={onClear} disabled={running}>
        Clear selection
      </Button>
      {failure && (
        <Alert severity="error" className={classes.error}>
          Could not {failure.what}: {serverErrorMessage(failure.error)}
        </Alert>
      )}
      {noteAction && (
        <TransitionNoteDialog
          action={noteAction}
          count={count}
          onCancel={() => setNoteAction(undefined)}
          onConfirm={sendWithNote}
          onReload={() => setNoteAction(undefined)}
        />
      )}
    </Box>
  );
}
