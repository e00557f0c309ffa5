import { ChecklistCellStatus } from '@ospo-kit/plugin-ospo-common';
import { checklistCellStatusLabel } from '../../utils/checklistCellStatusLabel';
import { CELL_GLYPHS } from './cellStatusStyle';
import { useHeatMapStyles } from './useHeatMapStyles';

/**
 * One team's answer to one item: a coloured square with a glyph, named
 * "Checkout · Creation: done" for screen readers and on hover.
 */
export function HeatMapCell(props: {
  teamTitle: string;
  itemTitle: string;
  status: ChecklistCellStatus;
  /** Whether a checklist starts at this column, which draws a separator. */
  first: boolean;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { teamTitle, itemTitle, status, first, classes } = props;
  const label = `${teamTitle} · ${itemTitle}: ${checklistCellStatusLabel(
    status,
  )}`;
  return (
    <td
      className={
        first ? `${classes.cell} ${classes.firstOfChecklist}` : classes.cell
      }
    >
      <span
        role="img"
        aria-label={label}
        title={label}
        data-status={status}
        className={`${classes.swatch} ${classes[status]}`}
      >
        {CELL_GLYPHS[status]}
      </span>
    </td>
  );
}
