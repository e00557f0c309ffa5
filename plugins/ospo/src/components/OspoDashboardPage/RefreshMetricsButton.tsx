import { usePermission } from '@backstage/plugin-permission-react';
import { ospoMetricsRefreshPermission } from '@ospo-kit/plugin-ospo-common';
import { RefreshMetricsControl } from './RefreshMetricsControl';

/**
 * The staff-only "Refresh metrics" action with the run's progress; nothing
 * for people without the refresh permission. Only decides what to offer: the
 * backend checks the same permission.
 */
export function RefreshMetricsButton(props: {
  onRunFinished: () => void;
  pollIntervalMs?: number;
}) {
  const { allowed } = usePermission({
    permission: ospoMetricsRefreshPermission,
  });
  return allowed ? <RefreshMetricsControl {...props} /> : null;
}
