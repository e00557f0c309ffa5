import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../api';

/**
 * Loads the checklist status of the team(s) owning an entity.
 */
export function useEntityChecklistStatus(entityRef: string) {
  const ospoApi = useApi(ospoApiRef);
  return useAsync(
    () => ospoApi.getEntityChecklistStatus(entityRef),
    [ospoApi, entityRef],
  );
}
