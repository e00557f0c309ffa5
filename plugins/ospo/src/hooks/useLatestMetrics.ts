import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { latestMetricsKey, useSharedRequests } from './sharedRequests';

/**
 * Loads the latest metrics of a scope (`org` or a Group's ref), again when
 * `version` changes (after a metrics run). On the dashboard, the request is
 * the metric tiles'.
 */
export function useLatestMetrics(scopeRef: string, version: number = 0) {
  const ospoApi = useApi(ospoApiRef);
  const share = useSharedRequests();
  return useAsyncRetry(
    () =>
      share(latestMetricsKey(scopeRef), () =>
        ospoApi.getLatestMetrics({ scopeRef }),
      ),
    [ospoApi, share, scopeRef, version],
  );
}
