import { UserInfoService } from '@backstage/backend-plugin-api';
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
  createOspoTeamConditionalDecision,
  ospoTeamConditions,
} from '@ospo-kit/plugin-ospo-backend';
import {
  ospoChecklistAnswerUpdatePermission,
  ospoConsultationManagePermission,
  ospoMetricsRefreshPermission,
} from '@ospo-kit/plugin-ospo-common';

/**
 * The recommended policy for OSPO permissions: everyone signed in reads and
 * files consultation requests, members of a team change their own team's
 * answers, OSPO staff change any team's, work the consultation queue and
 * start metric runs.
 * Every other permission is allowed, as in Backstage's allow-all demo
 * policy — compose with your own rules in production.
 */
export class OspoPermissionPolicy implements PermissionPolicy {
  private constructor(
    private readonly userInfo: UserInfoService,
    private readonly staffGroupRef: string,
  ) {}

  static create(options: {
    userInfo: UserInfoService;
    staffGroupRef: string;
  }): OspoPermissionPolicy {
    return new OspoPermissionPolicy(options.userInfo, options.staffGroupRef);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, ospoChecklistAnswerUpdatePermission)) {
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
        user.credentials,
      );
      if (ownershipEntityRefs.includes(this.staffGroupRef)) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createOspoTeamConditionalDecision(
        request.permission,
        ospoTeamConditions.isTeamMember({ claims: ownershipEntityRefs }),
      );
    }
    if (
      isPermission(request.permission, ospoConsultationManagePermission) ||
      isPermission(request.permission, ospoMetricsRefreshPermission)
    ) {
      return (await this.isStaff(user))
        ? { result: AuthorizeResult.ALLOW }
        : { result: AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private async isStaff(user?: PolicyQueryUser): Promise<boolean> {
    if (!user) {
      return false;
    }
    const { ownershipEntityRefs } = await this.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.includes(this.staffGroupRef);
  }
}
