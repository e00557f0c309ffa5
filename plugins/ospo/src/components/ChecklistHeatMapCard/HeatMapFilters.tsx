import { useMemo } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import {
  CHECKLIST_CELL_STATUSES,
  ChecklistCellStatus,
} from '@ospo-kit/plugin-ospo-common';
import { capitalize } from '../../utils/capitalize';
import { checklistCellStatusLabel } from '../../utils/checklistCellStatusLabel';
import { LabelledSelect } from '../LabelledSelect';
import { departmentTree } from './departmentTree';
import {
  HeatMapFilterValues,
  HeatMapSort,
  hasHeatMapFilters,
} from './heatMapQuery';
import { HeatMapOptions } from './useHeatMapOptions';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  control: {
    minWidth: 200,
  },
}));

/** The value of a select that means "no filter". */
const ALL = '*';

const SORTS: Array<{ value: string; label: string; sort: HeatMapSort }> = [
  {
    value: 'department',
    label: 'By department',
    sort: { sort: 'department', order: 'asc' },
  },
  {
    value: 'completion-asc',
    label: 'Lowest completion first',
    sort: { sort: 'completion', order: 'asc' },
  },
  {
    value: 'completion-desc',
    label: 'Highest completion first',
    sort: { sort: 'completion', order: 'desc' },
  },
];

function sortValue(sort: HeatMapSort): string {
  return sort.sort === 'department' ? 'department' : `completion-${sort.order}`;
}

/**
 * The filters and the order of the heat map: department (along the
 * hierarchy), checklist, status, and sort.
 */
export function HeatMapFilters(props: {
  value: HeatMapFilterValues;
  options: HeatMapOptions;
  sort: HeatMapSort;
  onChange: (value: HeatMapFilterValues) => void;
  onSortChange: (sort: HeatMapSort) => void;
}) {
  const { value, options, sort, onChange, onSortChange } = props;
  const classes = useStyles();
  const departmentOptions = useMemo(
    () => [
      { value: ALL, label: 'All departments' },
      ...departmentTree(options.departments).map(({ department, depth }) => ({
        value: department.ref,
        label: department.title,
        depth,
      })),
    ],
    [options.departments],
  );
  // A department chosen before the lists were known still shows.
  if (
    value.department &&
    !departmentOptions.some(o => o.value === value.department)
  ) {
    departmentOptions.push({
      value: value.department,
      label: value.department,
    });
  }
  const checklistOptions = [
    { value: ALL, label: 'All checklists' },
    ...options.checklists.map(c => ({ value: c.id, label: c.title })),
  ];
  if (
    value.checklistId &&
    !checklistOptions.some(o => o.value === value.checklistId)
  ) {
    checklistOptions.push({
      value: value.checklistId,
      label: value.checklistId,
    });
  }
  const statusOptions = [
    { value: ALL, label: 'Any answer' },
    ...CHECKLIST_CELL_STATUSES.map(status => ({
      value: status,
      label: capitalize(checklistCellStatusLabel(status)),
    })),
  ];

  const set = (key: keyof HeatMapFilterValues, selected: string) =>
    onChange({ ...value, [key]: selected === ALL ? undefined : selected });

  return (
    <Box className={classes.bar} role="group" aria-label="Filters">
      <LabelledSelect
        label="Department"
        value={value.department ?? ALL}
        options={departmentOptions}
        onChange={selected => set('department', selected)}
        className={classes.control}
      />
      <LabelledSelect
        label="Checklist"
        value={value.checklistId ?? ALL}
        options={checklistOptions}
        onChange={selected => set('checklistId', selected)}
        className={classes.control}
      />
      <LabelledSelect
        label="Teams with an item"
        value={value.status ?? ALL}
        options={statusOptions}
        onChange={selected =>
          onChange({
            ...value,
            status:
              selected === ALL ? undefined : (selected as ChecklistCellStatus),
          })
        }
        className={classes.control}
      />
      <LabelledSelect
        label="Sort"
        value={sortValue(sort)}
        options={SORTS}
        onChange={selected => {
          const chosen = SORTS.find(s => s.value === selected);
          if (chosen) {
            onSortChange(chosen.sort);
          }
        }}
        className={classes.control}
      />
      {hasHeatMapFilters(value) && (
        <Button size="small" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </Box>
  );
}
