import { useApi } from '@backstage/core-plugin-api';
import { ChecklistMatrixQuery } from '@ospo-kit/plugin-ospo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { useSharedRequests } from './sharedRequests';

/**
 * Loads one page of the checklist heat map. The result carries the query it
 * answers, so callers can tell a filtered answer from an unfiltered one; the
 * previous answer stays available while the next page loads.
 */
export function useChecklistMatrix(query: ChecklistMatrixQuery) {
  const ospoApi = useApi(ospoApiRef);
  const share = useSharedRequests();
  // A new object every render must not mean a new request: key on the content.
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () =>
      share(`checklist-matrix ${key}`, async () => {
        const asked: ChecklistMatrixQuery = JSON.parse(key);
        const matrix = await ospoApi.getChecklistMatrix(asked);
        return { query: asked, matrix };
      }),
    [ospoApi, share, key],
  );
}
