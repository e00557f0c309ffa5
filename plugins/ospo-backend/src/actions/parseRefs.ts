import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity ref given to an action, such as `component:default/checkout`;
 * the namespace may be left out (`component:checkout`). A model's mistakes
 * are answered with what a ref looks like, so that it can try again.
 */
export function parseActionEntityRef(
  ref: string,
  field = 'entityRef',
): CompoundEntityRef {
  try {
    return parseEntityRef(ref.trim(), { defaultNamespace: 'default' });
  } catch (error) {
    throw new InputError(
      `Invalid ${field} '${ref}': expected an entity ref of the form kind:namespace/name, e.g. component:default/checkout (${
        (error as Error).message
      })`,
    );
  }
}

/**
 * A team ref given to an action: a Group, with or without its kind
 * (`group:default/team-a`, `team-a`).
 */
export function parseActionTeamRef(ref: string): {
  namespace: string;
  name: string;
} {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref.trim(), {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `Invalid teamRef '${ref}': expected a group ref such as group:default/team-a (${
        (error as Error).message
      })`,
    );
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(
      `Invalid teamRef '${ref}': teams are Groups, e.g. group:default/team-a, not ${stringifyEntityRef(
        parsed,
      )}`,
    );
  }
  return { namespace: parsed.namespace, name: parsed.name };
}
