import { useCallback, useId, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Divider from '@material-ui/core/Divider';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme, makeStyles } from '@material-ui/core/styles';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  ConsultationTopic,
  ConsultationWithEvents,
} from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../../api';
import { useConsultation } from '../../hooks/useConsultation';
import { useCurrentUserRef } from '../../hooks/useCurrentUserRef';
import { useOspoStaff } from '../../hooks/useOspoStaff';
import { sameEntityRef } from '../../utils/sameEntityRef';
import { ConsultationRatingSection } from '../ConsultationRating';
import { ConsultationStatusChip } from '../ConsultationStatusChip';
import { ActionError } from './ActionError';
import { CommentForm } from './CommentForm';
import { ConsultationActions, QuickAction } from './ConsultationActions';
import { ConsultationFacts } from './ConsultationFacts';
import { ConsultationThread } from './ConsultationThread';
import { NoteAction, TransitionNoteDialog } from './TransitionNoteDialog';

const useStyles = makeStyles(theme => ({
  title: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
  },
  heading: {
    flex: 1,
    minWidth: 0,
    overflowWrap: 'anywhere',
    [theme.breakpoints.down('xs')]: {
      fontSize: theme.typography.h6.fontSize,
      lineHeight: 1.3,
    },
  },
  chip: {
    marginTop: theme.spacing(0.5),
  },
  back: {
    margin: theme.spacing(-0.5, 0, 0, -1.5),
  },
  details: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  resolution: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  section: {
    marginTop: theme.spacing(3),
  },
  footer: {
    padding: theme.spacing(1.5, 3),
    gap: theme.spacing(1),
    [theme.breakpoints.down('xs')]: {
      padding: theme.spacing(1, 2),
      flexWrap: 'wrap',
    },
  },
}));

const QUICK_ACTION_WHAT: Record<QuickAction, string> = {
  assign: 'assign the request',
  unassign: 'unassign the request',
  start: 'start work on the request',
  reopen: 'reopen the request',
};

const RESOLUTION_TITLES = {
  resolved: 'OSPO answer',
  declined: 'Why the OSPO declined',
  withdrawn: 'Why it was withdrawn',
} as const;

/**
 * One consultation request in full, with its thread and what the signed-in
 * user may do with it. Shared by the entity card and the OSPO's queue;
 * rendered only while open, so it loads the request fresh every time. On a
 * phone it takes the whole screen.
 */
export function ConsultationDetailDialog(props: {
  consultationId: string;
  /** The OSPO's topics, to show the request's topic by its title. */
  topics?: ConsultationTopic[];
  onClose: () => void;
  /** Called after every change, so the list behind the dialog can reload. */
  onChanged?: () => void;
}) {
  const { consultationId, topics, onClose, onChanged } = props;
  const ospoApi = useApi(ospoApiRef);
  const classes = useStyles();
  const id = useId();
  const { value, loading, error, retry } = useConsultation(consultationId);
  const currentUserRef = useCurrentUserRef();
  const staff = useOspoStaff();
  const phone = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'), {
    noSsr: true,
  });

  const [pending, setPending] = useState<QuickAction>();
  const [quickError, setQuickError] = useState<{
    action: QuickAction;
    error: Error;
  }>();
  const [noteAction, setNoteAction] = useState<NoteAction>();

  const afterChange = useCallback(() => {
    retry();
    onChanged?.();
  }, [retry, onChanged]);

  const reload = useCallback(() => {
    setQuickError(undefined);
    setNoteAction(undefined);
    // Whoever changed the request also changed what the list shows.
    afterChange();
  }, [afterChange]);

  const runQuickAction = async (action: QuickAction, assigneeRef?: string) => {
    setPending(action);
    setQuickError(undefined);
    try {
      if (action === 'assign') {
        // The server refuses anyone outside the OSPO with a 400 that says so.
        await ospoApi.assignConsultation(consultationId, assigneeRef);
      } else if (action === 'unassign') {
        await ospoApi.assignConsultation(consultationId, undefined);
      } else {
        await ospoApi.transitionConsultation(consultationId, { action });
      }
      afterChange();
    } catch (e) {
      setQuickError({ action, error: e as Error });
    } finally {
      setPending(undefined);
    }
  };

  const confirmNoteAction = useCallback(
    async (note: string | undefined) => {
      if (!noteAction) {
        return;
      }
      await ospoApi.transitionConsultation(consultationId, {
        action: noteAction,
        note,
      });
      setNoteAction(undefined);
      afterChange();
    },
    [ospoApi, consultationId, noteAction, afterChange],
  );

  const isStaff = staff.allowed;
  const isRequester = sameEntityRef(value?.requesterRef, currentUserRef);

  let content;
  if (loading && !value) {
    content = <Progress />;
  } else if (error && !value) {
    content = <ResponseErrorPanel error={error} />;
  } else if (value) {
    content = (
      <ConsultationBody
        consultation={value}
        topics={topics}
        canComment={isStaff || isRequester}
        isRequester={isRequester}
        onCommented={afterChange}
        actionError={
          quickError && (
            <ActionError
              error={quickError.error}
              what={QUICK_ACTION_WHAT[quickError.action]}
              onReload={reload}
            />
          )
        }
      />
    );
  }

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      fullScreen={phone}
      maxWidth="md"
      aria-labelledby={`${id}-title`}
      scroll="paper"
    >
      <DialogTitle disableTypography className={classes.title}>
        {phone && (
          <IconButton
            aria-label="Back"
            className={classes.back}
            onClick={onClose}
          >
            <ArrowBackIcon />
          </IconButton>
        )}
        <Typography
          variant="h5"
          component="h2"
          id={`${id}-title`}
          className={classes.heading}
        >
          {value?.summary ?? 'Consultation request'}
        </Typography>
        {value && (
          <Box className={classes.chip}>
            <ConsultationStatusChip status={value.status} size="medium" />
          </Box>
        )}
      </DialogTitle>
      <DialogContent dividers>{content}</DialogContent>
      <DialogActions className={classes.footer}>
        {value && (
          <ConsultationActions
            consultation={value}
            isStaff={isStaff}
            isRequester={isRequester}
            currentUserRef={currentUserRef}
            busy={pending !== undefined || loading}
            onQuickAction={runQuickAction}
            onAssign={ref => runQuickAction('assign', ref)}
            onNoteAction={setNoteAction}
          />
        )}
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
      {noteAction && value && (
        <TransitionNoteDialog
          action={noteAction}
          summary={value.summary}
          onCancel={() => setNoteAction(undefined)}
          onConfirm={confirmNoteAction}
          onReload={reload}
        />
      )}
    </Dialog>
  );
}

function ConsultationBody(props: {
  consultation: ConsultationWithEvents;
  topics?: ConsultationTopic[];
  canComment: boolean;
  isRequester: boolean;
  /** After a comment or a rating. */
  onCommented: () => void;
  actionError?: JSX.Element;
}) {
  const { consultation, topics, canComment, isRequester, onCommented } = props;
  const { actionError } = props;
  const classes = useStyles();
  const closed =
    consultation.status === 'resolved' ||
    consultation.status === 'declined' ||
    consultation.status === 'withdrawn';

  return (
    <>
      {actionError && <Box mb={2}>{actionError}</Box>}
      <ConsultationFacts consultation={consultation} topics={topics} />
      {consultation.details && (
        <Box className={classes.section}>
          <Typography variant="subtitle2" component="h3" gutterBottom>
            Details
          </Typography>
          <Typography variant="body2" className={classes.details}>
            {consultation.details}
          </Typography>
        </Box>
      )}
      {closed && consultation.resolution && (
        <Box className={classes.section}>
          <Alert
            severity={consultation.status === 'resolved' ? 'success' : 'info'}
          >
            <AlertTitle>
              {
                RESOLUTION_TITLES[
                  consultation.status as keyof typeof RESOLUTION_TITLES
                ]
              }
            </AlertTitle>
            <span className={classes.resolution}>
              {consultation.resolution}
            </span>
          </Alert>
        </Box>
      )}
      <Box className={classes.section}>
        <ConsultationRatingSection
          consultation={consultation}
          isRequester={isRequester}
          onRated={onCommented}
        />
      </Box>
      <Box className={classes.section}>
        <Typography variant="subtitle2" component="h3" gutterBottom>
          Activity
        </Typography>
        <Divider />
        <ConsultationThread events={consultation.events} />
        {canComment ? (
          <CommentForm
            consultationId={consultation.id}
            onCommented={onCommented}
          />
        ) : (
          <Typography variant="body2" color="textSecondary">
            Only the requester and OSPO staff can comment on this request.
          </Typography>
        )}
      </Box>
    </>
  );
}
