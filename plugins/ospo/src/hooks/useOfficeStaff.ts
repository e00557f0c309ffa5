import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ospoApiRef } from '../api';

/**
 * Loads the OSPO's staff, by display name: the only people a request can be
 * assigned to. Pass `false` to wait, e.g. until a menu opens.
 */
export function useOfficeStaff(load: boolean = true) {
  const ospoApi = useApi(ospoApiRef);
  return useAsync(
    async () => (load ? ospoApi.listOfficeStaff() : undefined),
    [ospoApi, load],
  );
}
