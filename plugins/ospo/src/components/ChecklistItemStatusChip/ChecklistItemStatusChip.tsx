import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import AutorenewIcon from '@material-ui/icons/Autorenew';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import TimelapseIcon from '@material-ui/icons/Timelapse';
import { ChecklistItemStatus } from '@ospo-kit/plugin-ospo-common';
import { checklistItemStatusLabel } from './checklistItemStatusLabel';

const useStyles = makeStyles(theme => ({
  done: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.getContrastText(theme.palette.success.main),
    '& svg': { color: 'inherit' },
  },
  inProgress: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.getContrastText(theme.palette.info.main),
    '& svg': { color: 'inherit' },
  },
  expired: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.getContrastText(theme.palette.warning.main),
    '& svg': { color: 'inherit' },
  },
  notStarted: {},
  notApplicable: {
    color: theme.palette.text.secondary,
  },
}));

const ICONS: Record<ChecklistItemStatus, JSX.Element> = {
  done: <CheckCircleIcon />,
  'in-progress': <TimelapseIcon />,
  'not-started': <RadioButtonUncheckedIcon />,
  'not-applicable': <BlockIcon />,
};

/**
 * A checklist item's status as a coloured chip. It carries an icon as well as
 * a colour, so the status reads without telling colours apart. A done answer
 * that has `expired` reads "Re-attest", in the warning colour.
 */
export function ChecklistItemStatusChip(props: {
  status: ChecklistItemStatus;
  /** The done answer has expired: it counts as not done until re-attested. */
  expired?: boolean;
  size?: 'small' | 'medium';
}) {
  const { status, expired, size = 'small' } = props;
  const classes = useStyles();
  if (expired && status === 'done') {
    return (
      <Chip
        size={size}
        icon={<AutorenewIcon />}
        label="Re-attest"
        className={classes.expired}
        data-status="expired"
      />
    );
  }
  const className = {
    done: classes.done,
    'in-progress': classes.inProgress,
    'not-started': classes.notStarted,
    'not-applicable': classes.notApplicable,
  }[status];
  return (
    <Chip
      size={size}
      icon={ICONS[status]}
      label={checklistItemStatusLabel(status)}
      variant={status === 'not-applicable' ? 'outlined' : 'default'}
      className={className}
      data-status={status}
    />
  );
}
