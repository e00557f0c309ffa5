import { memo } from 'react';
import { Link } from '@backstage/core-components';
import {
  ChecklistMatrixColumn,
  ChecklistMatrixDepartment,
} from '@ospo-kit/plugin-ospo-common';
import { formatCount } from '../../utils/formatMetricValue';
import { CompletionBar } from '../CompletionBar';
import { RollUpCell } from './RollUpCell';
import { INDENT, useHeatMapStyles } from './useHeatMapStyles';

function DepartmentRow(props: {
  department: ChecklistMatrixDepartment;
  depth: number;
  columns: ChecklistMatrixColumn[];
  firstKeys: Set<string>;
  /** The department's Group page; none for the organisation. */
  href?: string;
  total?: boolean;
  /** Only the percentage as completion, on narrow screens. */
  compact: boolean;
  classes: ReturnType<typeof useHeatMapStyles>;
}) {
  const { department, depth, columns, firstKeys, href, total, compact } = props;
  const { classes } = props;
  const teams = `${formatCount(department.teamCount)} ${
    department.teamCount === 1 ? 'team' : 'teams'
  }`;
  return (
    <tr
      className={total ? classes.totalRow : classes.departmentRow}
      data-testid={total ? 'heat-map-total' : undefined}
    >
      <th
        scope="row"
        className={classes.nameCell}
        style={{ paddingLeft: 8 + depth * INDENT }}
      >
        <span className={classes.departmentName}>
          {href ? <Link to={href}>{department.title}</Link> : department.title}
        </span>
        <span className={classes.secondary}>{teams}</span>
      </th>
      {columns.map(column => (
        <RollUpCell
          key={column.key}
          departmentTitle={department.title}
          itemTitle={column.title}
          counts={department.counts[column.key]}
          first={firstKeys.has(column.key)}
          classes={classes}
        />
      ))}
      <td className={classes.completionCell}>
        <CompletionBar completion={department} compact={compact} />
      </td>
    </tr>
  );
}

/**
 * A department's roll-up row (or, as `total`, the organisation's): every
 * filtered team below it, not only this page's, as proportional bars per
 * item and a completion.
 */
export const HeatMapDepartmentRow = memo(DepartmentRow);
