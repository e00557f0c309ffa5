import {
  FocusEvent,
  KeyboardEvent,
  useCallback,
  useMemo,
  useState,
} from 'react';
import { useNavigate } from 'react-router-dom';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChecklistMatrix,
  ChecklistMatrixColumn,
  ChecklistMatrixTeam,
} from '@ospo-kit/plugin-ospo-common';
import { CellAnswerPopover, OpenedCell } from './CellAnswerPopover';
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

/** The cell the arrow keys go to from a cell, if they move at all. */
function nextCell(
  key: string,
  at: { row: number; column: number },
  size: { rows: number; columns: number },
): { row: number; column: number } | undefined {
  const { row, column } = at;
  switch (key) {
    case 'ArrowLeft':
      return { row, column: Math.max(0, column - 1) };
    case 'ArrowRight':
      return { row, column: Math.min(size.columns - 1, column + 1) };
    case 'ArrowUp':
      return { row: Math.max(0, row - 1), column };
    case 'ArrowDown':
      return { row: Math.min(size.rows - 1, row + 1), column };
    case 'Home':
      return { row, column: 0 };
    case 'End':
      return { row, column: size.columns - 1 };
    default:
      return undefined;
  }
}

/** The position of a team cell's button, from its data attributes. */
function cellOf(target: EventTarget) {
  const { cellRow, cellColumn } = (target as HTMLElement).dataset ?? {};
  return cellRow === undefined || cellColumn === undefined
    ? undefined
    : { row: Number(cellRow), column: Number(cellColumn) };
}

/**
 * One page of the heat map: teams × checklist items, under the organisation's
 * roll-up and, when sorted by department, grouped along the hierarchy. Plain
 * table elements rather than MUI's, since a page holds a hundred rows of a
 * dozen cells or more.
 *
 * A team's cell opens its answer in a popover. So that a hundred rows of
 * buttons are not a thousand stops of the Tab key, only one cell is in the
 * tab order, and the arrow keys, Home and End move between the cells (a
 * roving tab index). The names and the completion stay in view while the
 * items scroll sideways.
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
  const compact = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));

  const [opened, setOpened] = useState<OpenedCell>();
  const openCell = useCallback(
    (
      team: ChecklistMatrixTeam,
      column: ChecklistMatrixColumn,
      anchor: HTMLElement,
    ) => setOpened({ team, column, anchor }),
    [],
  );
  const closeCell = useCallback(() => setOpened(undefined), []);
  const checklists = useMemo(
    () => new Map(matrix.checklists.map(c => [c.id, c])),
    [matrix.checklists],
  );

  // The one cell in the tab order: the last one focused, kept within the
  // table when the page or the columns change.
  const teamRows = rows.filter(row => row.kind === 'team').length;
  const [focused, setFocused] = useState({ row: 0, column: 0 });
  const tabbable = {
    row: Math.min(focused.row, Math.max(0, teamRows - 1)),
    column: Math.min(focused.column, Math.max(0, matrix.columns.length - 1)),
  };
  const onFocus = useCallback((event: FocusEvent) => {
    const cell = cellOf(event.currentTarget);
    if (cell) {
      setFocused(current =>
        current.row === cell.row && current.column === cell.column
          ? current
          : cell,
      );
    }
  }, []);
  const columnCount = matrix.columns.length;
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const cell = cellOf(event.currentTarget);
      const next =
        cell &&
        nextCell(event.key, cell, { rows: teamRows, columns: columnCount });
      if (!next) {
        return;
      }
      event.preventDefault();
      event.currentTarget
        .closest('tbody')
        ?.querySelector<HTMLElement>(
          `[data-cell-row="${next.row}"][data-cell-column="${next.column}"]`,
        )
        ?.focus();
    },
    [teamRows, columnCount],
  );
  // Team rows in display order, for the cells' positions.
  let teamIndex = -1;

  const byCompletion = sort.sort === 'completion';
  const ariaSort = (active: boolean) => {
    if (!active) {
      return undefined;
    }
    return sort.order === 'asc' ? 'ascending' : 'descending';
  };

  return (
    <div className={classes.scroller}>
      <span id="ospo-heat-map-keys" className={classes.hidden}>
        Each team’s cell opens its answer; the arrow keys move between cells.
      </span>
      <table
        className={classes.table}
        aria-label="Checklist progress by team"
        aria-describedby="ospo-heat-map-keys"
      >
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
                <span className={classes.itemTitle}>{column.title}</span>
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
            compact={compact}
            classes={classes}
          />
          {rows.map(row => {
            if (row.kind === 'team') {
              teamIndex += 1;
            }
            return row.kind === 'department' ? (
              <HeatMapDepartmentRow
                key={`d:${row.department.ref}`}
                department={row.department}
                depth={row.depth}
                columns={matrix.columns}
                firstKeys={firstKeys}
                href={entityLink(row.department.ref)}
                compact={compact}
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
                index={teamIndex}
                tabbableColumn={
                  tabbable.row === teamIndex ? tabbable.column : undefined
                }
                compact={compact}
                onOpen={open}
                onOpenCell={openCell}
                onCellKeyDown={onKeyDown}
                onCellFocus={onFocus}
                classes={classes}
              />
            );
          })}
        </tbody>
      </table>
      {opened && (
        <CellAnswerPopover
          cell={opened}
          checklist={checklists.get(opened.column.checklistId)}
          teamHref={entityLink(opened.team.ref)}
          onClose={closeCell}
        />
      )}
    </div>
  );
}
