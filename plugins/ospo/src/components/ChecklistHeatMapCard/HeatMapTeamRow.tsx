import {
  FocusEvent,
  KeyboardEvent,
  MouseEvent,
  memo,
  useCallback,
} from 'react';
import { Link } from '@backstage/core-components';
import {
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
  ChecklistMatrixTeam,
} from '@ospo-kit/plugin-ospo-common';
import { CompletionBar } from '../CompletionBar';
import { HeatMapCell } from './HeatMapCell';
import { teamRowTitle } from './heatMapRows';
import { INDENT, useHeatMapStyles } from './useHeatMapStyles';

// The link navigates on its own; the row must not navigate a second time.
const stopPropagation = (event: MouseEvent) => event.stopPropagation();

function TeamRow(props: {
  team: ChecklistMatrixTeam;
  depth: number;
  /** Named under the team when the rows are not grouped by department. */
  department?: ChecklistMatrixDepartment;
  columns: ChecklistMatrixColumn[];
  /** Keys of the columns that start a checklist. */
  firstKeys: Set<string>;
  href: string;
  /** The row's position among the team rows, for moving between cells. */
  index: number;
  /** The column of the table's one tabbable cell, when in this row. */
  tabbableColumn?: number;
  /** Only the percentage as completion, on narrow screens. */
  compact: boolean;
  onOpen: (href: string) => void;
  onOpenCell: (
    team: ChecklistMatrixTeam,
    column: ChecklistMatrixColumn,
    anchor: HTMLElement,
  ) => void;
  onCellKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onCellFocus: (event: FocusEvent<HTMLButtonElement>) => void;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { team, depth, department, columns, firstKeys, href, onOpen } = props;
  const { index, tabbableColumn, compact, onOpenCell, classes } = props;
  const { onCellKeyDown, onCellFocus } = props;
  const title = teamRowTitle(team);
  const openCell = useCallback(
    (column: number, anchor: HTMLElement) =>
      onOpenCell(team, columns[column], anchor),
    [onOpenCell, team, columns],
  );
  return (
    <tr className={classes.teamRow} onClick={() => onOpen(href)}>
      <th
        scope="row"
        className={classes.nameCell}
        style={{ paddingLeft: 8 + depth * INDENT }}
      >
        <Link to={href} onClick={stopPropagation}>
          {team.title}
        </Link>
        {team.isDepartment && (
          <span className={classes.ownAnswers}> (own answers)</span>
        )}
        {department && (
          <span className={classes.secondary}>{department.title}</span>
        )}
      </th>
      {columns.map((column, i) => (
        <HeatMapCell
          key={column.key}
          teamTitle={title}
          itemTitle={column.title}
          status={team.statuses[column.key] ?? 'unanswered'}
          first={firstKeys.has(column.key)}
          row={index}
          column={i}
          tabbable={tabbableColumn === i}
          onOpen={openCell}
          onKeyDown={onCellKeyDown}
          onFocus={onCellFocus}
          classes={classes}
        />
      ))}
      <td className={classes.completionCell}>
        <CompletionBar completion={team} compact={compact} />
      </td>
    </tr>
  );
}

/**
 * A team's row: its name linking to its Group page, a cell per item opening
 * its answer, and its completion. The rest of the row opens the team too,
 * for a bigger target. A Group that is a department too is named
 * "<Group> (own answers)": the row holds its answers, not its roll-up's.
 */
export const HeatMapTeamRow = memo(TeamRow);
