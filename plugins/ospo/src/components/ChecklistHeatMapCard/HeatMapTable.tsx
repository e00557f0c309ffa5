import { useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { ChecklistMatrix } from '@ospo-kit/plugin-ospo-common';
import { HeatMapDepartmentRow } from './HeatMapDepartmentRow';
import { HeatMapTeamRow } from './HeatMapTeamRow';
import { HeatMapSort } from './heatMapQuery';
import { heatMapRows } from './heatMapRows';
import { useHeatMapStyles } from './useHeatMapStyles';

/** Consecutive columns of one checklist, for the header above them. */
function checklistGroups(matrix: ChecklistMatrix) {
  const titles = new Map(matrix.checklists.map(c => [c.id, c.title]));
  const groups: Array<{ checklistId: string; title: string; span: number }> =
    [];
  for (const column of matrix.columns) {
    const last = groups[groups.length - 1];
    if (last && last.checklistId === column.checklistId) {
      last.span += 1;
    } else {
      groups.push({
        checklistId: column.checklistId,
        title: titles.get(column.checklistId) ?? column.checklistId,
        span: 1,
      });
    }
  }
  return { groups, titles };
}

/**
 * One page of the heat map: teams × checklist items, under the organisation's
 * roll-up and, when sorted by department, grouped along the hierarchy. Plain
 * table elements rather than MUI's, since a page holds a hundred rows of a
 * dozen cells or more.
 */
export function HeatMapTable(props: {
  matrix: ChecklistMatrix;
  /** What the first roll-up row covers, e.g. "Organisation". */
  totalTitle: string;
  sort: HeatMapSort;
  onSortChange: (sort: HeatMapSort) => void;
}) {
  const { matrix, totalTitle, sort, onSortChange } = props;
  const classes = useHeatMapStyles();
  const entityLink = useEntityRefLink();
  const navigate = useNavigate();
  const grouped = sort.sort === 'department';
  const rows = useMemo(() => heatMapRows(matrix, grouped), [matrix, grouped]);
  const { groups, titles } = useMemo(() => checklistGroups(matrix), [matrix]);
  const firstKeys = useMemo(() => {
    const keys = new Set<string>();
    matrix.columns.forEach((column, index) => {
      if (
        index === 0 ||
        matrix.columns[index - 1].checklistId !== column.checklistId
      ) {
        keys.add(column.key);
      }
    });
    return keys;
  }, [matrix.columns]);
  const open = useCallback((href: string) => navigate(href), [navigate]);

  const byCompletion = sort.sort === 'completion';
  const ariaSort = (active: boolean) => {
    if (!active) {
      return undefined;
    }
    return sort.order === 'asc' ? 'ascending' : 'descending';
  };

  return (
    <div className={classes.scroller}>
      <table className={classes.table} aria-label="Checklist progress by team">
        <thead>
          <tr>
            <th
              rowSpan={2}
              scope="col"
              className={classes.nameHeader}
              aria-sort={ariaSort(grouped)}
            >
              <TableSortLabel
                active={grouped}
                direction="asc"
                onClick={() =>
                  onSortChange({ sort: 'department', order: 'asc' })
                }
              >
                Team, by department
              </TableSortLabel>
            </th>
            {groups.map(group => (
              <th
                key={group.checklistId}
                colSpan={group.span}
                scope="colgroup"
                className={classes.checklistHeader}
                title={group.title}
              >
                {group.title}
              </th>
            ))}
            <th
              rowSpan={2}
              scope="col"
              className={classes.completionHeader}
              aria-sort={ariaSort(byCompletion)}
            >
              <TableSortLabel
                active={byCompletion}
                direction={byCompletion ? sort.order : 'asc'}
                onClick={() =>
                  onSortChange({
                    sort: 'completion',
                    order:
                      byCompletion && sort.order === 'asc' ? 'desc' : 'asc',
                  })
                }
              >
                Completion
              </TableSortLabel>
            </th>
          </tr>
          <tr>
            {matrix.columns.map(column => (
              <th
                key={column.key}
                scope="col"
                className={
                  firstKeys.has(column.key)
                    ? `${classes.itemHeader} ${classes.firstOfChecklist}`
                    : classes.itemHeader
                }
                title={`${
                  titles.get(column.checklistId) ?? column.checklistId
                }: ${column.title}`}
              >
                <span>{column.title}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <HeatMapDepartmentRow
            department={{ ...matrix.total, title: totalTitle }}
            depth={0}
            columns={matrix.columns}
            firstKeys={firstKeys}
            total
            classes={classes}
          />
          {rows.map(row =>
            row.kind === 'department' ? (
              <HeatMapDepartmentRow
                key={`d:${row.department.ref}`}
                department={row.department}
                depth={row.depth}
                columns={matrix.columns}
                firstKeys={firstKeys}
                href={entityLink(row.department.ref)}
                classes={classes}
              />
            ) : (
              <HeatMapTeamRow
                key={`t:${row.team.ref}`}
                team={row.team}
                depth={row.depth}
                department={row.department}
                columns={matrix.columns}
                firstKeys={firstKeys}
                href={entityLink(row.team.ref)}
                onOpen={open}
                classes={classes}
              />
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
