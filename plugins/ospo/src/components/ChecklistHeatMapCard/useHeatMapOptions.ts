import { useEffect, useState } from 'react';
import {
  ChecklistDefinition,
  ChecklistMatrix,
  ChecklistMatrixDepartment,
  ChecklistMatrixQuery,
} from '@ospo-kit/plugin-ospo-common';
import { hasHeatMapFilters } from './heatMapQuery';

/** What the department and checklist filters offer. */
export interface HeatMapOptions {
  departments: ChecklistMatrixDepartment[];
  checklists: ChecklistDefinition[];
}

/**
 * The departments and checklists the filters offer. A filtered answer lists
 * only what passes the filters, so the lists of the last unfiltered answer
 * are kept: choosing a department must not hide the others from the select.
 */
export function useHeatMapOptions(
  result: { query: ChecklistMatrixQuery; matrix: ChecklistMatrix } | undefined,
): HeatMapOptions {
  const [unfiltered, setUnfiltered] = useState<HeatMapOptions>();
  useEffect(() => {
    if (result && !hasHeatMapFilters(result.query)) {
      setUnfiltered({
        departments: result.matrix.departments,
        checklists: result.matrix.checklists,
      });
    }
  }, [result]);
  if (unfiltered) {
    return unfiltered;
  }
  return {
    departments: result?.matrix.departments ?? [],
    checklists: result?.matrix.checklists ?? [],
  };
}
