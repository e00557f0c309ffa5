import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

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
  private constructor(private readonly permissions: PermissionsService) {}

  static create(options: { permissions: PermissionsService }): OspoAccess {
    return new OspoAccess(options.permissions);
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
