import { makeStyles } from '@material-ui/core/styles';
import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';
import { visuallyHidden } from '../../utils/visuallyHidden';
import { cellStatusStyle } from './cellStatusStyle';

/** The width of an item column, in pixels. */
export const CELL_SIZE = 28;

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
  return {
    // A class per status, named as the status for `classes[status]`.
    done: status('done'),
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
    itemHeader: {
      width: CELL_SIZE,
      minWidth: CELL_SIZE,
      verticalAlign: 'bottom',
      fontWeight: 'normal' as const,
      '& > span': {
        display: 'inline-block',
        writingMode: 'vertical-rl' as const,
        transform: 'rotate(180deg)',
        maxHeight: 140,
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        whiteSpace: 'nowrap',
        color: theme.palette.text.secondary,
      },
    },
    firstOfChecklist: {
      borderLeft: `1px solid ${theme.palette.divider}`,
    },
    completionHeader: {
      textAlign: 'left',
      verticalAlign: 'bottom',
      whiteSpace: 'nowrap',
      paddingLeft: `${theme.spacing(2)}px !important`,
    },
    // Its left padding, which indents by depth, is set on each row.
    nameCell: {
      ...stickyCell,
      textAlign: 'left',
      maxWidth: 320,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    },
    secondary: {
      display: 'block',
      color: theme.palette.text.secondary,
      ...theme.typography.caption,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    },
    completionCell: {
      paddingLeft: `${theme.spacing(2)}px !important`,
      whiteSpace: 'nowrap',
    },
    teamRow: {
      cursor: 'pointer',
      '&:hover > td': {
        backgroundColor: theme.palette.action.hover,
      },
      '&:hover > td:first-child': {
        backgroundColor: theme.palette.background.default,
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
      width: CELL_SIZE,
      textAlign: 'center',
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
