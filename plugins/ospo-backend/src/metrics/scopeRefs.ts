import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ORG_SCOPE } from '@ospo-kit/plugin-ospo-common';

// `[group:][namespace/]name`, as the spec's scope pattern allows it.
const GROUP_REF = /^(?:[Gg][Rr][Oo][Uu][Pp]:)?(?:([^/:]+)\/)?([^/:]+)$/;

/**
 * A Group's entity ref, normalised, from `[group:][namespace/]name`;
 * undefined when the value is not one.
 *
 * @internal
 */
export function parseGroupRef(value: string): string | undefined {
  const match = GROUP_REF.exec(value);
  return match
    ? stringifyEntityRef({
        kind: 'group',
        namespace: match[1] ?? 'default',
        name: match[2],
      })
    : undefined;
}

/**
 * `org` or a normalised Group ref, from a query parameter the router has
 * checked against the spec's pattern; `fallback` when it is absent or empty.
 *
 * @internal
 */
export function toScopeRef<T extends string | undefined>(
  name: string,
  value: string | undefined,
  fallback: T,
): string | T {
  if (value === undefined || value === '') return fallback;
  if (value === ORG_SCOPE) return ORG_SCOPE;
  const ref = parseGroupRef(value);
  if (!ref) {
    throw new InputError(
      `Invalid query: ${name} must be '${ORG_SCOPE}' or a Group entity ref such as group:default/team-a`,
    );
  }
  return ref;
}
