import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The entity ref of the signed-in user, e.g. `user:default/lee`; undefined
 * while loading.
 */
export function useCurrentUserRef(): string | undefined {
  const identityApi = useApi(identityApiRef);
  const { value } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  return value;
}
