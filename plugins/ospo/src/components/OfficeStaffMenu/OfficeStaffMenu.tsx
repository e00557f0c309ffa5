import CircularProgress from '@material-ui/core/CircularProgress';
import Divider from '@material-ui/core/Divider';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import { makeStyles } from '@material-ui/core/styles';
import CheckIcon from '@material-ui/icons/Check';
import { OfficeStaffMember } from '@ospo-kit/plugin-ospo-common';
import { useOfficeStaff } from '../../hooks/useOfficeStaff';
import { serverErrorMessage } from '../../utils/errors';
import { sameEntityRef } from '../../utils/sameEntityRef';

const useStyles = makeStyles(theme => ({
  icon: {
    minWidth: theme.spacing(4),
  },
}));

/** The signed-in user first, as the one most often picked; then by name. */
function meFirst(
  members: OfficeStaffMember[],
  currentUserRef?: string,
): OfficeStaffMember[] {
  const me = members.filter(m => sameEntityRef(m.userRef, currentUserRef));
  return [...me, ...members.filter(m => !me.includes(m))];
}

/**
 * A menu of the OSPO's staff, the only people requests can be assigned to,
 * loaded when it opens. The current assignee is ticked; the signed-in user
 * comes first, marked "(me)".
 */
export function OfficeStaffMenu(props: {
  id: string;
  anchorEl: HTMLElement | null;
  onClose: () => void;
  /** With the picked member's ref, or undefined for "Unassign". */
  onPick: (userRef: string | undefined) => void;
  currentAssigneeRef?: string;
  currentUserRef?: string;
  /** Whether to offer "Unassign" at the end. */
  allowUnassign?: boolean;
}) {
  const { id, anchorEl, onClose, onPick } = props;
  const { currentAssigneeRef, currentUserRef, allowUnassign } = props;
  const classes = useStyles();
  const open = Boolean(anchorEl);
  const staff = useOfficeStaff(open);

  const pick = (userRef: string | undefined) => {
    onClose();
    onPick(userRef);
  };

  let items: JSX.Element[];
  if (staff.error) {
    items = [
      <MenuItem key="error" disabled>
        <ListItemText
          primary="Could not load the OSPO staff"
          secondary={serverErrorMessage(staff.error)}
        />
      </MenuItem>,
    ];
  } else if (!staff.value) {
    items = [
      <MenuItem key="loading" disabled>
        <ListItemIcon className={classes.icon}>
          <CircularProgress size={16} />
        </ListItemIcon>
        <ListItemText primary="Loading the OSPO staff…" />
      </MenuItem>,
    ];
  } else if (staff.value.items.length === 0) {
    items = [
      <MenuItem key="none" disabled>
        <ListItemText
          primary="The OSPO has no staff"
          secondary={`No User is a member of ${staff.value.groupRef}`}
        />
      </MenuItem>,
    ];
  } else {
    items = meFirst(staff.value.items, currentUserRef).map(member => {
      const assigned = sameEntityRef(member.userRef, currentAssigneeRef);
      const me = sameEntityRef(member.userRef, currentUserRef);
      return (
        <MenuItem
          key={member.userRef}
          selected={assigned}
          onClick={() => pick(member.userRef)}
        >
          <ListItemIcon className={classes.icon}>
            {assigned ? <CheckIcon fontSize="small" /> : <span />}
          </ListItemIcon>
          <ListItemText
            primary={me ? `${member.displayName} (me)` : member.displayName}
          />
        </MenuItem>
      );
    });
  }
  if (allowUnassign) {
    items.push(
      <Divider key="divider" />,
      <MenuItem key="unassign" onClick={() => pick(undefined)}>
        <ListItemIcon className={classes.icon}>
          <span />
        </ListItemIcon>
        <ListItemText primary="Unassign" />
      </MenuItem>,
    );
  }

  return (
    <Menu
      id={id}
      anchorEl={anchorEl}
      open={open}
      onClose={onClose}
      getContentAnchorEl={null}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      transformOrigin={{ vertical: 'top', horizontal: 'left' }}
      PaperProps={{ style: { maxHeight: 400, minWidth: 240 } }}
    >
      {items}
    </Menu>
  );
}
