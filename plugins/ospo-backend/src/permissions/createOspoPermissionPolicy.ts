import { UserInfoService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  ospoCampaignManagePermission,
  ospoChecklistAnswerUpdatePermission,
  ospoConsultationManagePermission,
  ospoEntityChecksRefreshPermission,
  ospoMetricsRefreshPermission,
  ospoPermissions,
  ospoSbomUploadPermission,
} from '@ospo-kit/plugin-ospo-common';
import { readOfficeGroupRef } from '../consultations/readOfficeConfig';
import {
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from './conditions';

/**
 * Options of {@link createOspoPermissionPolicy}.
 *
 * @public
 */
export interface OspoPermissionPolicyOptions {
  /**
   * The backend's config: `ospo.office.group` names the Group whose members
   * are OSPO staff (`group:default/ospo` when not set).
   */
  config: Config;
  /** Tells the Groups a user belongs to, from their credentials. */
  userInfo: UserInfoService;
  /**
   * Decides every permission that is not one of the OSPO plugin's, such as
   * the catalog's. When left out, they are all allowed, as by Backstage's
   * allow-all policy.
   */
  fallback?: PermissionPolicy;
}

const OSPO_PERMISSION_NAMES = new Set(ospoPermissions.map(p => p.name));
const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The recommended policy for the OSPO plugin's permissions.
 *
 * - Everyone signed in reads checklists, consultations and metrics, and files
 *   consultation requests.
 * - Members of a team change their own team's checklist answers, have
 *   the OSPO checks of what the team owns evaluated again and upload its
 *   SBOMs (conditional decisions the OSPO backend applies per team); OSPO
 *   staff, the members of `ospo.office.group`, do all three for any team.
 * - Only OSPO staff work the consultation queue (`ospo.consultation.manage`),
 *   start metric runs (`ospo.metrics.refresh`) and run campaigns
 *   (`ospo.campaign.manage`).
 *
 * Every other permission goes to `fallback`, which allows it by default: pass
 * your own policy there to keep it for the rest of Backstage.
 *
 * @example
 * ```ts
 * policy.setPolicy(
 *   createOspoPermissionPolicy({ config, userInfo, fallback: new MyPolicy() }),
 * );
 * ```
 *
 * @public
 */
export function createOspoPermissionPolicy(
  options: OspoPermissionPolicyOptions,
): PermissionPolicy {
  const { userInfo, fallback } = options;
  const staffGroupRef = readOfficeGroupRef(options.config);

  const ownershipOf = async (user: PolicyQueryUser) =>
    (await userInfo.getUserInfo(user.credentials)).ownershipEntityRefs;

  return {
    async handle(
      request: PolicyQuery,
      user?: PolicyQueryUser,
    ): Promise<PolicyDecision> {
      const { permission } = request;
      if (!OSPO_PERMISSION_NAMES.has(permission.name)) {
        return fallback ? fallback.handle(request, user) : ALLOW;
      }
      if (
        isPermission(permission, ospoChecklistAnswerUpdatePermission) ||
        isPermission(permission, ospoEntityChecksRefreshPermission) ||
        isPermission(permission, ospoSbomUploadPermission)
      ) {
        if (!user) return DENY;
        const claims = await ownershipOf(user);
        if (claims.includes(staffGroupRef)) return ALLOW;
        return createOspoTeamConditionalDecision(
          permission,
          ospoTeamConditions.isTeamMember({ claims }),
        );
      }
      if (
        isPermission(permission, ospoConsultationManagePermission) ||
        isPermission(permission, ospoMetricsRefreshPermission) ||
        isPermission(permission, ospoCampaignManagePermission)
      ) {
        if (!user) return DENY;
        return (await ownershipOf(user)).includes(staffGroupRef) ? ALLOW : DENY;
      }
      // Reading, and filing consultation requests.
      return ALLOW;
    },
  };
}
