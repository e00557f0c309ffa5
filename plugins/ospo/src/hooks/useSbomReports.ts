import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { ospoApiRef } from '../api';
import { useSharedRequests } from './sharedRequests';

/** How many packages, licenses and vulnerabilities the reports list. */
export const SBOM_REPORT_LIMIT = 20;

/**
 * Loads both SBOM reports of the organisation, the main offenders and the
 * open vulnerabilities, at once: the card tells whether any SBOM was
 * uploaded from either, and shows both counts on its tabs.
 */
export function useSbomReports() {
  const ospoApi = useApi(ospoApiRef);
  const share = useSharedRequests();
  return useAsyncRetry(
    () =>
      share('sbom-reports', async () => {
        const query = { limit: SBOM_REPORT_LIMIT };
        const [offenders, vulnerabilities] = await Promise.all([
          ospoApi.getSbomOffenders(query),
          ospoApi.getSbomVulnerabilities(query),
        ]);
        return { offenders, vulnerabilities };
      }),
    [ospoApi, share],
  );
}
