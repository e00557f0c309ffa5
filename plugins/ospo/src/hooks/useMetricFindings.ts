import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/**
 * Loads the first entities the latest run flagged for one metric, with how
 * many there are in all. `version` reloads them, e.g. after a new run.
 */
export function useMetricFindings(
  metricId: string,
  limit: number,
  version: number = 0,
) {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(
    () => ospoApi.getMetricFindings({ metricId, limit }),
    [ospoApi, metricId, limit, version],
  );
}
