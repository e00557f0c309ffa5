import { makeStyles } from '@material-ui/core/styles';
import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';
import { visuallyHidden } from '../../utils/visuallyHidden';
import { cellStatusStyle } from './cellStatusStyle';

/** The size of a cell's square, with its margin, in pixels. */
export const CELL_SIZE = 28;

/** The width of an item column, whose title wraps within it, in pixels. */
export const COLUMN_WIDTH = 84;

/** How far each level of the hierarchy is indented, in pixels. */
export const INDENT = 16;

/**
 * The heat map's styles, made once per table rather than once per cell: a
 * page holds a hundred rows of a dozen cells or more.
 */
export const useHeatMapStyles = makeStyles(theme => {
  const status = (cellStatus: ChecklistCellStatus) => {
    const style = cellStatusStyle(theme, cellStatus);
    return {
      background: style.background,
      color: style.color,
      border: style.border ?? 'none',
    };
  };
  const stickyCell = {
    position: 'sticky' as const,
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
  };
  // The completion stays in view at the right while the items scroll under
  // it, a line marking where they go.
  const stickyEnd = {
    position: 'sticky' as const,
    right: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    boxShadow: `inset 1px 0 0 ${theme.palette.divider}`,
  };
  // A tint over the opaque background of a sticky cell: the cells scrolling
  // under it must not show through.
  const hovered = `linear-gradient(${theme.palette.action.hover}, ${theme.palette.action.hover}), ${theme.palette.background.paper}`;
  return {
    // A class per status, named as the status for `classes[status]`.
    done: status('done'),
    expired: status('expired'),
    'in-progress': status('in-progress'),
    'not-started': status('not-started'),
    'not-applicable': status('not-applicable'),
    unanswered: status('unanswered'),
    scroller: {
      overflowX: 'auto',
      position: 'relative',
    },
    table: {
      borderCollapse: 'separate',
      borderSpacing: 0,
      width: '100%',
      '& th, & td': {
        borderBottom: `1px solid ${theme.palette.divider}`,
        padding: theme.spacing(0.5, 0.25),
        ...theme.typography.body2,
      },
    },
    nameHeader: {
      ...stickyCell,
      zIndex: 2,
      textAlign: 'left',
      verticalAlign: 'bottom',
      minWidth: 240,
      paddingLeft: `${theme.spacing(1)}px !important`,
      // On a phone the items need the room: names wrap instead.
      [theme.breakpoints.down('xs')]: {
        minWidth: 96,
      },
    },
    checklistHeader: {
      textAlign: 'center',
      fontWeight: theme.typography.fontWeightMedium as number,
      borderLeft: `1px solid ${theme.palette.divider}`,
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      maxWidth: 0,
    },
    // Horizontal, wrapped on up to four lines: read without tilting one's
    // head, and the full title on hover.
    itemHeader: {
      width: COLUMN_WIDTH,
      minWidth: COLUMN_WIDTH,
      maxWidth: COLUMN_WIDTH,
      verticalAlign: 'bottom',
      textAlign: 'center',
      fontWeight: 'normal' as const,
    },
    itemTitle: {
      display: '-webkit-box',
      WebkitBoxOrient: 'vertical' as const,
      WebkitLineClamp: 4,
      overflow: 'hidden',
      overflowWrap: 'break-word' as const,
      hyphens: 'auto' as const,
      ...theme.typography.caption,
      lineHeight: 1.25,
      color: theme.palette.text.secondary,
    },
    firstOfChecklist: {
      borderLeft: `1px solid ${theme.palette.divider}`,
    },
    completionHeader: {
      ...stickyEnd,
      zIndex: 2,
      textAlign: 'left',
      verticalAlign: 'bottom',
      whiteSpace: 'nowrap',
      paddingLeft: `${theme.spacing(2)}px !important`,
      paddingRight: `${theme.spacing(1)}px !important`,
      [theme.breakpoints.down('xs')]: {
        paddingLeft: `${theme.spacing(1)}px !important`,
        // On the sort label: the table sets the cells' own font.
        '& > span': {
          ...theme.typography.caption,
          fontWeight: theme.typography.fontWeightMedium as number,
        },
      },
    },
    // Its left padding, which indents by depth, is set on each row.
    nameCell: {
      ...stickyCell,
      textAlign: 'left',
      maxWidth: 320,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      [theme.breakpoints.down('xs')]: {
        maxWidth: 112,
        whiteSpace: 'normal',
        overflowWrap: 'anywhere',
      },
    },
    ownAnswers: {
      color: theme.palette.text.secondary,
    },
    secondary: {
      display: 'block',
      color: theme.palette.text.secondary,
      ...theme.typography.caption,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    completionCell: {
      ...stickyEnd,
      paddingLeft: `${theme.spacing(2)}px !important`,
      paddingRight: `${theme.spacing(1)}px !important`,
      whiteSpace: 'nowrap',
      [theme.breakpoints.down('xs')]: {
        paddingLeft: `${theme.spacing(1)}px !important`,
      },
    },
    teamRow: {
      cursor: 'pointer',
      '&:hover > td': {
        backgroundColor: theme.palette.action.hover,
      },
      '&:hover > th, &:hover > td:last-child': {
        background: hovered,
      },
    },
    departmentRow: {
      '& > th, & > td': {
        backgroundColor: theme.palette.background.default,
      },
    },
    departmentName: {
      fontWeight: theme.typography.fontWeightMedium as number,
    },
    totalRow: {
      '& > th, & > td': {
        backgroundColor: theme.palette.background.default,
        borderBottom: `2px solid ${theme.palette.divider}`,
        fontWeight: theme.typography.fontWeightBold as number,
      },
    },
    cell: {
      width: COLUMN_WIDTH,
      minWidth: COLUMN_WIDTH,
      textAlign: 'center',
    },
    cellButton: {
      padding: 0,
      font: 'inherit',
      fontSize: 12,
      cursor: 'pointer',
      verticalAlign: 'middle',
      '&:hover': {
        boxShadow: `0 0 0 2px ${theme.palette.text.primary}`,
      },
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
        outlineOffset: 2,
      },
    },
    swatch: {
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      width: CELL_SIZE - 6,
      height: CELL_SIZE - 6,
      borderRadius: 3,
      boxSizing: 'border-box',
      fontSize: 12,
      lineHeight: 1,
      userSelect: 'none',
    },
    rollUp: {
      display: 'flex',
      width: CELL_SIZE - 6,
      height: CELL_SIZE - 10,
      margin: '0 auto',
      borderRadius: 3,
      overflow: 'hidden',
      backgroundColor: theme.palette.action.hover,
    },
    hidden: visuallyHidden,
  };
});
