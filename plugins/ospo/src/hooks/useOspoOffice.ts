import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../api';

/**
 * Loads who the OSPO is, how to reach it and what it helps with.
 */
export function useOspoOffice() {
  const ospoApi = useApi(ospoApiRef);
  return useAsync(() => ospoApi.getOffice(), [ospoApi]);
}
