import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/**
 * Loads one team's checklists; `retry` reloads them after an answer changed.
 */
export function useTeamChecklists(teamRef: string) {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(
    () => ospoApi.getTeamChecklists(teamRef),
    [ospoApi, teamRef],
  );
}
