import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A person (or a team) by name, linked to their catalog page. The name comes
 * from the catalog's entity presentation, so people see "Olivia Ortiz" rather
 * than `user:default/olivia` where the catalog knows them, with the ref on
 * hover.
 */
export function UserRefLink(props: { userRef: string }) {
  const { userRef } = props;
  try {
    parseEntityRef(userRef, { defaultKind: 'user' });
  } catch {
    // A ref we cannot parse is still worth showing as it is.
    return <>{userRef}</>;
  }
  return <EntityRefLink entityRef={userRef} defaultKind="user" hideIcon />;
}
