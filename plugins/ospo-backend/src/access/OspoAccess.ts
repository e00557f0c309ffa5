import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { OspoTeamResource } from '../permissions/rules';

/** Applies a conditional decision to one team, as the plugin's rules say. */
export type TeamConditionAuthorizer = (
  decision: PolicyDecision,
  team: OspoTeamResource,
) => boolean;

/** A permission to check: basic, or a resource permission with its ref. */
export type OspoPermissionCheck =
  | BasicPermission
  | { permission: ResourcePermission; resourceRef: string };

/**
 * The one place where the plugin asks the permission framework: whether a
 * caller may do something, or a `NotAllowedError` (403) when they may not.
 *
 * @internal
 */
export class OspoAccess {
  private constructor(
    private readonly permissions: PermissionsService,
    private readonly authorizeTeam?: TeamConditionAuthorizer,
  ) {}

  /**
   * With `authorizeTeam`, team permissions asked of many teams at once are
   * decided here from one conditional decision; without it, each team is a
   * request to the permission backend.
   */
  static create(options: {
    permissions: PermissionsService;
    authorizeTeam?: TeamConditionAuthorizer;
  }): OspoAccess {
    return new OspoAccess(options.permissions, options.authorizeTeam);
  }

  /**
   * Whether the policy allows a team permission on any of the teams. Asks
   * for the policy's decision once (conditional, e.g. "teams you are a
   * member of") and applies it to each team with the plugin's own rules,
   * instead of a round trip through the permission backend per team.
   */
  async isAllowedForAnyTeam(
    permission: ResourcePermission,
    teamRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (teamRefs.length === 0) return false;
    const decision = this.authorizeTeam
      ? (
          await this.permissions.authorizeConditional([{ permission }], {
            credentials,
          })
        )[0]
      : undefined;
    if (decision && decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    // Conditions this plugin's rules cannot apply (a policy answering with
    // another resource type's) go to the permission backend, team by team.
    if (
      decision?.resourceType === permission.resourceType &&
      decision.pluginId === 'ospo'
    ) {
      return teamRefs.some(teamRef =>
        this.authorizeTeam!(decision, { teamRef }),
      );
    }
    for (const teamRef of teamRefs) {
      if (
        await this.isAllowed({ permission, resourceRef: teamRef }, credentials)
      ) {
        return true;
      }
    }
    return false;
  }

  /** Whether the policy allows the check for this caller. */
  async isAllowed(
    check: OspoPermissionCheck,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize(
      ['permission' in check ? check : { permission: check }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Throws a `NotAllowedError` with `message` unless the policy allows. */
  async authorize(
    check: OspoPermissionCheck,
    credentials: BackstageCredentials,
    message: string,
  ): Promise<void> {
    if (!(await this.isAllowed(check, credentials))) {
      throw new NotAllowedError(message);
    }
  }
}
