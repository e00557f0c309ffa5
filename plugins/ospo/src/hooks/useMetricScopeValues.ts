import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/**
 * Loads one metric's latest value for each Group directly below a scope
 * (`org` for the top-level Groups).
 */
export function useMetricScopeValues(metricId: string, parentRef: string) {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(
    () => ospoApi.getMetricScopeValues({ metricId, parentRef }),
    [ospoApi, metricId, parentRef],
  );
}
