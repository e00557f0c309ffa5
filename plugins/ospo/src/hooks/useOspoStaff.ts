import { usePermission } from '@backstage/plugin-permission-react';
import { ospoConsultationManagePermission } from '@ospo-kit/plugin-ospo-common';

/**
 * Whether the signed-in user works the OSPO's queue. Only decides which
 * actions to offer: the backend checks the same permission on every action.
 */
export function useOspoStaff() {
  return usePermission({ permission: ospoConsultationManagePermission });
}
