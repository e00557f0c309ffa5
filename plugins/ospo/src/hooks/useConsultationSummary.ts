import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/** Loads the consultation queue in figures. */
export function useConsultationSummary() {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(() => ospoApi.getConsultationSummary(), [ospoApi]);
}
