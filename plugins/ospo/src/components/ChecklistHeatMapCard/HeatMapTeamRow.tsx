import { MouseEvent, memo } from 'react';
import { Link } from '@backstage/core-components';
import {
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
  ChecklistMatrixTeam,
} from '@ospo-kit/plugin-ospo-common';
import { CompletionBar } from '../CompletionBar';
import { HeatMapCell } from './HeatMapCell';
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
  onOpen: (href: string) => void;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { team, depth, department, columns, firstKeys, href, onOpen } = props;
  const { classes } = props;
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
        {department && (
          <span className={classes.secondary}>{department.title}</span>
        )}
      </th>
      {columns.map(column => (
        <HeatMapCell
          key={column.key}
          teamTitle={team.title}
          itemTitle={column.title}
          status={team.statuses[column.key] ?? 'unanswered'}
          first={firstKeys.has(column.key)}
          classes={classes}
        />
      ))}
      <td className={classes.completionCell}>
        <CompletionBar completion={team} />
      </td>
    </tr>
  );
}

/**
 * A team's row: its name linking to its Group page, a cell per item and its
 * completion. The whole row opens the team too, for a bigger target.
 */
export const HeatMapTeamRow = memo(TeamRow);
