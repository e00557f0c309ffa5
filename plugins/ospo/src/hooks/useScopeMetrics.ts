import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { latestMetricsKey, useSharedRequests } from './sharedRequests';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Loads the latest metrics of a scope (`org` or a Group's ref) and the
 * history of every metric over the last `days` days, in parallel. A new
 * `version` loads them again, e.g. after a metrics run.
 */
export function useScopeMetrics(
  scopeRef: string,
  days: number,
  version: number = 0,
) {
  const ospoApi = useApi(ospoApiRef);
  const share = useSharedRequests();
  return useAsyncRetry(async () => {
    const to = new Date();
    const from = new Date(to.getTime() - days * DAY);
    const [latest, history] = await Promise.all([
      share(latestMetricsKey(scopeRef), () =>
        ospoApi.getLatestMetrics({ scopeRef }),
      ),
      ospoApi.getScopeMetricHistory({
        scopeRef,
        from: from.toISOString(),
        to: to.toISOString(),
      }),
    ]);
    return { latest, history };
  }, [ospoApi, share, scopeRef, days, version]);
}
