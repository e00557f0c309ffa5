import { useApi } from '@backstage/core-plugin-api';
import { ConsultationQuery } from '@ospo-kit/plugin-ospo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/**
 * Loads one page of consultation requests; `retry` reloads it after a change.
 * Pass no query to wait, e.g. until the signed-in user is known.
 */
export function useConsultations(query: ConsultationQuery | undefined) {
  const ospoApi = useApi(ospoApiRef);
  // The query is rebuilt on every render; its content decides when to reload.
  const key = query ? JSON.stringify(query) : undefined;
  return useAsyncRetry(
    async () => (query ? ospoApi.listConsultations(query) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ospoApi, key],
  );
}
