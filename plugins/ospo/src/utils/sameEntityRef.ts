import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

function normalize(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind: 'user', defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Whether two refs name the same user, however they are spelled: the
 * catalog compares refs case-insensitively and the backend may not echo
 * the identity's exact spelling.
 */
export function sameEntityRef(a?: string, b?: string): boolean {
  if (!a || !b) {
    return false;
  }
  const left = normalize(a);
  return left !== undefined && left === normalize(b);
}
