import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import WarningIcon from '@material-ui/icons/Warning';
import { EntityCheckVerdict } from '@ospo-kit/plugin-ospo-common';
import { checkVerdictLabel } from './checkVerdictLabel';

const useStyles = makeStyles(theme => ({
  fail: { color: theme.palette.error.main },
  warn: { color: theme.palette.warning.main },
  unknown: { color: theme.palette.text.secondary },
  pass: { color: theme.palette.success.main },
}));

const ICONS = {
  fail: CancelIcon,
  warn: WarningIcon,
  unknown: HelpOutlineIcon,
  pass: CheckCircleIcon,
};

/**
 * A check's verdict as a coloured icon, named for assistive technology (and
 * on hover, by the SVG's title). Each verdict has its own shape, so it reads
 * without telling colours apart.
 */
export function CheckVerdictIcon(props: {
  verdict: EntityCheckVerdict;
  fontSize?: 'small' | 'default';
  /** Hidden from assistive technology, where the text next to it says it. */
  decorative?: boolean;
}) {
  const { verdict, fontSize = 'small', decorative } = props;
  const classes = useStyles();
  const Icon = ICONS[verdict];
  const label = checkVerdictLabel(verdict);
  return (
    <Icon
      className={classes[verdict]}
      fontSize={fontSize}
      titleAccess={decorative ? undefined : label}
      aria-hidden={decorative || undefined}
      data-verdict={verdict}
    />
  );
}
