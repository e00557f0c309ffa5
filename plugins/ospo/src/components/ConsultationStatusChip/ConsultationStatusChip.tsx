import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import TimelapseIcon from '@material-ui/icons/Timelapse';
import UndoIcon from '@material-ui/icons/Undo';
import { ConsultationStatus } from '@ospo-kit/plugin-ospo-common';
import { consultationStatusLabel } from './consultationStatusLabel';

const useStyles = makeStyles(theme => ({
  open: {
    color: theme.palette.info.dark,
    borderColor: theme.palette.info.main,
    '& svg': { color: 'inherit' },
  },
  inProgress: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.getContrastText(theme.palette.info.main),
    '& svg': { color: 'inherit' },
  },
  resolved: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.getContrastText(theme.palette.success.main),
    '& svg': { color: 'inherit' },
  },
  declined: {
    color: theme.palette.error.dark,
    borderColor: theme.palette.error.main,
    '& svg': { color: 'inherit' },
  },
  withdrawn: {
    color: theme.palette.text.secondary,
  },
}));

const ICONS: Record<ConsultationStatus, JSX.Element> = {
  open: <RadioButtonUncheckedIcon />,
  'in-progress': <TimelapseIcon />,
  resolved: <CheckCircleIcon />,
  declined: <BlockIcon />,
  withdrawn: <UndoIcon />,
};

/**
 * A request's status as a chip. Active requests are filled or outlined in
 * blue, closed ones in their outcome's colour; the icon and label carry the
 * status for those who do not tell colours apart.
 */
export function ConsultationStatusChip(props: {
  status: ConsultationStatus;
  size?: 'small' | 'medium';
}) {
  const { status, size = 'small' } = props;
  const classes = useStyles();
  const className = {
    open: classes.open,
    'in-progress': classes.inProgress,
    resolved: classes.resolved,
    declined: classes.declined,
    withdrawn: classes.withdrawn,
  }[status];
  const filled = status === 'in-progress' || status === 'resolved';
  return (
    <Chip
      size={size}
      icon={ICONS[status]}
      label={consultationStatusLabel(status)}
      variant={filled ? 'default' : 'outlined'}
      className={className}
      data-status={status}
    />
  );
}
