import { FocusEvent, KeyboardEvent, MouseEvent } from 'react';
import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';
import { checklistCellStatusLabel } from '../../utils/checklistCellStatusLabel';
import { CELL_GLYPHS } from './cellStatusStyle';
import { useHeatMapStyles } from './useHeatMapStyles';

/**
 * A cell's name for screen readers and on hover: "Checkout: Creation — done".
 */
export function heatMapCellLabel(
  teamTitle: string,
  itemTitle: string,
  status: ChecklistCellStatus,
): string {
  return `${teamTitle}: ${itemTitle} — ${checklistCellStatusLabel(status)}`;
}

/**
 * One team's answer to one item: a coloured square with a glyph, a button
 * that opens the answer in place. Only one cell of the table is in the tab
 * order at a time (`tabbable`); the arrow keys move between them (see
 * {@link HeatMapTable}).
 */
export function HeatMapCell(props: {
  teamTitle: string;
  itemTitle: string;
  status: ChecklistCellStatus;
  /** Whether a checklist starts at this column, which draws a separator. */
  first: boolean;
  /** The position of the cell among the table's team cells. */
  row: number;
  column: number;
  tabbable: boolean;
  onOpen: (column: number, anchor: HTMLElement) => void;
  /** Moving between cells, for the whole table. */
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onFocus: (event: FocusEvent<HTMLButtonElement>) => void;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { teamTitle, itemTitle, status, first, row, column, tabbable } = props;
  const { onOpen, onKeyDown, onFocus, classes } = props;
  const label = heatMapCellLabel(teamTitle, itemTitle, status);
  const open = (event: MouseEvent<HTMLButtonElement>) => {
    // The row opens the team's page; a cell opens its answer instead.
    event.stopPropagation();
    onOpen(column, event.currentTarget);
  };
  return (
    <td
      className={
        first ? `${classes.cell} ${classes.firstOfChecklist}` : classes.cell
      }
    >
      <button
        type="button"
        aria-label={label}
        aria-haspopup="dialog"
        title={label}
        data-status={status}
        data-cell-row={row}
        data-cell-column={column}
        tabIndex={tabbable ? 0 : -1}
        onClick={open}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        className={`${classes.swatch} ${classes.cellButton} ${classes[status]}`}
      >
        <span aria-hidden>{CELL_GLYPHS[status]}</span>
      </button>
    </td>
  );
}
