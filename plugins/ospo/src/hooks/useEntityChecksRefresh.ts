import { useCallback, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EntityChecks } from '@ospo-kit/plugin-ospo-common';
import { ospoApiRef } from '../api';

/**
 * Evaluates an entity's checks on request. `checks` holds the latest answer
 * and stays when a later refresh fails (a 429 among them), so the results
 * shown never go back to older ones.
 */
export function useEntityChecksRefresh(entityRef: string) {
  const ospoApi = useApi(ospoApiRef);
  const [checks, setChecks] = useState<EntityChecks>();
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<Error>();

  const refresh = useCallback(async () => {
    setRefreshing(true);
    setError(undefined);
    try {
      setChecks(await ospoApi.refreshEntityChecks(entityRef));
    } catch (e) {
      setError(e as Error);
    } finally {
      setRefreshing(false);
    }
  }, [ospoApi, entityRef]);

  return { checks, refreshing, error, refresh };
}
