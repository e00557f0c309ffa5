import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  ChecklistDefinition,
  ChecklistMatrix,
  ChecklistMatrixDepartment,
  ChecklistMatrixQuery,
} from '@ospo-kit/plugin-ospo-common';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../../api';
import { HeatMapFilterValues, hasHeatMapFilters } from './heatMapQuery';

/** What the department and checklist filters offer. */
export interface HeatMapOptions {
  departments: ChecklistMatrixDepartment[];
  checklists: ChecklistDefinition[];
}

function optionsOf(matrix: ChecklistMatrix): HeatMapOptions {
  return { departments: matrix.departments, checklists: matrix.checklists };
}

/**
 * The departments and checklists the filters offer. A filtered answer lists
 * only what passes the filters, so the lists of the last unfiltered answer
 * are kept: choosing a department must not hide the others from the select.
 * A page opened filtered (a shared link, a reload) has no unfiltered answer
 * yet, so it asks for one, a single team long, just for the lists.
 */
export function useHeatMapOptions(
  filters: HeatMapFilterValues,
  result: { query: ChecklistMatrixQuery; matrix: ChecklistMatrix } | undefined,
): HeatMapOptions {
  const ospoApi = useApi(ospoApiRef);
  const [unfiltered, setUnfiltered] = useState<HeatMapOptions>();
  useEffect(() => {
    if (result && !hasHeatMapFilters(result.query)) {
      setUnfiltered(optionsOf(result.matrix));
    }
  }, [result]);

  const missing = !unfiltered && hasHeatMapFilters(filters);
  // Without the lists the filters still work, on what the answer lists.
  const { value: fetched } = useAsync(
    async () =>
      missing
        ? optionsOf(await ospoApi.getChecklistMatrix({ limit: 1 }))
        : undefined,
    [ospoApi, missing],
  );

  return (
    unfiltered ??
    fetched ?? {
      departments: result?.matrix.departments ?? [],
      checklists: result?.matrix.checklists ?? [],
    }
  );
}
