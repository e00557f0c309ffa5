import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import AlarmIcon from '@material-ui/icons/Alarm';
import { Consultation } from '@ospo-kit/plugin-ospo-common';
import { formatDateTime } from '../../utils/formatRelativeTime';

const useStyles = makeStyles(theme => ({
  overdue: {
    color: theme.palette.error.dark,
    borderColor: theme.palette.error.main,
    '& svg': { color: 'inherit' },
  },
}));

/**
 * "Overdue": an active request still without the OSPO's first response,
 * past the office's response target. Nothing otherwise.
 */
export function ConsultationOverdueChip(props: {
  consultation: Pick<Consultation, 'overdue' | 'firstResponseDueAt'>;
}) {
  const { consultation } = props;
  const classes = useStyles();
  if (!consultation.overdue) {
    return null;
  }
  return (
    <Tooltip
      title={`A first response was due ${formatDateTime(
        consultation.firstResponseDueAt,
      )}`}
    >
      <Chip
        size="small"
        variant="outlined"
        icon={<AlarmIcon />}
        label="Overdue"
        className={classes.overdue}
        data-overdue
      />
    </Tooltip>
  );
}
