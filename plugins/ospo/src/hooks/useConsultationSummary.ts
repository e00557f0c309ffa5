import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { useSharedRequests } from './sharedRequests';

/** Loads the consultation queue in figures. */
export function useConsultationSummary() {
  const ospoApi = useApi(ospoApiRef);
  const share = useSharedRequests();
  return useAsyncRetry(
    () => share('consultation-summary', () => ospoApi.getConsultationSummary()),
    [ospoApi, share],
  );
}
