import { makeStyles } from '@material-ui/core/styles';

/**
 * A table that reads as a list of cards on a phone: below the `xs`
 * breakpoint its header is hidden, each row becomes a block and each cell a
 * line labelled with its column (the cell's `data-label`). Wider, it is a
 * plain table whose long names wrap.
 */
export const useStackedTableStyles = makeStyles(theme => ({
  table: {
    '& th, & td': {
      overflowWrap: 'anywhere',
      verticalAlign: 'top',
    },
    [theme.breakpoints.down('xs')]: {
      '& thead': {
        display: 'none',
      },
      '& tr': {
        display: 'block',
        padding: theme.spacing(1, 0),
        borderBottom: `1px solid ${theme.palette.divider}`,
      },
      '& tr:last-child': {
        borderBottom: 'none',
      },
      '& th, & td': {
        display: 'flex',
        // Right-aligned cells are reversed rows in MUI: the label leads here.
        flexDirection: 'row',
        justifyContent: 'space-between',
        alignItems: 'baseline',
        gap: theme.spacing(2),
        border: 'none',
        padding: theme.spacing(0.5, 0),
        textAlign: 'right',
      },
      // MUI pads a row's last cell on the right; here it is one line of many.
      '& th:last-child, & td:last-child': {
        paddingRight: 0,
      },
      '& th[data-label], & td[data-label]': {
        '&::before': {
          content: 'attr(data-label)',
          flexShrink: 0,
          textAlign: 'left',
          color: theme.palette.text.secondary,
          ...theme.typography.body2,
        },
      },
      // The row's heading cell (the package, the vulnerability) leads.
      '& th[scope="row"]': {
        justifyContent: 'flex-start',
        textAlign: 'left',
        fontWeight: theme.typography.fontWeightMedium as number,
      },
    },
  },
  number: {
    whiteSpace: 'nowrap',
    fontVariantNumeric: 'tabular-nums',
  },
}));
