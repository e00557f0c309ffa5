import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import PriorityHighIcon from '@material-ui/icons/PriorityHigh';
import { ConsultationUrgency } from '@ospo-kit/plugin-ospo-common';
import { consultationUrgencyLabel } from './consultationUrgencyLabel';

const useStyles = makeStyles(theme => ({
  low: {
    color: theme.palette.text.secondary,
  },
  normal: {},
  high: {
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
    '& svg': { color: 'inherit' },
  },
  critical: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.getContrastText(theme.palette.error.main),
    '& svg': { color: 'inherit' },
  },
}));

/**
 * How urgent a request is. Only high and critical stand out, so a queue full
 * of normal requests stays calm to look at.
 */
export function ConsultationUrgencyChip(props: {
  urgency: ConsultationUrgency;
}) {
  const { urgency } = props;
  const classes = useStyles();
  const pressing = urgency === 'high' || urgency === 'critical';
  return (
    <Chip
      size="small"
      variant={urgency === 'critical' ? 'default' : 'outlined'}
      icon={pressing ? <PriorityHighIcon /> : undefined}
      label={consultationUrgencyLabel(urgency)}
      className={classes[urgency]}
      data-urgency={urgency}
    />
  );
}
