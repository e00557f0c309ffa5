import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/**
 * Loads one consultation request with its thread; `retry` reloads it after
 * an action.
 */
export function useConsultation(id: string) {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(() => ospoApi.getConsultation(id), [ospoApi, id]);
}
