import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  CampaignQuery,
  ospoCampaignManagePermission,
} from '@ospo-kit/plugin-ospo-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';

/** Loads the campaigns matching `query` (all of them by default). */
export function useCampaigns(query: CampaignQuery = {}) {
  const ospoApi = useApi(ospoApiRef);
  const { teamRef, status } = query;
  return useAsyncRetry(
    async () => (await ospoApi.listCampaigns({ teamRef, status })).items,
    [ospoApi, teamRef, status],
  );
}

/** Loads one campaign with its progress, and its burn-up. */
export function useCampaign(id: string) {
  const ospoApi = useApi(ospoApiRef);
  return useAsyncRetry(async () => {
    const [progress, burnup] = await Promise.all([
      ospoApi.getCampaign(id),
      ospoApi.getCampaignBurnup(id),
    ]);
    return { progress, burnup };
  }, [ospoApi, id]);
}

/**
 * Whether the signed-in user runs campaigns. Only decides which actions to
 * offer: the backend checks the same permission on every change.
 */
export function useCampaignManager() {
  return usePermission({ permission: ospoCampaignManagePermission });
}
