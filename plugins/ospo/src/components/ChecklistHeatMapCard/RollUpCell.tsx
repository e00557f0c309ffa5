import {
  CHECKLIST_CELL_STATUSES,
  ChecklistStatusCounts,
} from '@ospo-kit/plugin-ospo-common';
import { checklistCellStatusLabel } from '../../utils/checklistCellStatusLabel';
import { formatMetricValue } from '../../utils/formatMetricValue';
import { useHeatMapStyles } from './useHeatMapStyles';

/**
 * How a department's teams answered one item, in words: "Engineering ·
 * Creation: 60% done (12 done, 3 in progress, 5 not started)". The share
 * leaves not-applicable answers out, as the completion does.
 */
export function rollUpLabel(
  departmentTitle: string,
  itemTitle: string,
  counts: ChecklistStatusCounts | undefined,
): string {
  const parts: string[] = [];
  let total = 0;
  for (const status of CHECKLIST_CELL_STATUSES) {
    const count = counts?.[status] ?? 0;
    total += count;
    if (count > 0) {
      parts.push(`${count} ${checklistCellStatusLabel(status)}`);
    }
  }
  const prefix = `${departmentTitle} · ${itemTitle}`;
  if (total === 0) {
    return `${prefix}: no teams`;
  }
  const applicable = total - (counts?.['not-applicable'] ?? 0);
  const share =
    applicable > 0
      ? `${formatMetricValue((counts?.done ?? 0) / applicable, 'ratio')} done`
      : 'nothing applies';
  return `${prefix}: ${share} (${parts.join(', ')})`;
}

/**
 * A department's answers to one item as a bar split in proportion to how
 * many of its teams gave each answer, in the legend's order.
 */
export function RollUpCell(props: {
  departmentTitle: string;
  itemTitle: string;
  counts?: ChecklistStatusCounts;
  first: boolean;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { departmentTitle, itemTitle, counts, first, classes } = props;
  const label = rollUpLabel(departmentTitle, itemTitle, counts);
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
        className={classes.rollUp}
      >
        {CHECKLIST_CELL_STATUSES.map(status => {
          const count = counts?.[status] ?? 0;
          return count > 0 ? (
            <span
              key={status}
              data-status={status}
              className={classes[status]}
              style={{ flexGrow: count, flexBasis: 0, border: 'none' }}
            />
          ) : null;
        })}
      </span>
    </td>
  );
}
